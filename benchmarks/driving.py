"""What the benchmarks that drive the real kiosk share: an event loop run until a condition
holds (as the running kiosk runs it, with exec), and the print queue's open jobs."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer


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


def queue_jobs(printer: str) -> int:
    """Jobs on the queue not yet completed."""
    done = subprocess.run(["lpstat", "-o", printer], capture_output=True, text=True, check=False)
    return len([line for line in done.stdout.splitlines() if line.strip()])
