"""Telling systemd the kiosk is alive: sd_notify datagrams to a real unix socket."""

from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.watchdog import Watchdog, notify, watchdog_interval_ms


class Listener:
    """A bound AF_UNIX datagram socket standing in for systemd's notify socket."""

    def __init__(self, sock: socket.socket, address: str) -> None:
        self.sock = sock
        self.address = address  # as NOTIFY_SOCKET names it
        self.got: list[str] = []

    def drain(self) -> list[str]:
        """Every datagram waiting now (never blocks); also kept in `got`."""
        new = []
        while True:
            try:
                new.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                break
        self.got += new
        return new

    def count(self, message: str) -> int:
        """How many datagrams so far were exactly `message`."""
        self.drain()
        return self.got.count(message)


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path: AF_UNIX socket paths must fit in about 107 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="kw-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def listener(short_dir: Path) -> Iterator[Listener]:
    path = str(short_dir / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind(path)
        sock.setblocking(False)
        yield Listener(sock, path)
    finally:
        sock.close()


@pytest.fixture
def abstract_listener() -> Iterator[Listener]:
    name = f"kiosk-test-{os.getpid()}-{uuid.uuid4().hex[:12]}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind("\0" + name)
        sock.setblocking(False)
        yield Listener(sock, "@" + name)
    finally:
        sock.close()


def watchdog_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.watchdog"]


# notify()


def test_notify_delivers_exactly_the_message(listener: Listener) -> None:
    """READY=1 arrives as one datagram holding exactly READY=1."""
    assert notify("READY=1", {"NOTIFY_SOCKET": listener.address}) is True
    assert listener.drain() == ["READY=1"]
    assert notify("STATUS=two\nlines", {"NOTIFY_SOCKET": listener.address}) is True
    assert listener.drain() == ["STATUS=two\nlines"]


def test_notify_reads_notify_socket_from_the_environment(
    listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without an env argument the process environment is used."""
    monkeypatch.setenv("NOTIFY_SOCKET", listener.address)
    assert notify("WATCHDOG=1") is True
    assert listener.drain() == ["WATCHDOG=1"]


def test_notify_to_an_abstract_socket(abstract_listener: Listener) -> None:
    """A NOTIFY_SOCKET starting with @ names a socket in the abstract namespace."""
    assert abstract_listener.address.startswith("@")
    assert notify("READY=1", {"NOTIFY_SOCKET": abstract_listener.address}) is True
    assert abstract_listener.drain() == ["READY=1"]


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"NOTIFY_SOCKET": ""},
        {"NOTIFY_SOCKET": "notify"},  # relative: not an address systemd gives
        {"WATCHDOG_USEC": "100000"},
    ],
)
def test_without_a_notify_socket_nothing_is_sent(
    listener: Listener, caplog: pytest.LogCaptureFixture, env: dict[str, str]
) -> None:
    """No usable NOTIFY_SOCKET: False, nothing sent, nothing logged."""
    caplog.set_level(logging.DEBUG, logger="kiosk.watchdog")
    assert notify("READY=1", env) is False
    assert listener.drain() == []
    assert watchdog_records(caplog) == []


def test_outside_systemd_notify_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """With NOTIFY_SOCKET unset in the process environment, notify() is False."""
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False


def test_a_socket_nobody_listens_on_is_false_with_a_log_line(
    short_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A socket file whose listener has gone, or no file at all: False, no exception, a log line."""
    gone = str(short_dir / "gone")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(gone)
    sock.close()  # the file stays, nobody is behind it
    caplog.set_level(logging.WARNING, logger="kiosk.watchdog")
    assert notify("READY=1", {"NOTIFY_SOCKET": gone}) is False
    assert notify("READY=1", {"NOTIFY_SOCKET": str(short_dir / "missing")}) is False
    assert notify("READY=1", {"NOTIFY_SOCKET": "@kiosk-test-nobody-" + uuid.uuid4().hex}) is False
    records = watchdog_records(caplog)
    assert len(records) == 3
    for record in records:
        assert record.levelno == logging.WARNING
        assert record.getMessage().startswith("cannot tell systemd 'READY=1': ")
        assert "\n" not in record.getMessage()


# watchdog_interval_ms()


def _other_pid() -> str:
    return str(max(os.getpid(), os.getppid()) + 1)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15000),
        ({"WATCHDOG_USEC": "100000"}, 50),
        ({"WATCHDOG_USEC": "1000"}, 1),
        ({}, 0),
        ({"WATCHDOG_USEC": ""}, 0),
        ({"WATCHDOG_USEC": "0"}, 0),
        ({"WATCHDOG_USEC": "-100000"}, 0),
        ({"WATCHDOG_USEC": "garbage"}, 0),
        ({"WATCHDOG_USEC": "1.5e6"}, 0),
        ({"WATCHDOG_PID": str(os.getpid())}, 0),
    ],
)
def test_watchdog_interval_is_half_the_watchdog_time(env: dict[str, str], expected: int) -> None:
    """Half of WATCHDOG_USEC in ms; 0 without it or when it is not a whole number."""
    assert watchdog_interval_ms(env) == expected


