"""The look: theme and text size (the patient's) at the screen's scale, applied to every
screen, and again when the screen changes size."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication

from kiosk.session import Visit, VisitChoices
from kiosk.theme import PALETTES, metrics, screen_scale, stylesheet
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.ui.events import EventHub

_looked = False  # a look has been applied in this process: there may be garbage of the last one


@contextlib.contextmanager
def _no_cycle_collection(collect: bool = True) -> Iterator[None]:
    """Python's cycle collector held off for a moment. While Qt restyles it walks a list of
    every widget alive, calling Python code (a layout's sizes, a tile's height) on the way; a
    collection set off there can delete a widget further down that list (one whose only owner
    was an object in a reference cycle, such as a kiosk built and dropped before: a screenshot,
    a test), and Qt then polishes freed memory and the process dies. What the restyle held
    back is collected right after it, at a safe point (about 10 ms, against 50 ms or more for
    the restyle). The process's first look has no earlier one to free: `collect` False leaves
    the collection to Python (a whole collection there took 8-10 ms of the first frame's time,
    with every module just imported to walk)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            if collect:
                gc.collect()  # now, between restyles, not at some allocation in the next one


class LookFlow(QObject):
    """Restyles only when theme, text size or screen scale really changed: parsing the
    stylesheet is the costliest step of start-up."""

    def __init__(
        self,
        app: QApplication,
        window: KioskWindow,
        visit: Visit,
        parent: QObject | None = None,
        events: EventHub | None = None,
    ) -> None:
        super().__init__(parent)
        self._app, self._window, self._visit = app, window, visit
        self.events = events  # paused while restyling (the kiosk's, once it has one)
        self._key: tuple[str, int, float] | None = None
        self.screen_size: tuple[int, int] | None = None  # the size to scale for; None: the window's
        window.resized.connect(self.restyle)
        visit.changed.connect(self.apply)

    @property
    def shown(self) -> tuple[str, int, float] | None:
        """The theme, text size and screen scale on screen now (None before the first)."""
        return self._key

    @Slot()
    def restyle(self) -> None:
        """The look for the window's current size (after it was resized or first shown)."""
        self.apply(self._visit.choices)

    @Slot(object)
    def apply(self, choices: VisitChoices) -> None:
        """The theme and text size of these choices, if they differ from those on screen."""
        window = self._window
        width, height = self.screen_size or (window.width(), window.height())
        scale = screen_scale(width, height)
        key = (choices.theme, choices.text_size, scale)
        if key == self._key:
            return
        self._key = key
        palette = PALETTES[choices.theme]
        sizes = metrics(choices.text_size, scale)
        if window.built:
            window.topic.set_aside()  # fewer widgets for the stylesheet to polish
            window.home.set_aside()
        # The screens' own stylesheets, not the application's: Qt restyles a screen's widgets
        # in a tenth of the time it takes to give the whole application a new style (2 against
        # 21 ms for a topic at 1920x1080), and a hidden screen takes its sheet when shown.
        events = self.events
        paused = events.paused() if events is not None else contextlib.nullcontext()
        global _looked  # noqa: PLW0603 - once per process, as the garbage is the process's
        with paused, _no_cycle_collection(collect=_looked):
            _looked = True
            window.set_sheet(stylesheet(palette, sizes))
            window.apply(sizes, palette)
        window.order_focus()
