"""The real kiosk driven by a finger: QTouchEvents from a touchscreen, not mouse clicks.

How the touches are made: `QTest.touchEvent(window, device)` hands each touch point to Qt's
window system interface, as a touchscreen driver does, addressed to the kiosk window's QWindow
(a touch sequence aimed at a child widget goes to the same QWindow; the widget only changes
the coordinates, so every point here is given in the coordinates of the widget it is aimed at).
Qt then picks the widget under each finger, sends the QTouchEvent to those that accept touch
(the scroll areas' viewports, which grab Qt's pan gesture) and, as none of them takes it, makes
mouse events from the first finger only, marked as made by Qt, for the buttons and screens.

Two things the offscreen platform needs:

- The touchscreen must be registered with Qt before any touch event of its own: it is made
  once, when the QApplication exists (other tests may have used the app already; that does
  not matter), and every test here touches with it (`touchscreen`). Qt keeps it, as it keeps
  a real one that stays plugged in, so it is never deleted.
- Its screen is 800x800 while the kiosk window is 1920x1080. Qt finds the target of a drag
  with `QApplication.topLevelAt()`, which finds nothing off the screen ("could not find the
  target for gesture"), so drags and pinches start on the part of the window on the screen
  (`on_screen`), as on the kiosk, where the window covers the screen. Taps need no such
  search and land anywhere on the window (`middle`).
"""

from __future__ import annotations

import dataclasses
import time
from typing import Protocol

import pytest
from PySide6.QtCore import QPoint, QRect, QtMsgType
from PySide6.QtGui import QFontInfo, QInputDevice, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller, QWidget
from pytestqt.logging import Record
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.staff import hash_pin
from kiosk.ui.gesture import HOLD_MS
from tests.gui.conftest import FAST, MakeKiosk

CALM = dataclasses.replace(FAST, idle_timeout_s=30.0)  # no idle warning in the middle of a test
PIN = "2468"


class QtLog(Protocol):
    """pytest-qt's `qtlog` fixture: the Qt messages of the test so far."""

    records: list[Record]


@pytest.fixture(scope="session")
def touchscreen(qapp: QApplication) -> QPointingDevice:
    """The one touchscreen the tests touch with."""
    return QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)


def middle(widget: QWidget) -> QPoint:
    """The middle of the part of `widget` that is shown, in its own coordinates (a tap may
    land anywhere on the window)."""
    shown = widget.visibleRegion()
    centre = shown.boundingRect().center()
    assert shown.contains(centre), f"{widget.objectName()} is not shown"
    return centre


def on_screen(widget: QWidget) -> QPoint:
    """The middle of the part of `widget` that is shown and on the screen, in its own
    coordinates: where a drag or a pinch starts (see the module's docstring)."""
    screen = widget.screen().geometry()
    shown = widget.visibleRegion().intersected(
        QRect(widget.mapFromGlobal(screen.topLeft()), screen.size())
    )
    centre = shown.boundingRect().center()
    assert shown.contains(centre), f"{widget.objectName()} is not on the screen"
    return centre


def tap(kiosk: Kiosk, device: QPointingDevice, widget: QWidget, at: QPoint | None = None) -> None:
    """One finger down and up on `widget` (at `at`, else the middle of what is shown)."""
    point = at if at is not None else middle(widget)
    finger = QTest.touchEvent(kiosk.window, device, False)
    finger.press(0, point, widget).commit()
    finger.release(0, point, widget).commit()


def pinch(
    qtbot: QtBot, kiosk: Kiosk, device: QPointingDevice, widget: QWidget, end: QPoint
) -> None:
    """Two fingers land 60 px apart around the middle of `widget` and spread, in ten moves
    over about 150 ms, until they are `end` from where they started (one each way)."""
    centre = on_screen(widget)
    start = QPoint(30, 0)
    fingers = QTest.touchEvent(kiosk.window, device, False)
    fingers.press(0, centre - start, widget).press(1, centre + start, widget).commit()
    for step in range(1, 11):
        qtbot.wait(15)
        apart = start + end * step / 10
        fingers.move(0, centre - apart, widget).move(1, centre + apart, widget).commit()
    fingers.release(0, centre - start - end, widget).release(1, centre + start + end, widget)
    fingers.commit()


