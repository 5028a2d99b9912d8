"""The reading's state logic where the render process and the patient cross: a sentence whose
sound lands while the narrator turns to wait for it. The engine is a stand-in that answers
when the test says so; the sound is a real WAV file played by the real media player."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.narration.cache import WavCache, cache_key
from kiosk.narration.narrator import Narrator, State
from tests.unit.narration.tone import ToneEngine, write_tone


class HeldEngine(ToneEngine):
    """Makes nothing until told: `land` puts a job's file in place (as the render process
    does, before its answer), `answer` sends the answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: dict[int, Path] = {}

    def asked_for(self, job: int, out: Path) -> None:
        self.asked[job] = out

    def land(self, job: int) -> None:
        write_tone(self.asked[job])

    def answer(self, job: int) -> None:
        self.rendered.emit(job, str(self.asked[job]))


def test_a_sentence_that_lands_as_the_reading_turns_to_wait_for_it_is_played(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The file of the sentence waited for is put in place between the narrator's look in the
    cache and its asking again (the state change runs the controls' slots in between); the
    answer to the first asking comes after that, to work no longer listened to. The sentence
    is played, not waited for for ever."""
    engine = HeldEngine()
    narrator = Narrator(engine, WavCache(tmp_path / "speech"))
    narrator.load(["One.", "Two.", "Three."], "en")
    first_ask = min(engine.asked)  # sentence 0, asked for ahead when the topic opened
    started: list[int] = []
    narrator.sentence_started.connect(started.append)

    def lands_meanwhile(state: State) -> None:
        if state is State.LOADING:
            engine.land(first_ask)

    narrator.state_changed.connect(lands_meanwhile)
    narrator.play()
    engine.answer(first_ask)
    qtbot.wait_until(lambda: started == [0], timeout=2_000)
    assert narrator.state is State.PLAYING


def test_a_sentence_waited_for_is_played_when_its_answer_comes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The usual order: the reading waits, the sound lands, then its answer comes."""
    engine = HeldEngine()
    narrator = Narrator(engine, WavCache(tmp_path / "speech"))
    narrator.load(["One.", "Two."], "en")
    started: list[int] = []
    narrator.sentence_started.connect(started.append)
    narrator.play()
    assert narrator.state is State.LOADING
    sound = narrator.cache.path(cache_key(engine.engine, "en", narrator.speed, "One."))
    latest = max(job for job, out in engine.asked.items() if out == sound)
    engine.land(latest)
    assert started == []  # a file in place is not played before its answer, or a new look
    engine.answer(latest)
    qtbot.wait_until(lambda: started == [0], timeout=2_000)
