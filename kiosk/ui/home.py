"""The home screen: the clinic's name and the way to a topic.

Up to `GRID_LIMIT` topics it is one grid of big topic tiles, no extra tap. With more, it offers
them two ways, each two taps from a topic: by group (a tile per category, and the body outline:
touch where it hurts), and by the first letter of their titles in the visit's language. Either
opens a list of that group's tiles on the same screen; Back goes back to the groups.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk import categories, labels
from kiosk.content.catalog import TopicEntry
from kiosk.content.sentences import split_sentences
from kiosk.theme import Metrics, Palette
from kiosk.ui.body import BodyOutline
from kiosk.ui.controls import ComfortControls
from kiosk.ui.flow import FlowLayout
from kiosk.ui.index import OTHERS, in_title_order, letter_of, sorted_letters
from kiosk.ui.scrolling import scroll_to_top, touch_scroll_area
from kiosk.ui.widgets import IconLabel, TouchButton, place_in_grid, set_role

GRID_LIMIT = 8  # up to this many topics, the home screen shows them all at once
FIRST_TILES = 9  # a long list's tiles made at the tap: more than a screen shows at once
TILES_PER_TURN = 6  # the rest, this many per turn of the event loop


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


def in_reading_order(topics: list[TopicEntry], screen_lang: str) -> list[TopicEntry]:
    """The topics as a reader of `screen_lang` looks for them: those written in it first, then
    those only in another language, each part by title in the language's own alphabetical order
    with numbers by value ("Topic 2" before "Topic 10", "Árbol" next to "Arroz")."""
    own = [t for t in topics if t.lang == screen_lang]
    other = [t for t in topics if t.lang != screen_lang]
    by_title = [in_title_order(part, screen_lang, lambda t: t.title) for part in (own, other)]
    return by_title[0] + by_title[1]


class Tile(QPushButton):
    """A big touch target: an icon, a title and a line under it (and a note, if any)."""

    def __init__(self, icon: str, title: str, blurb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopicTile")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a tap does not leave a focus ring
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)  # wrapped words decide the height, never clipped
        self.setSizePolicy(policy)
        self.picture = IconLabel(icon)
        self.title = QLabel(title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        set_role(self.title, "heading")
        self.blurb = QLabel(blurb)
        self.blurb.setTextFormat(Qt.TextFormat.PlainText)
        self.blurb.setWordWrap(True)
        set_role(self.blurb, "muted")
        self.note = QLabel()  # "Only in English": a topic not written in the screen's language
        self.note.setWordWrap(True)
        self.note.setObjectName("LanguageNote")
        self.note.hide()
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
        self._look: tuple[Metrics, Palette] | None = None
        self.setAccessibleName(title)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self._row.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), self.heightForWidth(max(1, self.width())))

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Size and colour for the current theme and text size."""
        if self._look == (sizes, palette):
            return
        self._look = (sizes, palette)
        self.picture.paint_icon(palette.icon, sizes.tile_icon)
        self._row.setContentsMargins(sizes.pad, sizes.pad, sizes.pad, sizes.pad)


class TopicTile(Tile):
    """One topic: icon, title and its one-line message, all one big touch target."""

    def __init__(self, topic: TopicEntry, screen_lang: str, parent: QWidget | None = None) -> None:
        first = split_sentences(topic.summary)[:1]
        super().__init__(topic.icon, topic.title, first[0] if first else "", parent)
        self.topic_id = topic.id
        self.topic_lang = topic.lang
        self.screen_lang = screen_lang
        self.note.setVisible(topic.lang != screen_lang)
        self.retranslate()

    def retranslate(self) -> None:
        """The language note in the screen's language."""
        description = self.blurb.text()
        if self.topic_lang != self.screen_lang:
            self.note.setText(only_in(self.topic_lang))
            description = f"{self.note.text()}. {description}"
        self.setAccessibleDescription(description)


def topic_count(count: int) -> str:
    """How many topics a group has, as its tile says it."""
    if count == 1:
        return QCoreApplication.translate("HomeScreen", "1 topic")
    return QCoreApplication.translate("HomeScreen", "{count} topics").format(count=count)