def recorder(kiosk: Kiosk) -> tuple[list[str], list[str]]:
    """Lists that fill with every topic a tap asks for and every screen change."""
    requested: list[str] = []
    screens: list[str] = []
    kiosk.window.topic_requested.connect(requested.append)
    kiosk.window.screen_changed.connect(screens.append)
    return requested, screens


def qt_warnings(qtlog: QtLog, since: int) -> list[str]:
    """What Qt warned about (or worse) since the `since`-th message of the test, but for the
    offscreen platform's note each time the window's size limits change (pages being laid
    out), which has nothing to do with touch."""
    quiet = (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg)
    return [
        r.message
        for r in qtlog.records[since:]
        if r.type not in quiet and "propagateSizeHints" not in r.message
    ]


def start_by_touch(qtbot: QtBot, kiosk: Kiosk, device: QPointingDevice) -> None:
    """A finger on the attract screen (away from its button) starts a visit."""
    window = kiosk.window
    assert window.current_screen == "attract"
    tap(kiosk, device, window.attract, QPoint(window.attract.width() // 2, 40))
    qtbot.wait_until(lambda: window.current_screen == "home")


def test_a_tap_starts_a_visit_and_a_tap_on_a_tile_opens_its_topic(
    qtbot: QtBot, make_kiosk: MakeKiosk, touchscreen: QPointingDevice
) -> None:
    """The attract screen wakes to a finger anywhere; a tile (not the first) opens its topic,
    once, with nothing else pressed on the way."""
    kiosk = make_kiosk(CALM)
    window = kiosk.window
    requested, screens = recorder(kiosk)
    start_by_touch(qtbot, kiosk, touchscreen)
    assert kiosk.visit.active
    assert screens == ["home"]

    tiles = window.home.tiles
    assert len(tiles) >= 2
    tile = tiles[-1]
    tap(kiosk, touchscreen, tile)
    qtbot.wait_until(lambda: window.current_screen == "topic")
    topic = window.topic.topic
    assert topic is not None
    assert topic.id == tile.topic_id
    assert requested == [tile.topic_id]
    assert screens == ["home", "topic"]
    assert not tile.isDown()


def test_a_flick_scrolls_a_topic_and_carries_on_after_the_finger_lifts(
    qtbot: QtBot, make_kiosk: MakeKiosk, touchscreen: QPointingDevice, qtlog: QtLog
) -> None:
    """A finger drags the page up 100 px in 100 ms and lifts: the page has followed it, goes
    on scrolling by itself (ever further down, for longer than the finger moved), then comes
    to rest on its own, short of the end."""
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    page = kiosk.window.topic.page
    assert page is not None
    viewport = page.scroll_area.viewport()
    bar = page.scroll_area.verticalScrollBar()
    qtbot.wait_until(lambda: bar.maximum() > 2000)
    scroller = QScroller.scroller(viewport)
    seen: list[int] = []
    bar.valueChanged.connect(seen.append)
    since = len(qtlog.records)

    x = on_screen(viewport).x()
    y = viewport.height() * 4 // 5
    finger = QTest.touchEvent(kiosk.window, touchscreen, False)
    finger.press(0, QPoint(x, y), viewport).commit()
    for step in range(1, 11):
        qtbot.wait(10)
        finger.move(0, QPoint(x, y - 10 * step), viewport).commit()
    finger.release(0, QPoint(x, y - 100), viewport).commit()
    lifted = bar.value()
    assert lifted > 0  # the page followed the finger
    assert scroller.state() == QScroller.State.Scrolling  # and was thrown, not just dropped
    after = len(seen)

    qtbot.wait_until(lambda: scroller.state() == QScroller.State.Inactive, timeout=10_000)
    rest = bar.value()
    carried = seen[after:]
    assert len(carried) >= 5  # frame after frame, not one jump
    assert carried == sorted(carried)
    assert len(set(carried)) == len(carried)  # each frame further down than the one before
    assert rest - lifted > 100  # further than the finger itself moved the page
    assert rest < bar.maximum()  # it slowed to a stop by itself, not at the end of the page
    qtbot.wait(200)
    assert bar.value() == rest
    assert kiosk.window.current_screen == "topic"
    assert qt_warnings(qtlog, since) == []  # the flick found its target


def test_holding_the_staff_corner_with_a_finger_opens_the_pin_pad(
    qtbot: QtBot, make_kiosk: MakeKiosk, touchscreen: QPointingDevice
) -> None:
    """A finger on the top-left corner for a third of the hold time does nothing; held for
    the whole time (the shipped three seconds) it opens the PIN pad, and the same finger then
    types the PIN: the release after the hold is the only one swallowed.

    The first corner touch comes right after the one that woke the kiosk, so Qt gives the
    widgets its mouse press as a double click only; it is timed all the same."""
    kiosk = make_kiosk(dataclasses.replace(CALM, staff_pin_hash=hash_pin(PIN)))
    window = kiosk.window
    start_by_touch(qtbot, kiosk, touchscreen)
    corner = QPoint(window.corner.corner // 4, window.corner.corner // 4)
    finger = QTest.touchEvent(window, touchscreen, False)

    def holding() -> bool:
        return window.corner.holding

    finger.press(0, corner, window).commit()  # within the double-click time of the wake-up
    assert holding()
    qtbot.wait(HOLD_MS // 3)
    finger.release(0, corner, window).commit()
    assert not holding()  # lifted early: nothing left to fire later
    assert window.current_screen == "home"

    pressed = time.monotonic()
    finger.press(0, corner, window).commit()
    qtbot.wait_until(lambda: window.current_screen == "pin", timeout=HOLD_MS + 3000)
    assert time.monotonic() - pressed >= HOLD_MS / 1000 * 0.9  # timers may be 5 % early
    finger.release(0, corner, window).commit()
    assert window.current_screen == "pin"

    pad = window.pin
    for digit in PIN:
        tap(kiosk, touchscreen, pad.keys[digit])
    assert pad.dots.text().count("●") == len(PIN)
    tap(kiosk, touchscreen, pad.ok)
    qtbot.wait_until(lambda: window.current_screen == "staff")


@pytest.mark.parametrize("screen", ["home", "topic"])
def test_a_touch_on_the_idle_warning_keeps_the_visit_and_does_nothing_else(
    qtbot: QtBot, make_kiosk: MakeKiosk, touchscreen: QPointingDevice, screen: str
) -> None:
    """The warning comes up; a finger lands on it where a tile (home) or "All topics"
    (topic) lies under it. The warning goes, the countdown stops, the visit goes on, on the
    same screen, scrolled where it was, and what lay under the finger is not pressed."""
    kiosk = make_kiosk(dataclasses.replace(FAST, countdown_s=1.0))
    window = kiosk.window
    kiosk.visits.start()
    if screen == "topic":
        kiosk.reading.open_topic(kiosk.topics()[0].id)
        assert window.topic.page is not None
        under: QWidget = window.topic.home
        bar = window.topic.page.scroll_area.verticalScrollBar()
        qtbot.wait_until(lambda: bar.maximum() > 400)
        bar.setValue(400)
    else:
        under = window.home.tiles[-1]
        bar = window.home.scroll_area.verticalScrollBar()
    spot = under.mapTo(window, middle(under))  # found while nothing covers it
    scrolled = bar.value()
    topic = window.topic.topic
    requested, screens = recorder(kiosk)
    ended: list[bool] = []
    kiosk.visit.ended.connect(ended.append)

    qtbot.wait_until(window.overlay.isVisible, timeout=3000)
    covering = window.childAt(spot)
    assert covering is not None
    assert covering is window.overlay or window.overlay.isAncestorOf(covering)
    with qtbot.assert_not_emitted(kiosk.idle.timed_out, wait=1500):
        with qtbot.wait_signal(kiosk.idle.warning_cancelled, timeout=1000):
            tap(kiosk, touchscreen, window, spot)
        kiosk.idle.set_timeout(30)  # no second warning while the rest is checked

    assert not window.overlay.isVisible()
    assert not kiosk.idle.warning
    assert kiosk.idle.running
    assert kiosk.visit.active
    assert ended == []
    assert window.current_screen == screen
    assert window.topic.topic is topic
    assert bar.value() == scrolled
    assert requested == []
    assert screens == []
    # The finger is up: the next touch is the patient's again, not the warning's.
    if screen == "topic":
        tap(kiosk, touchscreen, window.topic.home)
        qtbot.wait_until(lambda: window.current_screen == "home")
    else:
        tap(kiosk, touchscreen, under)
        qtbot.wait_until(lambda: window.current_screen == "topic")


@pytest.mark.parametrize("order", ["together", "second-later", "first-lifts-first"])
def test_two_fingers_on_two_tiles_open_one_topic(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    touchscreen: QPointingDevice,
    qtlog: QtLog,
    order: str,
) -> None:
    """Two fingers on two tiles, landing at once or one after the other, lifting in either
    order: one topic opens, the first finger's (what that finger alone would open), once."""
    kiosk = make_kiosk(CALM)
    window = kiosk.window
    kiosk.visits.start()
    first, second = window.home.tiles[:2]
    a = first.mapTo(window, middle(first))
    b = second.mapTo(window, middle(second))
    requested, screens = recorder(kiosk)
    since = len(qtlog.records)

    fingers = QTest.touchEvent(window, touchscreen, False)
    if order == "together":
        fingers.press(0, a).press(1, b).commit()
        qtbot.wait(30)
        fingers.release(0, a).release(1, b).commit()
    else:
        fingers.press(0, a).commit()
        qtbot.wait(30)
        fingers.stationary(0).press(1, b).commit()
        qtbot.wait(30)
        if order == "second-later":
            fingers.stationary(0).release(1, b).commit()
            qtbot.wait(30)
            fingers.release(0, a).commit()
        else:
            fingers.release(0, a).stationary(1).commit()
            qtbot.wait(30)
            fingers.release(1, b).commit()
    qtbot.wait_until(lambda: window.current_screen == "topic")
    qtbot.wait(100)  # time for a stray second click to show itself

    assert requested == [first.topic_id]
    assert screens == ["topic"]
    topic = window.topic.topic
    assert topic is not None
    assert topic.id == first.topic_id
    assert not first.isDown()
    assert not second.isDown()
    assert qt_warnings(qtlog, since) == []


def _look(kiosk: Kiosk, words: QWidget) -> tuple[object, ...]:
    """What a zoom would change: the visit's text size, the window, the size of `words`."""
    return kiosk.visit.choices, kiosk.window.size(), QFontInfo(words.font()).pixelSize()


def _usable(qtbot: QtBot, kiosk: Kiosk, device: QPointingDevice) -> None:
    """Back to the tiles with a tap if need be; then a tap on a tile still opens its topic."""
    window = kiosk.window
    if window.current_screen == "topic":
        tap(kiosk, device, window.topic.home)
        qtbot.wait_until(lambda: window.current_screen == "home")
    tile = window.home.tiles[-1]
    tap(kiosk, device, tile)
    qtbot.wait_until(lambda: window.current_screen == "topic")
    topic = window.topic.topic
    assert topic is not None
    assert topic.id == tile.topic_id


def test_a_pinch_on_the_home_screen_zooms_nothing_and_clicks_nothing_extra(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    touchscreen: QPointingDevice,
    qtlog: QtLog,
) -> None:
    """A pinch that starts on a tile does at most what the first finger alone would do there
    (a drag that stays on a button is a tap on it), and no more; nothing zooms; the kiosk
    takes taps as before."""
    kiosk = make_kiosk(CALM)
    window = kiosk.window
    start_by_touch(qtbot, kiosk, touchscreen)
    tile = window.home.tiles[0]
    look = _look(kiosk, tile.title)
    requested, screens = recorder(kiosk)
    since = len(qtlog.records)

    pinch(qtbot, kiosk, touchscreen, tile, QPoint(240, 20))
    qtbot.wait(300)  # time for a stray click to show itself

    assert requested in ([], [tile.topic_id])
    assert screens == ([] if not requested else ["topic"])
    assert window.current_screen == ("topic" if requested else "home")
    assert not tile.isDown()
    assert window.isVisible()
    assert _look(kiosk, tile.title) == look
    assert qt_warnings(qtlog, since) == []
    _usable(qtbot, kiosk, touchscreen)


def test_a_pinch_on_a_topic_zooms_nothing_and_leaves_the_topic_open(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    touchscreen: QPointingDevice,
    qtlog: QtLog,
) -> None:
    """Two fingers spread on the page: the page may scroll, but nothing zooms, nothing is
    pressed, no other screen opens and reading aloud does not start; then the kiosk takes
    taps as before."""
    kiosk = make_kiosk(CALM)
    window = kiosk.window
    start_by_touch(qtbot, kiosk, touchscreen)
    tile = window.home.tiles[0]
    tap(kiosk, touchscreen, tile)
    qtbot.wait_until(lambda: window.current_screen == "topic")
    page = window.topic.page
    assert page is not None
    viewport = page.scroll_area.viewport()
    qtbot.wait_until(lambda: page.scroll_area.verticalScrollBar().maximum() > 400)
    look = _look(kiosk, page.readings[1])
    reading = kiosk.narrator.state
    requested, screens = recorder(kiosk)
    since = len(qtlog.records)

    pinch(qtbot, kiosk, touchscreen, viewport, QPoint(120, 120))
    scroller = QScroller.scroller(viewport)
    qtbot.wait_until(lambda: scroller.state() == QScroller.State.Inactive, timeout=10_000)

    assert requested == []
    assert screens == []
    assert window.current_screen == "topic"
    assert window.topic.page is page
    assert page.topic.id == tile.topic_id
    assert kiosk.narrator.state == reading
    assert _look(kiosk, page.readings[1]) == look
    assert not any(b.isDown() for b in window.topic.narration.buttons)
    assert qt_warnings(qtlog, since) == []
    _usable(qtbot, kiosk, touchscreen)


def test_flick_gestures_are_set_up_when_shown_or_at_warm_up(kiosk: Kiosk) -> None:
    """A scroll area gets its flick gesture the first time it is shown, or when the running
    kiosk warms up after its first frame; not while the first frame is being made."""
    from kiosk.ui.scrolling import TouchScrollArea  # noqa: PLC0415

    handout = kiosk.window.handout.scroll_area
    assert isinstance(handout, TouchScrollArea)
    assert not handout.isVisible()
    assert not handout.kinetic
    assert not QScroller.hasScroller(handout.viewport())  # none yet
    kiosk.warm_up()
    assert handout.kinetic
    assert QScroller.hasScroller(handout.viewport())
    areas = kiosk.window.findChildren(TouchScrollArea)
    assert areas
    assert all(area.kinetic for area in areas)
    # The sentence patterns a topic's first opening needs are compiled by then too.
    from kiosk.content import sentences  # noqa: PLC0415

    assert all(pattern._compiled is not None for pattern in sentences._PATTERNS)


def test_the_running_kiosk_warms_up_one_part_per_turn(kiosk: Kiosk, qtbot: QtBot) -> None:
    """As the running kiosk does it: a tap that comes while it warms up waits for one part,
    and a turn of the event loop later the next part is done, until all are."""
    from kiosk.ui.scrolling import TouchScrollArea  # noqa: PLC0415

    areas = kiosk.window.findChildren(TouchScrollArea)
    assert len([a for a in areas if not a.kinetic]) >= 2
    kiosk.warm_up(in_turns=True)
    assert not any(area.kinetic for area in areas if not area.isVisible())  # nothing yet
    QApplication.processEvents()
    assert len([a for a in areas if a.kinetic and not a.isVisible()]) == 1  # one per turn
    qtbot.wait_until(lambda: all(area.kinetic for area in areas), timeout=2000)
    from kiosk.content import sentences  # noqa: PLC0415

    qtbot.wait_until(lambda: all(p._compiled is not None for p in sentences._PATTERNS))


def test_a_process_of_still_pictures_sets_up_no_flick_gesture(
    make_kiosk: MakeKiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screenshot tool's pictures are never flicked: a scroll area shown there gets no
    gesture (the first costs about 25 ms); one can still be set up when asked."""
    from kiosk.ui.scrolling import TouchScrollArea  # noqa: PLC0415

    monkeypatch.setattr(TouchScrollArea, "gestures_on_show", False)
    kiosk = make_kiosk()
    kiosk.visits.start()
    area = kiosk.window.home.scroll_area
    assert isinstance(area, TouchScrollArea)
    assert area.isVisible()
    assert not area.kinetic
    assert not QScroller.hasScroller(area.viewport())
    area.prepare()
    assert QScroller.hasScroller(area.viewport())
