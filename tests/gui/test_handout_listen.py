"""Listen on the page to print: the preview reads aloud what the patient takes home, in the
topic's language, through the one narrator the topic screen reads with, with the real engine."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content import Topic
from kiosk.handout.spoken import page_parts, page_sentences
from kiosk.narration.narrator import State
from kiosk.narration.script import flatten, reading_blocks
from kiosk.stats import summary
from tests.gui.conftest import FAST, MakeKiosk, choose_language

SETTINGS = Settings(clinic_name="Riverside Family Clinic", clinic_phone="555-0100")


def tap(qtbot: QtBot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def previewing(
    make_kiosk: MakeKiosk, qtbot: QtBot, language: str = "en", settings: Settings = SETTINGS
) -> Kiosk:
    """A kiosk with the engine ready, showing the page to print for "Leg pain and IBS"."""
    kiosk = make_kiosk(settings)
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    kiosk.visits.start()
    kiosk.visit.update(language=language)
    kiosk.reading.open_topic("ibs-leg-pain")
    tap(qtbot, kiosk.window.topic.print_button)
    assert kiosk.window.current_screen == "handout"
    return kiosk


def shown_topic(kiosk: Kiosk) -> Topic:
    topic = kiosk.window.topic.topic
    assert topic is not None
    return topic


def the_page(kiosk: Kiosk) -> list[str]:
    """The sentences of the page on preview, as the page holds them."""
    handout = kiosk.handouts.previewed
    assert handout is not None
    topic = shown_topic(kiosk)
    return page_sentences(page_parts(topic, kiosk.settings, handout.steps_shown))[0]


def test_listen_reads_the_page_in_the_topics_language(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = previewing(make_kiosk, qtbot, "es")
    bar = kiosk.window.handout.narration
    assert bar.listen.text() == "Escuchar"
    with qtbot.wait_signal(kiosk.reading.listened, timeout=5_000) as listened:
        tap(qtbot, bar.listen)
    assert listened.args == [shown_topic(kiosk)]
    assert kiosk.narrator.lang == "es"
    assert kiosk.narrator.sentences == the_page(kiosk)
    assert kiosk.narrator.sentences[:2] == ["Riverside Family Clinic", "555-0100"]
    assert "Lo que puede hacer en casa" in kiosk.narrator.sentences
    assert "Llame al 911 ahora" in kiosk.narrator.sentences
    qtbot.wait_until(lambda: kiosk.narrator.state is State.PLAYING, timeout=20_000)
    assert bar.listen.text() == "Pausa"
    assert bar.status.text() == "Leyendo en voz alta: Riverside Family Clinic."
    assert kiosk.idle.held_by == {"narration"}


def test_the_bar_follows_the_reading_part_by_part(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    bar = kiosk.window.handout.narration
    narrator = kiosk.narrator
    with qtbot.wait_signal(narrator.sentence_started, timeout=20_000) as first:
        tap(qtbot, bar.listen)
    assert first.args == [0]
    assert bar.listen.text() == "Pause"
    assert bar.stop.isEnabled()
    assert bar.status.text() == "Reading aloud: Riverside Family Clinic."
    with qtbot.wait_signal(narrator.sentence_started, timeout=20_000):
        narrator.play(narrator.sentences.index("Leg pain and IBS"))
    assert bar.status.text() == "Reading aloud: Leg pain and IBS."
    with qtbot.wait_signal(narrator.sentence_started, timeout=20_000):
        narrator.play(narrator.sentences.index("Your stool is bloody or black."))
    tier = "Call your doctor now or go to urgent care"
    assert bar.status.text() == f"Reading aloud: {tier}, 2 of 4."
    tap(qtbot, bar.back)  # a sentence back: the first sign of the tier
    qtbot.wait_until(lambda: bar.status.text().endswith("1 of 4."), timeout=20_000)
    tap(qtbot, bar.listen)
    assert narrator.state is State.PAUSED
    assert bar.listen.text() == "Resume"
    tap(qtbot, bar.stop)
    assert narrator.state is State.IDLE
    assert bar.listen.text() == "Listen"
    assert bar.status.text() == "Tap Listen to hear this page read aloud."
    assert kiosk.idle.held_by == frozenset()


def test_a_page_listened_to_counts_as_its_topic_read_aloud(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        tap(qtbot, kiosk.window.handout.narration.listen)
    assert kiosk.stats is not None
    assert kiosk.stats.flush()
    today, _week = summary(kiosk.stats_path, dt.date.today())
    assert today.narrations == 1


def test_back_to_the_topic_leaves_no_reading_and_the_topic_reads_itself(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        tap(qtbot, kiosk.window.handout.narration.listen)
    tap(qtbot, kiosk.window.handout.back)
    assert kiosk.window.current_screen == "topic"
    assert kiosk.narrator.state is State.IDLE
    assert kiosk.idle.held_by == frozenset()
    assert kiosk.window.handout.narration.listen.text() == "Listen"
    topic = shown_topic(kiosk)
    assert kiosk.narrator.sentences == flatten(reading_blocks(topic))[0]
    # The topic's Listen reads the topic, marked on its page, not the printed page.
    bar = kiosk.window.topic.narration
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        tap(qtbot, bar.listen)
    page = kiosk.window.topic.page
    assert page is not None
    assert page.readings[0].highlighted == 0
    assert bar.listen.text() == "Pause"
    # And the other way: the topic's reading stops when its page is previewed.
    tap(qtbot, kiosk.window.topic.print_button)
    assert kiosk.narrator.state is State.IDLE
    assert bar.listen.text() == "Listen"
    assert page.readings[0].highlighted is None
    assert kiosk.narrator.sentences == the_page(kiosk)


def test_a_reset_stops_the_page_being_read(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    bar = kiosk.window.handout.narration
    tap(qtbot, bar.slower)
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        tap(qtbot, bar.listen)
    kiosk.visits.reset()
    assert kiosk.window.current_screen == "attract"
    assert kiosk.narrator.state is State.IDLE
    assert kiosk.idle.held_by == frozenset()
    assert bar.listen.text() == "Listen"
    assert not bar.slower.isChecked()
    assert not kiosk.narrator.slow


def test_the_bars_controls_are_the_visits(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    bar = kiosk.window.handout.narration
    tap(qtbot, bar.louder)
    assert kiosk.visit.choices.volume == 90
    tap(qtbot, bar.softer)
    tap(qtbot, bar.softer)
    assert kiosk.narrator.volume == 0.7
    tap(qtbot, bar.slower)
    assert kiosk.narrator.slow
    assert kiosk.window.topic.narration.slower.isChecked()  # the same choice on the topic


def test_a_new_language_reads_the_new_page(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = previewing(make_kiosk, qtbot)
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        tap(qtbot, kiosk.window.handout.narration.listen)
    choose_language(qtbot, kiosk.window.handout.controls, "es")
    assert kiosk.window.current_screen == "handout"
    assert kiosk.narrator.lang == "es"
    assert kiosk.narrator.sentences == the_page(kiosk)
    assert "Cuándo pedir ayuda" in kiosk.narrator.sentences
    assert kiosk.narrator.state is not State.IDLE  # it goes on reading, from the top
    qtbot.wait_until(lambda: kiosk.narrator.state is State.PLAYING, timeout=20_000)
    assert kiosk.narrator.index == 0


def test_no_speech_offers_no_listen_on_the_page(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(dataclasses.replace(FAST, speech_engine="none", idle_timeout_s=30.0))
    with qtbot.wait_signal(kiosk.speech.unavailable, timeout=2_000):
        kiosk.speech.start()
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    kiosk.handouts.preview()
    bar = kiosk.window.handout.narration
    assert not bar.listen.isEnabled()
    assert "not available" in bar.status.text()
    assert kiosk.window.handout.print_button.isEnabled()  # printing does not need speech
