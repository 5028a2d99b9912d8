"""The speech engines the kiosk can use, chosen by the `speech_engine` setting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.narration.engine import SpeechEngine
from kiosk.narration.render import RenderClient

OFF_REASON = 'speech is turned off in the settings (speech_engine = "none")'


class NoSpeech(QObject):
    """A kiosk with no speakers: speech is unavailable from the start, with the reason, so
    Listen is never offered and staff see why. A `SpeechEngine`."""

    ready = Signal(list)
    rendered = Signal(int, str)
    failed = Signal(int, str)
    unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = "none"
        self.voices: list[dict[str, Any]] = []
        self.is_ready = False
        self.dead_reason = OFF_REASON
        self._next = 0

    def start(self) -> None:
        """Say at once (on the next turn of the loop) that there is no speech."""
        QTimer.singleShot(0, self, lambda: self.unavailable.emit(OFF_REASON))

    def stop(self) -> None:
        """Nothing runs."""

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
        """Every job fails with the reason."""
        self._next += 1
        job = self._next
        QTimer.singleShot(0, self, lambda: self.failed.emit(job, OFF_REASON))
        return job

    def cancel_pending(self, owner: int | None = None) -> None:
        """Nothing is queued."""


def make_engine(name: str, parent: QObject | None = None) -> SpeechEngine:
    """The engine the settings name (checked when they were read: "espeak" or "none")."""
    if name == "none":
        return NoSpeech(parent)
    return RenderClient(parent=parent)
