"""The audio guide's spoken phrase on its own: it answers once, to whoever asked, when it
sounds or fails, and a newer phrase or silence cuts it off without an answer. The engine is a
stand-in that writes a short real WAV file (the real engine is tried in the staff tests)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.narration.cache import WavCache
from kiosk.narration.guide import AudioGuide
from kiosk.narration.narrator import Narrator, Problem
from tests.unit.narration.tone import ToneEngine


def guide_with(engine: ToneEngine, tmp_path: Path) -> AudioGuide:
    cache = WavCache(tmp_path / "speech")
    return AudioGuide(engine, cache, Narrator(engine, cache))


def test_a_phrase_answers_once_when_it_sounds(qtbot: QtBot, tmp_path: Path) -> None:
    guide = guide_with(ToneEngine(), tmp_path)
    phrase = guide.say("This is a test of the kiosk's sound.")
    answers: list[str] = []
    phrase.played.connect(lambda: answers.append("played"))
    phrase.failed.connect(lambda problem: answers.append(f"failed {problem}"))
    qtbot.wait_until(lambda: answers == ["played"], timeout=5_000)
    qtbot.wait(100)
    assert answers == ["played"]
    guide.stop()


def test_dead_speech_fails_the_phrase_even_when_known_at_once(qtbot: QtBot, tmp_path: Path) -> None:
    guide = guide_with(ToneEngine(dead_reason="no speech program"), tmp_path)
    phrase = guide.say("Hello.")  # the narrator knows at once: the answer still comes after
    failed: list[Problem] = []
    phrase.failed.connect(failed.append)
    qtbot.wait_until(lambda: failed == [Problem.UNAVAILABLE], timeout=2_000)


def test_a_newer_phrase_or_silence_cuts_it_off_unanswered(qtbot: QtBot, tmp_path: Path) -> None:
    guide = guide_with(ToneEngine(), tmp_path)
    answers: list[str] = []
    first = guide.say("First.")
    first.played.connect(lambda: answers.append("first"))
    second = guide.say("Second.")
    second.played.connect(lambda: answers.append("second"))
    qtbot.wait_until(lambda: answers == ["second"], timeout=5_000)
    third = guide.say("Third.")
    third.played.connect(lambda: answers.append("third"))
    third.failed.connect(lambda _problem: answers.append("third failed"))
    guide.stop()  # the visit ended before it sounded
    fourth = guide.say("Fourth.")
    fourth.played.connect(lambda: answers.append("fourth"))
    qtbot.wait_until(lambda: "fourth" in answers, timeout=5_000)
    qtbot.wait(100)
    assert answers == ["second", "fourth"]  # each sound answered its own asker only
