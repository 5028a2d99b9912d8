"""The whole topic as one WAV, with the same sentences the kiosk speaks and when each starts."""

from __future__ import annotations

import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from kiosk.content.model import Topic
from kiosk.narration.engine import NORMAL_SPEED, SpeechEngine
from kiosk.narration.render import RenderClient
from kiosk.narration.script import flatten, reading_blocks
from kiosk.narration.voices import choose_voice

GAP_S = 0.25  # silence between sentences, as the player leaves between files


class NarrateError(Exception):
    """Why a topic could not be rendered (one line)."""


@dataclass(frozen=True, slots=True)
class Timing:
    """One spoken sentence and when it starts in the WAV, in seconds."""

    text: str
    start: float


def _wait(client: SpeechEngine, until: object, timeout_ms: int) -> None:
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    while not until() and timer.isActive():  # type: ignore[operator]
        loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def narrate_topic(topic: Topic, out: Path, client: SpeechEngine | None = None) -> list[Timing]:
    """Render every sentence through the render process and join them into `out`."""
    if QCoreApplication.instance() is None:
        raise NarrateError("no Qt application")
    own = client is None
    speech = client or RenderClient()
    dead: list[str] = []
    speech.unavailable.connect(dead.append)
    if own:
        speech.start()
    try:
        _wait(speech, lambda: speech.is_ready or dead, 30_000)
        if dead or not speech.is_ready:
            raise NarrateError(f"speech is not available: {dead[0] if dead else 'no answer'}")
        voice = choose_voice(topic.lang, speech.voices)
        if voice is None:
            raise NarrateError(f"no voice for language '{topic.lang}'")
        sentences, _ = flatten(reading_blocks(topic))
        with tempfile.TemporaryDirectory(prefix="kiosk-narrate-") as tmp:
            results: dict[int, str] = {}
            speech.rendered.connect(lambda job, path: results.__setitem__(job, ""))
            speech.failed.connect(results.__setitem__)
            jobs = [
                speech.render(text, voice, NORMAL_SPEED, Path(tmp) / f"{i:04d}.wav")
                for i, text in enumerate(sentences)
            ]
            _wait(speech, lambda: len(results) >= len(jobs) or dead, 120_000)
            problems = [results.get(job, "no answer") for job in jobs if results.get(job, "x")]
            if problems:
                raise NarrateError(f"could not render: {problems[0]}")
            return _join([Path(tmp) / f"{i:04d}.wav" for i in range(len(jobs))], sentences, out)
    finally:
        if own:
            speech.stop()


def _join(parts: list[Path], sentences: list[str], out: Path) -> list[Timing]:
    timings: list[Timing] = []
    try:
        with wave.open(str(out), "wb") as joined:
            position = 0
            for index, (part, text) in enumerate(zip(parts, sentences, strict=True)):
                with wave.open(str(part), "rb") as wav:
                    if index == 0:
                        joined.setparams(wav.getparams())
                    rate = wav.getframerate()
                    frames = wav.readframes(wav.getnframes())
                timings.append(Timing(text, round(position / rate, 3)))
                joined.writeframes(frames)
                position += len(frames) // (wav.getsampwidth() * wav.getnchannels())
                gap = int(GAP_S * rate)
                joined.writeframes(b"\x00\x00" * gap * wav.getnchannels())
                position += gap
    except OSError as exc:
        raise NarrateError(f"cannot write {out}: {exc.strerror}") from None
    return timings
