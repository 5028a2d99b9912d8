"""The bars along the top of the home, topic and handout screens: one row of controls at
1920x1080 and 100 % in every language, and at larger text more rows but nothing cut off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import languages
from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.theme import MIN_BUTTON, MIN_GAP
from tests.gui.conftest import MakeKiosk
from tests.gui.test_sizes import gap

QUIET = Settings(idle_timeout_s=600, attract_rotate_s=0.05)  # no idle warning while measuring


def each_bar(kiosk: Kiosk, qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    """Each screen with a top bar, shown in turn, and its bar."""
    w = kiosk.window
    kiosk.visits.start()
    qtbot.wait(1)
    yield "home", w.home.header
    qtbot.mouseClick(w.home.tiles[0], Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    yield "topic", w.topic.top_bar
    qtbot.mouseClick(w.topic.print_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    bar = w.handout.findChild(QWidget, "TopBar")
    assert bar is not None
    yield "handout", bar


def shown_in(bar: QWidget) -> list[tuple[QWidget, QRect]]:
    """The bar's buttons and words on show, each with its place in the bar."""
    found: list[tuple[QWidget, QRect]] = []
    for widget in bar.findChildren(QWidget):
        if not widget.isVisibleTo(bar):
            continue
        if isinstance(widget, QPushButton) or (isinstance(widget, QLabel) and widget.text()):
            found.append((widget, QRect(widget.mapTo(bar, QPoint(0, 0)), widget.size())))
    return found


def name(widget: QWidget) -> str:
    return widget.accessibleName() or (widget.text() if isinstance(widget, QLabel) else "")


def assert_nothing_cut_off_or_overlapping(screen: str, bar: QWidget) -> None:
    shown = shown_in(bar)
    assert len(shown) >= 6, screen
    for widget, rect in shown:
        assert bar.rect().contains(rect), (screen, name(widget), rect, bar.rect())
        if isinstance(widget, QLabel):
            assert widget.heightForWidth(widget.width()) <= widget.height() + 1, name(widget)
        else:
            assert rect.height() >= MIN_BUTTON, (screen, name(widget), rect)
    for i, (a, ra) in enumerate(shown):
        for b, rb in shown[i + 1 :]:
            assert gap(ra, rb) >= MIN_GAP, (screen, name(a), ra, name(b), rb)


@pytest.mark.parametrize("lang", languages.codes())
def test_each_top_bar_is_one_row_at_1920x1080(
    make_kiosk: MakeKiosk, qtbot: QtBot, lang: str
) -> None:
    kiosk = make_kiosk(QUIET)
    kiosk.visit.update(language=lang, text_size=100)
    for screen, bar in each_bar(kiosk, qtbot):
        assert_nothing_cut_off_or_overlapping(screen, bar)
        shown = shown_in(bar)
        buttons = [(b, r) for b, r in shown if isinstance(b, QPushButton)]
        assert {r.y() for _, r in buttons} == {buttons[0][1].y()}, (screen, buttons)
        row = max(r.height() for _, r in buttons)
        for widget, rect in shown:  # a title or the clinic's name fits the row too
            assert rect.height() <= row, (screen, name(widget), rect)
        layout = bar.layout()
        assert layout is not None
        m = layout.contentsMargins()
        assert bar.height() == row + m.top() + m.bottom(), screen


@pytest.mark.parametrize(
    ("text_size", "lang"), [(size, lang) for size in (130, 170) for lang in languages.codes()]
)
def test_at_larger_text_the_top_bars_wrap_without_cutting_anything_off(
    make_kiosk: MakeKiosk, qtbot: QtBot, text_size: int, lang: str
) -> None:
    kiosk = make_kiosk(QUIET)
    kiosk.visit.update(language=lang, text_size=text_size)
    for screen, bar in each_bar(kiosk, qtbot):
        assert_nothing_cut_off_or_overlapping(screen, bar)
        assert bar.mapTo(kiosk.window, QPoint(0, 0)).y() >= 0, screen
        assert bar.width() <= kiosk.window.width(), screen


def test_a_long_clinic_name_wraps_and_the_controls_stay_on_one_row(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    long_name = "Riverside Community Family Health Center, Main Street Office"
    assert len(long_name) <= 60  # the longest name the settings allow
    kiosk = make_kiosk(Settings(idle_timeout_s=600, clinic_name=long_name))
    _, bar = next(each_bar(kiosk, qtbot))
    assert_nothing_cut_off_or_overlapping("home", bar)
    clinic = kiosk.window.home.clinic
    assert clinic.heightForWidth(clinic.width()) > clinic.fontMetrics().height()  # wrapped
    buttons = [r for b, r in shown_in(bar) if isinstance(b, QPushButton)]
    assert {r.y() for r in buttons} == {buttons[0].y()}
