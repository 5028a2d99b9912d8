"""Screens on their own, without a whole kiosk: what each shows and says for each state, and
the signals its controls send. The window and the app are tested elsewhere; a bug in one screen
shows up here by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.narration.narrator import Problem, State
from kiosk.theme import PALETTES, metrics
from kiosk.ui.handout import HandoutScreen
from kiosk.ui.narration_bar import NarrationBar

Make = Callable[[type[QWidget]], QWidget]


@pytest.fixture
def make(qtbot: QtBot) -> Make:
    def build(kind: type[QWidget]) -> QWidget:
        widget = kind()
        qtbot.add_widget(widget)
        widget.apply(metrics(100), PALETTES["light"])  # type: ignore[attr-defined]
        widget.resize(1920, 300 if kind is NarrationBar else 1080)
        widget.show()
        return widget

    return build


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_narration_bar_follows_the_narrator(make: Make) -> None:
    bar = make(NarrationBar)
    assert isinstance(bar, NarrationBar)
    assert bar.listen.text().strip() == "Listen"
    assert not any(b.isEnabled() for b in (bar.back, bar.stop, bar.forward))
    for state, words in (
        (State.LOADING, "Pause"),
        (State.PLAYING, "Pause"),
        (State.PAUSED, "Resume"),
    ):
        bar.show_state(state)
        assert bar.listen.text().strip() == words
        assert all(b.isEnabled() for b in (bar.back, bar.stop, bar.forward))
    assert bar.status.text() == "Paused. Tap Resume to go on."
    bar.show_state(State.IDLE)
    assert bar.status.text() == "Tap Listen to hear this page read aloud."


def test_narration_bar_says_when_speech_cannot_be_had(make: Make) -> None:
    bar = make(NarrationBar)
    assert isinstance(bar, NarrationBar)
    bar.show_problem(Problem.UNAVAILABLE)
    assert "not available right now" in bar.status.text()
    assert not any(b.isEnabled() for b in (bar.listen, bar.slower, bar.softer, bar.louder))
    bar.set_available(True)
    assert bar.listen.isEnabled()
    assert bar.status.text() == "Tap Listen to hear this page read aloud."
    bar.show_problem(Problem.FAILED)
    assert bar.status.text() == "Sorry, this page could not be read aloud just now."
    assert bar.listen.isEnabled()  # one sentence failed: the patient may try again


def test_narration_bar_buttons_send_their_requests(qtbot: QtBot, make: Make) -> None:
    bar = make(NarrationBar)
    assert isinstance(bar, NarrationBar)
    bar.show_state(State.PLAYING)
    for button, signal in (
        (bar.listen, bar.toggle_requested),
        (bar.stop, bar.stop_requested),
        (bar.back, bar.back_requested),
        (bar.forward, bar.forward_requested),
    ):
        with qtbot.wait_signal(signal, timeout=1000):
            click(qtbot, button)
    steps: list[int] = []
    bar.volume_step.connect(steps.append)
    click(qtbot, bar.softer)
    click(qtbot, bar.louder)
    assert steps == [-1, 1]
    with qtbot.wait_signal(bar.slower_toggled, timeout=1000) as slower:
        click(qtbot, bar.slower)
    assert slower.args == [True]
    bar.reset()
    assert not bar.slower.isChecked()
    assert bar.state is State.IDLE


def test_handout_screen_walks_through_a_print(qtbot: QtBot, make: Make) -> None:
    screen = make(HandoutScreen)
    assert isinstance(screen, HandoutScreen)
    page = QImage(800, 1000, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    screen.show_page(page)
    said: list[str] = []
    screen.status_shown.connect(said.append)
    screen.show_ready(3)
    assert screen.print_button.isEnabled()
    with qtbot.wait_signal(screen.print_requested, timeout=1000):
        click(qtbot, screen.print_button)
    screen.show_printing()
    assert not screen.print_button.isEnabled()  # no second tap while it is sent
    screen.show_printed(2)
    assert screen.print_button.isEnabled()
    screen.show_printed(0)
    assert not screen.print_button.isEnabled()  # the visit's allowance is used up
    screen.show_failed()
    assert screen.status.text() == (
        "The printer is not working right now. Please ask the front desk."
    )
    assert said[0] == "Check the page, then tap Print this page."
    assert len(said) == 5  # each new line is announced once, for the audio guide
    with qtbot.wait_signal(screen.back_requested, timeout=1000):
        click(qtbot, screen.back)
    screen.clear()
    assert screen.status.text() == ""
