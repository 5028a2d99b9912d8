"""Reading aloud on the topic screen, with the real engine: controls, highlight, stopping."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.narration.narrator import State
from kiosk.narration.render import RenderClient
from kiosk.narration.script import flatten, reading_blocks
from tests.gui.conftest import MakeKiosk


def speaking_kiosk(make_kiosk: MakeKiosk, qtbot: QtBot, settings: Settings | None = None) -> Kiosk:
    kiosk = make_kiosk(settings or Settings(idle_timeout_s=0.3, countdown_s=0.3))
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    return kiosk


def test_the_page_and_the_speech_read_the_same_sentences(kiosk: Kiosk) -> None:
    for topic in load_topics(paths.TOPICS).topics:
        kiosk.visit.update(language=topic.lang)
        kiosk.reading.open_topic(topic.id)
        page = kiosk.window.topic.page
        assert page is not None
        assert [r.sentences for r in page.readings] == reading_blocks(topic)
        sentences, _ = flatten(reading_blocks(topic))
        assert page.sentences() == sentences
        assert sentences[0] == topic.title


def test_listen_reads_highlights_and_pauses(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot, Settings())
    bar = kiosk.window.topic.narration
    page = kiosk.window.topic.page
    assert page is not None
    assert bar.listen.text() == "Listen"
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as first:
        qtbot.mouseClick(bar.listen, Qt.MouseButton.LeftButton)
    assert first.args == [0]
    assert page.readings[0].highlighted == 0  # the title is marked while it is read
    assert bar.listen.text() == "Pause"
    assert kiosk.idle.held_by == {"narration"}
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as second:
        pass
    assert second.args == [1]
    assert page.readings[0].highlighted is None
    assert page.readings[1].highlighted == 0  # the main message's first sentence
    qtbot.mouseClick(bar.listen, Qt.MouseButton.LeftButton)
    assert kiosk.narrator.state is State.PAUSED
    assert bar.listen.text() == "Resume"
    qtbot.mouseClick(bar.stop, Qt.MouseButton.LeftButton)
    assert kiosk.narrator.state is State.IDLE
    assert bar.listen.text() == "Listen"


def test_reading_far_down_scrolls_it_into_view(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot, Settings())
    page = kiosk.window.topic.page
    assert page is not None
    last = len(page.sentences()) - 1
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        kiosk.narrator.play(last)
    assert page.scroll_area.verticalScrollBar().value() > 0
    marked = page.readings[-1]
    assert marked.highlighted == len(marked.sentences) - 1
    viewport = page.scroll_area.viewport()
    top = marked.mapTo(viewport, marked.rect().topLeft()).y()
    assert 0 <= top < viewport.height()


def test_leaving_the_topic_stops_speech(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot, Settings())
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        kiosk.narrator.play()
    qtbot.mouseClick(kiosk.window.topic.home, Qt.MouseButton.LeftButton)
    assert kiosk.narrator.state is State.IDLE
    assert kiosk.idle.held_by == set()


def test_idle_does_not_run_out_while_reading_and_reset_silences(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot)  # idle time 0.3 s
    warnings: list[int] = []
    kiosk.idle.warning_started.connect(warnings.append)
    kiosk.narrator.play()
    qtbot.wait_until(lambda: kiosk.narrator.index >= 2, timeout=20_000)
    assert warnings == []  # more than 0.3 s of reading went by
    kiosk.visit.update(volume=50, slow_speech=True)
    assert kiosk.narrator.volume == 0.5
    kiosk.narrator.stop()  # reading ends; now the idle clock runs
    with qtbot.wait_signal(kiosk.idle.timed_out, timeout=5000):
        pass
    assert kiosk.narrator.state is State.IDLE
    assert kiosk.narrator.volume == 0.8  # back to the default for the next visit
    assert not kiosk.narrator.slow
    assert not kiosk.window.topic.narration.slower.isChecked()


def test_reset_while_reading_stops_it(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot, Settings())
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        kiosk.narrator.play()
    kiosk.visits.reset()
    assert kiosk.narrator.state is State.IDLE
    assert kiosk.window.current_screen == "attract"


def test_louder_and_softer_and_slower_buttons(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking_kiosk(make_kiosk, qtbot, Settings())
    bar = kiosk.window.topic.narration
    qtbot.mouseClick(bar.louder, Qt.MouseButton.LeftButton)
    assert kiosk.visit.choices.volume == 90
    qtbot.mouseClick(bar.softer, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.softer, Qt.MouseButton.LeftButton)
    assert kiosk.visit.choices.volume == 70
    assert kiosk.narrator.volume == 0.7
    qtbot.mouseClick(bar.slower, Qt.MouseButton.LeftButton)
    assert kiosk.narrator.slow
    assert kiosk.visit.choices.slow_speech


def test_no_engine_listen_is_disabled_with_one_calm_line(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    missing = RenderClient(command=[str(tmp_path / "no-espeak")])
    kiosk = make_kiosk(speech=missing)
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    with qtbot.wait_signal(missing.unavailable, timeout=10_000):
        missing.start()
    bar = kiosk.window.topic.narration
    assert not bar.listen.isEnabled()
    assert bar.status.text() == (
        "Reading aloud is not available right now. Please ask the front desk."
    )
    page = kiosk.window.topic.page
    assert page is not None
    assert page.readings[0].text() == "Leg pain and IBS"  # the text stays
