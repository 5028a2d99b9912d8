"""Opening hours and burn-in: a dark screen outside the hours, woken by a touch for one visit;
an attract screen whose parts never stay in one place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.ui.attract import DRIFT_STEPS
from tests.gui.conftest import FAST, MakeKiosk

NIGHT = dataclasses.replace(FAST, screen_off="20:00-07:00")


def at(kiosk: Kiosk, hhmm: str) -> None:
    """Set the kiosk's clock to a local time today."""
    when = dt.datetime.combine(dt.date.today(), dt.time.fromisoformat(hhmm))
    kiosk.hours.clock = lambda: when


def all_black(kiosk: Kiosk) -> bool:
    image = kiosk.window.grab().toImage()
    step = 16
    return all(
        image.pixelColor(x, y) == QColor(Qt.GlobalColor.black)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    )


def tap(qtbot: QtBot, kiosk: Kiosk) -> None:
    """A tap in the middle of whatever is on show."""
    widget = kiosk.window.stack.currentWidget()
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def test_outside_the_hours_the_screen_is_black_and_still(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(NIGHT)
    at(kiosk, "22:15")
    kiosk.hours.start()
    assert kiosk.window.current_screen == "dark"
    assert all_black(kiosk)
    assert not kiosk.window.attract.isVisible()  # its rotation and drift timers stop with it
    assert not kiosk.visit.active


def test_a_touch_wakes_it_and_it_goes_dark_again_if_nobody_starts(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    kiosk = make_kiosk(NIGHT)
    at(kiosk, "03:00")
    kiosk.hours.start()
    tap(qtbot, kiosk)
    assert kiosk.window.current_screen == "attract"  # the touch wakes, it does not start
    assert not kiosk.visit.active
    qtbot.wait_until(lambda: kiosk.window.current_screen == "dark", timeout=3000)


def test_a_key_wakes_it_too(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(NIGHT)
    at(kiosk, "21:00")
    kiosk.hours.start()
    qtbot.keyClick(kiosk.window.dark, Qt.Key.Key_Space)
    assert kiosk.window.current_screen == "attract"
    qtbot.keyClick(kiosk.window.attract, Qt.Key.Key_Space)
    assert kiosk.window.current_screen == "home"


def test_one_visit_then_dark_after_the_reset(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(NIGHT)
    at(kiosk, "23:00")
    kiosk.hours.start()
    tap(qtbot, kiosk)
    tap(qtbot, kiosk)
    assert kiosk.window.current_screen == "home"
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    kiosk.hours.check()  # the half-minute check during the visit leaves the patient alone
    assert kiosk.window.current_screen == "topic"
    qtbot.wait_until(lambda: kiosk.window.current_screen == "dark", timeout=5000)  # idle reset
    assert kiosk.window.topic.topic is None
    assert all_black(kiosk)


def test_closing_time_waits_for_the_visit_and_opening_time_lights_it(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    kiosk = make_kiosk(dataclasses.replace(NIGHT, idle_timeout_s=30))
    at(kiosk, "19:58")
    kiosk.hours.start()
    assert kiosk.window.current_screen == "attract"
    tap(qtbot, kiosk)
    at(kiosk, "20:01")
    kiosk.hours.check()
    assert kiosk.window.current_screen == "home"  # a patient is here: no black screen
    kiosk.visits.reset()
    assert kiosk.window.current_screen == "dark"
    at(kiosk, "07:00")
    kiosk.hours.check()
    assert kiosk.window.current_screen == "attract"
    assert not all_black(kiosk)


def test_without_opening_hours_it_never_goes_dark(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk()
    at(kiosk, "03:00")
    kiosk.hours.start()
    kiosk.hours.check()
    kiosk.visits.reset()
    assert kiosk.window.current_screen == "attract"


def test_the_attract_screen_drifts_slowly_and_covers_ground(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    kiosk = make_kiosk()
    attract, window = kiosk.window.attract, kiosk.window
    assert window.current_screen == "attract"
    size = window.size()

    def where() -> tuple[QPoint, QPoint]:
        attract.layout().activate()
        return (
            attract.clinic.mapTo(window, attract.clinic.rect().center()),
            attract.start.mapTo(window, attract.start.rect().center()),
        )

    first = where()
    picture = window.grab().toImage()
    places = [first]
    for _ in range(DRIFT_STEPS):
        attract.drift()
        places.append(where())
    assert window.size() == size  # drifting never asks for more room
    title_x = [p[0].x() for p in places]
    title_y = [p[0].y() for p in places]
    button_y = [p[1].y() for p in places]
    assert max(title_x) - min(title_x) >= 60
    assert max(title_y) - min(title_y) >= 60
    assert max(button_y) - min(button_y) >= 60
    steps = [
        max(abs(a[0].x() - b[0].x()), abs(a[0].y() - b[0].y()))
        for a, b in itertools.pairwise(places)
    ]
    assert max(steps) <= 4  # a pixel or few at a time: a calm screen, nothing jumps
    assert places[-1] == first  # a closed round
    # No place is held for long: the title sits at most a few steps in one spot.
    assert max(places.count(p) for p in places) <= 8
    for label in (attract.clinic, attract.start):
        top_left = label.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(top_left)
    attract.drift_step = DRIFT_STEPS // 4
    attract.drift()
    attract.layout().activate()
    assert window.grab().toImage() != picture
