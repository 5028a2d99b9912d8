"""The staff PIN: scrypt hashes, the rules for a new PIN, and the lock that outlives a restart."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

import pytest

from kiosk.staff import (
    LOCK_SECONDS,
    MAX_TRIES,
    Check,
    PinLock,
    StaffAuth,
    hash_pin,
    looks_like_hash,
    pin_problem,
    verify_pin,
)

PIN = "246810"
DISTINCT_PIN = "8642097531"


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def pin_hash() -> str:
    """One real scrypt hash of PIN, made once for the module (each hash takes tens of ms)."""
    return hash_pin(PIN)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def lock_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "staff-lock.json"


def staff_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.staff"]


# Hashing.


def test_hash_then_verify(pin_hash: str) -> None:
    """The right PIN verifies against its hash; a wrong one does not."""
    assert looks_like_hash(pin_hash)
    assert pin_hash.startswith("scrypt$n=16384,r=8,p=1$")
    assert verify_pin(PIN, pin_hash) is True
    assert verify_pin("246811", pin_hash) is False
    assert verify_pin("", pin_hash) is False
    assert verify_pin(PIN + "0", pin_hash) is False


def test_two_hashes_of_one_pin_differ_and_both_verify(pin_hash: str) -> None:
    """Each hash has its own random salt, so two hashes of one PIN differ; both verify."""
    other = hash_pin(PIN)
    assert other != pin_hash
    assert other.split("$")[2] != pin_hash.split("$")[2]
    assert verify_pin(PIN, other)
    assert verify_pin(PIN, pin_hash)


def test_same_salt_gives_the_same_hash() -> None:
    """The hash depends only on the PIN and the salt (so a stored one can be checked again)."""
    salt = bytes(range(16))
    assert hash_pin(PIN, salt) == hash_pin(PIN, salt)
    assert hash_pin(PIN, salt) != hash_pin("246813", salt)


def test_the_stored_hash_does_not_contain_the_pin() -> None:
    """Neither the PIN nor its digits in order appear in what is stored."""
    stored = hash_pin(DISTINCT_PIN)
    assert DISTINCT_PIN not in stored
    assert DISTINCT_PIN[:6] not in stored
    assert DISTINCT_PIN[-6:] not in stored


MALFORMED = [
    "",
    "garbage",
    "scrypt",
    "scrypt$$$",
    "bcrypt${params}${salt}${digest}",
    "SCRYPT${params}${salt}${digest}",
    "{prefix}${params}${salt}",
    "{prefix}${params}${salt}${digest}$extra",
    "{prefix}${params}$abc${digest}",  # salt: base64 without its padding
    "{prefix}${params}${salt}$=AAA",  # digest: padding first
    "{prefix}${params}${salt}$====",  # digest: nothing at all
    "{prefix}${params}$sa!t${digest}",
    "{prefix}$n=1099511627776,r=8,p=1${salt}${digest}",  # n = 2**40
    "{prefix}$n=1000,r=8,p=1${salt}${digest}",  # not a power of two
    "{prefix}$n=0,r=8,p=1${salt}${digest}",
    "{prefix}$n=1,r=8,p=1${salt}${digest}",
    "{prefix}$n=16384,r=0,p=1${salt}${digest}",
    "{prefix}$n=16384,r=8,p=0${salt}${digest}",
    "{prefix}$n=16384,r=999,p=1${salt}${digest}",
    "{prefix}$n=16384,r=8,p=999${salt}${digest}",
    "{prefix}$n=1048576,r=32,p=1${salt}${digest}",  # in range, but 4 GiB of memory
    "{prefix}$n=-16384,r=8,p=1${salt}${digest}",
    "{prefix}$r=8,n=16384,p=1${salt}${digest}",
    " {prefix}${params}${salt}${digest}",
    "{prefix}$ {params}${salt}${digest}",
]


@pytest.mark.parametrize("template", MALFORMED)
def test_verify_is_false_for_malformed_hashes_and_never_raises(
    pin_hash: str, template: str
) -> None:
    """A hash that is not exactly what hash_pin writes never verifies, and never raises."""
    prefix, params, salt, digest = pin_hash.split("$")
    bad = template.format(prefix=prefix, params=params, salt=salt, digest=digest)
    assert verify_pin(PIN, bad) is False
    assert verify_pin("", bad) is False


def test_a_pin_that_cannot_be_encoded_is_simply_wrong(pin_hash: str) -> None:
    """A PIN with a lone surrogate (not encodable) gives False rather than an exception."""
    assert verify_pin("24\udc8010", pin_hash) is False


# The rules for a new PIN.


@pytest.mark.parametrize("pin", ["246810", "2468", "246813579024", "13579", "12345670"])
def test_pin_problem_accepts_good_pins(pin: str) -> None:
    """4 to 12 ASCII digits that are not one repeated digit or a plain run are accepted."""
    assert pin_problem(pin) is None


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("12ab", "the PIN must be digits only"),
        ("abcd", "the PIN must be digits only"),
        ("", "the PIN must be digits only"),
        ("2468 ", "the PIN must be digits only"),
        ("-2468", "the PIN must be digits only"),
        ("١٢٣٤", "the PIN must be digits only"),
        ("２４６８", "the PIN must be digits only"),
        ("258", "the PIN must be 4 to 12 digits long"),
        ("2468135790246", "the PIN must be 4 to 12 digits long"),
        ("0000", "the PIN is too easy to guess"),
        ("1111111", "the PIN is too easy to guess"),
        ("1234", "the PIN is too easy to guess"),
        ("9876", "the PIN is too easy to guess"),
        ("456789", "the PIN is too easy to guess"),
    ],
)
def test_pin_problem_refuses_bad_pins(pin: str, reason: str) -> None:
    """Letters, non-ASCII digits, the wrong length and trivial runs each give their reason."""
    problem = pin_problem(pin)
    assert problem is not None
    assert problem.startswith(reason)
    assert "\n" not in problem


# The lock.


def test_five_failures_lock_the_pad_for_five_minutes(lock_path: Path, clock: Clock) -> None:
    """tries_left counts 5 down to 0; the fifth failure locks for 300 s, which then run down."""
    lock = PinLock(lock_path, clock=clock)
    assert MAX_TRIES == 5
    assert LOCK_SECONDS == 300.0
    seen = [lock.tries_left]
    for _ in range(5):
        assert lock.seconds_left() == 0
        lock.failed()
        seen.append(lock.tries_left)
    assert seen == [5, 4, 3, 2, 1, 0]
    assert lock.seconds_left() == pytest.approx(300.0)
    clock.now += 120
    assert lock.seconds_left() == pytest.approx(180.0)
    assert lock.problem == ""


def test_five_failures_with_the_real_clock(lock_path: Path) -> None:
    """With the real wall clock the lock starts at (very nearly) 300 s."""
    lock = PinLock(lock_path)
    for _ in range(5):
        lock.failed()
    assert 295 < lock.seconds_left() <= 300
    assert lock.tries_left == 0


def test_the_lock_survives_a_restart(lock_path: Path, clock: Clock) -> None:
    """A new PinLock on the same file (the kiosk restarted) is still locked, same end time."""
    first = PinLock(lock_path, clock=clock)
    for _ in range(5):
        first.failed()
    clock.now += 30
    again = PinLock(lock_path, clock=clock)
    assert again.tries_left == 0
    assert again.seconds_left() == pytest.approx(270.0)
    data = json.loads(lock_path.read_text(encoding="utf-8"))
    assert data["failures"] == 5
    assert data["locked_until"] == pytest.approx(clock.now - 30 + 300)
    assert not lock_path.with_name(lock_path.name + ".tmp").exists()


def test_the_failure_count_survives_a_restart(lock_path: Path, clock: Clock) -> None:
    """Three wrong tries, a restart, then two more: locked (a restart gives no fresh tries)."""
    first = PinLock(lock_path, clock=clock)
    for _ in range(3):
        first.failed()
    assert first.seconds_left() == 0
    again = PinLock(lock_path, clock=clock)
    assert again.tries_left == 2
    again.failed()
    assert again.seconds_left() == 0
    again.failed()
    assert again.tries_left == 0
    assert again.seconds_left() == pytest.approx(300.0)


def test_expire_gives_fresh_tries_once_the_lock_has_run_out(lock_path: Path, clock: Clock) -> None:
    """Before the end expire() changes nothing; after it, five fresh tries, kept on disk."""
    lock = PinLock(lock_path, clock=clock)
    for _ in range(5):
        lock.failed()
    clock.now += 299
    lock.expire()
    assert lock.tries_left == 0
    assert lock.seconds_left() == pytest.approx(1.0)
    clock.now += 1.5
    assert lock.seconds_left() == 0
    lock.expire()
    assert lock.tries_left == 5
    assert PinLock(lock_path, clock=clock).tries_left == 5
    lock.failed()
    assert lock.tries_left == 4
    assert lock.seconds_left() == 0


def test_a_clock_set_back_never_shows_more_than_the_lock_time(
    lock_path: Path, clock: Clock
) -> None:
    """With the clock set back an hour, seconds_left stays at most 300, also after a restart."""
    lock = PinLock(lock_path, clock=clock)
    for _ in range(5):
        lock.failed()
    clock.now -= 3600
    assert 0 < lock.seconds_left() <= 300
    again = PinLock(lock_path, clock=clock)
    assert 0 < again.seconds_left() <= 300
    for _ in range(10):
        clock.now += 60
        assert 0 <= lock.seconds_left() <= 300
        assert 0 <= again.seconds_left() <= 300


def test_a_clock_set_back_does_not_make_the_wait_longer(lock_path: Path, clock: Clock) -> None:
    """With the clock set back an hour, the pad opens again within 300 s of the clock's time."""
    lock = PinLock(lock_path, clock=clock)
    for _ in range(5):
        lock.failed()
    clock.now -= 3600
    assert lock.seconds_left() == pytest.approx(300.0)
    clock.now += 301
    assert lock.seconds_left() == 0


