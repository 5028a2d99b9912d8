"""Drives the render process through QProcess: one JSON line per job, one job at a time.

A hung or crashed process is killed and started again once (with a short back-off); after that,
speech is reported unavailable and the kiosk carries on with text only.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QTimer, Signal, Slot

log = logging.getLogger("kiosk.narration")

WORKER_COMMAND = [sys.executable, "-m", "kiosk.narration.worker"]
START_TIMEOUT_MS = 15_000
JOB_TIMEOUT_MS = 15_000
RESTART_BACKOFF_MS = 300
ESPEAK_NORMAL_WPM = 165  # pyttsx3's rate for the kiosk's normal speed (1.0)


@dataclass(frozen=True, slots=True)
class Job:
    """One sentence to render."""

    id: int
    text: str
    voice: str
    rate: int  # pyttsx3's words per minute
    out: Path
    owner: int = 0  # who asked (id of a narrator), so one can drop its queued work alone


class RenderClient(QObject):
    """The kiosk's side of the render process: espeak-ng through pyttsx3, a `SpeechEngine`."""

    ready = Signal(list)  # voices: list of {"id", "name", "languages"}
    rendered = Signal(int, str)  # job id, WAV path
    failed = Signal(int, str)  # job id, reason
    unavailable = Signal(str)  # speech cannot be had: the reason, for staff and the log

    def __init__(
        self,
        command: list[str] | None = None,
        parent: QObject | None = None,
        max_restarts: int = 1,
        job_timeout_ms: int = JOB_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self._command = list(command or WORKER_COMMAND)
        self._process: QProcess | None = None
        self._buffer = b""
        self._queue: deque[Job] = deque()
        self._current: Job | None = None
        self._next_id = 1
        self._restarts_left = max_restarts
        self.voices: list[dict[str, Any]] = []
        self.engine = ""
        self.is_ready = False
        self.dead_reason = ""
        self._last_said = ""  # the process's last line on stderr (why it could not start)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._job_timeout_ms = job_timeout_ms

    def start(self) -> None:
        """Start the render process (answers with `ready` or `unavailable`)."""
        if self._process is not None or self.dead_reason:
            return
        process = QProcess(self)
        process.setProgram(self._command[0])
        process.setArguments(self._command[1:])
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        process.readyReadStandardOutput.connect(self._on_output)
        process.readyReadStandardError.connect(self._on_stderr)
        process.errorOccurred.connect(self._on_process_error)
        process.finished.connect(self._on_finished)
        self._process = process
        self._buffer = b""
        self._last_said = ""
        self.is_ready = False
        process.start()
        self._timer.start(START_TIMEOUT_MS)

    def stop(self) -> None:
        """End the render process (at shutdown)."""
        process, self._process = self._process, None
        self._timer.stop()
        if process is not None:
            process.finished.disconnect(self._on_finished)
            process.errorOccurred.disconnect(self._on_process_error)
            process.closeWriteChannel()
            if not process.waitForFinished(2000):
                process.kill()
                process.waitForFinished(1000)
            process.deleteLater()

    @property
    def pid(self) -> int:
        """The render process's id (0 when none runs)."""
        return int(self._process.processId()) if self._process else 0

    def render(
        self,
        text: str,
        voice: str,
        speed: float,
        out: Path,
        *,
        owner: int = 0,
        urgent: bool = False,
    ) -> int:
        """Queue a sentence; returns the job id that `rendered` or `failed` will carry.

        `speed` is the kiosk's (1.0 normal). `urgent` work (the audio guide naming a control)
        goes ahead of queued reading-ahead. The very sentence being rendered now is not queued
        again: its job id comes back, and its one answer serves both asks.
        """
        rate = round(ESPEAK_NORMAL_WPM * speed)
        now = self._current
        if now is not None and (now.text, now.voice, now.rate, now.out) == (text, voice, rate, out):
            # A narrator that drops its queued work (the patient skipping ahead and back) asks
            # again for the sentence already half made: waiting for it is quicker than a new one.
            return now.id
        job = Job(self._next_id, text, voice, rate, out, owner)
        self._next_id += 1
        if self.dead_reason:
            QTimer.singleShot(0, lambda: self.failed.emit(job.id, self.dead_reason))
            return job.id
        if urgent:
            ahead = [j for j in self._queue if j.owner == owner]
            rest = [j for j in self._queue if j.owner != owner]
            self._queue = deque([*ahead, job, *rest])
        else:
            self._queue.append(job)
        self._pump()
        return job.id

    def cancel_pending(self, owner: int | None = None) -> None:
        """Drop queued jobs (not the one being rendered): all, or one owner's."""
        if owner is None:
            self._queue.clear()
        else:
            self._queue = deque(j for j in self._queue if j.owner != owner)

    def pending(self) -> int:
        """Jobs waiting or running."""
        return len(self._queue) + (1 if self._current else 0)

    def _pump(self) -> None:
        if not self.is_ready or self._current is not None or not self._queue:
            return
        assert self._process is not None
        job = self._queue.popleft()
        self._current = job
        request = {
            "id": job.id,
            "text": job.text,
            "voice": job.voice,
            "rate": job.rate,
            "out": str(job.out),
        }
        self._process.write((json.dumps(request) + "\n").encode("utf-8"))
        self._timer.start(self._job_timeout_ms)

    @Slot()
    def _on_output(self) -> None:
        if self._process is None:
            return
        self._buffer += bytes(self._process.readAllStandardOutput().data())
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            if line.strip():
                self._on_message(line)

    def _on_message(self, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            log.warning("render process said something that is not JSON: %r", line[:200])
            return
        if "fatal" in message:
            self._give_up(str(message["fatal"]))
        elif message.get("ready"):
            self._timer.stop()
            self.voices = list(message.get("voices", []))
            self.engine = str(message.get("engine", ""))
            first_start = not self.is_ready and self._restarts_left >= 0
            self.is_ready = True
            if first_start:
                self.ready.emit(self.voices)
            self._pump()
        elif "id" in message and self._current is not None and message["id"] == self._current.id:
            self._timer.stop()
            job, self._current = self._current, None
            if message.get("ok"):
                self.rendered.emit(job.id, str(job.out))
            else:
                self.failed.emit(job.id, str(message.get("error", "unknown error")))
            self._pump()

    @Slot()
    def _on_stderr(self) -> None:
        if self._process is not None:
            text = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
            for line in text.splitlines():
                if line.strip() and not line.startswith("Audio saved to"):
                    log.info("render process: %s", line.strip())
                    self._last_said = line.strip()

    @Slot(QProcess.ProcessError)
    def _on_process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._give_up(f"the speech program could not start ({self._command[0]})")

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        if self._process is None or self.dead_reason:
            return
        said = ""
        if not self.is_ready:  # it died starting (espeak-ng exits on missing data): say why
            self._on_stderr()
            said = f": {self._last_said}" if self._last_said else ""
        self._restart(f"the speech program stopped (exit {code}){said}")

    @Slot()
    def _on_timeout(self) -> None:
        what = "did not start" if not self.is_ready else "stopped answering"
        self._restart(f"the speech program {what}")

    def _restart(self, reason: str) -> None:
        log.warning("%s", reason)
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._on_finished)
            process.errorOccurred.disconnect(self._on_process_error)
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()
        job, self._current = self._current, None
        if self._restarts_left <= 0:
            self._give_up(reason)
            return
        self._restarts_left -= 1
        if job is not None:
            self._queue.appendleft(job)  # try the interrupted sentence again
        self.is_ready = False
        QTimer.singleShot(RESTART_BACKOFF_MS, self.start)

    def _give_up(self, reason: str) -> None:
        if self.dead_reason:
            return
        self.dead_reason = reason
        self._timer.stop()
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._on_finished)
            process.errorOccurred.disconnect(self._on_process_error)
            process.kill()
            process.deleteLater()
        jobs = ([self._current] if self._current else []) + list(self._queue)
        self._current = None
        self._queue.clear()
        log.error("speech unavailable: %s", reason)
        self.unavailable.emit(reason)
        for job in jobs:
            self.failed.emit(job.id, reason)
