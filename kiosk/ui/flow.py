"""A layout that puts controls in a row and wraps them onto further rows when they do not fit.

Bars of big buttons must never squeeze a button below its words (the largest text size on a
small screen would otherwise cut them off), so rows wrap instead. Items marked `trailing` sit at
the right end of their row, as a bar's own controls do (the left end, and everything mirrored,
for a language written right to left). Items marked `wraps` (a title, a clinic's
name) give up width before any control leaves the row: their words wrap instead.
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
        self._wraps: list[bool] = []
        self._gap = spacing
        # Heights for widths asked since the layout last changed: Qt asks a layout again and
        # again while the window is laid out, and each answer arranges every row.
        self._heights: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)

    def add(self, widget: QWidget, trailing: bool = False, wraps: bool = False) -> None:
        """Add a widget; `trailing` ones gather at the right of their row. `wraps`: a
        word-wrapped label that narrows, down to half its one-line width, so the widgets after
        it stay on its row; it takes the room its row leaves, up to that one line."""
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))
        self._trailing.append(trailing)
        self._wraps.append(wraps)
        self.invalidate()

    def set_gap(self, gap: int) -> None:
        """Space between widgets and between rows."""
        self._gap = gap
        self.invalidate()

    # -- QLayout ---------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._trailing.append(False)
        self._wraps.append(False)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._heights.clear()
        if 0 <= index < len(self._items):
            self._trailing.pop(index)
            self._wraps.pop(index)
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def invalidate(self) -> None:
        """Qt's word that an item or the layout changed: the heights are asked afresh."""
        self._heights.clear()
        super().invalidate()

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

    def _width(self, index: int, room: int, narrow: bool) -> int:
        """An item's width on a row: its preferred one, or (`narrow`) less for a `wraps` item."""
        item = self._items[index]
        width = item.sizeHint().width()
        if narrow and self._wraps[index]:
            width = min(width, max(item.minimumSize().width(), (width + 1) // 2))
        return min(width, room)

    def _rows(self, room: int) -> tuple[list[list[int]], bool]:
        """The indexes of the items on each row, and whether `wraps` items were narrowed: only
        when that puts everything on one row (a title on two lines above a second row of
        controls would be the tallest bar of all)."""
        rows = self._fill(room, narrow=False)
        if len(rows) > 1 and any(self._wraps[i] for row in rows for i in row):
            narrowed = self._fill(room, narrow=True)
            if len(narrowed) == 1:
                return narrowed, True
        return rows, False

    def _fill(self, room: int, narrow: bool) -> list[list[int]]:
        rows: list[list[int]] = [[]]
        used = 0
        for index, item in enumerate(self._items):
            if item.isEmpty():
                continue
            w = self._width(index, room, narrow)
            if rows[-1] and used + self._gap + w > room:
                rows.append([])
                used = 0
            used += (self._gap if rows[-1] else 0) + w
            rows[-1].append(index)
        return [row for row in rows if row]

    def rows_for(self, width: int) -> list[list[QLayoutItem]]:
        """The items on each row at a width (tests and the bars use it)."""
        m = self.contentsMargins()
        rows, _ = self._rows(max(1, width - m.left() - m.right()))
        return [[self._items[i] for i in row] for row in rows]

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        room = max(1, area.width())
        y = area.y()
        rows, narrow = self._rows(room)
        owner = self.parentWidget()
        mirrored = owner is not None and owner.isRightToLeft()
        for indexes in rows:
            row = [self._items[i] for i in indexes]
            widths = [self._width(i, room, narrow) for i in indexes]
            spare = room - sum(widths) - self._gap * (len(row) - 1)
            for n, i in enumerate(indexes):  # narrowed `wraps` items take the room left
                if self._wraps[i] and spare > 0:
                    more = min(spare, self._width(i, room, narrow=False) - widths[n])
                    widths[n] += more
                    spare -= more
            heights = [
                item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, w in zip(row, widths, strict=True)
            ]
            line = max(heights)
            if move:
                flags = [self._trailing[i] for i in indexes]
                trail = sum(w + self._gap for w, f in zip(widths, flags, strict=True) if f)
                x_lead, x_trail = area.x(), area.x() + room - max(0, trail - self._gap)
                for item, w, h, trailing in zip(row, widths, heights, flags, strict=True):
                    x = x_trail if trailing else x_lead
                    place = QRect(QPoint(x, y + (line - h) // 2), QSize(w, h))
                    if mirrored:
                        place = _mirrored(place, area)
                    item.setGeometry(place)
                    if trailing:
                        x_trail += w + self._gap
                    else:
                        x_lead += w + self._gap
            y += line + self._gap
        used = y - area.y() - (self._gap if rows else 0)
        return used + m.top() + m.bottom()


def _mirrored(place: QRect, area: QRect) -> QRect:
    """`place` mirrored within `area`, as QStyle.visualRect does for right to left (without
    QStyle, whose first use from Python costs 7 ms while PySide builds its many enums)."""
    return place.translated(area.left() + area.right() - place.left() - place.right(), 0)
