"""The screen outside opening hours: black, nothing lit, woken by any touch or key."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from kiosk.lazy_qt import Qt  # made with the first frame's window: see kiosk/lazy_qt.py
from kiosk.theme import Metrics, Palette


class DarkScreen(QWidget):
    """All black, with no pointer: cage has no display power control, so the kiosk itself
    shows nothing. A touch or key emits `wake_requested` and does nothing else."""

    wake_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Dark")
        self.setProperty("focusPolicy", "StrongFocus")
        self.setAccessibleName(self.tr("The kiosk is resting. Touch the screen to start."))

    def retranslate(self) -> None:
        """The accessible name in the current language."""
        self.setAccessibleName(self.tr("The kiosk is resting. Touch the screen to start."))

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Nothing to size or colour: it is black in every theme."""

    def focus_order(self) -> list[QWidget]:
        """No controls."""
        return []

    def first_focus(self) -> QWidget | None:
        """Keys land on the screen itself, which any key wakes."""
        return None

    def showEvent(self, event: QShowEvent) -> None:
        """No pointer over it (set when first shown: the window is made with this screen)."""
        super().showEvent(event)
        self.setCursor(Qt.CursorShape.BlankCursor)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Black, whatever the theme's stylesheet says."""
        painter = QPainter(self)
        painter.fillRect(event.rect(), Qt.GlobalColor.black)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.wake_requested.emit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.wake_requested.emit()
        event.accept()