@pytest.mark.parametrize(
    "content",
    [
        b"garbage{",
        b"",
        b"null",
        b"[5, 0]",
        b'"locked"',
        b'{"failures": "many", "locked_until": 0}',
        b'{"failures": 0}',
        b'{"locked_until": 0}',
        b'{"failures": 0, "locked_until": [1]}',
        b'{"failures": null, "locked_until": 0}',
        b"\xff\xfe\x00{",
    ],
)
def test_a_corrupt_lock_file_keeps_the_pad_locked(
    lock_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture, content: bytes
) -> None:
    """A lock file that cannot be understood locks the pad (fail safe), with one log line."""
    lock_path.parent.mkdir(parents=True)
    lock_path.write_bytes(content)
    caplog.set_level(logging.WARNING, logger="kiosk.staff")
    lock = PinLock(lock_path, clock=clock)
    assert lock.tries_left == 0
    assert lock.seconds_left() == pytest.approx(300.0)
    records = staff_records(caplog)
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert "unreadable" in records[0].getMessage()
    assert str(lock_path) in records[0].getMessage()
    clock.now += 301
    lock.expire()
    assert lock.tries_left == 5
    assert json.loads(lock_path.read_text(encoding="utf-8")) == {
        "failures": 0,
        "locked_until": 0.0,
    }


