"""Knowing when the window's first frame has been painted, so that what the first frame does
not need (the speech process, content checks, metrics, telling systemd the kiosk is up) starts
after it instead of before it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstFrame(QObject):
    """Says `painted` once, on the turn of the event loop after `widget` first painted (by
    then Qt has sent the frame to the screen), and then stops watching it."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget: QWidget | None = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first paint event: stop watching, and say so once it is done."""
        if event.type() == QEvent.Type.Paint and self._widget is not None:
            self._widget.removeEventFilter(self)
            self._widget = None
            QTimer.singleShot(0, self, self.painted.emit)
        return False
