"""Screens on their own, without a whole kiosk: what each shows and says for each state, and
the signals its controls send. The window and the app are tested elsewhere; a bug in one screen
shows up here by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.narration.narrator import Problem, State
from kiosk.theme import PALETTES, metrics
from kiosk.ui.guide_words import describe
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


def test_the_handout_screen_reads_its_page_with_print_still_the_main_action(make: Make) -> None:
    screen = make(HandoutScreen)
    assert isinstance(screen, HandoutScreen)
    bar = screen.narration
    assert screen.print_button.property("role") == "primary"
    assert bar.listen.property("role") == "secondary"  # one main action on the screen
    assert screen.first_focus() is screen.print_button
    order = screen.focus_order()
    assert order[: 2 + len(screen.controls.buttons())] == [
        screen.back,
        screen.print_button,
        *screen.controls.buttons(),
    ]
    assert order[-len(bar.buttons) :] == bar.buttons
    assert describe(bar.listen) == "Listen. Reads the page to print aloud."
    assert describe(bar.stop) == "Stop. not available now."  # nothing is being read yet
    assert bar.status.text() == "Tap Listen to hear this page read aloud."


def test_the_handout_bar_says_which_part_of_the_page_is_read(make: Make) -> None:
    screen = make(HandoutScreen)
    assert isinstance(screen, HandoutScreen)
    bar = screen.narration
    bar.show_state(State.LOADING)
    assert bar.status.text() == "Getting ready to read…"
    bar.show_state(State.PLAYING)
    assert bar.status.text() == "Reading aloud."  # no words are marked on a picture
    bar.show_part("Leg pain and IBS")
    assert bar.status.text() == "Reading aloud: Leg pain and IBS."
    bar.show_part("Call 911 now", 2, 4)
    assert bar.status.text() == "Reading aloud: Call 911 now, 2 of 4."
    bar.show_state(State.PAUSED)
    assert bar.status.text() == "Paused. Tap Resume to go on."
    bar.show_state(State.PLAYING)
    assert bar.status.text() == "Reading aloud: Call 911 now, 2 of 4."
    bar.show_state(State.IDLE)
    assert bar.status.text() == "Tap Listen to hear this page read aloud."
    bar.show_state(State.PLAYING)
    assert bar.status.text() == "Reading aloud."  # a new reading has no part yet
    bar.show_problem(Problem.FAILED)
    bar.show_part("Call 911 now", 3, 4)
    assert bar.status.text() == "Sorry, this page could not be read aloud just now."


def test_the_topic_bar_still_points_to_the_marked_words(make: Make) -> None:
    bar = make(NarrationBar)
    assert isinstance(bar, NarrationBar)
    assert bar.listen.property("role") == "primary"
    bar.show_state(State.PLAYING)
    bar.show_part("Call 911 now", 1, 4)
    assert bar.status.text() == "Reading aloud. The words being read are marked in yellow."


def test_slower_shows_the_visit_choice_without_asking_again(qtbot: QtBot, make: Make) -> None:
    bar = make(NarrationBar)
    assert isinstance(bar, NarrationBar)
    with qtbot.assert_not_emitted(bar.slower_toggled):
        bar.show_slow(True)
    assert bar.slower.isChecked()
    bar.reset()
    assert not bar.slower.isChecked()


@pytest.mark.parametrize("size", [100, 170])
def test_the_bar_wraps_inside_any_width(qtbot: QtBot, size: int) -> None:
    """Buttons in a grid line up in columns, so a column is as wide as its widest button:
    whatever the width, every button stays whole and inside the bar, and the bar asks for no
    more than one button's width (a wider ask kept the window wider than a portrait screen)."""
    holder = QWidget()  # the bar inside a screen, as it is shown
    qtbot.add_widget(holder)
    bar = NarrationBar()
    QVBoxLayout(holder).addWidget(bar)
    sizes = metrics(size)
    bar.apply(sizes, PALETTES["light"])
    holder.show()
    widest = max(b.sizeHint().width() for b in bar.buttons)
    for width in range(widest + 2 * sizes.pad + 30, 1921, 3):
        holder.resize(width, 800)
        QApplication.processEvents()  # the grid placed again after the resize is laid out
        layout = holder.layout()
        assert layout is not None
        layout.activate()
        assert bar.width() <= width
        for button in bar.buttons:
            right = button.mapTo(bar, button.rect().topRight()).x()
            assert right < bar.width(), f"{button.words!r} ends at {right} in a bar {width} wide"
            assert button.width() >= button.sizeHint().width(), f"{button.words!r} squeezed"
        assert bar.minimumSizeHint().width() <= widest + 2 * sizes.pad
