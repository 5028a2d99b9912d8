"""The language picker: with three languages or more, the language control opens this list of
them over its screen, each named in its own words, as big as every other control.

Keys stay inside it while it is open (it is a `Popup`, which `KeyRouter` keeps them in):
arrows and Tab move through the languages and Close, Enter chooses, Escape closes it. A touch
outside its card closes it too. Choosing closes it and sends `chosen(code)`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.theme import Metrics
from kiosk.ui.widgets import Popup, TouchButton, place_in_grid, set_role

ONE_COLUMN_UP_TO = 5  # more languages than this go in two columns, so the card fits a screen


class LanguagePicker(Popup):
    """Covers its screen with one button per language; hidden until `open`.

    Its card is made the first time it is needed (opened, or asked for its buttons): until
    then the picker is one empty widget, so a new text size or contrast does not restyle a
    card nobody has opened (2 ms of every look change on a screen)."""

    chosen = Signal(str)  # the code of the language the patient chose

    def __init__(self, screen: QWidget) -> None:
        super().__init__(screen)
        self._screen = screen
        self._return_to: QWidget | None = None
        self.setObjectName("LanguagePicker")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._languages: list[tuple[str, str]] = []
        self._sizes: Metrics | None = None
        self._card: _Card | None = None
        screen.installEventFilter(self)
        self.hide()

    def _made(self) -> _Card:
        if self._card is None:
            self._card = _Card(self)
            self._fill()
            self.retranslate()
            if self._sizes is not None:
                self.apply(self._sizes)
        return self._card

    @property
    def card(self) -> QFrame:
        return self._made().frame

    @property
    def title(self) -> QLabel:
        return self._made().title

    @property
    def close_button(self) -> TouchButton:
        return self._made().close_button

    @property
    def entries(self) -> dict[str, TouchButton]:
        """A button per language, by code, in the order offered."""
        return self._made().entries

    def set_languages(self, languages: list[tuple[str, str]]) -> None:
        """One button per language, (code, name in its own words), in the order offered."""
        self._languages = list(languages)
        if self._card is not None:
            self._fill()

    def _fill(self) -> None:
        card = self._made()
        for button in card.entries.values():
            card.grid.removeWidget(button)
            button.deleteLater()
        card.entries = {}
        for code, name in self._languages:
            button = TouchButton(name)
            button.setCheckable(True)  # the visit's language is shown chosen
            button.setProperty("lang", code)
            button.clicked.connect(lambda _=False, c=code: self._choose(c))
            card.entries[code] = button
        columns = 1 if len(card.entries) <= ONE_COLUMN_UP_TO else 2
        place_in_grid(card.grid, list(card.entries.values()), columns, fill=True)

    def controls(self) -> list[QWidget]:
        """The languages, then Close: the order keys move through them."""
        return [*self.entries.values(), self.close_button]

    @property
    def is_open(self) -> bool:
        """True while it shows."""
        return not self.isHidden()

    def open(self, current: str, return_to: QWidget) -> None:
        """Show it with the visit's language chosen. Keys (the control that opened it had the
        focus) start on that language; a touch leaves no focus ring. Closing gives the focus
        back to `return_to` if the picker had it."""
        self._return_to = return_to
        for code, button in self.entries.items():  # the card is made here if it is not yet
            button.setChecked(code == current)
        keys = return_to.hasFocus()
        self.setGeometry(self._screen.rect())
        self._place()
        self.show()
        self.raise_()
        start = self.entries.get(current) if keys else None
        (start or self).setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose(self, code: str) -> None:
        self.close()
        self.chosen.emit(code)

    def retranslate(self) -> None:
        """Its own words in the current language (the languages keep their own names)."""
        if self._card is None:
            return
        self._card.title.setText(self.tr("Choose a language"))
        self._card.close_button.set_words(self.tr("Close"))

    def apply(self, sizes: Metrics) -> None:
        """Sizes for the current text size."""
        self._sizes = sizes
        if self._card is None:
            return
        box = self._card.box
        box.setContentsMargins(sizes.pad * 2, sizes.pad * 2, sizes.pad * 2, sizes.pad * 2)
        box.setSpacing(sizes.gap)
        self._card.grid.setSpacing(sizes.gap)
        self._place()

    def _place(self) -> None:
        card = self._card
        if card is None:
            return
        screen = self._screen.rect()
        width = max(300, min(screen.width() - 64, 900))
        card.frame.setFixedWidth(width)
        # As tall as its words need at this width: a title that wraps (large text) takes a line
        # more than the card's size hint knows of.
        card.frame.setFixedHeight(card.box.totalHeightForWidth(width))
        card.frame.move(
            (screen.width() - card.frame.width()) // 2,
            max(0, (screen.height() - card.frame.height()) // 2),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the screen's size."""
        if watched is self._screen and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._screen.rect())
            self._place()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close (the button, Escape, a touch outside): keys go back to the control that opened
        it; after a touch the screen takes the focus, so no ring shows."""
        focused = QApplication.focusWidget()
        if focused is self:
            self._screen.setFocus(Qt.FocusReason.OtherFocusReason)
        elif focused is not None and self.isAncestorOf(focused) and self._return_to is not None:
            self._return_to.setFocus(Qt.FocusReason.OtherFocusReason)
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch outside the card closes it; nothing under it is touched."""
        if self._card is None or not self._card.frame.geometry().contains(
            event.position().toPoint()
        ):
            self.close()


class _Card:
    """The picker's card: its title, a button per language, and Close."""

    def __init__(self, picker: LanguagePicker) -> None:
        self.frame = QFrame(picker)
        self.frame.setObjectName("OverlayCard")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        set_role(self.title, "heading")
        self.entries: dict[str, TouchButton] = {}
        self.grid = QGridLayout()
        self.close_button = TouchButton("")
        self.close_button.clicked.connect(picker.close)
        self.box = QVBoxLayout(self.frame)
        self.box.addWidget(self.title)
        self.box.addLayout(self.grid)
        self.box.addWidget(self.close_button)
        self.frame.show()  # made while the picker may be on show (asked for its buttons)
