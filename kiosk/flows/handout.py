"""The handout: the page previewed on screen (and read aloud there), printed with one tap,
within the visit's allowance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.config import Settings
from kiosk.content import Topic
from kiosk.flows.reading import ReadingFlow
from kiosk.handout.printing import PrintJob, PrintService
from kiosk.session import Visit
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.handout.layout import Handout


class HandoutFlow(QObject):
    """Preview, print and the number of pages a visit may print."""

    printed = Signal(object)  # the Topic whose page went out (whoever still waits for it)

    def __init__(
        self,
        *,
        settings: Settings,
        window: KioskWindow,
        visit: Visit,
        printing: PrintService,
        reading: ReadingFlow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._window, self._visit, self._printing = (
            settings,
            window,
            visit,
            printing,
        )
        self._reading = reading
        self._handout: Handout | None = None
        self._job: PrintJob | None = None  # the visit's page being handed over
        window.topic.print_requested.connect(self.preview)
        window.handout.print_requested.connect(self.print)
        reading.language_switched.connect(self._language_switched)
        visit.ended.connect(self._visit_ended)

    @property
    def previewed(self) -> Handout | None:
        """The page on the preview screen (and the one Print this page sends)."""
        return self._handout

    @Slot()
    def preview(self) -> None:
        """Show the page for the topic on screen, as it will print."""
        topic = self._window.topic.topic
        if topic is None:
            return
        self._show_preview(topic)
        self._window.show_handout()

    def _show_preview(self, topic: Topic, fresh: bool = True) -> None:
        # The page's layout code loads at the first preview, not before the first frame.
        from kiosk.handout.layout import build_handout, render_preview  # noqa: PLC0415
        from kiosk.handout.spoken import page_parts  # noqa: PLC0415

        self._handout = build_handout(topic, self._settings)
        window = self._window
        width = min(window.width() - 120, round(window.height() * 1.1))
        window.handout.show_page(render_preview(self._handout, max(400, width)))
        # What this page holds, for its Listen (the reading flow owns the one narrator).
        self._reading.show_page(topic, page_parts(topic, self._settings, self._handout.steps_shown))
        if fresh:
            window.handout.show_ready(self._visit.choices.prints_left)

    @Slot()
    def print(self) -> None:
        """Print the previewed page, if this visit may print another."""
        if self._handout is None or self._printing.busy:
            return
        screen = self._window.handout
        if self._visit.choices.prints_left <= 0:
            screen.show_limit()
            return
        topic = self._window.topic.topic
        screen.show_printing()
        job = self._printing.print_handout(self._handout, topic.title if topic else "handout")
        if job is None:
            return
        self._job = job
        job.printed.connect(lambda _number: self._printed(job, topic))
        job.failed.connect(lambda _reason: self._failed(job))

    def _printed(self, job: PrintJob, topic: Topic | None) -> None:
        if topic is not None:
            self.printed.emit(topic)
        if job is not self._job:
            return  # the visit ended meanwhile: the next patient's allowance is their own
        self._job = None
        left = max(0, self._visit.choices.prints_left - 1)
        self._visit.update(prints_left=left)
        self._window.handout.show_printed(left)

    def _failed(self, job: PrintJob) -> None:
        if job is self._job:
            self._job = None
            self._window.handout.show_failed()

    @Slot(object, object)
    def _language_switched(self, topic: Topic, screen: Screen) -> None:
        if screen == Screen.HANDOUT:
            self._show_preview(topic, fresh=False)  # the print news stays, in the new language

    @Slot(bool)
    def _visit_ended(self, _was_visit: bool) -> None:
        self._handout = None
        self._job = None
