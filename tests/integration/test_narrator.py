"""The narrator with the real engine and real playback through QMediaPlayer (no sound card
needed: Qt plays in real time and reaches the end of each file)."""

from __future__ import annotations

import struct
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from kiosk.narration.cache import WavCache, cache_key
from kiosk.narration.engine import NORMAL_SPEED, SLOW_SPEED
from kiosk.narration.narrator import Narrator, Problem, State
from kiosk.narration.player import released
from kiosk.narration.render import RenderClient

SHORT = ["Hello.", "Drink water.", "Rest now.", "Call us."]


def where_it_stands(narrator: Narrator, started: list[int]) -> str:
    """What a narrator that did not finish was doing, for the failure message."""
    sound = narrator.player
    return (
        f"state {narrator.state.name}, sentence {narrator.index}, started {started}, "
        f"player {sound.playbackState().name} {sound.mediaStatus().name} at "
        f"{sound.position()}/{sound.duration()} ms, {narrator.client.pending()} renders to do"
    )


def test_sentences_start_in_order_to_the_end(narrator: Narrator, qtbot: QtBot) -> None:
    started: list[int] = []
    narrator.sentence_started.connect(started.append)
    narrator.load(SHORT, "en")
    with qtbot.wait_signal(narrator.finished, timeout=30_000):
        narrator.play()
    assert started == [0, 1, 2, 3]
    assert narrator.state is State.IDLE


def test_pause_holds_the_position_and_resume_goes_on(narrator: Narrator, qtbot: QtBot) -> None:
    narrator.load(["This sentence is long enough to pause in the middle of it, surely."], "en")
    narrator.play()
    qtbot.wait_until(lambda: narrator.player.position() > 300, timeout=20_000)
    narrator.pause()
    assert narrator.state is State.PAUSED
    held = narrator.player.position()
    qtbot.wait(500)
    assert abs(narrator.player.position() - held) < 50
    with qtbot.wait_signal(narrator.finished, timeout=20_000):
        narrator.resume()
        assert narrator.state is State.PLAYING


def test_stop_silences_at_once(narrator: Narrator, qtbot: QtBot) -> None:
    narrator.load(SHORT, "en")
    narrator.play()
    qtbot.wait_until(lambda: narrator.state is State.PLAYING, timeout=20_000)
    narrator.stop()
    assert narrator.state is State.IDLE
    assert narrator.player.playbackState() == narrator.player.PlaybackState.StoppedState
    started: list[int] = []
    narrator.sentence_started.connect(started.append)
    qtbot.wait(800)
    assert started == []


def test_forward_and_back_move_a_sentence(narrator: Narrator, qtbot: QtBot) -> None:
    started: list[int] = []
    narrator.sentence_started.connect(started.append)
    narrator.load(SHORT, "en")
    narrator.play()
    qtbot.wait_until(lambda: started == [0], timeout=20_000)
    narrator.forward()
    narrator.forward()
    narrator.back()
    assert narrator.index == 1
    with qtbot.wait_signal(narrator.finished, timeout=20_000, raising=False) as ending:
        pass
    assert ending.signal_triggered, where_it_stands(narrator, started)
    # Sentences skipped over may not have been heard; reading went on from sentence 1.
    assert started[0] == 0
    assert started[-3:] == [1, 2, 3], started


def test_slower_applies_from_the_next_sentence(narrator: Narrator, qtbot: QtBot) -> None:
    def playing() -> Path:  # the sound file the player has now
        return Path(narrator.player.source().toLocalFile())

    def sound(speed: float, text: str) -> Path:
        return narrator.cache.path(cache_key("espeak", "gmw/en-us", speed, text))

    narrator.load(SHORT[:2], "en")
    narrator.play()
    qtbot.wait_until(lambda: narrator.state is State.PLAYING, timeout=20_000)
    assert playing() == sound(NORMAL_SPEED, SHORT[0])
    narrator.set_slow(True)
    assert playing() == sound(NORMAL_SPEED, SHORT[0])  # the sentence playing stays as it is
    qtbot.wait_until(
        lambda: narrator.index == 1 and narrator.state is State.PLAYING, timeout=20_000
    )
    assert playing() == sound(SLOW_SPEED, SHORT[1])
    narrator.stop()


def test_volume_is_instant(narrator: Narrator) -> None:
    narrator.set_volume(30)
    output = narrator.player.audioOutput()
    assert output.volume() == pytest.approx(0.3)
    narrator.set_volume(150)
    assert output.volume() == pytest.approx(1.0)


def _broken(narrator: Narrator, text: str, content: bytes) -> None:
    key = cache_key("espeak", "gmw/en-us", NORMAL_SPEED, text)
    narrator.cache.path(key).write_bytes(content)


