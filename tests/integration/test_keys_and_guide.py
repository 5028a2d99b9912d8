"""For people who cannot see or touch the screen: a whole visit by keys alone, and the audio
guide saying the focused control, with the real speech engine and a real print queue."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.narration.narrator import State
from kiosk.ui.guide_words import describe
from kiosk.ui.home import TopicTile
from tests.gui.conftest import MakeKiosk
from tests.integration.test_printing import queue, wait_for_pdf

K = Qt.Key


def press(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key) -> None:
    """A key press as a keyboard or keypad sends it: to whatever has the focus."""
    target = QApplication.focusWidget() or kiosk.window
    qtbot.keyClick(target, key)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press_until(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key, wanted: QWidget) -> int:
    """Press `key` until `wanted` has the focus; how many presses it took."""
    for presses in range(1, 40):
        press(qtbot, kiosk, key)
        if focused() is wanted:
            return presses
    raise AssertionError(f"{key} never reached {wanted.accessibleName()!r}")


def speaking(make_kiosk: MakeKiosk, qtbot: QtBot, settings: Settings) -> Kiosk:
    kiosk = make_kiosk(settings)
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    return kiosk


def test_a_whole_visit_by_keys_alone(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    settings = Settings(printer=queue("KIOSK_TEST_PRINTER"), idle_timeout_s=300)
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    kiosk = speaking(make_kiosk, qtbot, settings)
    w = kiosk.window

    press(qtbot, kiosk, K.Key_Return)  # any key wakes the attract screen
    assert w.current_screen == "home"
    assert focused() is w.home.tiles[0]  # keys start on the first topic

    ibs = next(t for t in w.home.tiles if t.topic_id == "ibs-leg-pain")
    if focused() is not ibs:
        press_until(qtbot, kiosk, K.Key_Right, ibs)
    press(qtbot, kiosk, K.Key_Return)
    assert w.current_screen == "topic"
    assert w.topic.topic is not None
    assert w.topic.topic.id == "ibs-leg-pain"
    assert focused() is w.topic.narration.listen

    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as first:
        press(qtbot, kiosk, K.Key_Space)  # listen
    assert first.args == [0]
    press(qtbot, kiosk, K.Key_Space)  # pause
    assert kiosk.narrator.state is State.PAUSED
    assert w.topic.narration.listen.text() == "Resume"

    volume = kiosk.visit.choices.volume
    press(qtbot, kiosk, K.Key_Plus)
    assert kiosk.visit.choices.volume == volume + 10
    press(qtbot, kiosk, K.Key_Minus)
    press(qtbot, kiosk, K.Key_Minus)
    assert kiosk.visit.choices.volume == volume - 10

    # Left goes back through the controls to "Print a summary"; Enter opens the page.
    press_until(qtbot, kiosk, K.Key_Left, w.topic.print_button)
    press(qtbot, kiosk, K.Key_Return)
    assert w.current_screen == "handout"
    assert focused() is w.handout.print_button
    started = time.time() - 1
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        press(qtbot, kiosk, K.Key_Return)
    assert wait_for_pdf(out, started).stat().st_size > 0
    assert kiosk.visit.choices.prints_left == settings.prints_per_visit - 1

    press(qtbot, kiosk, K.Key_Escape)
    assert w.current_screen == "topic"
    assert focused() is w.topic.print_button  # back where the patient left
    press(qtbot, kiosk, K.Key_Backspace)
    assert w.current_screen == "home"
    assert focused() is ibs  # and on the tile they came from
    press(qtbot, kiosk, K.Key_Escape)
    assert w.current_screen == "home"  # never further back, never out


def test_arrow_keys_reach_every_control_in_reading_order(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(Settings(idle_timeout_s=300))
    press(qtbot, kiosk, K.Key_Return)
    press(qtbot, kiosk, K.Key_Return)  # the first tile
    assert kiosk.window.current_screen == "topic"
    bar = kiosk.window.topic
    expected = [
        bar.back,
        bar.home,
        bar.print_button,
        *bar.controls.buttons(),
        bar.narration.listen,
        bar.narration.slower,
        bar.narration.softer,
        bar.narration.louder,
    ]  # Previous, Stop and Next are skipped while nothing is being read
    order = []
    press_until(qtbot, kiosk, K.Key_Right, bar.back)
    for _ in expected:
        order.append(focused())
        press(qtbot, kiosk, K.Key_Down)
    assert [b.accessibleName() for b in order if b] == [b.accessibleName() for b in expected]
    assert focused() is bar.back  # round again from the start
    press(qtbot, kiosk, K.Key_Up)
    assert focused() is bar.narration.louder
    # Enter on a control does what a tap does: here, the largest text.
    press_until(qtbot, kiosk, K.Key_Left, bar.controls.sizes[170])
    press(qtbot, kiosk, K.Key_Return)
    assert kiosk.visit.choices.text_size == 170
    assert focused() is bar.controls.sizes[170]


def test_the_audio_guide_says_the_focused_control(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking(make_kiosk, qtbot, Settings(idle_timeout_s=300))
    guide = kiosk.guide
    with qtbot.wait_signal(guide.spoken, timeout=20_000) as said:
        press(qtbot, kiosk, K.Key_F1)  # from the attract screen: a visit starts, guided
    assert said.args == ["Audio guide on."]
    assert kiosk.visit.choices.audio_guide
    assert kiosk.window.current_screen == "home"

    press(qtbot, kiosk, K.Key_Right)
    expected = describe(focused())
    assert expected
    with qtbot.wait_signal(
        guide.spoken, timeout=20_000, check_params_cb=lambda text: text == expected
    ):
        pass
    assert guide.narrator.voice() is not None

    # A topic: the screen is announced, then the control with the focus.
    tile = focused()
    assert isinstance(tile, TopicTile)
    with qtbot.wait_signal(
        guide.spoken,
        timeout=20_000,
        check_params_cb=lambda text: text.startswith(tile.accessibleName()),
    ):
        press(qtbot, kiosk, K.Key_Return)
    with qtbot.wait_signal(guide.spoken, timeout=20_000, check_params_cb=lambda t: t == "Listen."):
        pass

    # In Spanish, the guide speaks Spanish with a Spanish voice.
    kiosk.visit.update(language="es")
    press(qtbot, kiosk, K.Key_Right)
    spanish = describe(focused())
    with qtbot.wait_signal(
        guide.spoken, timeout=20_000, check_params_cb=lambda text: text == spanish
    ):
        pass
    assert guide.narrator.lang == "es"
    voice = guide.narrator.voice() or ""
    assert "es" in voice, voice

    # Off again with the same key: it says so, then stays quiet on moves.
    with qtbot.wait_signal(
        guide.spoken, timeout=20_000, check_params_cb=lambda t: t == "Guía de voz desactivada."
    ):
        press(qtbot, kiosk, K.Key_F1)
    assert not guide.enabled
    with qtbot.assert_not_emitted(guide.spoken, wait=1500):
        press(qtbot, kiosk, K.Key_Right)


def test_the_guide_holds_the_reading_and_lets_it_go_on(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking(make_kiosk, qtbot, Settings(idle_timeout_s=300))
    press(qtbot, kiosk, K.Key_Return)
    kiosk.reading.open_topic("ibs-leg-pain")
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000):
        press(qtbot, kiosk, K.Key_Space)
    kiosk.visit.update(audio_guide=True)
    with qtbot.wait_signal(kiosk.guide.spoken, timeout=20_000):
        pass
    assert kiosk.narrator.state is State.PAUSED  # one voice at a time
    kiosk.guide.stop()  # the guide finishes (or is cut short): the reading goes on
    assert kiosk.narrator.state is State.PLAYING
