"""Kinetic touch scrolling for every scroll area a patient drags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollArea, QScroller, QWidget


def touch_scroll_area(body: QWidget, reuse: QScrollArea | None = None) -> QScrollArea:
    """A frameless, vertically scrolling area with flick scrolling by finger or mouse drag.

    `reuse` is an area from a page that was thrown away: it takes the new body and keeps its
    flick gesture. Every new gesture registers a new gesture type with Qt for good, so pages
    rebuilt all day (each change of language or text size) must not each make a new one.
    """
    if reuse is not None:
        QScroller.scroller(reuse.viewport()).stop()
        body.setObjectName("ScrollBody")
        reuse.setWidget(body)  # the old body goes with it
        reuse.verticalScrollBar().setValue(0)
        return reuse
    area = QScrollArea()
    area.setObjectName("Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys move between controls; PageUp/Down scroll
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    body.setObjectName("ScrollBody")
    area.setWidget(body)
    enable_kinetic(area)
    return area


def enable_kinetic(area: QAbstractScrollArea) -> None:
    """Drag to scroll with momentum; a short tap still clicks what is under the finger."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(props.ScrollMetric.OvershootDragResistanceFactor, 0.3)
    props.setScrollMetric(props.ScrollMetric.OvershootScrollDistanceFactor, 0.1)
    props.setScrollMetric(props.ScrollMetric.DragStartDistance, 0.004)
    scroller.setScrollerProperties(props)


def scroll_to_top(area: QScrollArea) -> None:
    """Stop any flick and go back to the top."""
    QScroller.scroller(area.viewport()).stop()
    area.verticalScrollBar().setValue(0)
