"""Kinetic touch scrolling for every scroll area a patient drags."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)


class TouchScrollArea(QScrollArea):
    """A scroll area whose flick gesture is set up the first time it is shown.

    Setting up the first gesture of the process costs about 25 ms: Qt makes its gesture
    manager, and the first time the application's event filter (Python) hears from it, PySide
    builds a class for every QObject class it knows to find one for it. An area not yet seen,
    such as the page to print at start-up, does not make the first frame wait for it.
    """

    # False in a process that only draws still pictures (the screenshot tool): nothing there
    # is ever flicked, and its picture is drawn without that first gesture's cost.
    gestures_on_show = True

    def __init__(self) -> None:
        super().__init__()
        self.kinetic = False
        # A viewport made here, as Qt would make it: PySide then knows its Python object, and
        # does not search every QWidget subclass (building each one's enums, 11 ms at the first
        # time) to wrap the one Qt made.
        viewport = QWidget()
        viewport.setObjectName("qt_scrollarea_viewport")
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        self._viewport = viewport

    def prepare(self) -> None:
        """Set up the flick gesture now (the running kiosk does, once its first frame is on
        screen, so that a patient's first tap does not wait for it either)."""
        if not self.kinetic:
            self.kinetic = True
            enable_kinetic(self, self._viewport)

    def showEvent(self, event: QShowEvent) -> None:
        """Flick scrolling from the first time a patient can see the area, at the latest."""
        if self.gestures_on_show:
            self.prepare()
        super().showEvent(event)


def stop_flick(area: QAbstractScrollArea) -> None:
    """Stop the area's flick, if it has one (an area never shown has none yet)."""
    if isinstance(area, TouchScrollArea):
        if area.kinetic:
            QScroller.scroller(area._viewport).stop()
        return
    QScroller.scroller(area.viewport()).stop()


def touch_scroll_area(body: QWidget, reuse: QScrollArea | None = None) -> QScrollArea:
    """A frameless, vertically scrolling area with flick scrolling by finger or mouse drag.

    `reuse` is an area set aside from a screen that was thrown away (`set_aside`): it takes the
    new body and keeps its flick gesture. Every new gesture registers a new gesture type with Qt
    for good (and PySide a new enum class for it), so screens rebuilt all day (topic pages at
    each change of language or text size, the staff screens at each staff visit) must not each
    make a new one. The caller shows a reused area once it is in its new screen's layout.
    """
    if reuse is not None:
        stop_flick(reuse)
        _hold(reuse, body)  # the old body goes with it
        reuse.verticalScrollBar().setValue(0)
        return reuse
    area = TouchScrollArea()
    area.setObjectName("Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.viewport().setAutoFillBackground(False)  # see-through (`_hold`)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys move between controls; PageUp/Down scroll
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    _hold(area, body)
    return area


def _hold(area: QScrollArea, body: QWidget) -> None:
    body.setObjectName("ScrollBody")
    area.setWidget(body)
    # See-through, as the viewport: the screen behind paints the background once (setWidget
    # fills the body with its palette's colour; base.qss gives neither a colour of its own).
    body.setAutoFillBackground(False)


def scrolling_screen(
    screen: QWidget, top: QWidget, body: QWidget, reuse: QScrollArea | None = None
) -> QScrollArea:
    """Lay `screen` out edge to edge: `top`, then `body` in a touch scroll area filling the
    rest (`reuse`: as for `touch_scroll_area`). Returns the scroll area."""
    area = touch_scroll_area(body, reuse)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(top)
    outer.addWidget(area, 1)
    area.show()  # a reused area was hidden when set aside; a new one is not hidden by this
    return area


def set_aside(area: QScrollArea, *, delete_body_now: bool = False) -> QScrollArea:
    """Take `area` out of its screen, which is about to be deleted, and let the screen's body
    go, keeping the area (and its flick gesture) for the next screen (`touch_scroll_area`).

    `delete_body_now`: delete the body at once rather than on the next turn of the event loop.
    At once, a stylesheet change made meanwhile has less to polish; later, it is safe while
    one of the body's own buttons is being clicked. The area keeps a guarded pointer to it.
    """
    parent = area.parentWidget()
    layout = parent.layout() if parent is not None else None
    if layout is not None:
        layout.removeWidget(area)
    body = area.widget()
    if body is not None:
        if delete_body_now:
            shiboken6.delete(body)
        else:
            body.deleteLater()
    area.setParent(None)
    area.hide()
    return area


def enable_kinetic(area: QAbstractScrollArea, viewport: QWidget | None = None) -> None:
    """Drag to scroll with momentum; a short tap still clicks what is under the finger.
    `viewport`: the area's viewport, if the caller has it."""
    viewport = viewport or area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    props.setScrollMetric(props.ScrollMetric.OvershootDragResistanceFactor, 0.3)
    props.setScrollMetric(props.ScrollMetric.OvershootScrollDistanceFactor, 0.1)
    props.setScrollMetric(props.ScrollMetric.DragStartDistance, 0.004)
    scroller.setScrollerProperties(props)


def scroll_to_top(area: QScrollArea) -> None:
    """Stop any flick and go back to the top."""
    stop_flick(area)
    area.verticalScrollBar().setValue(0)
