"""The deployment, run for real: deploy/linux/install.sh on this machine, then the installed
unit's own command started and stopped the way systemd would, under cage's headless back end.

Only as root on a machine with no running systemd (a container, as CI is): install.sh installs
packages, creates the `kiosk` user and writes to /opt and /etc, which no test may do to a
developer's own machine, and under a running systemd it would also set the kiosk to take the
screen over at the next boot. Elsewhere every test here is skipped, saying why. Select them alone
with `pytest -m deploy`.

install.sh runs on a machine that has the old layout (a copy of the project in /opt/clinic-kiosk
with its .venv, and the old unit), from a copy of this checkout in a folder only root can read:
it builds the kiosk's wheel from it, installs it in /opt/clinic-kiosk/venv and removes the old
copy. Then a second time from the same checkout, and a third time with `--wheel` and the wheel
the other tests install (`kiosk_wheel`, built with `python -m build`): those two must find the
same wheel installed (install.sh builds the very same bytes), change nothing (not even a file's
time) and be quick. Bad input (a missing wheel, a file that is no wheel, an unknown option, a
build with no package index) must each stop it with one line and change nothing. Then the unit
is read from where install.sh put it, and this test stands in for systemd, from that file:

- the service's directories (StateDirectory=, CacheDirectory=, LogsDirectory=) made under
  /var/lib, /var/cache and /var/log and given to User=;
- the environment systemd gives the service: the unit's Environment= lines, HOME, USER and the
  rest from the user's entry, the *_DIRECTORY variables, NOTIFY_SOCKET (a datagram socket this
  test reads, with each sender's credentials), WATCHDOG_USEC from WatchdogSec= and WATCHDOG_PID
  (cage, the main process); XDG_RUNTIME_DIR, which logind would make; and cage's headless back
  end in place of tty1 and the seat;
- PrivateTmp=, ProtectSystem= and NoNewPrivileges=, in a mount namespace of the service's own
  (left out, and said so, where the machine allows no mount namespace);
- the stop: the unit's ExecStop= as the user with MAINPID, then KillSignal= to whatever is left,
  all within TimeoutStopSec=.

What is judged: READY=1, then WATCHDOG=1 at half of WatchdogSec= (measured over three intervals);
the kiosk's log line saying its window covers the output; the usage database, speech cache and
log where the unit's Environment= puts them, owned by the user; a clean stop (STOPPING=1, cage's
exit status 0, nothing left running); and `systemd-analyze verify` on the installed unit. Not the
screen's pixels: with cage 0.1.4 on an unrotated headless output, grim shows a client buffer
that covers the whole output as black (cage tries direct scan-out, which the headless output
fails, and sends no frame callbacks after it), so pixels are judged elsewhere, with a rotated
output.
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import hashlib
import itertools
import os
import pwd
import re
import secrets
import shlex
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.logs import LOG_NAME
from kiosk.stats import DB_NAME
from tests.conftest import ROOT
from tests.integration.conftest import build, copy_of_checkout, one_file
from tests.integration.test_deploy import KIOSK, STOP, directives, one, verify

PREFIX = Path("/opt/clinic-kiosk")
VENV = PREFIX / "venv"
STAMP = VENV / ".kiosk-wheel.sha256"
CONFIG_DIR = Path("/etc/clinic-kiosk")
CONFIG = CONFIG_DIR / "config.toml"
UNIT_NAME = "clinic-kiosk.service"
UNIT_FILE = Path("/etc/systemd/system") / UNIT_NAME
PAM_FILE = Path("/etc/pam.d/clinic-kiosk")
ENABLED_LINK = Path("/etc/systemd/system/graphical.target.wants") / UNIT_NAME
DEFAULT_TARGET = Path("/etc/systemd/system/default.target")
LOCK = Path("/run/clinic-kiosk-deploy-test.lock")

# cage with no screen, no seat and no GPU: wlroots' headless back end, drawn in software.
HEADLESS = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1"}
# The line kiosk/ui/fullscreen.py logs once the window covers its screen (cage's headless output).
COVERED = "window covers the screen 'HEADLESS-1' (1280x720+0+0)"
# The PATH systemd gives a service's processes.
SERVICE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin"
# A first install may download PySide6 and Debian packages; a second one only builds the wheel
# again (in its own build environment) and finds it installed.
FIRST_INSTALL_TIMEOUT_S = 600
SECOND_INSTALL_MAX_S = 60.0
WITH_WHEEL_MAX_S = 30.0  # --wheel: nothing to build
# Three watchdog intervals are measured; each within this share of WatchdogSec/2.
WATCHDOG_INTERVALS = 3
WATCHDOG_TOLERANCE = 0.2
LOG_LINE_TIMEOUT_S = 30.0
# The directories systemd makes for a service, and where.
SERVICE_DIRECTORIES = {
    "StateDirectory": Path("/var/lib"),
    "CacheDirectory": Path("/var/cache"),
    "LogsDirectory": Path("/var/log"),
}
# What ProtectSystem= makes read-only (the two levels the test can stand in for).
PROTECTED = {"yes": "/usr /boot /efi", "true": "/usr /boot /efi", "full": "/usr /boot /efi /etc"}
# Run as root before the service's command, in its own mount namespace when there is one:
# PrivateTmp= (a /tmp and /var/tmp of its own), ProtectSystem= (read-only bind mounts), then
# WATCHDOG_PID: every step execs the next, so this shell's pid ends up being cage's, the main
# process, as systemd's WATCHDOG_PID names it.
SANDBOX = r"""
set -eu
tmp=$1 var_tmp=$2 protect=$3
shift 3
if [ -n "$tmp" ]; then
    mount --bind "$tmp" /tmp
    mount --bind "$var_tmp" /var/tmp
