"""The home screen: the clinic's name and a grid of big topic tiles."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import labels
from kiosk.content.model import Topic
from kiosk.content.sentences import split_sentences
from kiosk.theme import Metrics, Palette
from kiosk.ui.controls import ComfortControls
from kiosk.ui.flow import FlowLayout
from kiosk.ui.scrolling import scroll_to_top, touch_scroll_area
from kiosk.ui.widgets import IconLabel, place_in_grid, set_role


def only_in(lang: str) -> str:
    """Says that a topic is written in one other language only: for the languages the
    translations name in the screen's language their own words, else the language's own name
    ("Only in Français")."""
    words = {
        "en": QCoreApplication.translate("HomeScreen", "Only in English"),
        "es": QCoreApplication.translate("HomeScreen", "Only in Spanish"),
        "zh": QCoreApplication.translate("HomeScreen", "Only in Chinese"),
    }
    return words.get(lang) or QCoreApplication.translate("HomeScreen", "Only in {language}").format(
        language=labels.language_name(lang)
    )


def in_reading_order(topics: list[Topic], screen_lang: str) -> list[Topic]:
    """The topics as a reader of `screen_lang` looks for them: those written in it first, then
    those only in another language, each part by title in the language's own alphabetical order
    with numbers by value ("Topic 2" before "Topic 10", "Árbol" next to "Arroz")."""
    collator = QCollator(QLocale(screen_lang))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def compare(a: Topic, b: Topic) -> int:
        a_other, b_other = a.lang != screen_lang, b.lang != screen_lang
        if a_other != b_other:
            return 1 if a_other else -1
        return collator.compare(a.title, b.title)

    return sorted(topics, key=functools.cmp_to_key(compare))


class TopicTile(QPushButton):
    """One topic: icon, title and its one-line message, all one big touch target."""

    def __init__(self, topic: Topic, screen_lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic_id = topic.id
        self.topic_lang = topic.lang
        self.screen_lang = screen_lang
        self.setObjectName("TopicTile")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap does not leave a focus ring
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)  # wrapped words decide the height, never clipped
        self.setSizePolicy(policy)
        first = split_sentences(topic.summary)[:1]
        self.picture = IconLabel(topic.icon)
        self.title = QLabel(topic.title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        set_role(self.title, "heading")
        self.blurb = QLabel(first[0] if first else "")
        self.blurb.setTextFormat(Qt.TextFormat.PlainText)
        self.blurb.setWordWrap(True)
        set_role(self.blurb, "muted")
        self.note = QLabel()  # "Only in English": a topic not written in the screen's language
        self.note.setWordWrap(True)
        self.note.setObjectName("LanguageNote")
        self.note.setVisible(topic.lang != screen_lang)
        for label in (self.title, self.blurb, self.note):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        words = QVBoxLayout()
        words.setSpacing(8)
        words.addWidget(self.title)
        words.addWidget(self.blurb)
        words.addWidget(self.note)
        words.addStretch(1)
        row = QHBoxLayout(self)
        row.setSpacing(24)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
        self._row = row
        self.setAccessibleName(topic.title)
        self.retranslate()

    def retranslate(self) -> None:
        """The language note in the screen's language."""
        description = self.blurb.text()
        if self.topic_lang != self.screen_lang:
            self.note.setText(only_in(self.topic_lang))
            description = f"{self.note.text()}. {description}"
        self.setAccessibleDescription(description)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self._row.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.heightForWidth(max(1, self.width())))

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Size and colour for the current theme and text size."""
        self.picture.paint_icon(palette.icon, sizes.tile_icon)
        self._row.setContentsMargins(sizes.pad, sizes.pad, sizes.pad, sizes.pad)


class HomeScreen(QWidget):
    """Pick a topic. Emits `topic_selected(id)`; holds no state of its own beyond scroll."""

    topic_selected = Signal(str)

    def __init__(self, clinic_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.tiles: list[TopicTile] = []
        self._columns = 0
        self._sizes: Metrics | None = None

        self.clinic = QLabel(clinic_name)
        self.clinic.setTextFormat(Qt.TextFormat.PlainText)
        self.clinic.setWordWrap(True)
        set_role(self.clinic, "clinic")
        self.controls = ComfortControls(self, with_guide=True)
        self.header = QWidget()
        self.header.setProperty("comfortbar", True)  # its compact look, from base.qss
        self.header_flow = FlowLayout(self.header)
        self.header_flow.add(self.clinic, wraps=True)  # a long name wraps; the controls stay
        for group in self.controls.groups:
            self.header_flow.add(group, trailing=True)

        self.heading = QLabel()
        set_role(self.heading, "title")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        set_role(self.hint, "muted")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.grid = QGridLayout()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        # The heading and hint scroll with the tiles: on a short screen the tiles get the room.
        column.addWidget(self.heading)
        column.addWidget(self.hint)
        column.addLayout(self.grid)
        column.addWidget(self.empty)
        column.addStretch(1)
        self.scroll_area = touch_scroll_area(body)

        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.header)
        self.outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def focus_order(self) -> list[QWidget]:
        """The top bar, then the tiles."""
        return [*self.controls.buttons(), *self.tiles]

    def first_focus(self) -> QWidget | None:
        """The first tile."""
        return self.tiles[0] if self.tiles else None

    def retranslate(self) -> None:
        """Set the screen's own words in the current language."""
        self.heading.setText(self.tr("Choose a topic"))
        self.hint.setText(self.tr("Tap a topic to read about it. You can also hear it read aloud."))
        self.empty.setText(self.tr("No topics are available right now. Please ask the front desk."))
        self.controls.retranslate()
        for tile in self.tiles:
            tile.retranslate()

    def set_topics(self, topics: list[Topic], screen_lang: str) -> None:
        """Show these topics as tiles in reading order (`in_reading_order`); those not in
        `screen_lang` say so."""
        for tile in self.tiles:
            tile.hide()  # gone from the screen now, not when the event loop next turns
            self.grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for topic in in_reading_order(topics, screen_lang):
            tile = TopicTile(topic, screen_lang)
            tile.clicked.connect(lambda _=False, t=topic.id: self.topic_selected.emit(t))
            self.tiles.append(tile)
        self.empty.setVisible(not topics)
        self._columns = 0
        if self._sizes:
            for tile in self.tiles:
                tile.apply(self._sizes, self._palette)
        self._reflow()

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._sizes, self._palette = sizes, palette
        self.controls.apply(sizes, palette)
        self.header_flow.set_gap(sizes.gap)
        self.outer.setContentsMargins(sizes.pad, sizes.pad // 2, sizes.pad, 0)
        self.outer.setSpacing(sizes.gap // 2)
        self.grid.setSpacing(sizes.gap)
        self.grid.setContentsMargins(0, sizes.gap // 2, sizes.scrollbar, sizes.pad)
        for tile in self.tiles:
            tile.apply(sizes, palette)
        self._columns = 0
        self._reflow()

    def reset(self) -> None:
        """Back to the top, nothing pressed."""
        scroll_to_top(self.scroll_area)

    def _reflow(self) -> None:
        if not self._sizes or not self.tiles:
            return
        width = max(1, self.width() - 2 * self._sizes.pad - self._sizes.scrollbar)
        fit = max(1, (width + self._sizes.gap) // (self._sizes.tile_min_width + self._sizes.gap))
        columns = min(fit, len(self.tiles))
        if columns == self._columns:
            return
        self._columns = columns
        place_in_grid(self.grid, list(self.tiles), columns, fill=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()
