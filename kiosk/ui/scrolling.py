"""Kinetic touch scrolling for every scroll area a patient drags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScrollArea, QScroller, QWidget


def touch_scroll_area(body: QWidget) -> QScrollArea:
    """A frameless, vertically scrolling area with flick scrolling by finger or mouse drag."""
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
