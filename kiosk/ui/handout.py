"""The handout preview: the page as it will print, one big Print button, what happened, and the
page read aloud."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.theme import Metrics, Palette
from kiosk.ui.controls import ComfortControls
from kiosk.ui.flow import FlowLayout
from kiosk.ui.narration_bar import NarrationBar
from kiosk.ui.scrolling import scroll_to_top, touch_scroll_area
from kiosk.ui.widgets import TouchButton, set_role


class HandoutScreen(QWidget):
    """Shows the page; emits `print_requested` and `back_requested`; does no printing itself.
    Its reading-aloud controls (`narration`) read the page; Print stays the main action."""

    print_requested = Signal()
    back_requested = Signal()
    status_shown = Signal(str)  # a new line about printing (the audio guide says it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        self.back = TouchButton("", icon="back")
        self.print_button = TouchButton("", role="primary")
        self.back.clicked.connect(self.back_requested)
        self.print_button.clicked.connect(self.print_requested)
        self.title = QLabel()
        set_role(self.title, "heading")
        self.status = QLabel()
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        self.page = QLabel()
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.page.setObjectName("PaperPreview")
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.page)
        self.scroll_area = touch_scroll_area(body)
        self.title.setWordWrap(True)
        self.controls = ComfortControls(self)
        top = QFrame()
        top.setObjectName("TopBar")
        top.setProperty("comfortbar", True)  # its compact look, from base.qss
        bar = FlowLayout(top)
        bar.add(self.back)
        bar.add(self.print_button)
        bar.add(self.title, wraps=True)  # a long title wraps, not the controls
        for group in self.controls.groups:
            bar.add(group, trailing=True)
        self._bar = bar
        # The page is a picture, so no words are marked: the status line names the part read.
        self.narration = NarrationBar(marks_words=False, listen_role="secondary")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(top)
        outer.addWidget(self.status)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.narration)
        self._outer = outer
        self._said: tuple[str, int] | None = None
        self.retranslate()

    def focus_order(self) -> list[QWidget]:
        """Back, Print this page, the comfort controls, then the reading-aloud controls."""
        return [self.back, self.print_button, *self.controls.buttons(), *self.narration.buttons]

    def first_focus(self) -> QWidget | None:
        """Print this page."""
        return self.print_button

    def retranslate(self) -> None:
        """The screen's own words in the current language."""
        self.back.set_words(self.tr("Back"))
        self.print_button.set_words(self.tr("Print this page"))
        self.title.setText(self.tr("Your page to take home"))
        self.narration.retranslate()
        # What the audio guide (and a screen reader) adds to "Listen", "Pause" or "Resume".
        self.narration.listen.setAccessibleDescription(self.tr("Reads the page to print aloud."))
        if self._said is not None:  # the same news about printing, in the new language
            kind, left = self._said
            self._say(kind, left)
        self.controls.retranslate()

    def show_page(self, image: QImage) -> None:
        """The page to preview, from its top."""
        self.page.setPixmap(QPixmap.fromImage(image))
        self.page.setAccessibleName(self.tr("Preview of the page to print"))
        scroll_to_top(self.scroll_area)

    def _set_status(self, text: str, can_print: bool) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.print_button.setEnabled(can_print)
        self.status_shown.emit(text)

    def show_ready(self, prints_left: int) -> None:
        """Before printing: what Print will do, or that this visit has used its prints."""
        self._say("ready" if prints_left > 0 else "limit", prints_left)

    def show_printing(self) -> None:
        """While the page goes to the printer."""
        self._say("printing", 0)

    def show_printed(self, prints_left: int) -> None:
        """The printer took the page."""
        self._say("printed", prints_left)

    def show_failed(self) -> None:
        """The printer is missing, stopped or failing: one calm line."""
        self._say("failed", 1)

    def show_limit(self) -> None:
        """This visit has printed as many pages as it may."""
        self._say("limit", 0)

    def _say(self, kind: str, prints_left: int) -> None:
        self._said = (kind, prints_left)
        lines = {
            "ready": (self.tr("Check the page, then tap Print this page."), True),
            "printing": (self.tr("Sending your page to the printer…"), False),
            "printed": (
                self.tr("Your page is printing. Please pick it up at the front desk."),
                prints_left > 0,
            ),
            "failed": (
                self.tr("The printer is not working right now. Please ask the front desk."),
                True,
            ),
            "limit": (
                self.tr(
                    "You have printed all the pages you can for now. Please ask the front desk."
                ),
                False,
            ),
        }
        self._set_status(*lines[kind])

    def clear(self) -> None:
        """Forget the page."""
        self.page.clear()
        self.status.clear()
        self._said = None

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._bar.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self._bar.set_gap(sizes.gap)
        self.controls.apply(sizes, palette)
        self.narration.apply(sizes, palette)
        self._outer.setSpacing(sizes.gap // 2)
        self.status.setContentsMargins(sizes.pad, 0, sizes.pad, 0)
        self.back.paint_icon(palette.secondary_fg, sizes.icon)
