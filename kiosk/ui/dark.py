"""The screen outside opening hours: black, nothing lit, woken by any touch or key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.theme import Metrics, Palette


class DarkScreen(QWidget):
    """All black, with no pointer: cage has no display power control, so the kiosk itself
    shows nothing. A touch or key emits `wake_requested` and does nothing else."""

    wake_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Dark")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.BlankCursor)
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
