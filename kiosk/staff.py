"""The staff PIN: stored only as a salted scrypt hash; five wrong tries lock the pad for five
minutes, and the lock is kept in a file so that restarting the kiosk does not lift it.

A service: no Qt at all. The PIN itself is never logged, stored or kept after it is checked.
"""

from __future__ import annotations

import base64
import binascii
import enum
import itertools
import json
import logging
import math
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("kiosk.staff")

PIN_MIN, PIN_MAX = 4, 12
MAX_TRIES = 5
LOCK_SECONDS = 300.0
LOCK_FILE = "staff-lock.json"

# scrypt at n=2**14, r=8 takes 16 MiB and some tens of milliseconds: slow enough to make a stolen
# config file costly to attack, quick enough for one check at the pad.
_N, _R, _P = 2**14, 8, 1
_B64 = r"([A-Za-z0-9+/=]+)"
_HASH = re.compile(rf"scrypt\$n=([0-9]+),r=([0-9]+),p=([0-9]+)\${_B64}\${_B64}")


def looks_like_hash(text: str) -> bool:
    """True if `text` has the form `hash_pin` writes (used to check the config)."""
    return _HASH.fullmatch(text) is not None


def pin_problem(pin: str) -> str | None:
    """Why a new PIN is not acceptable, or None. A PIN is 4 to 12 digits, not a trivial run."""
    if not pin.isascii() or not pin.isdigit():
        return "the PIN must be digits only"
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        return f"the PIN must be {PIN_MIN} to {PIN_MAX} digits long"
    steps = {int(b) - int(a) for a, b in itertools.pairwise(pin)}
    if steps in ({0}, {1}, {-1}):
        return "the PIN is too easy to guess (one digit repeated, or counting up or down)"
    return None


def _scrypt(pin: str, salt: bytes, **cost: int) -> bytes:
    """`hashlib.scrypt` of the PIN. hashlib (and hmac and secrets, which import it) are
    imported only where a PIN is set or checked: hashlib loads OpenSSL's library, and the
    settings' check of a PIN hash's form would otherwise cost every start of the kiosk 6-7 ms
    before its first frame."""
    import hashlib  # noqa: PLC0415

    return hashlib.scrypt(pin.encode(), salt=salt, **cost)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The salted hash to keep in the config instead of the PIN."""
    import secrets  # noqa: PLC0415 - see _scrypt

    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(pin, salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt$n={_N},r={_R},p={_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if `pin` is the one `stored` was made from (constant-time comparison)."""
    match = _HASH.fullmatch(stored)
    if match is None:
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        return False
    try:
        salt = base64.b64decode(match.group(4), validate=True)
        expected = base64.b64decode(match.group(5), validate=True)
        if len(expected) < 16 or len(salt) < 8:
            return False  # a cut-down digest would let many PINs through
        digest = _scrypt(pin, salt, n=n, r=r, p=p, dklen=len(expected), maxmem=2**27)
    except (binascii.Error, ValueError):
        return False
    import hmac  # noqa: PLC0415 - see _scrypt

    return hmac.compare_digest(digest, expected)


class Check(enum.Enum):
    """The answer to one try at the PIN pad."""

    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no-pin"


class PinLock:
    """Counts wrong tries and holds the lock, in a small file that outlives a restart.

    The lock end is wall-clock time (a restart loses any monotonic clock), so a clock set
    backwards could stretch it: the wait is never allowed to exceed `lock_seconds`.
    """

    def __init__(
        self,
        path: Path,
        *,
        max_tries: int = MAX_TRIES,
        lock_seconds: float = LOCK_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = path
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self._clock = clock
        self.failures = 0
        self.locked_until = 0.0
        self.problem = ""  # why the lock cannot be kept on disk (it still works in memory)
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.failures = max(0, min(self.max_tries, int(data["failures"])))
            self.locked_until = float(data["locked_until"])
            if not math.isfinite(self.locked_until):
                raise ValueError("the lock end is not a time")
        except FileNotFoundError:
            return
        except OSError as exc:
            # The folder cannot be read (a broken disk): staff must still get in to see why.
            # The lock then lives in memory only, which a patient cannot reset either.
            self.problem = f"cannot read {self.path}: {exc.strerror}"
            log.warning("staff lock file unreadable (%s); keeping the lock in memory", exc.strerror)
        except (ValueError, KeyError, TypeError) as exc:
            # An unreadable lock file must not be a way round the lock: treat it as locked.
            log.warning("staff lock file %s unreadable (%s); the pad stays locked", self.path, exc)
            self.failures = self.max_tries
            self.locked_until = self._clock() + self.lock_seconds

    def _save(self) -> None:
        data = {"failures": self.failures, "locked_until": self.locked_until}
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(data, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
            self.problem = ""
        except OSError as exc:
            if not self.problem:
                log.warning("cannot keep the staff lock in %s: %s", self.path, exc.strerror)
            self.problem = f"cannot write {self.path}: {exc.strerror}"

    def seconds_left(self) -> float:
        """Seconds until the pad takes tries again (0 when it is open)."""
        now = self._clock()
        left = self.locked_until - now
        if left <= 0:
            return 0.0
        if left > self.lock_seconds:  # the clock went back: the lock ends a full wait from now
            self.locked_until = now + self.lock_seconds
            self._save()
            left = self.lock_seconds
        return left

    @property
    def tries_left(self) -> int:
        """Wrong tries still allowed before the lock."""
        return max(0, self.max_tries - self.failures)

    def expire(self) -> None:
        """A lock that has run out gives a fresh set of tries."""
        if self.locked_until and self.seconds_left() == 0:
            self.failures = 0
            self.locked_until = 0.0
            self._save()

    def failed(self) -> None:
        """One wrong try; the last allowed one starts the lock."""
        self.expire()
        self.failures += 1
        if self.failures >= self.max_tries:
            self.locked_until = self._clock() + self.lock_seconds
            log.warning("staff PIN pad locked after %d wrong tries", self.failures)
        self._save()

    def succeeded(self) -> None:
        """The right PIN: the count starts again."""
        if self.failures or self.locked_until:
            self.failures = 0
            self.locked_until = 0.0
            self._save()


class StaffAuth:
    """Checks a PIN against the configured hash, under the lock."""

    def __init__(self, pin_hash: str, lock: PinLock) -> None:
        self.pin_hash = pin_hash
        self.lock = lock

    @property
    def configured(self) -> bool:
        """True if a staff PIN has been set."""
        return bool(self.pin_hash)

    def check(self, pin: str) -> Check:
        """Try a PIN; a lock turns every try away without looking at it."""
        return self.refused() or self.settle(verify_pin(pin, self.pin_hash))

    def refused(self) -> Check | None:
        """Before a PIN is looked at: NO_PIN or LOCKED if none can be tried now, else None
        (then `verify_pin`, which may run in another thread, and `settle` with its answer)."""
        if not self.configured:
            return Check.NO_PIN
        if self.lock.seconds_left() > 0:
            return Check.LOCKED
        self.lock.expire()
        return None

    def settle(self, right: bool) -> Check:
        """What a try comes to, once `verify_pin` has answered: a wrong one counts towards
        the lock."""
        if right:
            self.lock.succeeded()
            log.info("staff mode opened")
            return Check.OK
        self.lock.failed()
        log.info("wrong staff PIN (%d tries left)", self.lock.tries_left)
        return Check.LOCKED if self.lock.seconds_left() > 0 else Check.WRONG
