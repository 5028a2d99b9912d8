"""Opening hours: outside them the screen is dark, and a touch wakes it for one visit."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.config import Settings
from kiosk.hours import is_dark, parse_hours
from kiosk.narration.narrator import Narrator
from kiosk.session import Visit
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")

CHECK_MS = 30_000  # how often the opening hours are looked at (clock jumps included)


class OpeningHours(QObject):
    """Dark outside the `screen_off` hours once nobody is using the kiosk; lit inside them.

    Only the running kiosk follows the hours (`start`); tools that build the kiosk never go
    dark. A touch or key on the dark screen shows the attract screen for one visit: dark again
    after that visit ends, or after the idle time if nobody starts one.
    """

    def __init__(
        self,
        settings: Settings,
        window: KioskWindow,
        visit: Visit,
        narrator: Narrator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window, self._visit, self._narrator = window, visit, narrator
        self.clock: Callable[[], dt.datetime] = dt.datetime.now
        self.ranges = parse_hours(settings.screen_off)  # checked when the settings were read
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._woken = QTimer(self)  # a woken screen nobody starts a visit on goes dark again
        self._woken.setSingleShot(True)
        self._woken.setInterval(round(settings.idle_timeout_s * 1000))
        self._woken.timeout.connect(self.check)
        window.dark.wake_requested.connect(self.wake)
        visit.ended.connect(self._visit_ended)

    def start(self) -> None:
        """Follow the opening hours from now on."""
        if self.ranges:
            self._timer.start()
            self.check()

    def stop(self) -> None:
        """Stop following them (shutting down)."""
        self._timer.stop()
        self._woken.stop()

    def dark_now(self) -> bool:
        """True outside opening hours, by the local clock."""
        return is_dark(self.ranges, self.clock().time())

    @Slot()
    def check(self) -> None:
        """Dark outside opening hours, once nobody is using the kiosk; lit again inside them."""
        if not self._timer.isActive():
            return
        screen = self._window.current_screen
        if self.dark_now():
            if screen == Screen.ATTRACT and not self._visit.active and not self._woken.isActive():
                self._narrator.stop()
                self._window.show_dark()
                log.info("screen dark (outside opening hours)")
        elif screen == Screen.DARK:
            self._window.show_attract()
            log.info("screen lit (opening hours)")

    @Slot()
    def wake(self) -> None:
        """A touch or key on the dark screen: the attract screen, for one visit."""
        if self._window.current_screen != Screen.DARK:
            return
        self._window.show_attract()
        self._woken.start()
        log.info("screen woken outside opening hours")

    @Slot(bool)
    def _visit_ended(self, _was_visit: bool) -> None:
        """After closing time, the visit that woke the screen was its one."""
        self._woken.stop()
        self.check()
