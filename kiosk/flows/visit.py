"""The visit: a touch starts it, the idle clock (or staff) ends it, and a patient's choices go
through it. Ending it is one call; every other part forgets the visit on `Visit.ended`."""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.config import Settings
from kiosk.session import IdleMonitor, Visit
from kiosk.ui.events import EventHub
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")


class VisitFlow(QObject):
    """Start, choices, the idle warning and reset, and the way back after an error."""

    chosen = Signal(str, object)  # a patient's own choice: a VisitChoices field and its value

    def __init__(
        self,
        *,
        settings: Settings,
        window: KioskWindow,
        visit: Visit,
        idle: IdleMonitor,
        parent: QObject | None = None,
        events: EventHub | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._window, self._visit, self._idle = settings, window, visit, idle
        self.events = events
        window.attract.start_requested.connect(self.start)
        window.choice_requested.connect(self.choose)
        window.keys.used.connect(idle.poke)
        window.keys.volume_step.connect(self.volume_step)
        window.topic.narration.volume_step.connect(self.volume_step)
        window.handout.narration.volume_step.connect(self.volume_step)
        idle.warning_started.connect(window.overlay.show_warning)
        idle.countdown_changed.connect(window.overlay.set_seconds)
        idle.warning_cancelled.connect(window.overlay.hide)
        idle.timed_out.connect(self.reset)
        window.overlay.keep_going.connect(idle.poke)
        visit.changed.connect(window.show_choices)
        # After a reset, one hidden screen put back in the default look per turn of the event
        # loop, so that a frame or a touch can come between (`KioskWindow.dress_later`).
        self._dresser = QTimer(self)
        self._dresser.setSingleShot(True)
        self._dresser.setInterval(0)
        self._dresser.timeout.connect(self._dress_next)

    @Slot()
    def start(self) -> None:
        """A touch on the attract screen: the visit begins at the home screen."""
        self._visit.start()
        self._idle.enable()
        self._window.show_home()

    @Slot(str, object)
    def choose(self, name: str, value: object) -> None:
        """A patient's choice (language, text size, contrast, the audio guide, ...). The screen
        is rebuilt for it at once, on this thread, with the application's event filter out of
        the way (it would be called for each of the thousands of polish and layout events)."""
        with self._paused():
            self._visit.update(**{name: value})
        self.chosen.emit(name, value)

    @Slot(int)
    def volume_step(self, step: int) -> None:
        """Louder (+1) or quieter (-1), by a tenth, between 10 % and 100 %."""
        volume = max(10, min(100, self._visit.choices.volume + 10 * step))
        self._visit.update(volume=volume)

    @Slot()
    def reset(self, *, stay: bool = False) -> None:
        """The idle time ran out (or staff are done): nothing of this visit stays on screen or
        in the choices. The screen goes back first; then `Visit.ended` tells every part.
        `stay`: the screen on show stays on show (the PIN pad, until the staff screen)."""
        self._idle.disable()
        self._idle.set_timeout(self._settings.idle_timeout_s)
        with self._paused():  # the screen on show goes back to the defaults' look and words
            self._window.reset(stay=stay)
            self._visit.reset()
        self._window.dress_later()  # and the hidden ones, one a turn
        self._dresser.start()
        log.info("visit reset")

    @Slot()
    def _dress_next(self) -> None:
        with self._paused():
            more = self._window.dress_next()
        if more:
            self._dresser.start()

    def _paused(self) -> contextlib.AbstractContextManager[None]:
        return self.events.paused() if self.events is not None else contextlib.nullcontext()

    def watch_staff(self) -> None:
        """Staff use the kiosk: the shorter staff idle time, from now."""
        self._idle.set_timeout(self._settings.staff_idle_s)
        self._idle.enable()

    @Slot()
    def recover(self) -> None:
        """Back to the home screen (or attract, if no visit is on), overlays closed."""
        self._window.overlay.hide()
        if self._visit.active:
            self._window.show_home()
        else:
            self._window.show_attract()