fi
for dir in $protect; do
    [ -d "$dir" ] || continue
    mount --rbind "$dir" "$dir"
    mount -o remount,bind,ro "$dir"
done
WATCHDOG_PID=$$
export WATCHDOG_PID
exec "$@"
"""


def why_not_here(what: str = "install.sh") -> str | None:
    """Why this machine may not run `what` (install.sh, or the Ansible playbook) for real, or
    None if it may."""
    if not sys.platform.startswith("linux"):
        return "the Linux deployment runs on Linux only"
    if os.geteuid() != 0:
        return (
            f"needs root: {what} runs for real (packages, the kiosk user, /opt and /etc); "
            "CI runs it as root in a container"
        )
    if Path("/run/systemd/system").is_dir():
        return (
            f"systemd is running here: {what} would set this machine to start the kiosk on "
            "its screen at boot; this test runs only where no systemd runs (a container, as CI)"
        )
    if shutil.which("apt-get") is None:
        return f"{what} needs Debian or Ubuntu (apt-get)"
    return None


WHY_NOT = why_not_here()
pytestmark = [pytest.mark.deploy, pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")]


def seconds(span: str) -> float:
    """A systemd time span ("30s", "1min 30s", "500ms", a bare "30" in seconds) in seconds."""
    units = {"us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", span.strip())
    assert parts, f"not a time span: {span!r}"
    return sum(float(number) * units[unit or "s"] for number, unit in parts)


def boolean(value: str) -> bool:
    """A systemd boolean."""
    return value.strip().lower() in {"1", "yes", "y", "true", "t", "on"}


# --- install.sh, and what it leaves on the machine -----------------------------------------------


Entry = tuple[int, int, int, int, int, str]  # mode, uid, gid, size, mtime (ns), content


def entry(path: Path) -> Entry:
    """One path as `ls -l` plus a content hash would show it (a link's target for a link)."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        content = "-> " + os.readlink(path)
    elif stat.S_ISREG(info.st_mode):
        with path.open("rb") as handle:
            content = hashlib.file_digest(handle, "sha256").hexdigest()
    else:
        content = ""
    return (info.st_mode, info.st_uid, info.st_gid, info.st_size, info.st_mtime_ns, content)


def snapshot(user: str) -> dict[str, object]:
    """Everything install.sh makes: the program (its virtual environment and the stop script),
    the config folder, the unit, the PAM file, the links that enable them, and the user's
    entries."""
    found: dict[str, object] = {}
    for top in (PREFIX, CONFIG_DIR):
        if not top.exists():
            continue
        found[str(top)] = entry(top)
        for folder, dirs, files in os.walk(top):
            for name in dirs + files:
                path = Path(folder) / name
                found[str(path)] = entry(path)
    for single in (UNIT_FILE, PAM_FILE, ENABLED_LINK, DEFAULT_TARGET):
        if os.path.lexists(single):
            found[str(single)] = entry(single)
    with contextlib.suppress(KeyError):
        account = pwd.getpwnam(user)
        found[f"passwd {user}"] = tuple(account)
        found[f"group {user}"] = tuple(grp.getgrgid(account.pw_gid))
        found[f"groups of {user}"] = sorted(
            grp.getgrgid(gid).gr_name for gid in os.getgrouplist(user, account.pw_gid)
        )
    return found


def differences(before: dict[str, object], after: dict[str, object]) -> list[str]:
    """One line per path that appeared, went or changed, naming what changed."""
    names = ("mode", "uid", "gid", "size", "mtime_ns", "content")
    lines = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(names):
            changed = [f"{n} {a} -> {b}" for n, a, b in zip(names, old, new, strict=True) if a != b]
            lines.append(f"{key}: " + ", ".join(changed))
        else:
            lines.append(
                f"{key}: {old if old is not None else 'missing'} -> "
                f"{new if new is not None else 'missing'}"
            )
    return lines


def private_checkout(base: Path) -> Path:
    """A copy of this checkout (as a fresh clone has it) under a folder only root can read."""
    folder = base / "root-only"
    folder.mkdir(mode=0o700)
    folder.chmod(0o700)
    return copy_of_checkout(folder / "clinic-kiosk")


def old_layout(checkout: Path) -> None:
    """This machine as the old installer left it: a copy of the project in /opt/clinic-kiosk
    with its environment in .venv (a stand-in: nothing runs it), the old unit naming it, and
    no config yet (so the new installer makes it from the wheel's default)."""
    shutil.rmtree(PREFIX, ignore_errors=True)
    shutil.copytree(checkout, PREFIX, symlinks=True)
    (PREFIX / ".venv" / "bin").mkdir(parents=True)
    (PREFIX / ".venv" / "bin" / "kiosk").write_text("#!/bin/sh\n", encoding="utf-8")
    unit = (checkout / "deploy/linux" / UNIT_NAME).read_text(encoding="utf-8")
    old = unit.replace(KIOSK, f"{PREFIX}/.venv/bin/kiosk")
    old = old.replace(STOP, f"{PREFIX}/deploy/linux/stop-kiosk.sh")
    assert old != unit
    UNIT_FILE.parent.mkdir(parents=True, exist_ok=True)
    UNIT_FILE.write_text(old, encoding="utf-8")
    CONFIG.unlink(missing_ok=True)


def run_install(
    checkout: Path, *args: str, timeout: float = FIRST_INSTALL_TIMEOUT_S, **env: str
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """deploy/linux/install.sh from `checkout`, started in it: (seconds taken, its result)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_"))}
    started = time.monotonic()
    done = subprocess.run(
        [str(checkout / "deploy" / "linux" / "install.sh"), *args],
        cwd=checkout,
        env={**clean, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return time.monotonic() - started, done


@dataclass
class Installation:
    """Three runs of install.sh: from a checkout over the old layout, again from it, and with
    --wheel and the session's wheel; and the machine before and after each."""

    checkout: Path
    user: str
    wheel: Path
    before: dict[str, object] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    results: list[subprocess.CompletedProcess[str]] = field(default_factory=list)
    after: list[dict[str, object]] = field(default_factory=list)


@pytest.fixture(scope="module", autouse=True)
def _one_at_a_time() -> Iterator[None]:
    """The machine has one /opt/clinic-kiosk and one kiosk log: a second run of these tests
    at the same time (another checkout's suite) waits for this one."""
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory, kiosk_wheel: Path) -> Installation:
    """install.sh run for real over the old layout, from a checkout in a folder other users
    cannot read, then again, then with --wheel and the wheel the other tests install."""
    checkout = private_checkout(tmp_path_factory.mktemp("deploy"))
    user = one(directives((checkout / "deploy/linux" / UNIT_NAME).read_text())["Service"], "User")
    done = Installation(checkout, user, kiosk_wheel)
    old_layout(checkout)
    done.before = snapshot(user)
    for args in ((), (), ("--wheel", str(kiosk_wheel))):
        took, result = run_install(checkout, *args)
        done.seconds.append(took)
        done.results.append(result)
        assert result.returncode == 0, f"install.sh failed:\n{result.stdout}\n{result.stderr}"
        done.after.append(snapshot(user))
    return done


def did_again(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines of a run of install.sh saying it did something."""
    said = [line for line in result.stderr.splitlines() if line.startswith("install:")]
    return [
        line for line in said if re.search(r"copying|creating|installing|removing|restart", line)
    ]


def sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def test_install_sh_installs_the_kiosk_from_a_checkout_only_root_can_read(
    installation: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\ninstall.sh, first run: {installation.seconds[0]:.1f} s")
    account = pwd.getpwnam(installation.user)
    assert account.pw_uid < 1000, "the kiosk user should be a system user"
    assert account.pw_shell in {"/usr/sbin/nologin", "/sbin/nologin", "/bin/false"}
    assert account.pw_dir == "/var/lib/clinic-kiosk"

    assert Path(KIOSK) == VENV / "bin" / "kiosk"
    assert Path(KIOSK).is_file(), installation.results[0].stderr
    stop = Path(STOP)
    assert stop.read_bytes() == (installation.checkout / "deploy/linux/stop-kiosk.sh").read_bytes()
    assert stat.S_IMODE(stop.stat().st_mode) == 0o755
    for path, found in installation.after[0].items():
        if path.startswith(str(PREFIX)):
            assert isinstance(found, tuple)
            mode, uid = found[0], found[1]
            assert uid == 0, f"{path} should belong to root"
            assert stat.S_ISLNK(mode) or not mode & (stat.S_IWGRP | stat.S_IWOTH), (
                f"{path} is writable by others ({stat.filemode(mode)})"
            )
            assert stat.S_ISLNK(mode) or mode & stat.S_IROTH, f"{path} is not readable by all"

    # the kiosk in the environment is the wheel's own copy, not a link to any checkout
    probe = "import kiosk, kiosk.paths as p; print(kiosk.__file__); print(p.SHIPPED_RESOURCES)"
    where = subprocess.run(
        [str(VENV / "bin" / "python"), "-I", "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd="/",
    ).stdout.split()
    site = next(VENV.glob("lib/python3*/site-packages"))
    assert where == [str(site / "kiosk" / "__init__.py"), str(site / "kiosk" / "resources")]

    kiosk_gid = account.pw_gid
    folder, config = CONFIG_DIR.stat(), CONFIG.stat()
    assert (stat.S_IMODE(folder.st_mode), folder.st_uid, folder.st_gid) == (0o750, 0, kiosk_gid)
    assert (stat.S_IMODE(config.st_mode), config.st_uid, config.st_gid) == (0o640, 0, kiosk_gid)
    packaged_default = site / "kiosk" / "resources" / "default-config.toml"
    assert CONFIG.read_bytes() == packaged_default.read_bytes()
    assert CONFIG.read_bytes() == (ROOT / "resources" / "default-config.toml").read_bytes()

    source = installation.checkout / "deploy" / "linux"
    assert UNIT_FILE.read_bytes() == (source / UNIT_NAME).read_bytes()
    assert PAM_FILE.read_bytes() == (source / "clinic-kiosk.pam").read_bytes()
    assert ENABLED_LINK.resolve() == UNIT_FILE, "the unit is not enabled for graphical.target"
    default = subprocess.run(
        ["systemctl", "get-default"], capture_output=True, text=True, timeout=30, check=False
    )
    assert default.stdout.strip() == "graphical.target", default.stdout + default.stderr


def test_install_sh_replaces_the_old_layout(installation: Installation) -> None:
    assert str(PREFIX / ".venv" / "bin" / "kiosk") in installation.before, "no old layout"
    assert sorted(path.name for path in PREFIX.iterdir()) == ["libexec", "venv"]
    assert not (PREFIX / ".venv").exists()
    assert not [line for line in installation.results[0].stderr.splitlines() if "error" in line]
    assert "removing the old installation" in installation.results[0].stderr
    assert f"{PREFIX}/.venv" not in UNIT_FILE.read_text(encoding="utf-8")


def test_install_sh_builds_the_wheel_python_m_build_builds(installation: Installation) -> None:
    # install.sh's own build of the checkout (pip wheel, in a temporary folder) and the
    # session's `python -m build --wheel` of it are the same bytes: the stamp of the first run
    # is the session wheel's sha256, and the --wheel run finds it installed.
    assert STAMP.read_text(encoding="utf-8").strip() == sha256(installation.wheel)
    assert "already has this wheel" in installation.results[2].stderr


def test_install_sh_a_second_time_changes_nothing_and_is_quick(
    installation: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\ninstall.sh, second run: {installation.seconds[1]:.1f} s")
    changed = differences(installation.after[0], installation.after[1])
    assert not changed, f"{len(changed)} paths changed, e.g.:\n" + "\n".join(changed[:20])
    assert not did_again(installation.results[1]), installation.results[1].stderr
    assert "already has this wheel" in installation.results[1].stderr
    assert installation.seconds[1] < SECOND_INSTALL_MAX_S, installation.results[1].stderr
    leftovers = list(Path("/tmp").glob("clinic-kiosk-install.*"))
    assert not leftovers, f"install.sh left its temporary folders: {leftovers}"
    assert not (installation.checkout / "build").exists(), "the build wrote into the checkout"


def test_install_sh_with_the_same_wheel_changes_nothing(
    installation: Installation, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\ninstall.sh --wheel, same wheel: {installation.seconds[2]:.1f} s")
    changed = differences(installation.after[1], installation.after[2])
    assert not changed, f"{len(changed)} paths changed, e.g.:\n" + "\n".join(changed[:20])
    assert not did_again(installation.results[2]), installation.results[2].stderr
    assert installation.seconds[2] < WITH_WHEEL_MAX_S, installation.results[2].stderr


def test_install_sh_stops_on_bad_input_with_one_line_and_changes_nothing(
    installation: Installation, tmp_path: Path
) -> None:
    not_a_zip = tmp_path / installation.wheel.name
    not_a_zip.write_text("not a wheel", encoding="utf-8")
    no_index = tmp_path / "no-index"
    no_index.mkdir()
    offline = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(no_index)}
    cases = [
        (("--wheel", str(tmp_path / "missing" / installation.wheel.name)), {}, "no such wheel"),
        (("--wheel", str(tmp_path)), {}, "not a readable file"),
        (("--wheel", str(ROOT / "README.md")), {}, "not a kiosk wheel"),
        (("--wheel", str(not_a_zip)), {}, "not a kiosk wheel"),
        (("--wheel",), {}, "--wheel needs a file"),
        (("--whee1", "x"), {}, "unknown argument"),
        ((), offline, "could not build the wheel"),
    ]
    for args, env, said in cases:
        _took, result = run_install(installation.checkout, *args, timeout=300, **env)
        errors = [line for line in result.stderr.splitlines() if said in line]
        assert result.returncode == 1, f"{args}: exit {result.returncode}\n{result.stderr}"
        assert len(errors) == 1, f"{args}: expected one line saying {said!r}:\n{result.stderr}"
        assert result.stderr.splitlines()[-1] == errors[0], result.stderr
        assert errors[0].startswith("install: "), errors[0]
        if not env:
            assert len(result.stderr.splitlines()) == 1, f"{args}:\n{result.stderr}"
    changed = differences(installation.after[2], snapshot(installation.user))
    assert not changed, f"{len(changed)} paths changed, e.g.:\n" + "\n".join(changed[:20])


def test_installed_unit_passes_systemd_analyze_verify(installation: Installation) -> None:
    assert installation.results
    passed, output = verify(UNIT_FILE)
    assert passed, f"systemd-analyze verify found problems in the installed unit:\n{output}"


def test_install_sh_upgrades_to_another_wheel_in_place_and_back(
    installation: Installation, tmp_path: Path
) -> None:
    # Another wheel (one more file in its resources) goes into the same environment, and back:
    # the environment is not made again, and the way back leaves exactly the files of before.
    variant = copy_of_checkout(tmp_path / "variant")
    probe = Path("icons") / "upgrade-probe.svg"
    shutil.copy(variant / "resources" / "icons" / "home.svg", variant / "resources" / probe)
    build(variant, tmp_path / "dist", "--wheel")
    other = one_file(tmp_path / "dist", "kiosk-*.whl")
    assert sha256(other) != sha256(installation.wheel)
    site = next(VENV.glob("lib/python3*/site-packages"))
    environment = (VENV / "pyvenv.cfg").stat().st_mtime_ns

    for wheel, has_probe in ((other, True), (installation.wheel, False)):
        _took, result = run_install(installation.checkout, "--wheel", str(wheel))
        assert result.returncode == 0, result.stderr
        assert f"installing {wheel.name} into {VENV}" in result.stderr, result.stderr
        assert STAMP.read_text(encoding="utf-8").strip() == sha256(wheel)
        assert (site / "kiosk" / "resources" / probe).is_file() == has_probe
        assert (VENV / "pyvenv.cfg").stat().st_mtime_ns == environment, "the venv was made again"

    before, now = installation.after[2], snapshot(installation.user)
    assert sorted(now) == sorted(before), differences(before, now)[:20]

    def but_time(found: object) -> object:  # a path's entry less its mtime
        return found[:4] + found[5:] if isinstance(found, tuple) and len(found) == 6 else found

    # pip's record of where the wheel was installed from (direct_url.json, and RECORD's line
    # for it) names the file it was given: install.sh's own build at first, now the session's.
    differ = [
        key
        for key in now
        if but_time(before[key]) != but_time(now[key])
        and not re.search(r"/kiosk-[^/]+\.dist-info/(direct_url\.json|RECORD)$", key)
    ]
    assert not differ, f"differ after going back: {differences(before, now)[:20]}"


# --- the installed unit, run as systemd would ----------------------------------------------------


@dataclass
class Message:
    """One sd_notify datagram: when it came, what it said, and who sent it."""

    at: float
    lines: list[str]
    pid: int
    uid: int


class NotifyListener:
    """The service manager's end of sd_notify: a datagram socket read by a thread, which also
    takes each sender's pid and uid from the kernel (SO_PASSCRED), as systemd does."""

    CREDENTIALS = struct.Struct("3i")  # struct ucred: pid, uid, gid

    def __init__(self, path: Path, owner: pwd.struct_passwd) -> None:
        self.messages: list[Message] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self._sock.settimeout(0.1)
        self._sock.bind(str(path))
        os.chown(path, owner.pw_uid, owner.pw_gid)
        self._thread = threading.Thread(target=self._read, name="notify-listener", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._done.is_set():
            try:
                data, ancillary, _flags, _address = self._sock.recvmsg(
                    4096, socket.CMSG_SPACE(self.CREDENTIALS.size)
                )
            except TimeoutError:
                continue
            except OSError:
                return
            pid = uid = -1
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid, uid, _gid = self.CREDENTIALS.unpack(payload[: self.CREDENTIALS.size])
            message = Message(
                time.monotonic(), data.decode(errors="replace").splitlines(), pid, uid
            )
            with self._lock:
                self.messages.append(message)

    def saying(self, line: str) -> list[Message]:
        """Every message so far with this line (READY=1, WATCHDOG=1, ...)."""
        with self._lock:
            return [message for message in self.messages if line in message.lines]

    def close(self) -> None:
        """Stop reading and close the socket."""
        self._done.set()
        self._thread.join(timeout=5)
        self._sock.close()


@dataclass
class Proc:
    """One process, from /proc."""

    pid: int
    ppid: int
    session: int
    state: str
    argv: list[str]


def processes() -> dict[int, Proc]:
    """Every process on the machine now."""
    found = {}
    for entry_ in Path("/proc").iterdir():
        if not entry_.name.isdigit():
            continue
        try:
            raw = (entry_ / "stat").read_text()
            argv = (entry_ / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile
        fields = raw[raw.rindex(")") + 2 :].split()
        pid = int(entry_.name)
        found[pid] = Proc(
            pid,
            int(fields[1]),
            int(fields[3]),
            fields[0],
            [arg.decode(errors="replace") for arg in argv if arg],
        )
    return found


def unit_processes(session: int) -> list[Proc]:
    """The service's processes still running (all share the session it was started in, as
    they would share its cgroup), zombies left out."""
    return [p for p in processes().values() if p.session == session and p.state != "Z"]


def proc_status(pid: int) -> dict[str, str]:
    """/proc/PID/status as a dict."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {key: value.strip() for key, _, value in (line.partition(":") for line in lines)}


def open_files(pid: int) -> set[str]:
    """Where a process's open file descriptors lead."""
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            found.add(os.readlink(fd))
    return found


def mounts(pid: int) -> dict[str, tuple[str, str]]:
    """A process's view of the mounts: mount point -> (the folder mounted there, its options),
    the topmost mount for each point."""
    found = {}
    for line in Path(f"/proc/{pid}/mountinfo").read_text().splitlines():
        fields = line.split()
        found[fields[4]] = (fields[3], fields[5])
    return found


def owners(folder: Path) -> dict[str, int]:
    """The owner's uid of every path under a folder, the folder included."""
    found = {str(folder): folder.lstat().st_uid}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent) / name
            with contextlib.suppress(OSError):
                found[str(path)] = path.lstat().st_uid
    return found


def make_service_directories(service: dict[str, list[str]], user: pwd.struct_passwd) -> None:
    """StateDirectory= and the like as systemd makes them at start: mode 0755, owned by the
    service's user and group, and everything in them handed to that user too."""
    for key, base in SERVICE_DIRECTORIES.items():
        for name in " ".join(service.get(key, [])).split():
            folder = base / name
            folder.mkdir(mode=0o755, parents=True, exist_ok=True)
            for path in owners(folder):
                os.lchown(path, user.pw_uid, user.pw_gid)


@dataclass
class Run:
    """What was seen while the installed unit ran and stopped."""

    service: dict[str, list[str]]
    env: dict[str, str]
    user: pwd.struct_passwd
    sandboxed: bool
    main_pid: int = 0
    started: float = 0.0
    messages: list[Message] = field(default_factory=list)
    kiosk_pid: int = 0
    kiosk_status: dict[str, str] = field(default_factory=dict)
    kiosk_files: set[str] = field(default_factory=set)
    kiosk_mounts: dict[str, tuple[str, str]] = field(default_factory=dict)
    unit_pids: set[int] = field(default_factory=set)
    log_text: str = ""
    owners: dict[str, int] = field(default_factory=dict)
    stop_began: float = 0.0
    main_exited: float = 0.0
    all_gone: float = 0.0
    kill_signal_sent: bool = False
    timed_out: bool = False
    exit_status: int | None = None
    left_running: list[Proc] = field(default_factory=list)
    output: str = ""

    def first(self, line: str) -> Message | None:
        """The first message with this line."""
        return next((m for m in self.messages if line in m.lines), None)


def service_env(
    service: dict[str, list[str]], user: pwd.struct_passwd, notify: Path, runtime: Path
) -> dict[str, str]:
    """The environment systemd (with logind's part from PAMName=) gives the service."""
    env = {
        "PATH": SERVICE_PATH,
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LOGNAME": user.pw_name,
        "SHELL": user.pw_shell,
        "INVOCATION_ID": secrets.token_hex(16),
        "NOTIFY_SOCKET": str(notify),
        "XDG_RUNTIME_DIR": str(runtime),
        **HEADLESS,
    }
    if "WatchdogSec" in service:
        env["WATCHDOG_USEC"] = str(round(seconds(one(service, "WatchdogSec")) * 1_000_000))
    for key, base in SERVICE_DIRECTORIES.items():
        names = " ".join(service.get(key, [])).split()
        if names:
            variable = key.upper().removesuffix("DIRECTORY") + "_DIRECTORY"
            env[variable] = ":".join(str(base / name) for name in names)
    for value in service.get("Environment", []):
        for pair in shlex.split(value):
            name, _, setting = pair.partition("=")
            env[name] = setting
    return env


def command_line(value: str) -> list[str]:
    """An Exec*= line as a command (only the "-" prefix, which ignores failure, is expected)."""
    value = value.removeprefix("-")
    assert value[:1] not in set("@:+!"), f"the test does not stand in for the prefix of {value}"
    command = shlex.split(value)
    assert command, value
    assert command[0].startswith("/"), value
    return command


def as_user(user: pwd.struct_passwd, no_new_privileges: bool) -> list[str]:
    """setpriv's part: the service's user, its group and supplementary groups, as systemd
    sets them for User=."""
    command = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups"]
    return [*command, "--no-new-privs"] if no_new_privileges else command


def mount_namespace_works() -> bool:
    """Whether this machine lets root make a mount namespace (containers may not)."""
    probe = ["unshare", "--mount", "--propagation", "private", "--"]
    probe += ["mount", "--bind", "/tmp", "/tmp"]
    return subprocess.run(probe, capture_output=True, timeout=30, check=False).returncode == 0


def wait_until(
    what: Callable[[], object], timeout: float, still: Callable[[], bool] = lambda: True
) -> object:
    """Poll until `what` gives something true, the time is up, or `still` turns false."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and still():
        found = what()
        if found:
            return found
        time.sleep(0.05)
    return what()


def read_log(path: Path, offset: int) -> str:
    """The log written since `offset` (from the start if the file was rotated meanwhile)."""
    if not path.exists():
        return ""
    data = path.read_bytes()
    return data[offset:].decode(errors="replace") if len(data) >= offset else data.decode()


def run_the_unit(observed: Run, base: Path, pings: int = WATCHDOG_INTERVALS + 1) -> None:
    """Start the unit's ExecStart= as systemd would, watch it until it has sent `pings`
    WATCHDOG=1 (one each WatchdogSec/2), then stop it as systemd would."""
    service, user, env = observed.service, observed.user, observed.env
    private_tmp = boolean(service.get("PrivateTmp", ["no"])[-1]) and observed.sandboxed
    protect = service.get("ProtectSystem", ["no"])[-1].lower()
    assert protect in {"no", "false", *PROTECTED}, f"ProtectSystem={protect} is not stood in for"
    protect_dirs = PROTECTED.get(protect, "") if observed.sandboxed else ""
    tmp, var_tmp = base / "tmp", base / "var-tmp"
    for folder in (tmp, var_tmp):
        folder.mkdir()
        folder.chmod(0o1777)

    prelude = ["sh", "-c", SANDBOX, "sandbox"]
    prelude += [str(tmp) if private_tmp else "", str(var_tmp), protect_dirs]
    if observed.sandboxed:
        prelude = ["unshare", "--mount", "--propagation", "private", "--", *prelude]
    no_new_privileges = boolean(service.get("NoNewPrivileges", ["no"])[-1])
    user_part = as_user(user, no_new_privileges)
    main = command_line(one(service, "ExecStart"))
    kiosk_program = main[main.index("--") + 1]

    log_file = Path(env["KIOSK_LOG_DIR"]) / LOG_NAME
    offset = log_file.stat().st_size if log_file.exists() else 0
    listener = NotifyListener(base / "notify" / "socket", user)
    output = (base / "output.txt").open("w+b")
    cage = subprocess.Popen(
        [*prelude, *user_part, "--", *main],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own session: every process of the "unit" is found by it
    )
    observed.main_pid, observed.started = cage.pid, time.monotonic()

    def running() -> bool:
        return cage.poll() is None

    try:
        start_timeout = seconds(service.get("TimeoutStartSec", ["90s"])[-1])
        wait_until(lambda: listener.saying("READY=1"), start_timeout, running)

        def kiosk() -> Proc | None:
            return next(
                (
                    p
                    for p in processes().values()
                    if p.ppid == cage.pid and kiosk_program in p.argv[:2]
                ),
                None,
            )

        found = wait_until(kiosk, 10, running)
        if isinstance(found, Proc):
            observed.kiosk_pid = found.pid
            with contextlib.suppress(OSError):
                observed.kiosk_status = proc_status(found.pid)
                observed.kiosk_mounts = mounts(found.pid)

        wait_until(lambda: COVERED in read_log(log_file, offset), LOG_LINE_TIMEOUT_S, running)
        if "WATCHDOG_USEC" in env:
            half = int(env["WATCHDOG_USEC"]) / 2e6
            wait_until(
                lambda: len(listener.saying("WATCHDOG=1")) >= pings,
                half * pings + 10,
                running,
            )
        if observed.kiosk_pid:
            with contextlib.suppress(OSError):
                observed.kiosk_files = open_files(observed.kiosk_pid)
        for key in ("KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_LOG_DIR"):
            observed.owners.update(owners(Path(env[key])))
        observed.unit_pids = {p.pid for p in unit_processes(cage.pid)}

        stop(observed, cage, user_part)
    finally:
        for proc in unit_processes(cage.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(cage.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            cage.wait(timeout=10)
        wait_until(lambda: not unit_processes(cage.pid), 10)
        time.sleep(0.2)  # the last datagrams
        listener.close()
        observed.messages = list(listener.messages)
        observed.log_text = read_log(log_file, offset)
        output.seek(0)
        observed.output = output.read().decode(errors="replace")
        output.close()


def stop(observed: Run, cage: subprocess.Popen[bytes], user_part: list[str]) -> None:
    """`systemctl stop` as systemd does it: each ExecStop= as the service's user, with MAINPID,
    then KillSignal= to every process still there (KillMode=control-group), then SIGKILL once
    TimeoutStopSec= is up."""
    service = observed.service
    kill_mode = service.get("KillMode", ["control-group"])[-1]
    assert kill_mode == "control-group", f"KillMode={kill_mode} is not stood in for"
    timeout = seconds(service.get("TimeoutStopSec", ["90s"])[-1])
    observed.stop_began = time.monotonic()
    deadline = observed.stop_began + timeout

    def note_main_exit() -> None:
        if not observed.main_exited and cage.poll() is not None:
            observed.main_exited = time.monotonic()

    for value in service.get("ExecStop", []):
        if cage.poll() is not None:
            break
        stopper = subprocess.Popen(
            [*user_part, "--", *command_line(value)],
            env={**observed.env, "MAINPID": str(cage.pid)},
            stdin=subprocess.DEVNULL,
        )
        while stopper.poll() is None and time.monotonic() < deadline:
            note_main_exit()
            time.sleep(0.01)
        if stopper.poll() is None:
            stopper.kill()
            stopper.wait()
    note_main_exit()
    if unit_processes(cage.pid):
        kill_signal = getattr(signal, service.get("KillSignal", ["SIGTERM"])[-1])
        observed.kill_signal_sent = True
        os.killpg(cage.pid, kill_signal)
    while unit_processes(cage.pid) and time.monotonic() < deadline:
        note_main_exit()
        time.sleep(0.01)
    note_main_exit()
    if unit_processes(cage.pid):
        observed.timed_out = True
        os.killpg(cage.pid, signal.SIGKILL)
        cage.wait(timeout=10)
        note_main_exit()
    observed.all_gone = time.monotonic()
    observed.exit_status = cage.wait(timeout=10)
    observed.left_running = unit_processes(cage.pid)


@pytest.fixture(scope="module")
def run(installation: Installation) -> Run:
    """The installed unit started, watched for three watchdog intervals, and stopped."""
    assert installation.results, "install.sh did not run; nothing to run"
    service = directives(UNIT_FILE.read_text(encoding="utf-8"))["Service"]
    user = pwd.getpwnam(one(service, "User"))
    make_service_directories(service, user)
    base = Path(tempfile.mkdtemp(prefix="clinic-kiosk-run-", dir="/run"))
    try:
        base.chmod(0o755)
        runtime, notify = base / "runtime", base / "notify"
        for folder in (runtime, notify):  # logind's /run/user/UID, and the socket's folder
            folder.mkdir(mode=0o700)
            os.chown(folder, user.pw_uid, user.pw_gid)
        env = service_env(service, user, notify / "socket", runtime)
        observed = Run(service, env, user, sandboxed=mount_namespace_works())
        run_the_unit(observed, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return observed


def test_unit_says_ready_from_the_kiosk_running_as_its_user(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    ready = run.first("READY=1")
    assert ready is not None, f"no READY=1; cage and the kiosk printed:\n{run.output[-3000:]}"
    with capsys.disabled():
        sandbox = "" if run.sandboxed else " (no mount namespace here: PrivateTmp= left out)"
        print(f"\nfrom start to READY=1: {ready.at - run.started:.2f} s{sandbox}")
    assert ready.uid == run.user.pw_uid
    assert ready.pid in run.unit_pids, "READY=1 came from outside the unit"
    if ready.pid != run.main_pid:  # the kiosk, cage's child: systemd takes it only with "all"
        assert one(run.service, "NotifyAccess") == "all"
    assert ready.pid == run.kiosk_pid, "READY=1 should come from the kiosk itself"
    status = run.kiosk_status
    assert status, f"the kiosk process was not found under cage:\n{run.output[-3000:]}"
    uid = str(run.user.pw_uid)
    assert status["Uid"].split() == [uid] * 4, status["Uid"]
    assert status["Gid"].split() == [str(run.user.pw_gid)] * 4, status["Gid"]
    if boolean(run.service.get("NoNewPrivileges", ["no"])[-1]):
        assert status["NoNewPrivs"] == "1"


def test_kiosk_runs_with_the_units_private_tmp_and_read_only_system(run: Run) -> None:
    if not run.sandboxed:
        pytest.skip("this machine allows no mount namespace: PrivateTmp= and the like left out")
    seen = run.kiosk_mounts
    assert seen, "the kiosk process was not found under cage"
    if boolean(run.service.get("PrivateTmp", ["no"])[-1]):
        assert "/tmp" in seen, "no /tmp of the service's own"
        assert "clinic-kiosk-run-" in seen["/tmp"][0], seen["/tmp"]
    protect = run.service.get("ProtectSystem", ["no"])[-1].lower()
    for folder in PROTECTED.get(protect, "").split():
        if Path(folder).is_dir():
            assert "ro" in seen[folder][1].split(","), f"{folder} is not read-only: {seen[folder]}"


def test_watchdog_pings_at_half_of_watchdog_sec(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    ready = run.first("READY=1")
    assert ready is not None
    half = seconds(one(run.service, "WatchdogSec")) / 2
    pings = [m for m in run.messages if "WATCHDOG=1" in m.lines and m.at < run.stop_began]
    assert all(m.uid == run.user.pw_uid and m.pid == run.kiosk_pid for m in pings)
    assert len(pings) > WATCHDOG_INTERVALS, f"{len(pings)} pings: {run.output[-2000:]}"
    assert pings[0].at - ready.at < 1.0, "the first ping should follow READY=1 at once"
    intervals = [later.at - earlier.at for earlier, later in itertools.pairwise(pings)]
    with capsys.disabled():
        shown = ", ".join(f"{interval:.2f}" for interval in intervals)
        print(f"\nWATCHDOG=1 intervals: {shown} s (WatchdogSec/2 = {half:g} s)")
    for interval in intervals:
        assert abs(interval - half) <= WATCHDOG_TOLERANCE * half, intervals


def test_window_covers_the_headless_output(run: Run) -> None:
    assert COVERED in run.log_text, f"the kiosk's log said:\n{run.log_text[-3000:]}"
    complaints = [
        line for line in run.log_text.splitlines() if re.search(r" (WARNING|ERROR|CRITICAL) ", line)
    ]
    assert not complaints, "the kiosk logged problems:\n" + "\n".join(complaints)


def test_usage_counts_speech_cache_and_log_are_where_the_unit_says_owned_by_its_user(
    run: Run,
) -> None:
    env = run.env
    database = Path(env["KIOSK_DATA_DIR"]) / DB_NAME
    log = Path(env["KIOSK_LOG_DIR"]) / LOG_NAME
    speech = Path(env["KIOSK_CACHE_DIR"]) / "speech"
    for path in (database, log, speech):
        assert str(path) in run.owners, f"{path} was not there while the kiosk ran"
    assert str(database) in run.kiosk_files, "the kiosk does not have its usage database open"
    assert str(log) in run.kiosk_files, "the kiosk does not have its log open"
    assert Path(speech).is_dir()
    others = {path: uid for path, uid in run.owners.items() if uid != run.user.pw_uid}
    assert not others, f"not owned by {run.user.pw_name}: {others}"


def test_stop_is_clean_and_within_timeout_stop_sec(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    stopping = run.first("STOPPING=1")
    with capsys.disabled():
        to_stopping = f"{stopping.at - run.stop_began:.2f} s" if stopping else "never"
        print(
            f"\nstop: STOPPING=1 after {to_stopping}, cage exited after "
            f"{run.main_exited - run.stop_began:.2f} s, everything gone after "
            f"{run.all_gone - run.stop_began:.2f} s"
            + (" (KillSignal sent to what was left)" if run.kill_signal_sent else "")
        )
    assert stopping is not None, f"no STOPPING=1; the kiosk printed:\n{run.output[-3000:]}"
    assert stopping.pid == run.kiosk_pid
    assert not run.timed_out, f"still running after TimeoutStopSec:\n{run.output[-3000:]}"
    assert run.all_gone - run.stop_began < seconds(one(run.service, "TimeoutStopSec"))
    assert run.exit_status == 0, f"cage exited with {run.exit_status}:\n{run.output[-3000:]}"
    assert not run.left_running, f"still running after the stop: {run.left_running}"
