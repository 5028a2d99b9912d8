"""Logging: a rotating file where it can be written, one line and the terminal where not."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from kiosk import logs
from kiosk.logs import Repeats, setup_logging


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """setup_logging changes the process's "kiosk" logger; put it back for the other tests.
    Each test starts with no Qt message seen before."""
    monkeypatch.setattr(logs, "_repeats", Repeats())
    logger = logging.getLogger("kiosk")
    saved = (list(logger.handlers), logger.propagate, logger.level)
    yield
    for handler in logger.handlers:
        if handler not in saved[0]:
            handler.close()
    logger.handlers[:] = saved[0]
    logger.propagate, logger.level = saved[1], saved[2]


def test_logs_go_to_a_file_in_the_folder(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path == tmp_path / "log" / "kiosk.log"
    logging.getLogger("kiosk.test").warning("a line for the log")
    for handler in logging.getLogger("kiosk").handlers:
        handler.flush()
    assert "a line for the log" in path.read_text(encoding="utf-8")


def test_unwritable_log_folder_is_one_line_and_logging_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the log folder should be")
    assert setup_logging(blocked / "log") is None
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"kiosk: cannot write logs in {blocked / 'log'}")
    assert err[0].endswith("logging to the terminal")
    logging.getLogger("kiosk.test").error("still logged")
    assert "still logged" in capsys.readouterr().err


def test_qt_warnings_go_to_the_log_and_known_noise_only_as_debug(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path is not None
    qWarning("a real Qt warning")
    qWarning("Could not open media. FFmpeg error description: Immediate exit requested")
    for handler in logging.getLogger("kiosk").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "WARNING kiosk.qt: a real Qt warning" in text
    assert "Immediate exit requested" not in text  # DEBUG, below the log's INFO level


def _log_lines(path: Path) -> list[str]:
    for handler in logging.getLogger("kiosk").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8").splitlines()


def test_a_qt_warning_said_at_every_sentence_is_written_once_then_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(logs, "_repeats", Repeats(quiet_s=600, clock=clock))
    path = setup_logging(tmp_path / "log")
    assert path is not None
    for _ in range(1000):  # a sentence a second on a kiosk with no sound device
        qWarning("No audio device detected")
        clock.now += 1
    qWarning("a different warning")  # not held back by the other one
    lines = _log_lines(path)
    assert [line.split(" kiosk.qt: ")[1] for line in lines] == [
        "No audio device detected",
        "No audio device detected (said 599 more times since it was last written)",
        "a different warning",
    ]
    assert all(" WARNING kiosk.qt: " in line for line in lines)


def test_held_back_messages_are_counted_exactly() -> None:
    clock = Clock()
    repeats = Repeats(quiet_s=10, clock=clock)
    assert repeats.admit("a") == 0
    clock.now += 9.9
    assert repeats.admit("a") is None
    assert repeats.admit("a") is None
    assert repeats.admit("b") == 0
    clock.now += 0.1  # ten seconds after "a" was written
    assert repeats.admit("a") == 2
    assert repeats.admit("a") is None
    clock.now += 3600  # long quiet: written again, nothing held back since
    assert repeats.admit("b") == 0
    clock.now -= 7200  # a monotonic clock never does this; a bad one must not silence messages
    assert repeats.admit("a") is None  # still counted, not lost


def test_only_so_many_messages_are_remembered() -> None:
    clock = Clock()
    repeats = Repeats(quiet_s=600, clock=clock)
    for n in range(10_000):  # messages with numbers in them never repeat
        assert repeats.admit(f"buffer {n} dropped") == 0
    assert len(repeats._seen) <= 256
    assert repeats.admit("buffer 9999 dropped") is None  # the newest are the ones kept


def test_messages_below_the_log_level_are_not_counted(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "log")
    assert path is not None
    qWarning("Could not open media. FFmpeg error description: Immediate exit requested")
    assert logs._repeats._seen == {}  # debug: neither written nor remembered


@pytest.mark.no_qt_log
def test_qt_always_has_a_python_message_handler_between_tests() -> None:
    """Qt's threads may log at any moment, and a handler put back as None can crash them
    (see `route_qt_messages`): the run installs the kiosk's handler before the first test, so
    what pytest-qt puts back after each test is that handler, never None."""

    def probe(*_args: object) -> None:
        pass

    previous = qInstallMessageHandler(probe)
    qInstallMessageHandler(previous)
    assert previous is logs._qt_message
