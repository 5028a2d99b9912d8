"""Touch widgets shared by the screens: buttons, icons, text that can show a reading highlight."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QWidget

from kiosk.content.sentences import han_characters, join_sentences, sentence_gaps
from kiosk.icons import svg_image
from kiosk.lazy_qt import Qt  # the first frame makes buttons: see kiosk/lazy_qt.py


def icon_pixmap(name: str, colour: str, size: int, ratio: float = 1.0) -> QPixmap:
    """An icon from resources/icons drawn in one colour at a size in device-independent pixels."""
    pixmap = QPixmap.fromImage(svg_image(name, colour, max(1, round(size * ratio))))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def place_in_grid(grid: QGridLayout, widgets: list[QWidget], columns: int, fill: bool) -> None:
    """Lay widgets out row by row, `columns` to a row. `fill`: the columns share the width;
    otherwise they keep their own width and the space left over goes to the right."""
    for widget in widgets:
        grid.removeWidget(widget)
    for index, widget in enumerate(widgets):
        grid.addWidget(widget, index // columns, index % columns)
    for col in range(max(grid.columnCount(), len(widgets) + 1)):
        grid.setColumnStretch(col, (1 if col < columns else 0) if fill else int(col == columns))


def set_role(widget: QWidget, role: str, *, new: bool = False) -> None:
    """Give a widget a style role from base.qss (title, heading, muted, primary, ...). A widget
    already styled is styled again for it; a new one takes it when it is first styled (a topic's
    page gives roles to a dozen new labels, and styling each twice cost time for nothing).
    `new`: the widget is being made, so it is not styled yet (nothing to ask Qt)."""
    widget.setProperty("role", role)
    if not new and widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class Popup(QWidget):
    """A panel over a screen that keeps the keys while it is open: `KeyRouter` moves the focus
    only through `controls()` and closes it on Escape (`close()`)."""

    def controls(self) -> list[QWidget]:
        """Its controls, in the order keys move through them."""
        return []


class IconLabel(QLabel):
    """An icon that follows the theme colour and size."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self.setProperty("alignment", "AlignCenter")  # by name: see kiosk/lazy_qt.py

    def set_icon(self, name: str) -> None:
        """Show another icon (drawn at the next `paint_icon`)."""
        self._name = name

    def paint_icon(self, colour: str, size: int) -> None:
        """Draw the icon in a colour at a size in pixels. A touch on it goes to what it lies on
        (a tile, a card): said here, as no icon is shown before it is drawn, and the attract
        screen's card makes its icon before the first frame, which sets no flag by value."""
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setPixmap(icon_pixmap(self._name, colour, size, self.devicePixelRatioF()))
        self.setFixedSize(size, size)


class TouchButton(QPushButton):
    """A big button with an optional icon; its accessible name is its words."""

    def __init__(
        self, text: str, icon: str = "", role: str = "secondary", parent: QWidget | None = None
    ) -> None:
        super().__init__(text, parent)
        self._icon = icon
        self._words = text
        self._compact = False
        self.setProperty("focusPolicy", "TabFocus")  # a tap leaves no focus ring (by name:
        # the first frame's button sets no flag by value, see kiosk/lazy_qt.py)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(text)
        set_role(self, role, new=True)

    def set_words(self, text: str) -> None:
        """Change the words (and the accessible name with them)."""
        self._words = text
        self.setText("" if self._compact else text)
        self.setAccessibleName(text)

    @property
    def words(self) -> str:
        """The button's words, shown or (compact) only in its accessible name."""
        return self._words

    def set_compact(self, compact: bool) -> None:
        """Icon only (the words stay the accessible name), to fit a short screen."""
        if self._icon and compact != self._compact:
            self._compact = compact
            self.setText("" if compact else self._words)

    def paint_icon(self, colour: str, size: int, checked_colour: str = "") -> None:
        """Draw the button's icon in the theme's colour (and another when checked)."""
        if self._icon:
            ratio = self.devicePixelRatioF()
            icon = QIcon(icon_pixmap(self._icon, colour, size, ratio))
            if checked_colour:
                icon.addPixmap(
                    icon_pixmap(self._icon, checked_colour, size, ratio),
                    QIcon.Mode.Normal,
                    QIcon.State.On,
                )
            self.setIcon(icon)
            self.setIconSize(QSize(size, size))


class ReadingLabel(QLabel):
    """Wrapped plain text that can highlight one of its sentences while it is read aloud.

    Topic text is always escaped before it becomes rich text, so markup in a topic file is shown
    as the characters it is, never interpreted.
    """

    def __init__(self, sentences: list[str], role: str = "", parent: QWidget | None = None) -> None:
        # Heights for widths asked before: Qt asks a label for its height at one width up to
        # a dozen times while a page is laid out, and QLabel lays its whole text out again each
        # time (a quarter of a new text size's time on a topic page). Whatever changes the height
        # (words, font, margins, style) comes through `setText` or `changeEvent`, which clear it.
        self._heights: dict[int, int] = {}
        super().__init__(parent)
        self.sentences = sentences
        self.highlight_colours = ("#FFE680", "#14252A")
        self._highlighted: int | None = None
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(join_sentences(sentences))  # no space after a Chinese 。
        self.setAccessibleName(join_sentences(sentences))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if role:
            set_role(self, role)
        if any(han_characters(s) for s in sentences):
            # Chinese is never slanted: base.qss keeps a caption in it upright.
            self.setProperty("script", "han")

    def heightForWidth(self, width: int) -> int:
        """The height the text needs at this width (remembered until something changes)."""
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= 16:  # a window resized many times: start afresh
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def setText(self, text: str) -> None:
        """New words: new heights."""
        self._heights.clear()
        super().setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """A new font, style, margins or anything else about the label: new heights."""
        self._heights.clear()
        super().changeEvent(event)

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted sentence, if any."""
        return self._highlighted

    def highlight(self, index: int | None) -> None:
        """Mark one sentence (or none) as being read."""
        if index == self._highlighted:
            return
        self._highlighted = index
        if index is None:
            self.setTextFormat(Qt.TextFormat.PlainText)
            self.setText(join_sentences(self.sentences))
            return
        import html  # noqa: PLC0415 - its table of entities cost the first frame 2-3 ms

        bg, fg = self.highlight_colours
        parts = []
        for i, (gap, sentence) in enumerate(
            zip(sentence_gaps(self.sentences), self.sentences, strict=True)
        ):
            text = html.escape(sentence)
            if i == index:
                text = f'<span style="background-color:{bg}; color:{fg};">{text}</span>'
            parts.append(gap + text)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText("".join(parts))
