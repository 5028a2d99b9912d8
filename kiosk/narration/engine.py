"""What the kiosk needs of a speech engine, whatever makes the sound (QtCore only).

The narrator, the audio guide and the `narrate` command talk to this, not to one engine. The
one engine today is `RenderClient` (espeak-ng through pyttsx3, in a render process of its own,
speaking the JSON-lines protocol in `worker.py`). An engine renders one sentence at a time to a
WAV file, answering with the job id it gave.

Speed is the kiosk's own unit, not an engine's: 1.0 is the normal reading pace and `SLOW_SPEED`
the "Slower" button's; each engine turns it into its own measure (pyttsx3's words per minute).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance

NORMAL_SPEED = 1.0
SLOW_SPEED = 0.73  # about 120 words a minute against 165 with espeak-ng


class SpeechEngine(Protocol):
    """A source of spoken sentences."""

    ready: SignalInstance  # (voices: list of {"id", "name", "languages"})
    rendered: SignalInstance  # (job id, WAV path)
    failed: SignalInstance  # (job id, reason)
    unavailable: SignalInstance  # (reason): speech cannot be had at all

    engine: str  # its name and version, part of every cached sentence's key
    voices: list[dict[str, Any]]
    is_ready: bool
    dead_reason: str  # why it gave up, or ""

    def start(self) -> None:
        """Start; `ready` or `unavailable` follows."""

    def stop(self) -> None:
        """Stop and let go of everything it holds."""

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
        """Queue one sentence for `out`; the job id that `rendered` or `failed` will carry."""

    def cancel_pending(self, owner: int | None = None) -> None:
        """Drop queued work (all, or one owner's); the sentence being made may still finish."""
