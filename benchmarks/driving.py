"""What the benchmarks that drive the real kiosk share: an event loop run until a condition
holds (as the running kiosk runs it, with exec), the kiosk started for them, and the print
queue's open jobs."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.collector import map_large_blocks

if TYPE_CHECKING:
    from kiosk.app import Kiosk

SPEECH_START_S = 30.0  # the longest the speech engine may take to say it is ready


def paint_frame(window: QWidget) -> None:
    """The window's next frame, painted now (`repaint` is synchronous: on screen when this
    returns), laid out as the event loop would lay it out first: the layout requests still
    waiting (a page just built, a scroll area's body grown) are handled before the paint, as
    they come before it in the loop's queue. `repaint` alone paints the geometry of the moment,
    and a page built a moment ago is painted squeezed."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    window.repaint()


class UnfinishedError(Exception):
    """A step could not be done, or its state was not reached in time."""


class Spinner:
    """Runs the Qt event loop (exec, as the running kiosk does) until a condition holds,
    asking it every `poll_ms`."""

    def __init__(self, poll_ms: int = 2) -> None:
        self.loop = QEventLoop()
        self._poll = QTimer()
        self._poll.setTimerType(Qt.TimerType.PreciseTimer)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._check)
        self._until: Callable[[], bool] = lambda: True
        self._deadline = 0.0
        self._error: BaseException | None = None
        self._timed_out = False

    def until(self, condition: Callable[[], bool], timeout_s: float, what: str) -> float:
        """Spin until `condition()` (asked first without spinning); UnfinishedError after
        `timeout_s`. Returns the seconds taken."""
        start = time.monotonic()
        if condition():
            return 0.0
        self._until, self._deadline = condition, start + timeout_s
        self._error, self._timed_out = None, False
        self._poll.start()
        self.loop.exec()
        self._poll.stop()
        if self._error is not None:
            raise UnfinishedError(f"checking for {what} raised {self._error!r}") from self._error
        if self._timed_out:
            raise UnfinishedError(f"timed out after {timeout_s:g} s waiting for {what}")
        return time.monotonic() - start

    def pause(self, seconds: float) -> None:
        """Let the kiosk run on its own for a while."""
        end = time.monotonic() + seconds
        self.until(lambda: time.monotonic() >= end, seconds + 5, "a pause")

    def _check(self) -> None:
        try:
            if self._until():
                self.loop.quit()
                return
        except Exception as exc:
            self._error = exc
            self.loop.quit()
            return
        if time.monotonic() > self._deadline:
            self._timed_out = True
            self.loop.quit()


def run_in_own_folder(prefix: str, screen_name: str, body: Callable[[Path], int]) -> NoReturn:
    """Run `body(folder)` with the kiosk's data, cache and log folders in a new temporary
    folder and a 1920x1080 offscreen screen, like the kiosk's (the default is 800x800, and Qt
    finds the widget under a finger on the screen: QScroller's delayed presses go astray
    beyond it); then remove the folder and exit with `body`'s status (1 if it raised)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    screen = folder / "screen.json"
    geometry = {"x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96}
    screen.write_text(json.dumps({"screens": [{"name": screen_name, **geometry}]}), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    for name in ("KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_LOG_DIR"):
        os.environ[name] = str(folder / name.lower())
    try:
        code = body(folder)
    except Exception:
        traceback.print_exc()
        code = 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(code)


def start_kiosk(kiosk: Kiosk, spin: Spinner, errors: list[str], who: str) -> None:
    """Start a kiosk built for a benchmark as `run_kiosk` starts its services: unexpected
    errors noted in `errors` (and handled by the kiosk's own hook), the window shown at
    1920x1080 and active, the watchdog, the speech engine ready (or SystemExit saying why not,
    prefixed with `who`), and the warm-up done."""
    w = kiosk.window
    map_large_blocks()
    kiosk.install_exception_hook()
    kiosk_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        errors.append(f"{kind.__name__}: {error}")
        kiosk_hook(kind, error, tb)

    sys.excepthook = hook
    w.resize(1920, 1080)
    w.show()
    w.activateWindow()
    kiosk.look.restyle()
    kiosk.watchdog.start()
    with contextlib.suppress(UnfinishedError):
        spin.until(w.isActiveWindow, 5, "the window to be active")
    spin.until(
        lambda: kiosk.speech.is_ready or bool(kiosk.speech.dead_reason),
        SPEECH_START_S,
        "the speech engine to start",
    )
    if not kiosk.speech.is_ready:
        raise SystemExit(f"{who}the speech engine did not start: {kiosk.speech.dead_reason}")
    # Warmed up, then the start's garbage collected and the rest frozen, as `run_kiosk` does.
    settled: list[int] = []
    kiosk.warm_up(in_turns=True, then=lambda: settled.append(kiosk.collector.settle()))
    spin.until(lambda: bool(settled), SPEECH_START_S, "the warm-up")


def queue_jobs(printer: str) -> int:
    """Jobs on the queue not yet completed."""
    done = subprocess.run(["lpstat", "-o", printer], capture_output=True, text=True, check=False)
    return len([line for line in done.stdout.splitlines() if line.strip()])