HEADER_ONLY = (
    b"RIFF"
    + struct.pack("<I", 36 + 10_000)
    + b"WAVEfmt "
    + struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16)
    + b"data"
    + struct.pack("<I", 10_000)
    + b"\x00" * 20
)


def test_corrupt_and_header_only_files_are_rendered_again(narrator: Narrator, qtbot: QtBot) -> None:
    _broken(narrator, SHORT[0], b"RIFF this is not a wave file at all" * 40)
    _broken(narrator, SHORT[1], HEADER_ONLY)
    started: list[int] = []
    problems: list[Problem] = []
    narrator.sentence_started.connect(started.append)
    narrator.problem.connect(problems.append)
    narrator.load(SHORT[:3], "en")
    with qtbot.wait_signal(narrator.finished, timeout=40_000):
        narrator.play()
    assert problems == []
    assert started[-1] == 2
    assert 1 in started


def test_a_file_that_stays_broken_gives_one_calm_problem(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    """The engine keeps producing a broken file: retry once, then report and stop."""
    cache = WavCache(tmp_path / "speech")
    key = cache_key("espeak", "gmw/en-us", NORMAL_SPEED, "Hello.")

    def break_it(job: int, path: str) -> None:
        Path(path).write_bytes(HEADER_ONLY)

    client.rendered.connect(break_it)  # before the narrator hears of the render
    narrator = Narrator(client, cache)
    narrator.sound.stall_ms = 500
    try:
        narrator.load(["Hello."], "en")
        qtbot.wait_until(lambda: cache.path(key).exists(), timeout=20_000)
        with qtbot.wait_signal(narrator.problem, timeout=30_000) as blocker:
            narrator.play()
    finally:
        client.rendered.disconnect(break_it)
    assert blocker.args == [Problem.FAILED]
    assert narrator.state is State.IDLE


def test_unwritable_cache_still_speaks(client: RenderClient, qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    cache = WavCache(blocked / "speech")
    assert cache.problem.startswith(f"cannot write the speech cache in {blocked / 'speech'}")
    narrator = Narrator(client, cache)
    narrator.load(SHORT[:2], "en")
    try:
        with qtbot.wait_signal(narrator.finished, timeout=30_000):
            narrator.play()
    finally:
        narrator.stop()
        cache.close()


def test_no_voice_for_a_language_is_a_problem_not_a_crash(narrator: Narrator, qtbot: QtBot) -> None:
    narrator.client.voices = [v for v in narrator.client.voices if "es" not in str(v["languages"])]
    assert not narrator.available("es")
    assert narrator.available("en")
    narrator.load(["Hola."], "es")
    with qtbot.wait_signal(narrator.problem, timeout=1000) as blocker:
        narrator.play()
    assert blocker.args == [Problem.UNAVAILABLE]


def test_the_gui_thread_never_stalls_while_narrating(narrator: Narrator, qtbot: QtBot) -> None:
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(tick)
    probe.start()
    narrator.load([f"Sentence {n} is here." for n in range(8)], "en")
    with qtbot.wait_signal(narrator.finished, timeout=60_000):
        narrator.play()
    probe.stop()
    assert len(gaps) > 100
    assert max(gaps[1:]) < 0.1, max(gaps)


def test_cache_folder_lost_while_running_still_speaks(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "speech"
    cache = WavCache(folder)
    narrator = Narrator(client, cache)
    folder.rmdir()
    folder.write_text("something else took its place")  # the folder cannot be made again
    try:
        narrator.load(SHORT[:2], "en")
        with qtbot.wait_signal(narrator.finished, timeout=30_000):
            narrator.play()
        assert cache.problem.startswith(f"cannot write the speech cache in {folder}")
    finally:
        narrator.stop()
        cache.close()


def test_player_calls_let_other_threads_run(qtbot: QtBot) -> None:
    """The player's slots are called with the GIL let go: a Qt thread that logs a warning
    through the kiosk's (Python) message handler while the GUI thread waits for it must be able
    to finish, or the two wait for each other for ever. Shown here with a slot that blocks for
    a while (a dialog's own event loop, closed by a C++ timer) while a Python thread counts."""
    dialog = QDialog()
    closer = QTimer()
    closer.setSingleShot(True)
    QObject.connect(closer, "2timeout()", dialog, "1reject()")  # C++ to C++: no Python runs
    counted = [0]
    done = threading.Event()

    def count() -> None:
        while not done.is_set():
            counted[0] += 1

    worker = threading.Thread(target=count, daemon=True)
    worker.start()
    try:
        closer.start(300)
        before = counted[0]
        released(dialog, "exec")
        during = counted[0] - before
    finally:
        done.set()
        worker.join()
    assert not dialog.isVisible()  # the call was synchronous: the dialog ran and closed
    assert during > 1000


def test_a_missing_player_slot_is_an_error(qtbot: QtBot) -> None:
    with pytest.raises(RuntimeError, match="no slot"):
        released(QTimer(), "no_such_slot")
