"""Logging to a rotating file in the platform's log folder, with Qt's own messages routed in."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_NAME = "kiosk.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 5

log = logging.getLogger("kiosk")
_problem = ""  # why the log file could not be used (for the staff screen); "" when it is

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


# Said by Qt on every top-level window (offscreen), and by the player each time a sentence is
# stopped or skipped while its file is still opening: they mean nothing for the kiosk, so they
# are kept out of the warnings staff read.
_HARMLESS = (
    "This plugin does not support propagateSizeHints()",
    "Could not open media. FFmpeg error description: Immediate exit requested",
)


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message in _HARMLESS else _QT_LEVELS.get(kind, logging.WARNING)
    logging.getLogger("kiosk.qt").log(level, "%s", message)


def log_problem() -> str:
    """Why the last `setup_logging` could not log to its file, in one line for staff ("" if
    it could): without it, staff would look for a log file that is not being written."""
    return _problem


def route_qt_messages() -> None:
    """Send Qt's warnings to the kiosk's log instead of straight to the terminal."""
    qInstallMessageHandler(_qt_message)


def setup_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log to `folder/kiosk.log` (rotated). If the folder is unwritable, log to stderr instead
    and say so in one line; the kiosk runs either way. Returns the log file, if any."""
    global _problem  # noqa: PLW0603 - one logging set-up per process, as `logging` itself
    _problem = ""
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    path: Path | None = folder / LOG_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        _problem = f"cannot write logs in {folder} ({exc.strerror}); logging to the terminal"
        print(f"kiosk: {_problem}", file=sys.stderr)
        handler = logging.StreamHandler(sys.stderr)
        path = None
    handler.setFormatter(fmt)
    root.addHandler(handler)
    root.propagate = False
    route_qt_messages()
    return path
