"""The staff PIN pad: big digit keys, dots for what is typed, and what the pad will allow.

The pad only collects digits and says what the app tells it; checking the PIN and the lock
belong to `kiosk.staff`. Typed digits are never shown, spoken or given as accessible names.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.staff import PIN_MAX
from kiosk.theme import Metrics, Palette
from kiosk.ui.scrolling import scrolling_screen
from kiosk.ui.widgets import TouchButton, set_role

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): str(d) for d in range(10)}


class PinPad(QWidget):
    """Emits `pin_entered(pin)` on OK and `cancelled` on Cancel; shows news from the app."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None, area: QScrollArea | None = None) -> None:
        """`area`: the scroll area of the screen this one replaces (see `touch_scroll_area`)."""
        super().__init__(parent)
        self.setObjectName("Screen")
        self._digits: list[str] = []
        self._checking = False  # a PIN is being checked: keys wait (see `set_checking`)
        self._locked_left = 0
        self._news: tuple[str, int] = ("prompt", 0)
        self._set_pin = ""  # the command that sets a PIN, shown while none is set
        self.cancel = TouchButton("", icon="back")
        self.cancel.clicked.connect(self._cancel)
        self.title = QLabel()
        set_role(self.title, "title")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.dots = QLabel()
        self.dots.setObjectName("PinDots")
        self.dots.setTextFormat(Qt.TextFormat.PlainText)
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keys: dict[str, TouchButton] = {}
        grid = QGridLayout()
        for index, digit in enumerate("123456789"):
            grid.addWidget(self._digit_button(digit), index // 3, index % 3)
        self.delete = TouchButton("")
        self.delete.clicked.connect(self._delete)
        self.ok = TouchButton("", role="primary")
        self.ok.clicked.connect(self._submit)
        grid.addWidget(self.delete, 3, 0)
        grid.addWidget(self._digit_button("0"), 3, 1)
        grid.addWidget(self.ok, 3, 2)
        for button in (*self.keys.values(), self.delete, self.ok):
            button.setProperty("keypad", True)  # taller keys, from base.qss
        self._grid = grid
        self._lay_out(area)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.retranslate()

    def _lay_out(self, area: QScrollArea | None) -> None:
        top = QFrame()
        top.setObjectName("TopBar")
        bar = QHBoxLayout(top)
        bar.addWidget(self.cancel)
        bar.addStretch(1)
        self._bar = bar
        card = QWidget()
        column = QVBoxLayout(card)
        column.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.message)
        column.addWidget(self.dots)
        column.addLayout(self._grid)
        self._card, self._column = card, column
        body = QWidget()
        middle = QVBoxLayout(body)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        middle.addStretch(1)
        middle.addLayout(row)
        middle.addStretch(2)
        # On a short screen at a big text size the pad scrolls rather than grow off the screen.
        self.scroll_area = scrolling_screen(self, top, body, reuse=area)

    def _digit_button(self, digit: str) -> TouchButton:
        button = TouchButton(digit, role="keypad")
        button.clicked.connect(lambda: self.press(digit))
        self.keys[digit] = button
        return button

    def buttons(self) -> list[TouchButton]:
        """Every control, in reading order (for keys)."""
        digits = [self.keys[d] for d in "123456789"]
        return [self.cancel, *digits, self.delete, self.keys["0"], self.ok]

    def focus_order(self) -> list[QWidget]:
        """Every control, in reading order."""
        return [*self.buttons()]

    def first_focus(self) -> QWidget | None:
        """OK when a PIN can be typed, else Cancel."""
        return self.ok if self.ok.isEnabled() else self.cancel

    @property
    def typed(self) -> int:
        """How many digits are typed (never which)."""
        return len(self._digits)

    def retranslate(self) -> None:
        """The pad's words in the current language."""
        self.cancel.set_words(self.tr("Cancel"))
        self.title.setText(self.tr("Staff only"))
        self.delete.set_words(self.tr("Delete"))
        self.ok.set_words(self.tr("OK"))
        self._show_news(*self._news)
        self._show_dots()

    def show_prompt(self) -> None:
        """Ready for a PIN."""
        self._news = ("prompt", 0)
        self._tick.stop()
        self._locked_left = 0
        self._clear()
        self._set_keys(True)
        self._show_news("prompt", 0)

    def show_wrong(self, tries_left: int) -> None:
        """That PIN was wrong; say how many tries are left before the lock."""
        self._news = ("wrong", tries_left)
        self._clear()
        self._show_news("wrong", tries_left)

    def show_locked(self, seconds: int) -> None:
        """Too many wrong tries: no keys until the lock runs out."""
        self._locked_left = max(1, seconds)
        self._news = ("locked", self._locked_left)
        self._clear()
        self._set_keys(False)
        self._show_news("locked", self._locked_left)
        self._tick.start()

    def show_no_pin(self, command: str) -> None:
        """No staff PIN is set: say how to set one (`command`, as staff would type it)."""
        self._set_pin = command
        self._news = ("no-pin", 0)
        self._tick.stop()
        self._clear()
        self._set_keys(False)
        self._show_news("no-pin", 0)

    def _show_news(self, kind: str, number: int) -> None:
        if kind == "wrong":
            text = self.tr("That PIN is not right. %n try(s) left.", "", number)
        elif kind == "locked":
            minutes, seconds = divmod(number, 60)
            text = self.tr("Too many wrong tries. The pad is locked for %1:%2.").replace(
                "%1", str(minutes)
            )
            text = text.replace("%2", f"{seconds:02d}")
        elif kind == "no-pin":
            text = self.tr(
                "No staff PIN is set. To set one, run this command on the kiosk computer:"
            )
            text += "\n" + self._set_pin
        else:
            text = self.tr("Enter the staff PIN, then tap OK.")
        self.message.setText(text)
        self.message.setAccessibleName(text)

    @Slot()
    def _count_down(self) -> None:
        self._locked_left -= 1
        if self._locked_left <= 0:
            self.show_prompt()
        else:
            self._news = ("locked", self._locked_left)
            self._show_news("locked", self._locked_left)

    def _set_keys(self, enabled: bool) -> None:
        for button in (*self.keys.values(), self.delete, self.ok):
            button.setEnabled(enabled)

    def set_checking(self, checking: bool) -> None:
        """While the PIN just typed is checked (tens of milliseconds), the keys take nothing;
        they do not grey out for so short a time."""
        self._checking = checking

    def press(self, digit: str) -> None:
        """One digit typed (by a key on the pad or on a keyboard)."""
        if self.ok.isEnabled() and not self._checking and len(self._digits) < PIN_MAX:
            self._digits.append(digit)
            self._show_dots()

    @Slot()
    def _delete(self) -> None:
        if self._digits and not self._checking:
            self._digits.pop()
            self._show_dots()

    @Slot()
    def _submit(self) -> None:
        if not self._digits or not self.ok.isEnabled() or self._checking:
            return
        pin = "".join(self._digits)
        self._clear()
        self.pin_entered.emit(pin)

    @Slot()
    def _cancel(self) -> None:
        self._clear()
        self.cancelled.emit()

    def _clear(self) -> None:
        self._digits.clear()
        self._show_dots()

    def clear(self) -> None:
        """Forget anything typed and stop the lock countdown (the pad is leaving the screen)."""
        self._tick.stop()
        self._clear()

    def _show_dots(self) -> None:
        count = len(self._digits)
        self.dots.setText(" ".join("●" * count) if count else " ")
        self.dots.setAccessibleName(self.tr("%n digit(s) typed", "", count))

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._bar.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self.cancel.paint_icon(palette.secondary_fg, sizes.icon)
        key = sizes.keypad_height
        self._grid.setSpacing(sizes.gap)
        for button in (*self.keys.values(), self.delete, self.ok):
            button.setMinimumWidth(round(key * 1.8))
        self._column.setSpacing(sizes.gap)
        self._card.setMaximumWidth(max(round(key * 1.8) * 3 + sizes.gap * 4, sizes.body * 24))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A keyboard's digits, Backspace and Enter work as the pad's own keys."""
        key = Qt.Key(event.key())
        if key in _DIGIT_KEYS:
            self.press(_DIGIT_KEYS[key])
        elif key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self._delete()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
        else:
            super().keyPressEvent(event)
