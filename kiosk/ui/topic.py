"""The topic screen: title and main message first, then sections, self-care steps and the
warning signs in three tiers, each with a word, an icon and a colour.

A topic's page is built when it is first opened, and the last few opened (`KEPT_PAGES`) are
kept, so going back and forth between them only switches pages. Every kept page is dropped at
the end of each visit (`discard_pages`), so nothing built says what the last patient read; a
library of hundreds of topics costs no more memory than one of two.

A new page is built in two steps: at once, as much as the window can show, so the first frame
shows it whole; the rest once that frame is painted, a few milliseconds of it per turn of the
event loop (a new page painted in less than half the time, at 1920x1080).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import assert_never

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import labels
from kiosk.content.document import (
    Figure,
    Section,
    SelfCare,
    Summary,
    Text,
    Title,
    Warnings,
    walk,
)
from kiosk.content.model import Tier, Topic
from kiosk.figures import figure_image
from kiosk.theme import Metrics, Palette
from kiosk.ui.controls import ComfortControls
from kiosk.ui.flow import FlowLayout
from kiosk.ui.narration_bar import NarrationBar
from kiosk.ui.scrolling import scroll_to_top, set_aside, touch_scroll_area
from kiosk.ui.widgets import IconLabel, ReadingLabel, TouchButton, set_role

KEPT_PAGES = 3  # pages kept while a visit goes on: the one on show and the two before it
REST_TURN_S = 0.006  # the most time one turn of the event loop spends building a page's rest
REST_UNPAINTED_MS = 250  # the rest is built this long after, if the page is not painted first

Part = Callable[[], QWidget]  # makes one piece of the page's column


class TopicPage(QWidget):
    """One topic laid out for reading, in its own scroll area.

    Built in two steps (see the module's words): `finish` builds what is left at once, and
    everything that needs the whole page (`readings`, `sentences`) asks for it.
    """

    def __init__(
        self,
        topic: Topic,
        sizes: Metrics,
        palette: Palette,
        *,
        area: QScrollArea | None = None,
        parent: QWidget | None = None,
        sheet: str = "",
    ) -> None:
        """`area`: a scroll area left by a discarded page, to reuse (see `touch_scroll_area`).
        `parent`: where it will be shown, given now: a page built outside the window and moved
        into it is styled twice over (its every widget polished again on the move). A page
        with no parent is built whole at once. `sheet`: the look's stylesheet, the page's own
        (see `TopicScreen.dress`)."""
        super().__init__(parent)
        if sheet:
            self.setStyleSheet(sheet)  # before any piece is made: each is styled once
        self.topic = topic
        self._readings: list[ReadingLabel] = []
        self._sizes, self._palette = sizes, palette
        # A readable line length: the text column is centred and about 75 characters wide.
        self.body = QWidget()
        self.page = QWidget()
        self.page.setMaximumWidth(round(sizes.body * 44) + 2 * sizes.pad + sizes.scrollbar)
        # Its pieces at the top, the room a short topic leaves below them. Not the layout's
        # own AlignTop: that gives the column the height of its size hint, worked out for
        # one long line per text; on a narrow screen (1080 px, portrait) at a large text size
        # the column was shorter than its text, and the warning signs were cut off.
        self.column = QVBoxLayout(self.page)
        self.column.setContentsMargins(
            sizes.pad, sizes.gap, sizes.pad + sizes.scrollbar, sizes.pad * 2
        )
        self.column.setSpacing(sizes.gap)
        centre = QHBoxLayout(self.body)
        centre.setContentsMargins(0, 0, 0, 0)
        centre.addStretch(0)
        centre.addWidget(self.page, 1)
        centre.addStretch(0)
        self.scroll_area: QScrollArea = touch_scroll_area(self.body, reuse=area)
        self._marked: ReadingLabel | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        self._parts = self._plan()  # let go once all are built: each holds the page
        self._count = len(self._parts)
        self._built = 0
        # The pieces built after the first frame go into a box that stays hidden until they
        # are all there, then shows at once: the column on screen is laid out once more, not
        # once per turn, and never shows half of them.
        self._rest_box = QWidget()
        self._rest_column = QVBoxLayout(self._rest_box)
        self._rest_column.setContentsMargins(0, 0, 0, 0)
        self._rest_column.setSpacing(sizes.gap)
        self._rest_box.hide()
        self.column.addWidget(self._rest_box)
        self.column.addStretch(1)
        self._first = 0  # the pieces of the first step, in the column before the box
        self._rest = QTimer(self)  # builds the rest, a turn at a time
        self._rest.setSingleShot(True)
        self._rest.timeout.connect(self._build_rest)
        if parent is None:
            self.finish()
        else:
            self._build_first(parent)

    # -- building ----------------------------------------------------------------------------

    def _plan(self) -> list[Part]:
        """The pieces of the column, top to bottom, as the narration reads them
        (narration/script.py walks the same blocks)."""
        topic = self.topic
        parts: list[Part] = []
        for block in walk(topic):
            match block:
                case Title():
                    parts.append(partial(self._title, block.text))
                case Summary():
                    parts.append(partial(self._summary, block.body))
                case Section():
                    parts.append(partial(self._reading, [block.heading], "heading"))
                    parts.append(partial(self._reading, list(block.body.sentences)))
                case SelfCare():
                    parts.append(partial(self._self_care, block.steps))
                case Figure():
                    parts.append(partial(self._figure, block))
                case Warnings():
                    heading = labels.warning_heading(topic.lang)
                    parts.append(partial(self._reading, [heading], "heading"))
                    for tier in block.tiers:
                        parts.append(partial(self._tier, tier.tier, tier.signs))
                case _:
                    assert_never(block)
        parts.append(self._footer)
        return parts

    def _add_next(self, first: bool = False) -> QWidget:
        """The next piece: in the column (`first`), or in the box for the rest."""
        widget = self._parts[self._built]()
        self._built += 1
        if self.complete:
            self._parts = []
        if first:
            self.column.insertWidget(self._first, widget)
            self._first += 1
        else:
            self._rest_column.addWidget(widget)
        # Styled now, as it will be shown: its fonts and height are known at once, and the
        # turn that builds it pays for it.
        widget.ensurePolished()
        return widget

    @property
    def complete(self) -> bool:
        """Every piece of the page is built."""
        return self._built == self._count

    @property
    def whole(self) -> bool:
        """Every piece of the page is built and in the page's layout, to be shown."""
        return self.complete and (not self._rest_column.count() or not self._rest_box.isHidden())

    def _build_first(self, parent: QWidget) -> None:
        """The title, the main message, and what follows them until the height the page is
        shown in is filled (the window's, if that is not on show and laid out yet): all a
        patient can see before scrolling. The rest waits for the first frame."""
        sizes = self._sizes
        self.ensurePolished()  # the page's own style first: its pieces inherit fonts from it
        margins = self.column.contentsMargins()
        window = parent.window()
        width = min(window.width(), self.page.maximumWidth()) - margins.left() - margins.right()
        room = parent.height() if parent.isVisible() else window.height()
        used = margins.top()
        while not self.complete and (self._built < 2 or used < room):
            widget = self._add_next(first=True)
            if widget.hasHeightForWidth():
                used += widget.heightForWidth(max(1, width))
            else:
                used += widget.sizeHint().height()
            used += sizes.gap
        if not self.complete:
            self.body.installEventFilter(self)  # its first paint starts the rest
            self._rest.start(REST_UNPAINTED_MS)  # a page not shown yet gets it anyway

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The first frame with this page is painted: the rest, from the next turn."""
        if event.type() == QEvent.Type.Paint and watched is self.body:
            self.body.removeEventFilter(self)
            self._rest.start(0)
        return False

    def _build_rest(self) -> None:
        """Some more of the page, for a few milliseconds, and the next turn for the rest."""
        deadline = time.perf_counter() + REST_TURN_S
        while not self.complete:
            self._add_next()
            if time.perf_counter() >= deadline:
                break
        if self.complete:
            self._show_rest()
        else:
            self._rest.start(0)

    def finish(self) -> None:
        """Build whatever is left of the page now."""
        self._rest.stop()
        while not self.complete:
            self._add_next()
        self._show_rest()

    def _show_rest(self) -> None:
        self.body.removeEventFilter(self)
        if self._rest_column.count():
            self._rest_box.show()

    def _title(self, text: str) -> ReadingLabel:
        self.title_label = self._reading([text], "title")
        return self.title_label

    def _footer(self) -> QLabel:
        topic = self.topic
        dated = labels.long_date(topic.current_as_of, topic.lang)
        footer = QLabel(labels.current_as_of(dated, topic.lang))
        footer.setWordWrap(True)
        set_role(footer, "small")
        return footer

    @property
    def readings(self) -> list[ReadingLabel]:
        """Every text label of the page, in reading order (the page is finished first)."""
        self.finish()
        return self._readings

    def _reading(self, sentences: list[str], role: str = "") -> ReadingLabel:
        label = ReadingLabel(sentences, role=role)
        label.highlight_colours = (self._palette.highlight_bg, self._palette.highlight_fg)
        self._readings.append(label)
        return label

    def _card_box(self, frame: QFrame) -> QVBoxLayout:
        sizes = self._sizes
        box = QVBoxLayout(frame)
        inset = sizes.pad * 3 // 4
        box.setContentsMargins(sizes.pad, inset, sizes.pad, inset)
        box.setSpacing(sizes.gap // 2 + 4)
        return box

    def _summary(self, body: Text) -> QFrame:
        self.summary_frame = QFrame()
        self.summary_frame.setObjectName("Summary")
        box = self._card_box(self.summary_frame)
        self.summary_label = self._reading(list(body.sentences))
        font = self.summary_label.font()
        font.setWeight(font.Weight.DemiBold)
        self.summary_label.setFont(font)
        box.addWidget(self.summary_label)
        return self.summary_frame

    def _self_care(self, steps: tuple[Text, ...]) -> QFrame:
        card = QFrame()
        card.setObjectName("Card")
        box = self._card_box(card)
        box.addWidget(self._reading([labels.self_care_heading(self.topic.lang)], "heading"))
        badge_size = round(self._sizes.body * 1.6)
        for number, step in enumerate(steps, start=1):
            row = QHBoxLayout()
            row.setSpacing(self._sizes.gap // 2)
            badge = QLabel(str(number))
            badge.setObjectName("StepNumber")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setFixedSize(badge_size, badge_size)
            row.addWidget(badge, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self._reading(list(step.sentences)), 1)
            box.addLayout(row)
        return card

    def _figure(self, block: Figure) -> QFrame:
        """The drawing, as wide as about 18 letters of body text (it grows with the text
        size), in the theme's text colour, with its words under it. A drawing that cannot be
        drawn leaves only its words."""
        frame = QFrame()
        frame.setObjectName("Figure")
        box = QVBoxLayout(frame)
        box.setContentsMargins(0, self._sizes.gap // 2, 0, self._sizes.gap // 2)
        box.setSpacing(self._sizes.gap // 2)
        width = min(self._sizes.body * 18, 960)
        image = figure_image(block.figure.path, self._palette.text_fg, width)
        if image is not None:
            picture = QLabel()
            picture.setObjectName("FigureImage")
            picture.setPixmap(QPixmap.fromImage(image))
            picture.setAccessibleName(block.figure.alt)
            box.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        caption = self._reading(list(block.caption.sentences), "caption")
        box.addWidget(caption)
        return frame

    def _tier(self, tier: Tier, items: tuple[Text, ...]) -> QFrame:
        sizes, palette = self._sizes, self._palette
        card = QFrame()
        card.setObjectName("Tier")
        card.setProperty("tier", tier.value)
        card.setAccessibleName(labels.tier_name(tier, self.topic.lang))
        header = QFrame()
        header.setObjectName("TierHeader")
        header.setProperty("tier", tier.value)
        head = QHBoxLayout(header)
        head.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        head.setSpacing(sizes.gap // 2)
        icon = IconLabel(labels.tier_icon(tier))
        icon.paint_icon(palette.tier_header_fg, sizes.icon)
        name = self._reading([labels.tier_name(tier, self.topic.lang)])
        name.setObjectName("TierLabel")
        head.addWidget(icon)
        head.addWidget(name, 1)
        items_box = QVBoxLayout()
        items_box.setContentsMargins(sizes.pad, 4, sizes.pad, sizes.pad * 3 // 4)
        items_box.setSpacing(sizes.gap // 2)
        for item in items:
            row = QHBoxLayout()
            row.addWidget(QLabel("•"), 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self._reading(list(item.sentences)), 1)
            items_box.addLayout(row)
        box = QVBoxLayout(card)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(header)
        box.addLayout(items_box)
        return card

    def sentences(self) -> list[str]:
        """Every sentence on the page, in reading order."""
        return [s for reading in self.readings for s in reading.sentences]

    def highlight(self, index: int | None) -> None:
        """Mark the sentence being read (counted across the page) and keep it in view. A
        sentence in the part not built yet has the whole page built first."""
        if self._marked is not None:
            self._marked.highlight(None)
            self._marked = None
        if index is None or index < 0:
            return
        found = self._sentence_at(index)
        if found is None and not self.complete:
            self.finish()
            found = self._sentence_at(index)
        if found is not None:
            reading, within = found
            reading.highlight(within)
            self._marked = reading
            self.scroll_area.ensureWidgetVisible(reading, 0, self._sizes.pad * 3)

    def _sentence_at(self, index: int) -> tuple[ReadingLabel, int] | None:
        """The label built so far that holds the page's sentence `index`, and its place there."""
        for reading in self._readings:
            if index < len(reading.sentences):
                return reading, index
            index -= len(reading.sentences)
        return None

    def release_area(self) -> QScrollArea:
        """Take the scroll area out of this page, which is about to be deleted, for reuse."""
        # The body is deleted now rather than moved out: moving a whole page to a new parent
        # makes the stylesheet polish it all again.
        self.stop_building()
        return set_aside(self.scroll_area, delete_body_now=True)

    def stop_building(self) -> None:
        """The rest is never built (the page is being let go: each piece held it)."""
        self._rest.stop()
        self._parts, self._count = [], self._built

    def scroll_fraction(self) -> float:
        """How far down the text is scrolled, 0 to 1."""
        bar = self.scroll_area.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        """Scroll to a place given as a fraction of the text."""
        bar = self.scroll_area.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def rewind(self) -> None:
        """To the top, nothing highlighted."""
        self.highlight(None)
        for reading in self._readings:
            reading.highlight(None)
        scroll_to_top(self.scroll_area)


class TopicScreen(QWidget):
    """Shows one topic. Emits intents (`back_requested`, `home_requested`); does no I/O."""

    back_requested = Signal()
    home_requested = Signal()
    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.page: TopicPage | None = None
        self._screen_lang = ""
        self._highlighted: int | None = None
        self._pages: dict[tuple[str, str], TopicPage] = {}
        self._set_aside: tuple[Topic | None, int | None, float] | None = None
        self._behind: tuple[Topic, str] | None = None  # given while hidden (`show_topic`)
        self._spare_areas: list[QScrollArea] = []
        self._sheet = ""  # the look's stylesheet (`dress`)
        # Pages let go of, deleted just after the frame (`_drop`).
        self._leaving: list[TopicPage] = []
        self._let_go = QTimer(self)
        self._let_go.setSingleShot(True)
        self._let_go.setInterval(0)
        self._let_go.timeout.connect(self._release_leaving)
        self._sizes: Metrics | None = None
        self._palette: Palette | None = None

        self.back = TouchButton("", icon="back")
        self.home = TouchButton("", icon="home")
        self.print_button = TouchButton("", role="primary")
        self.back.clicked.connect(self.back_requested)
        self.home.clicked.connect(self.home_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.controls = ComfortControls(self)
        self.top_bar = QFrame()
        self.top_bar.setObjectName("TopBar")
        self.top_bar.setProperty("comfortbar", True)  # its compact look, from base.qss
        bar = FlowLayout(self.top_bar)
        for button in (self.back, self.home, self.print_button):
            bar.add(button)
        for group in self.controls.groups:
            bar.add(group, trailing=True)
        self._bar = bar
        # Said when the topic is only in another language than the screen's.
        self.language_note = QLabel()
        self.language_note.setWordWrap(True)
        self.language_note.setObjectName("LanguageNote")
        self.language_note.hide()

        self.narration = NarrationBar()
        self.pages = QStackedWidget()
        self.blank = QWidget()
        self.pages.addWidget(self.blank)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.top_bar)
        outer.addWidget(self.language_note)
        outer.addWidget(self.pages, 1)
        outer.addWidget(self.narration)
        self.retranslate()

    @property
    def topic(self) -> Topic | None:
        """The topic on show (or to be shown when the screen is, `show_topic`), if any."""
        if self.page is not None:
            return self.page.topic
        return self._behind[0] if self._behind is not None else None

    def catch_up(self) -> None:
        """The topic given while the screen was hidden: its page, now."""
        if self._behind is not None:
            self._show_now(*self._behind)

    @property
    def kept(self) -> list[tuple[str, str]]:
        """The (id, language) of the pages built and kept now, oldest first."""
        return list(self._pages)

    @property
    def readings(self) -> list[ReadingLabel]:
        """The text of the topic on show, in reading order (title first)."""
        return self.page.readings if self.page else []

    def focus_order(self) -> list[QWidget]:
        """The top bar left to right, then the reading-aloud controls."""
        return [
            self.back,
            self.home,
            self.print_button,
            *self.controls.buttons(),
            *self.narration.buttons,
        ]

    def first_focus(self) -> QWidget | None:
        """Listen."""
        return self.narration.listen

    def retranslate(self) -> None:
        """Set the screen's own words in the current language."""
        self.back.set_words(self.tr("Back"))
        self.home.set_words(self.tr("All topics"))
        self.print_button.set_words(self.tr("Print a summary"))
        self.controls.retranslate()
        self.narration.retranslate()
        self.discard_pages()

    def _page_for(self, topic: Topic) -> TopicPage:
        key = (topic.id, topic.lang)
        page = self._pages.pop(key, None)
        if page is not None and page.topic == topic:
            self._pages[key] = page  # the most recently used now
        else:
            if self._sizes is None or self._palette is None:
                raise RuntimeError("TopicScreen.apply() must come before a topic is shown")
            if page is not None:  # the same id with changed content: its page is replaced
                if self.page is page:
                    self.page = None
                self._drop(page)
            spare = self._spare_areas.pop() if self._spare_areas else None
            screen = self.layout()
            if self.isVisible() and screen is not None:
                screen.activate()  # the bars in a new look: the page's room is what they leave
            page = TopicPage(
                topic, self._sizes, self._palette, area=spare, parent=self.pages, sheet=self._sheet
            )
            if spare is not None:
                spare.show()
            self._pages[key] = page
            self.pages.addWidget(page)
            page.resize(self.pages.size())
            self._drop_oldest()
        return page

    def _drop_oldest(self) -> None:
        """Keep at most KEPT_PAGES pages, never the one on show."""
        for key in list(self._pages):
            if len(self._pages) <= KEPT_PAGES:
                return
            page = self._pages[key]
            if page is self.page:
                continue
            del self._pages[key]
            self._drop(page)

    def dress(self, sheet: str) -> None:
        """The look's stylesheet on the screen's bars, and on each page as it is built (a page
        has its own): a new look restyles the bars, never a page about to be let go, so that
        page can wait until after the frame to be deleted. The screen's own background is
        the window's, the same colour."""
        self._sheet = sheet
        for part in self.children():
            if isinstance(part, QWidget) and part is not self.pages and part.styleSheet() != sheet:
                part.setStyleSheet(sheet)

    def _drop(self, page: TopicPage) -> None:
        """Let a page go: out of sight now, deleted just after the frame (its scroll area
        kept for the next page). Nothing outside the page holds its widgets (the screen's
        `page` is already cleared)."""
        self.pages.removeWidget(page)
        page.stop_building()
        page.hide()
        self._leaving.append(page)
        self._let_go.start()

    def _release_leaving(self) -> None:
        leaving, self._leaving = self._leaving, []
        for page in leaving:
            area = page.release_area()
            if len(self._spare_areas) < KEPT_PAGES:
                self._spare_areas.append(area)
            else:
                shiboken6.delete(area)
            shiboken6.delete(page)

    def highlight(self, index: int | None) -> None:
        """Mark the sentence being read on the page on show."""
        self._highlighted = index
        if self.page is not None:
            self.page.highlight(index)

    def show_topic(self, topic: Topic, screen_lang: str) -> None:
        """Show a topic from its top; say so if it is not in the screen's language.

        While the screen is hidden (a language chosen on the page preview, over the topic),
        the topic is only noted, and its page is built when the screen is next shown
        (`catch_up`): a page behind the preview is not what the patient waits to see."""
        if not self.isVisible() and self.window().isVisible():
            self.page = None
            self.pages.setCurrentWidget(self.blank)
            self._behind = (topic, screen_lang)
            self._screen_lang = screen_lang
            return
        self._show_now(topic, screen_lang)

    def _show_now(self, topic: Topic, screen_lang: str) -> None:
        self._behind = None
        page = self._page_for(topic)
        page.rewind()
        self.page = page
        self.pages.setCurrentWidget(page)
        self._screen_lang = screen_lang
        self._show_language_note()

    def _show_language_note(self) -> None:
        topic = self.topic
        other = topic is not None and topic.lang != self._screen_lang
        if other and topic is not None:
            words = {  # the languages the translations name; any other by its own name
                "en": self.tr("This topic is only in English."),
                "es": self.tr("This topic is only in Spanish."),
                "zh": self.tr("This topic is only in Chinese."),
            }
            self.language_note.setText(
                words.get(topic.lang)
                or self.tr("This topic is only in {language}.").format(
                    language=labels.language_name(topic.lang)
                )
            )
        self.language_note.setVisible(other)

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size; pages are rebuilt to match."""
        self._sizes, self._palette = sizes, palette
        self._bar.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self._bar.set_gap(sizes.gap)
        self.language_note.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, 0)
        self.controls.apply(sizes, palette)
        self.back.paint_icon(palette.secondary_fg, sizes.icon)
        self.home.paint_icon(palette.secondary_fg, sizes.icon)
        self.narration.apply(sizes, palette)
        current, marked, place = self._set_aside or self._where()
        self._set_aside = None
        self.discard_pages()
        if current:
            # The same topic at the new size, at the same place in the text.
            if marked is None and place > 0:
                # The place is a fraction of the whole page: built whole before it is shown.
                self._page_for(current).finish()
            self._show_now(current, self._screen_lang)
            page = self.page
            assert page is not None
            if marked is not None:
                self.highlight(marked)
            elif place > 0:
                QTimer.singleShot(0, lambda: self._restore_place(page, place))

    def _where(self) -> tuple[Topic | None, int | None, float]:
        return self.topic, self._highlighted, self.page.scroll_fraction() if self.page else 0.0

    def set_aside(self) -> None:
        """Drop the pages before a new look is set (they are rebuilt in it), noting where the
        patient was: the next `apply` shows the topic again, at the same place."""
        if self._set_aside is None:
            self._set_aside = self._where()
        self.discard_pages()

    def _restore_place(self, page: TopicPage, place: float) -> None:
        if self.page is page:  # not if another look change replaced the page meanwhile
            page.set_scroll_fraction(place)

    def discard_pages(self) -> None:
        """Drop every built page (the visit ended, or the language or the look changed)."""
        self.page = None
        self.pages.setCurrentWidget(self.blank)
        for page in self._pages.values():
            self._drop(page)
        self._pages = {}

    def clear(self) -> None:
        """Show no topic; every page back to its top with nothing highlighted. A topic noted
        while the screen was hidden, for a new language or look, is forgotten with it."""
        self.page = None
        self._behind = None
        self._set_aside = None
        self._highlighted = None
        self.language_note.hide()
        self.pages.setCurrentWidget(self.blank)
        for page in self._pages.values():
            page.rewind()
