"""The staff screen: what works and what is broken, usage counts, and the staff's actions.

Thin like every screen: it shows what the app hands it and emits what staff asked for.
Status lines always start with a word ("Working" or "Problem"), never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.theme import Metrics, Palette
from kiosk.ui.flow import FlowLayout
from kiosk.ui.scrolling import scroll_to_top, scrolling_screen
from kiosk.ui.widgets import TouchButton, set_role

LISTED_LINES = 20  # topic files listed by name (failed, awaiting review); the rest counted


@dataclass(frozen=True, slots=True)
class UsageRow:
    """One line of the usage table: what was counted, today and over the last seven days."""

    what: str  # visits, topics, narrations, prints
    today: int
    week: int


class _Line(QLabel):
    """A label that takes no room while it has nothing to say."""

    def setText(self, text: str) -> None:
        """Show the text; hide when empty."""
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        """Nothing to say: take no room."""
        super().clear()
        self.hide()


def _label(role: str = "", wrap: bool = True) -> QLabel:
    label = _Line()
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # reasons come from files: never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if role:
        set_role(label, role)
    return label


class StaffScreen(QWidget):
    """Shows status and counts; emits intents for the app to carry out."""

    back_requested = Signal()
    exit_requested = Signal()
    reload_requested = Signal()
    test_print_requested = Signal()
    test_sound_requested = Signal()

    def __init__(self, parent: QWidget | None = None, area: QScrollArea | None = None) -> None:
        """`area`: the scroll area of the screen this one replaces (see `touch_scroll_area`)."""
        super().__init__(parent)
        self.setObjectName("Screen")
        self.back = TouchButton("", icon="back", role="primary")
        self.exit = TouchButton("")
        self.title = _label("heading", wrap=False)
        self.back.clicked.connect(self.back_requested)
        self.exit.clicked.connect(self.exit_requested)
        top = QFrame()
        top.setObjectName("TopBar")
        bar = FlowLayout(top)  # wraps onto two rows when large text leaves no room for one
        bar.add(self.back)
        bar.add(self.title)
        bar.add(self.exit, trailing=True)
        self._bar = bar

        self.reload = self._button(self.reload_requested)
        self.test_print = self._button(self.test_print_requested)
        self.test_sound = self._button(self.test_sound_requested)

        self.topics_heading, self.topics_status = _label("heading"), _label()
        self.pack_status = _label()
        self.failed = _label()
        self.awaiting = _label()
        self.reload_result = _label("muted")
        self.printer_heading, self.printer_status = _label("heading"), _label()
        self.print_result = _label("muted")
        self.sound_heading, self.sound_status = _label("heading"), _label()
        self.sound_result = _label("muted")
        self.usage_heading, self.usage_note = _label("heading"), _label("muted")
        self.usage_grid = QGridLayout()
        self.about_heading, self.about = _label("heading"), _label("muted")

        body = QWidget()
        column = QVBoxLayout(body)
        self._cards: list[QVBoxLayout] = []
        self._card(
            column,
            self.topics_heading,
            self.topics_status,
            self.pack_status,
            self.failed,
            self.awaiting,
            self.reload,
            self.reload_result,
        )
        self._card(
            column, self.printer_heading, self.printer_status, self.test_print, self.print_result
        )
        self._card(
            column, self.sound_heading, self.sound_status, self.test_sound, self.sound_result
        )
        usage = self._card(column, self.usage_heading)
        usage.addLayout(self.usage_grid)
        usage.addWidget(self.usage_note)
        self._card(column, self.about_heading, self.about)
        column.addStretch(1)
        self._column = column
        self.scroll_area = scrolling_screen(self, top, body, reuse=area)
        self._usage: list[UsageRow] = []
        self._usage_problem = ""
        self._topics: tuple[dict[str, int], list[str], list[str]] = ({}, [], [])
        self._pack: tuple[bool | None, str] | None = None
        self.retranslate()

    @staticmethod
    def _button(intent: SignalInstance) -> TouchButton:
        button = TouchButton("")
        button.clicked.connect(intent)
        return button

    def _card(self, column: QVBoxLayout, *widgets: QWidget) -> QVBoxLayout:
        card = QFrame()
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        for widget in widgets:
            align = Qt.AlignmentFlag.AlignLeft if isinstance(widget, TouchButton) else None
            if align is None:
                box.addWidget(widget)
            else:
                box.addWidget(widget, 0, align)
        column.addWidget(card)
        self._cards.append(box)
        return box

    def buttons(self) -> list[TouchButton]:
        """Every control, in reading order (for keys)."""
        return [self.back, self.exit, self.reload, self.test_print, self.test_sound]

    def focus_order(self) -> list[QWidget]:
        """Every control, in reading order."""
        return [*self.buttons()]

    def first_focus(self) -> QWidget | None:
        """Back to patients."""
        return self.back

    def retranslate(self) -> None:
        """The screen's own words in the current language."""
        self.back.set_words(self.tr("Back to patients"))
        self.exit.set_words(self.tr("Exit the kiosk"))
        self.title.setText(self.tr("Staff"))
        self.reload.set_words(self.tr("Reload topics"))
        self.test_print.set_words(self.tr("Print a test page"))
        self.test_sound.set_words(self.tr("Say a test phrase"))
        self.topics_heading.setText(self.tr("Topics"))
        self.printer_heading.setText(self.tr("Printer"))
        self.sound_heading.setText(self.tr("Sound"))
        self.usage_heading.setText(self.tr("Use of the kiosk"))
        self.about_heading.setText(self.tr("About this kiosk"))
        self.set_topics(*self._topics)
        if self._pack is not None:
            self.set_pack(*self._pack)
        self.set_usage(self._usage, self._usage_problem)

    def _status(self, ok: bool, detail: str) -> str:
        word = self.tr("Working") if ok else self.tr("Problem")
        return f"{word}: {detail}"

    def set_topics(
        self, loaded: dict[str, int], failed: Sequence[str], awaiting: Sequence[str]
    ) -> None:
        """How many topics loaded per language, which failed (with why), which await review."""
        self._topics = (dict(loaded), list(failed), list(awaiting))
        total = sum(loaded.values())
        per_lang = ", ".join(f"{lang}: {n}" for lang, n in sorted(loaded.items()))
        line = self.tr("%n topic(s) loaded", "", total) + (f" ({per_lang})" if per_lang else "")
        self.topics_status.setText(self._status(total > 0 and not failed, line))
        if failed:
            self.failed.setText(self.tr("Could not load:") + "\n" + self._bullets(failed))
        else:
            self.failed.setText(self.tr("Every topic file loaded."))
        if awaiting:
            self.awaiting.setText(
                self.tr("Waiting for clinical review:") + "\n" + self._bullets(awaiting)
            )
        else:
            self.awaiting.setText(self.tr("No topic is waiting for clinical review."))

    def set_pack(self, ok: bool | None, detail: str) -> None:
        """The content pack in use and the last check for a new one (None: packs are off)."""
        self._pack = (ok, detail)
        label = self.tr("Content pack")
        self.pack_status.setText(
            f"{label}: {detail}" if ok is None else f"{label}: {self._status(ok, detail)}"
        )

    def _bullets(self, lines: Sequence[str]) -> str:
        """One line each, the first LISTED_LINES of them: a library of hundreds of topics
        would make the screen too long to scroll, and check-content lists them all."""
        shown = "\n".join(f"• {line}" for line in lines[:LISTED_LINES])
        more = len(lines) - LISTED_LINES
        if more > 0:
            shown += "\n" + self.tr("… and %n more (check-content lists every one)", "", more)
        return shown

    def show_reloaded(self, loaded: int, failed: int) -> None:
        """What the reload found."""
        text = self.tr("Reloaded: %n topic(s) loaded", "", loaded)
        if failed:
            text += "; " + self.tr("%n file(s) could not load (see above)", "", failed)
        self.reload_result.setText(text + ".")

    def set_printer(self, ok: bool | None, detail: str) -> None:
        """The printer's state (None: still asking the print system)."""
        if ok is None:
            self.printer_status.setText(self.tr("Checking the printer…"))
        else:
            self.printer_status.setText(self._status(ok, detail))

    def show_printing(self) -> None:
        """The test page is on its way to the print system."""
        self.test_print.setEnabled(False)
        self.print_result.setText(self.tr("Sending a test page…"))

    def show_print_busy(self) -> None:
        """A page is still being handed to the printer."""
        self.print_result.setText(self.tr("The printer is busy. Try again in a moment."))

    def show_print_sent(self, job: str) -> None:
        """The print system took the test page."""
        self.test_print.setEnabled(True)
        self.print_result.setText(
            self._status(True, self.tr("the test page was sent (job %1).").replace("%1", job))
        )

    def show_print_failed(self, reason: str) -> None:
        """The test page could not be printed, and why."""
        self.test_print.setEnabled(True)
        self.print_result.setText(self._status(False, reason))

    def set_sound(self, ok: bool, detail: str) -> None:
        """Whether speech can be heard, and why not."""
        self.sound_status.setText(self._status(ok, detail))

    def test_phrase(self) -> str:
        """What the sound test says."""
        return self.tr("This is the sound test. If you can hear this, reading aloud works.")

    def show_sound_testing(self) -> None:
        """The test phrase is being made ready."""
        self.sound_result.setText(self.tr("Getting the test phrase ready…"))

    def show_sound_played(self) -> None:
        """The test phrase is playing."""
        self.sound_result.setText(
            self._status(True, self.tr("the test phrase is playing now. Can you hear it?"))
        )

    def show_sound_failed(self, reason: str) -> None:
        """The test phrase could not be played, and why."""
        self.sound_result.setText(self._status(False, reason))

    def set_usage(self, rows: Sequence[UsageRow], problem: str = "") -> None:
        """The usage table, and why counting stopped if it did."""
        self._usage, self._usage_problem = list(rows), problem
        names = {
            "visits": self.tr("Visits"),
            "topics": self.tr("Topics opened"),
            "narrations": self.tr("Topics read aloud"),
            "prints": self.tr("Pages printed"),
        }
        table = [["", self.tr("Today"), self.tr("Last 7 days")]]
        table += [[names.get(r.what, r.what), str(r.today), str(r.week)] for r in rows]
        grid = self.usage_grid
        for row, texts in enumerate(table):
            for col, text in enumerate(texts):
                item = grid.itemAtPosition(row, col)
                cell = item.widget() if item is not None else None
                if not isinstance(cell, QLabel):
                    cell = _label("muted" if row == 0 else "")
                    grid.addWidget(cell, row, col)
                cell.setText(text)
        for row in range(len(table), grid.rowCount()):  # fewer rows than before: blank the rest
            for col in range(3):
                item = grid.itemAtPosition(row, col)
                cell = item.widget() if item is not None else None
                if isinstance(cell, QLabel):
                    cell.clear()
        for col, stretch in enumerate((2, 1, 1)):
            grid.setColumnStretch(col, stretch)
        if problem:
            self.usage_note.setText(self._status(False, problem))
        else:
            self.usage_note.setText(self.tr("Counts are anonymous: no names, no answers."))

    def usage_cell(self, row: int, col: int) -> str:
        """The text of one cell of the usage table (row 0 is the header)."""
        item = self.usage_grid.itemAtPosition(row, col)
        widget = item.widget() if item is not None else None
        return widget.text() if isinstance(widget, QLabel) else ""

    def set_about(self, lines: Sequence[str]) -> None:
        """Version and where the kiosk keeps its files."""
        self.about.setText("\n".join(lines))

    def opened(self) -> None:
        """Shown afresh: from the top, with no results of an earlier opening."""
        for label in (self.reload_result, self.print_result, self.sound_result):
            label.clear()
        self.test_print.setEnabled(True)
        scroll_to_top(self.scroll_area)

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._bar.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self._bar.set_gap(sizes.gap)
        self.back.paint_icon(palette.primary_fg, sizes.icon)
        self._column.setContentsMargins(sizes.pad, sizes.gap, sizes.pad, sizes.gap)
        self._column.setSpacing(sizes.gap)
        for box in self._cards:
            box.setContentsMargins(sizes.pad, sizes.gap, sizes.pad, sizes.gap)
            box.setSpacing(sizes.gap // 2)
        self.usage_grid.setHorizontalSpacing(sizes.gap)
