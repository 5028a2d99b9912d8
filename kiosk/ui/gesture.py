"""The hidden way in for staff: a long press on the top-left corner of the screen.

Watched application-wide, so it works on every screen whatever lies under the corner. A short
tap there still does what it always did; only a press held in place for the whole time opens
the PIN pad, and then the press does nothing else (its button is let go without a click).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QAbstractButton, QWidget

HOLD_MS = 3000
CORNER_PX = 96  # the corner square, at 1920x1080
SLOP_PX = 24  # a finger may wander this far and still be holding
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
# The events `CornerHold.eventFilter` looks at (see kiosk/ui/events.py).
HOLD_EVENTS = frozenset(
    {
        *_PRESSES,
        QEvent.Type.TouchBegin,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchUpdate,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchEnd,
        QEvent.Type.TouchCancel,
    }
)


class CornerHold(QObject):
    """Emits `held` after a press on the window's top-left corner is held for `hold_ms`."""

    held = Signal()

    def __init__(self, window: QWidget, hold_ms: int = HOLD_MS) -> None:
        super().__init__(window)
        self._window = window
        self.corner = CORNER_PX
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._fire)
        self._start = QPoint()
        self._pressed: QAbstractButton | None = None
        self._swallow_release = False

    @property
    def holding(self) -> bool:
        """True while a press on the corner is being timed."""
        return self._timer.isActive()

    def _in_corner(self, global_pos: QPoint) -> bool:
        local = self._window.mapFromGlobal(global_pos)
        return 0 <= local.x() < self.corner and 0 <= local.y() < self.corner

    def _press(self, global_pos: QPoint, watched: QObject) -> None:
        if self._window.isVisible() and self._in_corner(global_pos):
            self._start = global_pos
            self._pressed = watched if isinstance(watched, QAbstractButton) else None
            self._timer.start()

    def _move(self, global_pos: QPoint) -> None:
        if self._timer.isActive() and (global_pos - self._start).manhattanLength() > SLOP_PX:
            self._timer.stop()

    @Slot()
    def _fire(self) -> None:
        if self._pressed is not None:
            self._pressed.setDown(False)  # let go of the button under the finger, unclicked
        self._pressed = None
        self._swallow_release = True
        self.held.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Time presses on the corner; swallow the mouse release that ends a completed hold
        (for a finger, the one Qt makes from its touch)."""
        kind = event.type()
        # A press soon after another (a finger that woke the kiosk, then the corner) reaches
        # the widgets as a double click only: Qt sends them no press for it.
        if kind in _PRESSES and isinstance(event, QMouseEvent):
            if isinstance(watched, QWidget) and watched.window() is self._window:
                self._press(event.globalPosition().toPoint(), watched)
        elif kind == QEvent.Type.TouchBegin and isinstance(event, QTouchEvent):
            points = event.points()
            if len(points) == 1 and isinstance(watched, QWidget):
                self._press(points[0].globalPosition().toPoint(), watched)
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._move(event.globalPosition().toPoint())
        elif kind == QEvent.Type.TouchUpdate and isinstance(event, QTouchEvent):
            if event.points():
                self._move(event.points()[0].globalPosition().toPoint())
        elif kind == QEvent.Type.MouseButtonRelease:
            self._timer.stop()
            if self._swallow_release:
                self._swallow_release = False
                return True
        elif kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            self._timer.stop()
            if self._swallow_release:
                # Let the lifted finger through: a swallowed TouchEnd counts as handled, so Qt
                # makes no mouse release from it, and this one would wait for the next tap's
                # release instead (every later tap lost). The release Qt makes comes at once,
                # before the next turn of the event loop; if none comes, none is owed.
                QTimer.singleShot(0, self._forget_release)
        return False

    @Slot()
    def _forget_release(self) -> None:
        self._swallow_release = False

    def set_hold(self, ms: int) -> None:
        """How long the press must be held."""
        self._timer.setInterval(max(1, ms))

    def set_scale(self, scale: float) -> None:
        """The corner grows with the screen (4K: twice the pixels)."""
        self.corner = round(CORNER_PX * scale)
