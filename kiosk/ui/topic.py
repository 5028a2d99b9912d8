"""The topic screen: title and main message first, then sections, self-care steps and the
warning signs in three tiers, each with a word, an icon and a colour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk import labels
from kiosk.content.model import Tier, Topic
from kiosk.content.sentences import split_sentences
from kiosk.theme import Metrics, Palette
from kiosk.ui.scrolling import scroll_to_top, touch_scroll_area
from kiosk.ui.widgets import IconLabel, ReadingLabel, TouchButton, set_role


def _sentences(text: str) -> list[str]:
    return split_sentences(text) or [text]


class TopicScreen(QWidget):
    """Shows one topic. Emits intents (`back_requested`, `home_requested`); does no I/O."""

    back_requested = Signal()
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.topic: Topic | None = None
        self.readings: list[ReadingLabel] = []
        self._tier_icons: list[tuple[IconLabel, Tier]] = []
        self._step_numbers: list[QLabel] = []
        self._card_boxes: list[QVBoxLayout] = []
        self._tier_item_boxes: list[QVBoxLayout] = []
        self._tier_head_boxes: list[QHBoxLayout] = []
        self._sizes: Metrics | None = None
        self._palette: Palette | None = None

        self.back = TouchButton("", icon="back")
        self.home = TouchButton("", icon="home")
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.controls = QHBoxLayout()  # language and text size controls sit here
        self.action_bar = QHBoxLayout()  # listen and print sit here
        self.top_bar = QFrame()
        self.top_bar.setObjectName("TopBar")
        bar = QHBoxLayout(self.top_bar)
        bar.addWidget(self.back)
        bar.addWidget(self.home)
        bar.addStretch(1)
        bar.addLayout(self.action_bar)
        bar.addLayout(self.controls)
        self._bar = bar

        # A readable line length: the text column is centred and at most about 75 characters wide.
        self.body = QWidget()
        self.body.setObjectName("ScrollBody")
        self.page = QWidget()
        self.column = QVBoxLayout(self.page)
        self.column.setAlignment(Qt.AlignmentFlag.AlignTop)
        centre = QHBoxLayout(self.body)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addStretch(0)
        centre.addWidget(self.page, 1)
        centre.addStretch(0)
        self.scroll_area = touch_scroll_area(self.body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.top_bar)
        outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the screen's own words in the current language."""
        self.back.set_words(self.tr("Back"))
        self.home.set_words(self.tr("All topics"))
        if self.topic:
            self.show_topic(self.topic)

    def show_topic(self, topic: Topic) -> None:
        """Build the page for a topic, at the top."""
        self.clear()
        self.topic = topic
        col = self.column

        self.title_label = ReadingLabel([topic.title], role="title")
        col.addWidget(self.title_label)
        self.readings.append(self.title_label)

        summary = QFrame()
        summary.setObjectName("Summary")
        box = QVBoxLayout(summary)
        self._card_boxes.append(box)
        self.summary_label = ReadingLabel(_sentences(topic.summary))
        font = self.summary_label.font()
        font.setWeight(font.Weight.DemiBold)
        self.summary_label.setFont(font)
        box.addWidget(self.summary_label)
        self.readings.append(self.summary_label)
        col.addWidget(summary)
        self.summary_frame = summary

        for section in topic.sections:
            heading = ReadingLabel([section.heading], role="heading")
            col.addWidget(heading)
            text = ReadingLabel(_sentences(section.text))
            col.addWidget(text)
            self.readings += [heading, text]

        col.addWidget(self._self_care(topic))
        heading = ReadingLabel([labels.warning_heading()], role="heading")
        col.addWidget(heading)
        self.readings.append(heading)
        for tier, items in topic.warning_signs:
            col.addWidget(self._tier(tier, items))

        footer = QLabel(labels.current_as_of(labels.long_date(topic.current_as_of, topic.lang)))
        footer.setWordWrap(True)
        set_role(footer, "small")
        col.addWidget(footer)
        if self._sizes and self._palette:
            self.apply(self._sizes, self._palette)
        scroll_to_top(self.scroll_area)

    def _self_care(self, topic: Topic) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        self._card_boxes.append(box)
        heading = ReadingLabel([labels.self_care_heading()], role="heading")
        box.addWidget(heading)
        self.readings.append(heading)
        for number, step in enumerate(topic.self_care, start=1):
            row = QHBoxLayout()
            badge = QLabel(str(number))
            badge.setObjectName("StepNumber")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._step_numbers.append(badge)
            text = ReadingLabel(_sentences(step))
            row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            box.addLayout(row)
            self.readings.append(text)
        return card

    def _tier(self, tier: Tier, items: tuple[str, ...]) -> QFrame:
        card = QFrame()
        card.setObjectName("Tier")
        card.setProperty("tier", tier.value)
        header = QFrame()
        header.setObjectName("TierHeader")
        header.setProperty("tier", tier.value)
        head = QHBoxLayout(header)
        self._tier_head_boxes.append(head)
        icon = IconLabel(labels.tier_icon(tier))
        self._tier_icons.append((icon, tier))
        name = ReadingLabel([labels.tier_name(tier)])
        name.setObjectName("TierLabel")
        head.addWidget(icon)
        head.addWidget(name, 1)
        self.readings.append(name)
        box = QVBoxLayout(card)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(header)
        items_box = QVBoxLayout()
        self._tier_item_boxes.append(items_box)
        for item in items:
            row = QHBoxLayout()
            bullet = QLabel("•")
            text = ReadingLabel(_sentences(item))
            row.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            items_box.addLayout(row)
            self.readings.append(text)
        box.addLayout(items_box)
        box.setSpacing(0)
        card.setAccessibleName(labels.tier_name(tier))
        return card

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._sizes, self._palette = sizes, palette
        self._bar.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self._bar.setSpacing(sizes.gap)
        self.back.paint_icon(palette.secondary_fg, sizes.icon)
        self.home.paint_icon(palette.secondary_fg, sizes.icon)
        margin = sizes.pad
        self.column.setContentsMargins(margin, sizes.gap, margin + sizes.scrollbar, sizes.pad * 2)
        self.column.setSpacing(sizes.gap)
        self.page.setMaximumWidth(round(sizes.body * 44) + 2 * margin + sizes.scrollbar)
        inset = sizes.pad * 3 // 4
        for box in self._card_boxes:
            box.setContentsMargins(sizes.pad, inset, sizes.pad, inset)
            box.setSpacing(sizes.gap // 2 + 4)
        for box in self._tier_item_boxes:
            box.setContentsMargins(sizes.pad, 4, sizes.pad, inset)
            box.setSpacing(sizes.gap // 2)
        for head in self._tier_head_boxes:
            head.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
            head.setSpacing(sizes.gap // 2)
        for icon, _tier in self._tier_icons:
            icon.paint_icon(palette.tier_header_fg, sizes.icon)
        for badge in self._step_numbers:
            badge.setFixedSize(round(sizes.body * 1.6), round(sizes.body * 1.6))
        for reading in self.readings:
            reading.highlight_colours = (palette.highlight_bg, palette.highlight_fg)

    def clear(self) -> None:
        """Forget the topic: remove every widget built for it."""
        self.topic = None
        self.readings = []
        self._tier_icons = []
        self._step_numbers = []
        self._card_boxes, self._tier_item_boxes, self._tier_head_boxes = [], [], []
        while self.column.count():
            item = self.column.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        scroll_to_top(self.scroll_area)
