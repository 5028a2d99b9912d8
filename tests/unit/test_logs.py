"""Logging: a rotating file where it can be written, one line and the terminal where not."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning

from kiosk.logs import setup_logging


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    """setup_logging changes the process's "kiosk" logger; put it back for the other tests."""
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
