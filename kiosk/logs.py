"""Logging to a rotating file in the platform's log folder, with Qt's own messages routed in."""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
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


# A Qt message said again within this many seconds is counted, not written: on a kiosk without a
# sound device the player says "No audio device detected" at every sentence, which would push
# months of useful history out of the rotated log in weeks.
REPEAT_QUIET_S = 600.0
_REPEATS_KEPT = 256  # messages remembered; the oldest is forgotten first


class Repeats:
    """Which messages to write now: the first of each, then at most one per `quiet_s`, each
    with how many times the message was held back since the last one written. Thread-safe (Qt
    calls the handler from its own threads too); uses a monotonic clock, so a wall-clock jump
    neither silences a message nor floods the log."""

    def __init__(
        self, quiet_s: float = REPEAT_QUIET_S, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.quiet_s = quiet_s
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[float, int]] = {}  # message -> (last written, held back since)

    def admit(self, message: str) -> int | None:
        """None to hold `message` back; otherwise write it, and the number is how many times it
        was held back since it was last written."""
        now = self._clock()
        with self._lock:
            last = self._seen.pop(message, None)
            if last is not None and now - last[0] < self.quiet_s:
                self._seen[message] = (last[0], last[1] + 1)
                return None
            if len(self._seen) >= _REPEATS_KEPT:
                del self._seen[next(iter(self._seen))]
            self._seen[message] = (now, 0)
            return last[1] if last is not None else 0


_repeats = Repeats()


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message in _HARMLESS else _QT_LEVELS.get(kind, logging.WARNING)
    logger = logging.getLogger("kiosk.qt")
    if not logger.isEnabledFor(level):
        return
    held = _repeats.admit(message)
    if held is None:
        return
    if held:
        logger.log(level, "%s (said %d more times since it was last written)", message, held)
    else:
        logger.log(level, "%s", message)


def log_problem() -> str:
    """Why the last `setup_logging` could not log to its file, in one line for staff ("" if
    it could): without it, staff would look for a log file that is not being written."""
    return _problem


def route_qt_messages() -> None:
    """Send Qt's warnings to the kiosk's log instead of straight to the terminal.

    Installed once, and never taken away: `qInstallMessageHandler(None)` is not safe while Qt's
    own threads run. PySide clears the Python callable that its trampoline calls, and a thread
    already in the trampoline, waiting for the GIL, then calls a null object (a segmentation
    fault: QtMultimedia's audio threads log at any moment). Replacing one callable with
    another is safe."""
    qInstallMessageHandler(_qt_message)


class _Held(logging.Handler):
    """The records said before the log file is opened, kept for it (`hold_records`)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep it, to be written once there is somewhere to write it."""
        self.records.append(record)


def hold_records(level: int = logging.INFO) -> None:
    """Keep what the kiosk logs from now until `setup_logging`, which writes it first. The
    running kiosk opens its log after its first frame: the rotating file handler's module
    (with pickle, queue and the rest it imports) cost 5-7 ms before it."""
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    root.addHandler(_Held())
    root.propagate = False
    route_qt_messages()


def setup_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log to `folder/kiosk.log` (rotated). If the folder is unwritable, log to stderr instead
    and say so in one line; the kiosk runs either way. Returns the log file, if any. What was
    held since `hold_records` is written first."""
    import logging.handlers  # noqa: PLC0415 - see hold_records

    global _problem  # noqa: PLW0603 - one logging set-up per process, as `logging` itself
    _problem = ""
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    held: list[logging.LogRecord] = []
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
        if isinstance(old, _Held):
            held += old.records
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
    for record in held:
        handler.handle(record)
    return path
