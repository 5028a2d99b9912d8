"""A stand-in speech engine for the narration's state logic: every sentence is a tenth of a
second of real tone in a real WAV file, played by the real media player (the real engine is
tried in the integration tests)."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


def write_tone(out: Path) -> None:
    """A tenth of a second of tone, as a WAV file the player can play."""
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        tone = (struct.pack("<h", int(8000 * math.sin(i / 10))) for i in range(2205))
        wav.writeframes(b"".join(tone))


class ToneEngine(QObject):
    """Renders every sentence as a tenth of a second of tone, on the next loop turn."""

    ready = Signal(list)
    rendered = Signal(int, str)
    failed = Signal(int, str)
    unavailable = Signal(str)

    def __init__(self, dead_reason: str = "") -> None:
        super().__init__()
        self.engine = "tone 1"
        self.voices: list[dict[str, Any]] = [{"id": "en", "name": "en", "languages": ["en"]}]
        self.is_ready = not dead_reason
        self.dead_reason = dead_reason
        self._next = 0

    def start(self) -> None:
        self.ready.emit(self.voices)

    def stop(self) -> None:
        pass

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
        self._next += 1
        self.asked_for(self._next, out)
        return self._next

    def asked_for(self, job: int, out: Path) -> None:
        """Made later, as a real engine does: written and answered on the next loop turn."""
        QTimer.singleShot(0, lambda: self._write(job, out))

    def _write(self, job: int, out: Path) -> None:
        write_tone(out)
        self.rendered.emit(job, str(out))

    def cancel_pending(self, owner: int | None = None) -> None:
        pass
