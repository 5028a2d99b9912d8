"""A layout that puts controls in a row and wraps them onto further rows when they do not fit.

Bars of big buttons must never squeeze a button below its words (the largest text size on a
small screen would otherwise cut them off), so rows wrap instead. Items marked `trailing` sit at
the right end of their row, as a bar's own controls do.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Rows of widgets at their preferred width; wraps when a row is full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 24) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._trailing: list[bool] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, trailing: bool = False) -> None:
        """Add a widget; `trailing` ones gather at the right of their row."""
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._trailing.append(trailing)
        self.invalidate()

    def set_gap(self, gap: int) -> None:
        """Space between widgets and between rows."""
        self._gap = gap
        self.invalidate()

    # -- QLayout ---------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._trailing.append(False)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if 0 <= index < len(self._items):
            self._trailing.pop(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """As wide as one row of everything, as tall as that row."""
        shown = [i for i in self._items if not i.isEmpty()]
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest single widget."""
        m = self.contentsMargins()
        shown = [i for i in self._items if not i.isEmpty()]
        width = max((i.minimumSize().width() for i in shown), default=0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    # -- layout ----------------------------------------------------------------------------------

    def rows_for(self, width: int) -> list[list[QLayoutItem]]:
        """The items on each row at a width (tests and the bars use it)."""
        m = self.contentsMargins()
        room = max(1, width - m.left() - m.right())
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            w = min(item.sizeHint().width(), room)
            if rows[-1] and used + self._gap + w > room:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + w
            rows[-1].append(item)
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        room = max(1, area.width())
        y = area.y()
        rows = self.rows_for(rect.width())
        for row in rows:
            widths = [min(item.sizeHint().width(), room) for item in row]
            heights = [
                item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, w in zip(row, widths, strict=True)
            ]
            line = max(heights)
            if move:
                flags = [self._trailing[self._items.index(item)] for item in row]
                trail = sum(w + self._gap for w, f in zip(widths, flags, strict=True) if f)
                x_lead, x_trail = area.x(), area.x() + room - max(0, trail - self._gap)
                for item, w, h, trailing in zip(row, widths, heights, flags, strict=True):
                    x = x_trail if trailing else x_lead
                    item.setGeometry(QRect(QPoint(x, y + (line - h) // 2), QSize(w, h)))
                    if trailing:
                        x_trail += w + self._gap
                    else:
                        x_lead += w + self._gap
            y += line + self._gap
        used = y - area.y() - (self._gap if rows else 0)
        return used + m.top() + m.bottom()