class GroupTile(Tile):
    """One category: its pictogram, its name and how many topics it has."""

    def __init__(
        self, category: categories.Category, lang: str, count: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(category.icon, category.name(lang), topic_count(count), parent)
        self.category_id = category.id
        self.setProperty("group", True)  # shorter than a topic's tile (base.qss)
        self.setAccessibleDescription(self.blurb.text())


class LetterButton(TouchButton):
    """One letter of the A-to-Z index."""

    def __init__(self, letter: str, parent: QWidget | None = None) -> None:
        super().__init__(letter, parent=parent)
        self.letter = letter
        self.setObjectName("IndexLetter")
        self.retranslate()

    def retranslate(self) -> None:
        """Its name for the audio guide and screen readers."""
        if self.letter == OTHERS:
            name = QCoreApplication.translate("HomeScreen", "Topics that start with a number")
        else:
            name = QCoreApplication.translate("HomeScreen", "Topics that start with {letter}")
            name = name.format(letter=self.letter)
        self.setAccessibleName(name)


class HomeScreen(QWidget):
    """Pick a topic. Emits `topic_selected(id)`, and `page_changed` when it shows another of its
    pages (the groups, or one group's list); holds no state of its own beyond those."""

    topic_selected = Signal(str)
    page_changed = Signal()
    tiles_added = Signal()  # a long list's last tiles were made

    def __init__(self, clinic_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.tiles: list[TopicTile] = []  # the tiles of the list on show (all, or one group's)
        # A long list is made a few tiles at a time: those a screen shows at the tap, the rest
        # in the next turns of the event loop (below the fold, they are not seen being made).
        self._waiting: list[TopicEntry] = []
        self._listed: list[TopicEntry] = []  # the list on show, in order
        self._let_go: list[TopicTile] = []  # tiles of an earlier list, deleted later
        self._filler = QTimer(self)
        self._filler.setInterval(0)
        self._filler.timeout.connect(self._fill_more)
        self.group_tiles: list[GroupTile] = []
        self.letters: list[LetterButton] = []
        self.group: tuple[str, str] | None = None  # ("category", id) or ("letter", letter)
        self._topics: list[TopicEntry] = []
        self._lang = ""  # the language of the topics on offer ("" until the first are set)
        self._behind: tuple[list[TopicEntry], str] | None = None  # given while hidden
        self._catch_up = QTimer(self, singleShot=True, interval=0)
        self._catch_up.timeout.connect(self.catch_up)
        self._shown_in = ""  # the language the groups were last set in
        self._columns = 0
        self._group_columns = 0
        self._sizes: Metrics | None = None
        self._palette: Palette | None = None

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

        self.scroll_area = self._build_list_page()
        self.groups_area = self._build_groups_page()
        # Back to the groups stays in view above a long list, as the topic screen's Back does.
        self.back = TouchButton("", icon="back")
        self.back.clicked.connect(self.show_groups)
        self.back.hide()
        self.list_page = QWidget()
        list_column = QVBoxLayout(self.list_page)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        list_column.addWidget(self.scroll_area, 1)
        self._list_column = list_column
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.groups_area)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.header)
        self.outer.addWidget(self.pages, 1)
        self.retranslate()

    def _build_list_page(self) -> QScrollArea:
        """Every topic (a small library), or one group's."""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
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
        self._list_body = body
        return touch_scroll_area(body)

    def _build_groups_page(self) -> QScrollArea:
        """The body outline, a tile per category, the letters."""
        self.groups_heading = QLabel()
        self.groups_heading.setWordWrap(True)
        set_role(self.groups_heading, "title")
        self.groups_hint = QLabel()
        self.groups_hint.setWordWrap(True)
        set_role(self.groups_hint, "muted")
        self.body = BodyOutline()
        self.body.part_chosen.connect(self._part_chosen)
        self.group_grid = QGridLayout()
        self.letters_heading = QLabel()
        self.letters_heading.setWordWrap(True)
        set_role(self.letters_heading, "heading")
        self.letters_box = QWidget()
        self.letters_flow = FlowLayout(self.letters_box)
        groups_body = QWidget()
        groups_column = QVBoxLayout(groups_body)
        groups_column.setContentsMargins(0, 0, 0, 0)
        groups_column.addWidget(self.groups_heading)
        groups_column.addWidget(self.groups_hint)
        self._groups_row = QHBoxLayout()
        self._groups_row.addWidget(self.body, 0, Qt.AlignmentFlag.AlignTop)
        self._groups_row.addLayout(self.group_grid, 1)
        groups_column.addLayout(self._groups_row)
        groups_column.addWidget(self.letters_heading)
        groups_column.addWidget(self.letters_box)
        groups_column.addStretch(1)
        return touch_scroll_area(groups_body)

    # -- what the window asks of a screen -------------------------------------------------------

    @property
    def filling(self) -> bool:
        """True while a long list's last tiles are still being made."""
        return bool(self._waiting)

    @property
    def list_count(self) -> int:
        """How many topics the list on show holds (made or still to be made)."""
        return len(self.tiles) + len(self._waiting)

    @property
    def topics(self) -> list[TopicEntry]:
        """Every topic offered."""
        return list(self._topics)

    @property
    def browsing(self) -> bool:
        """True when the topics are offered by group and letter (more than GRID_LIMIT)."""
        return len(self._topics) > GRID_LIMIT

    @property
    def on_groups(self) -> bool:
        """True while the groups page is on show."""
        return self.pages.currentWidget() is self.groups_area

    def focus_order(self) -> list[QWidget]:
        """The top bar, then the page on show: Back and the tiles, or the groups and letters."""
        if self.on_groups:
            return [*self.controls.buttons(), *self.group_tiles, *self.letters]
        back = [self.back] if self.group is not None else []
        return [*self.controls.buttons(), *back, *self.tiles]

    def first_focus(self) -> QWidget | None:
        """The first tile (of topics or of groups)."""
        if self.on_groups:
            return self.group_tiles[0] if self.group_tiles else None
        return self.tiles[0] if self.tiles else None

    def retranslate(self) -> None:
        """Set the screen's own words in the current language."""
        self.back.set_words(self.tr("All groups"))
        self.groups_heading.setText(self.tr("Choose a topic"))
        self.groups_hint.setText(
            self.tr(
                "Touch where it hurts, or choose a group. You can also find a topic by its "
                "first letter."
            )
        )
        self.letters_heading.setText(self.tr("Topics from A to Z"))
        self.empty.setText(self.tr("No topics are available right now. Please ask the front desk."))
        self.controls.retranslate()
        self._list_words()
        for tile in self.tiles:
            tile.retranslate()
        for letter in self.letters:
            letter.retranslate()

    def _list_words(self) -> None:
        if self.group is None:
            self.heading.setText(self.tr("Choose a topic"))
            self.hint.setText(
                self.tr("Tap a topic to read about it. You can also hear it read aloud.")
            )
            return
        self.heading.setText(self.group_name())
        self.hint.setText(self.tr("Tap a topic to read about it."))

    def group_name(self) -> str:
        """The name of the group on show ("" if none)."""
        if self.group is None:
            return ""
        kind, key = self.group
        if kind == "letter":
            return (
                self.tr("Topics that start with a number")
                if key == OTHERS
                else self.tr("Topics that start with {letter}").format(letter=key)
            )
        category = categories.table().get(key)
        return category.name(self._lang) if category is not None else key

    # -- the topics -----------------------------------------------------------------------------

    def set_topics(self, topics: list[TopicEntry], screen_lang: str) -> None:
        """Offer these topics (in reading order, `in_reading_order`), in `screen_lang`: all at
        once, or by group and letter. A category on show stays, in the new language, if it
        still has topics; a letter's list does not (the letters are the language's own).

        While another screen is on show (a language chosen on a topic, the visit's end), the
        screen is made again just after that screen's frame, or when it is shown if that comes
        first (`catch_up`): its tiles are not what the patient is waiting to see (6 ms of a
        language change on a topic went to them)."""
        if self._lang and not self.isVisible() and self.window().isVisible():
            self._behind = (list(topics), screen_lang)
            self._catch_up.start()
            return
        self._set_topics(list(topics), screen_lang)

    def catch_up(self) -> None:
        """The topics given while the screen was hidden, now."""
        self._catch_up.stop()
        if self._behind is not None:
            topics, lang = self._behind
            self._set_topics(topics, lang)
            self.tiles_added.emit()  # the window orders the keys through the new tiles

    def _set_topics(self, topics: list[TopicEntry], screen_lang: str) -> None:
        self._behind = None
        self._topics, self._lang = topics, screen_lang
        if not self.browsing:
            self.group = None
            self._fill_list(self._topics)
            self._show_page(self.list_page, asked=False)
            return
        self._fill_groups()
        if self.group is not None and self.group[0] == "letter" and screen_lang != self._shown_in:
            self.group = None
        self._shown_in = screen_lang
        if self.group is not None and self._members(self.group):
            self._fill_list(self._members(self.group))
        else:
            self.group = None
            self._clear_list()
            self._show_page(self.groups_area, asked=False)

    def _members(self, group: tuple[str, str]) -> list[TopicEntry]:
        kind, key = group
        table = categories.table()
        if kind == "letter":
            return [t for t in self._topics if letter_of(t.title, self._lang) == key]
        return [t for t in self._topics if key in table.of(t.categories)]

    def _counts(self) -> dict[str, int]:
        table = categories.table()
        counts: dict[str, int] = {}
        for topic in self._topics:
            for category_id in table.of(topic.categories):
                counts[category_id] = counts.get(category_id, 0) + 1
        return counts

    def _fill_groups(self) -> None:
        for tile in [*self.group_tiles, *self.letters]:
            tile.hide()
            tile.deleteLater()
        self.group_tiles, self.letters = [], []
        while self.letters_flow.count():
            self.letters_flow.takeAt(0)
        counts = self._counts()
        for category in categories.table().categories:
            count = counts.get(category.id, 0)
            if count:
                tile = GroupTile(category, self._lang, count)
                tile.clicked.connect(
                    lambda _=False, c=category.id: self.show_group(("category", c))
                )
                self.group_tiles.append(tile)
        table = categories.table()
        self.body.set_parts(
            {c.body: c.name(self._lang) for c in table.categories if c.body and counts.get(c.id, 0)}
        )
        for letter in sorted_letters(
            {letter_of(t.title, self._lang) for t in self._topics}, self._lang
        ):
            button = LetterButton(letter)
            button.clicked.connect(lambda _=False, x=letter: self.show_group(("letter", x)))
            self.letters.append(button)
            self.letters_flow.add(button)
        if self._sizes and self._palette:
            for tile in self.group_tiles:
                tile.apply(self._sizes, self._palette)
            self._size_letters()
        self._group_columns = 0
        self._reflow()

    def _size_letters(self) -> None:
        if self._sizes is None:
            return
        side = self._sizes.button_height
        for button in self.letters:
            button.setMinimumWidth(side)

    def _clear_list(self) -> None:
        self._filler.stop()
        self._waiting, self._listed = [], []
        for tile in self.tiles:
            tile.hide()  # gone from the screen now, not when the event loop next turns
            self.grid.removeWidget(tile)
            tile.deleteLater()  # later: this may run inside a click on one of the screen's buttons
        self._let_go = [t for t in self._let_go if shiboken6.isValid(t)] + self.tiles
        self.tiles = []

    def set_aside(self) -> None:
        """Let the list's tiles go before a new look is set (a stylesheet change polishes every
        widget alive, shown or not, and a long list has hundreds); the next `apply` makes them
        again, as a group's list is made when it opens."""
        self._filler.stop()
        for tile in [*self._let_go, *self.tiles]:
            if shiboken6.isValid(tile):
                shiboken6.delete(tile)  # at once: one deleted later would still be polished
        self._let_go, self.tiles = [], []
        self._waiting = list(self._listed)

    def _fill_list(self, topics: list[TopicEntry]) -> None:
        self._clear_list()
        self.empty.setVisible(not topics)
        self.back.setVisible(self.group is not None)
        self._list_words()
        self._columns = 0
        self._listed = in_reading_order(topics, self._lang)
        self._waiting = list(self._listed)
        self._resume_list()

    def _resume_list(self) -> None:
        """Make the first tiles of the list now and the rest in the next turns."""
        self._add_tiles(FIRST_TILES)
        if self._waiting:
            self._filler.start()

    def _add_tiles(self, count: int) -> None:
        """Make the next `count` tiles of the list and put them in the grid."""
        made = self._waiting[:count]
        self._waiting = self._waiting[count:]
        start = len(self.tiles)
        for topic in made:
            tile = TopicTile(topic, self._lang, self._list_body)
            tile.clicked.connect(lambda _=False, t=topic.id: self.topic_selected.emit(t))
            if self._sizes and self._palette:
                tile.apply(self._sizes, self._palette)
            self.tiles.append(tile)
        if self._columns:
            for index, tile in enumerate(self.tiles[start:], start=start):
                self.grid.addWidget(tile, index // self._columns, index % self._columns)
        else:
            self._reflow()
        for tile in self.tiles[start:]:
            tile.show()

    @Slot()
    def _fill_more(self) -> None:
        self._add_tiles(TILES_PER_TURN)
        if not self._waiting:
            self._filler.stop()
            self.tiles_added.emit()  # keys reach the last tiles too

    def show_group(self, group: tuple[str, str]) -> None:
        """One group's topics: ("category", id) or ("letter", letter)."""
        members = self._members(group)
        if not members:
            return
        self.group = group
        self._fill_list(members)
        scroll_to_top(self.scroll_area)
        self._show_page(self.list_page)

    def show_groups(self) -> None:
        """Back to the groups and letters (a small library has only its one list)."""
        if not self.browsing:
            return
        self.group = None
        self._clear_list()
        self.back.hide()
        self._show_page(self.groups_area)

    def _part_chosen(self, part: str) -> None:
        category = categories.table().for_part(part)
        if category is not None:
            self.show_group(("category", category.id))

    def _show_page(self, page: QWidget, asked: bool = True) -> None:
        """`asked`: the patient chose it (a group, Back): said and focused even if the same
        page shows; otherwise (new topics, a new language) only if the page changed."""
        changed = self.pages.currentWidget() is not page
        self.pages.setCurrentWidget(page)
        if asked or changed:
            self.page_changed.emit()  # the window orders the keys and puts the focus

    # -- looks ----------------------------------------------------------------------------------

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._sizes, self._palette = sizes, palette
        self.controls.apply(sizes, palette)
        self.header_flow.set_gap(sizes.gap)
        self.outer.setContentsMargins(sizes.pad, sizes.pad // 2, sizes.pad, 0)
        self.outer.setSpacing(sizes.gap // 2)
        for grid in (self.grid, self.group_grid):
            grid.setSpacing(sizes.gap)
            grid.setContentsMargins(0, sizes.gap // 2, sizes.scrollbar, sizes.pad)
        self._groups_row.setSpacing(sizes.gap)
        self._list_column.setSpacing(sizes.gap // 2)
        self.letters_flow.set_gap(sizes.gap // 2)
        self.letters_box.setContentsMargins(0, 0, sizes.scrollbar, sizes.pad)
        self.back.paint_icon(palette.secondary_fg, sizes.icon)
        self.body.apply(sizes, palette)
        for tile in [*self.tiles, *self.group_tiles]:
            tile.apply(sizes, palette)
        self._size_letters()
        self._columns = self._group_columns = 0
        if self._waiting and not self.tiles:  # set aside for the new look: made again
            self._resume_list()
        self._reflow()

    def reset(self) -> None:
        """Back to the start: the groups (or the one list), at the top, nothing pressed."""
        self.body.clear()
        if self.browsing and self.group is not None:
            self.show_groups()
        scroll_to_top(self.scroll_area)
        scroll_to_top(self.groups_area)

    def _reflow(self) -> None:
        if not self._sizes:
            return
        sizes = self._sizes
        width = max(1, self.width() - 2 * sizes.pad - sizes.scrollbar)
        fit = max(1, (width + sizes.gap) // (sizes.tile_min_width + sizes.gap))
        if self.tiles:
            columns = min(fit, len(self.tiles))
            if columns != self._columns:
                self._columns = columns
                place_in_grid(self.grid, list(self.tiles), columns, fill=True)
        if self.group_tiles:
            # The body outline takes its width from the row when there is room for it and two
            # columns of groups; on a narrow screen the groups get the whole width.
            # The body outline sits beside the groups when there is room for it and two columns
            # of them; on a narrow (portrait) screen it goes above them, and the groups get the
            # whole width.
            body_width = self.body.sizeHint().width() + sizes.gap
            room = width - body_width
            beside = room >= 2 * sizes.tile_min_width + sizes.gap
            self.body.setVisible(self.body.usable)
            self._groups_row.setDirection(
                QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
            )
            self._groups_row.setAlignment(
                self.body,
                Qt.AlignmentFlag.AlignTop if beside else Qt.AlignmentFlag.AlignHCenter,
            )
            room = room if beside and self.body.usable else width
            columns = max(1, min((room + sizes.gap) // (sizes.tile_min_width + sizes.gap), 3))
            columns = min(columns, len(self.group_tiles))
            if columns != self._group_columns:
                self._group_columns = columns
                place_in_grid(self.group_grid, list(self.group_tiles), columns, fill=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()
