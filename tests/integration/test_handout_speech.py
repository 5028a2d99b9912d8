"""The page to print read aloud with the real espeak-ng: by touch and by keys, and the audio
guide saying the preview's reading controls."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.narration.narrator import State
from kiosk.ui.guide_words import describe
from tests.gui.conftest import MakeKiosk
from tests.integration.test_keys_and_guide import focused, press, press_until, speaking

K = Qt.Key


def test_listen_on_the_page_reaches_playing(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = speaking(make_kiosk, qtbot, Settings(idle_timeout_s=300))
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    kiosk.handouts.preview()
    bar = kiosk.window.handout.narration
    qtbot.mouseClick(bar.listen, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: kiosk.narrator.state is State.PLAYING, timeout=20_000)
    assert kiosk.narrator.voice() is not None
    assert bar.listen.text() == "Pause"
    assert bar.status.text() == "Reading aloud: Your Clinic."


def test_space_reads_the_page_and_the_guide_says_its_controls(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = speaking(make_kiosk, qtbot, Settings(idle_timeout_s=300))
    w = kiosk.window
    press(qtbot, kiosk, K.Key_Return)  # any key wakes the attract screen
    press(qtbot, kiosk, K.Key_Return)  # the first topic
    assert w.current_screen == "topic"
    press_until(qtbot, kiosk, K.Key_Left, w.topic.print_button)
    press(qtbot, kiosk, K.Key_Return)
    assert w.current_screen == "handout"
    assert focused() is w.handout.print_button  # printing stays the first thing offered

    # The reading controls are reached by keys after the comfort controls.
    listen = w.handout.narration.listen
    press_until(qtbot, kiosk, K.Key_Right, listen)
    press(qtbot, kiosk, K.Key_Space)
    qtbot.wait_until(lambda: kiosk.narrator.state is State.PLAYING, timeout=20_000)
    assert w.current_screen == "handout"
    assert kiosk.visit.choices.prints_left == kiosk.settings.prints_per_visit  # nothing printed
    press(qtbot, kiosk, K.Key_Space)
    assert kiosk.narrator.state is State.PAUSED
    assert listen.text() == "Resume"

    # The audio guide names the control and what it does there.
    with qtbot.wait_signal(kiosk.guide.spoken, timeout=20_000):
        press(qtbot, kiosk, K.Key_F1)
    assert describe(listen) == "Resume. Reads the page to print aloud."
    with qtbot.wait_signal(
        kiosk.guide.spoken,
        timeout=20_000,
        check_params_cb=lambda text: text == "Resume. Reads the page to print aloud.",
    ):
        pass
    with qtbot.wait_signal(
        kiosk.guide.spoken,
        timeout=20_000,
        check_params_cb=lambda text: text == "Previous sentence.",
    ):
        press(qtbot, kiosk, K.Key_Right)
    with qtbot.wait_signal(kiosk.guide.spoken, timeout=20_000):
        press(qtbot, kiosk, K.Key_F1)  # off again: it says so once
    assert not kiosk.guide.enabled