def test_a_folder_where_the_lock_file_should_be_keeps_the_lock_in_memory(
    lock_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """A lock 'file' that cannot be read at all (a folder): `problem` says so, one log line,
    and the count and the lock work in memory."""
    lock_path.mkdir(parents=True)
    caplog.set_level(logging.WARNING, logger="kiosk.staff")
    lock = PinLock(lock_path, clock=clock)
    assert lock.problem.startswith(f"cannot read {lock_path}: ")
    assert len(staff_records(caplog)) == 1
    assert lock.tries_left == 5
    for _ in range(5):
        lock.failed()
    assert lock.tries_left == 0
    assert lock.seconds_left() == pytest.approx(300.0)
    assert lock.problem.startswith(f"cannot write {lock_path}: ")
    assert lock_path.is_dir()


def test_an_unwritable_lock_file_sets_problem_and_works_in_memory(
    lock_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """When the lock cannot be saved, `problem` says why (one log line) and it still locks."""
    lock_path.parent.mkdir(parents=True)
    blocker = lock_path.with_name(lock_path.name + ".tmp")
    blocker.mkdir()  # the temporary file cannot be opened for writing, even by root
    caplog.set_level(logging.WARNING, logger="kiosk.staff")
    lock = PinLock(lock_path, clock=clock)
    assert lock.problem == ""
    lock.failed()
    assert lock.problem.startswith(f"cannot write {lock_path}: ")
    assert "\n" not in lock.problem
    assert lock.tries_left == 4
    for _ in range(4):
        lock.failed()
    assert lock.tries_left == 0
    assert lock.seconds_left() == pytest.approx(300.0)
    assert not lock_path.exists()
    cannot_keep = [r for r in staff_records(caplog) if "cannot keep" in r.getMessage()]
    assert len(cannot_keep) == 1
    # Once the file can be written again the problem clears and the lock is kept.
    blocker.rmdir()
    clock.now += 301
    lock.expire()
    assert lock.problem == ""
    assert lock.tries_left == 5
    assert json.loads(lock_path.read_text(encoding="utf-8"))["failures"] == 0


def test_a_lock_folder_under_a_regular_file_works_in_memory(
    tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """With a file where the lock's folder should be (mkdir fails even for root), `problem`
    is set and the count still locks the pad in memory."""
    blocker = tmp_path / "data"
    blocker.write_text("not a folder\n", encoding="utf-8")
    path = blocker / "staff-lock.json"
    caplog.set_level(logging.WARNING, logger="kiosk.staff")
    lock = PinLock(path, clock=clock)
    assert lock.problem.startswith(f"cannot read {path}: ")
    assert lock.tries_left == 5
    for expected in (4, 3, 2, 1):
        lock.failed()
        assert lock.tries_left == expected
        assert lock.seconds_left() == 0
    assert lock.problem.startswith(f"cannot write {path}: ")
    lock.failed()
    assert lock.tries_left == 0
    assert lock.seconds_left() == pytest.approx(300.0)
    clock.now += 301
    lock.expire()
    assert lock.tries_left == 5
    assert lock.problem.startswith(f"cannot write {path}: ")
    assert 1 <= len(staff_records(caplog)) <= 2
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


# Checking a PIN.


def test_no_pin_configured(lock_path: Path, clock: Clock) -> None:
    """Without a hash every try is NO_PIN and nothing is counted."""
    auth = StaffAuth("", PinLock(lock_path, clock=clock))
    assert not auth.configured
    assert auth.check(PIN) is Check.NO_PIN
    assert auth.check("") is Check.NO_PIN
    assert auth.lock.tries_left == 5
    assert not lock_path.exists()


def test_right_pin_is_ok_and_resets_the_count(pin_hash: str, lock_path: Path, clock: Clock) -> None:
    """Wrong tries count down; the right PIN gives OK and starts the count again, on disk too."""
    auth = StaffAuth(pin_hash, PinLock(lock_path, clock=clock))
    assert auth.configured
    assert auth.check("135792") is Check.WRONG
    assert auth.check("135793") is Check.WRONG
    assert auth.lock.tries_left == 3
    assert auth.check(PIN) is Check.OK
    assert auth.lock.tries_left == 5
    assert PinLock(lock_path, clock=clock).tries_left == 5


def test_wrong_four_times_then_locked_on_the_fifth(
    pin_hash: str, lock_path: Path, clock: Clock
) -> None:
    """Four wrong tries are WRONG; the fifth is LOCKED."""
    auth = StaffAuth(pin_hash, PinLock(lock_path, clock=clock))
    answers = [auth.check(f"13579{i}") for i in range(5)]
    assert answers == [Check.WRONG] * 4 + [Check.LOCKED]
    assert auth.lock.seconds_left() == pytest.approx(300.0)


def test_while_locked_even_the_right_pin_is_turned_away(
    pin_hash: str, lock_path: Path, clock: Clock
) -> None:
    """While locked the right PIN gives LOCKED (guessing cannot go on); after the lock it is OK."""
    auth = StaffAuth(pin_hash, PinLock(lock_path, clock=clock))
    for i in range(5):
        auth.check(f"97531{i}")
    assert auth.check(PIN) is Check.LOCKED
    clock.now += 200
    assert auth.check(PIN) is Check.LOCKED
    assert auth.check("000000") is Check.LOCKED
    assert auth.lock.seconds_left() == pytest.approx(100.0)
    # A restart changes nothing.
    restarted = StaffAuth(pin_hash, PinLock(lock_path, clock=clock))
    assert restarted.check(PIN) is Check.LOCKED
    clock.now += 100.5
    assert restarted.check(PIN) is Check.OK
    assert restarted.lock.tries_left == 5


def test_after_the_lock_a_wrong_pin_has_fresh_tries(
    pin_hash: str, lock_path: Path, clock: Clock
) -> None:
    """Once the lock has run out a wrong PIN is WRONG again, with four tries left."""
    auth = StaffAuth(pin_hash, PinLock(lock_path, clock=clock))
    for i in range(5):
        auth.check(f"97531{i}")
    clock.now += 300.5
    assert auth.check("975319") is Check.WRONG
    assert auth.lock.tries_left == 4


def test_the_pin_never_reaches_the_log(
    lock_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    """Over right and wrong tries and a lock, no log record (at DEBUG) holds a PIN tried."""
    caplog.set_level(logging.DEBUG)
    stored = hash_pin(DISTINCT_PIN)
    auth = StaffAuth(stored, PinLock(lock_path, clock=clock))
    wrong = ["8642097530", "8642097532", "1357924680", "8642097", "9999999999"]
    tries = [DISTINCT_PIN, *wrong, DISTINCT_PIN]
    answers = [auth.check(pin) for pin in tries]
    assert answers == [Check.OK, *[Check.WRONG] * 4, Check.LOCKED, Check.LOCKED]
    clock.now += 301
    assert auth.check(DISTINCT_PIN) is Check.OK
    messages = [r.getMessage() for r in caplog.records]
    assert any("staff mode opened" in m for m in messages)
    assert any("wrong staff PIN" in m for m in messages)
    assert any("locked after 5 wrong tries" in m for m in messages)
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + str(record.msg)
        for pin in tries:
            assert pin not in text, record
    for pin in tries:
        assert pin not in caplog.text
        assert pin not in lock_path.read_text(encoding="utf-8")


def test_a_lock_end_that_is_not_a_time_keeps_the_pad_locked(lock_path: Path, clock: Clock) -> None:
    """NaN is valid JSON: a lock file saying it must not let a try through the lock."""
    lock_path.parent.mkdir(parents=True)
    lock_path.write_text('{"failures": 5, "locked_until": NaN}', encoding="utf-8")
    lock = PinLock(lock_path, clock=clock)
    assert lock.seconds_left() > 0
    assert StaffAuth(hash_pin("246810"), lock).check("246810") is Check.LOCKED


def test_a_cut_down_digest_or_salt_never_verifies() -> None:
    """A hash edited down to a few bytes of digest would let many PINs in: it is refused."""
    good = hash_pin("246810")
    prefix, salt, digest = good.rsplit("$", 2)
    short = base64.b64encode(base64.b64decode(digest)[:4]).decode()
    assert not verify_pin("246810", f"{prefix}${salt}${short}")
    assert not verify_pin("246810", good + "\n")