def test_watchdog_pid_must_be_us_or_our_parent() -> None:
    """WATCHDOG_PID of this process or its parent (cage) counts; any other process does not."""
    usec = {"WATCHDOG_USEC": "20000000"}
    assert watchdog_interval_ms({**usec, "WATCHDOG_PID": str(os.getpid())}) == 10000
    assert watchdog_interval_ms({**usec, "WATCHDOG_PID": str(os.getppid())}) == 10000
    assert watchdog_interval_ms({**usec, "WATCHDOG_PID": _other_pid()}) == 0
    assert watchdog_interval_ms({**usec, "WATCHDOG_PID": "nobody"}) == 0


def test_watchdog_interval_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an env argument the process environment is used."""
    monkeypatch.setenv("WATCHDOG_USEC", "8000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert watchdog_interval_ms() == 4000
    monkeypatch.setenv("WATCHDOG_PID", _other_pid())
    assert watchdog_interval_ms() == 0


# Watchdog, on a running event loop.


@pytest.fixture
def watchdogs() -> Iterator[list[Watchdog]]:
    """Watchdogs made by a test; their timers are stopped even when the test fails."""
    made: list[Watchdog] = []
    yield made
    for watchdog in made:
        watchdog._timer.stop()


def test_watchdog_says_ready_then_pings_then_stopping(
    qtbot: QtBot, listener: Listener, watchdogs: list[Watchdog]
) -> None:
    """READY=1 first, then WATCHDOG=1 every 50 ms while the loop runs; stop() says STOPPING=1
    and the pings end."""
    env = {"NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "100000"}
    watchdog = Watchdog(env=env)
    watchdogs.append(watchdog)
    assert not watchdog.active
    watchdog.start()
    assert watchdog.active
    qtbot.wait_until(lambda: listener.count("WATCHDOG=1") >= 5, timeout=10_000)
    assert listener.got[0].split("\n")[0] == "READY=1"
    assert all(message == "WATCHDOG=1" for message in listener.got[1:])
    assert watchdog.pings == listener.count("WATCHDOG=1")

    watchdog.stop()
    assert not watchdog.active
    assert listener.drain()[-1:] == ["STOPPING=1"]
    pings = watchdog.pings
    qtbot.wait(300)  # six intervals with the event loop running
    assert listener.drain() == []
    assert watchdog.pings == pings
    assert listener.got.count("STOPPING=1") == 1
    assert sum(m.startswith("READY=1") for m in listener.got) == 1


def test_watchdog_to_an_abstract_socket(
    qtbot: QtBot, abstract_listener: Listener, watchdogs: list[Watchdog]
) -> None:
    """The pings reach an abstract-namespace socket too."""
    env = {"NOTIFY_SOCKET": abstract_listener.address, "WATCHDOG_USEC": "100000"}
    watchdog = Watchdog(env=env)
    watchdogs.append(watchdog)
    watchdog.start()
    qtbot.wait_until(lambda: abstract_listener.count("WATCHDOG=1") >= 2, timeout=10_000)
    watchdog.stop()
    assert abstract_listener.drain()[-1:] == ["STOPPING=1"]


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"WATCHDOG_USEC": "garbage"},
        {"WATCHDOG_USEC": "100000", "WATCHDOG_PID": _other_pid()},
    ],
)
def test_without_a_watchdog_only_ready_is_sent(
    qtbot: QtBot, listener: Listener, watchdogs: list[Watchdog], extra: dict[str, str]
) -> None:
    """When systemd asks for no watchdog (for us), start() says READY=1 and never pings."""
    watchdog = Watchdog(env={"NOTIFY_SOCKET": listener.address, **extra})
    watchdogs.append(watchdog)
    watchdog.start()
    assert not watchdog.active
    qtbot.wait(200)
    got = listener.drain()
    assert len(got) == 1
    assert got[0].split("\n")[0] == "READY=1"
    assert watchdog.pings == 0
    watchdog.stop()
    assert listener.drain() == ["STOPPING=1"]


def test_watchdog_outside_systemd_does_nothing(qtbot: QtBot, watchdogs: list[Watchdog]) -> None:
    """With a watchdog time but no NOTIFY_SOCKET the timer never starts."""
    watchdog = Watchdog(env={"WATCHDOG_USEC": "100000"})
    watchdogs.append(watchdog)
    watchdog.start()
    assert not watchdog.active
    qtbot.wait(100)
    assert watchdog.pings == 0
    watchdog.stop()


def test_a_kiosk_that_never_said_ready_says_no_stopping(
    qtbot: QtBot, listener: Listener, watchdogs: list[Watchdog]
) -> None:
    """A tool that builds the kiosk and shuts it down (the screenshot command) tells systemd
    nothing: STOPPING=1 only follows a READY=1."""
    watchdog = Watchdog(env={"NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "100000"})
    watchdogs.append(watchdog)
    watchdog.stop()
    qtbot.wait(100)
    assert listener.drain() == []
