"""The audio guide for people who cannot see the screen: on and off, where the patient is,
and the control with the focus, spoken."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.flows.visit import VisitFlow
from kiosk.narration.guide import AudioGuide
from kiosk.session import IdleMonitor, Visit, VisitChoices
from kiosk.ui import guide_words
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow


class GuideFlow(QObject):
    """Follows the visit's `audio_guide` choice and says what changes on screen."""

    def __init__(
        self,
        *,
        app: QApplication,
        window: KioskWindow,
        visit: Visit,
        visits: VisitFlow,
        idle: IdleMonitor,
        guide: AudioGuide,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app, self._window, self._visit, self._visits, self._guide = (
            app,
            window,
            visit,
            visits,
            guide,
        )
        app.focusChanged.connect(self._focus_changed)
        window.handout.status_shown.connect(guide.announce)
        window.screen_changed.connect(self._screen_changed)
        window.home.page_changed.connect(self._home_page_changed)
        window.keys.guide_toggled.connect(self.toggle)
        for controls in window.all_controls():  # where the patient is, then the language focused
            controls.picker_opened.connect(guide.announce)
        idle.warning_started.connect(lambda _s: guide.announce(window.overlay.spoken_text()))
        visit.changed.connect(self.follow)
        visit.ended.connect(self._visit_ended)

    @Slot()
    def toggle(self) -> None:
        """The audio-guide key: on or off (from the attract screen it also starts a visit)."""
        if not self._visit.active:
            self._visits.start()
        self._visits.choose("audio_guide", not self._visit.choices.audio_guide)

    @Slot(object)
    def follow(self, choices: VisitChoices) -> None:
        """The guide speaks in the visit's language, volume and speed, when it is chosen."""
        guide = self._guide
        guide.lang = choices.language
        guide.set_volume(choices.volume)
        guide.set_slow(choices.slow_speech)
        if choices.audio_guide == guide.enabled:
            return
        guide.set_enabled(choices.audio_guide)
        if not choices.audio_guide:
            guide.say(guide_words.guide_off())
            return
        self._window.guard.keyboard_mode = True
        guide.announce(guide_words.guide_on())
        guide.announce(guide_words.keys_help())
        focused = self._app.focusWidget()
        if guide_words.describe(focused):
            guide.describe(guide_words.describe(focused))
        else:
            self._window.focus_first()

    def silence(self) -> None:
        """Off without a word until the visit's choice is followed again (the PIN pad)."""
        self._guide.set_enabled(False)

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._guide.enabled and new is not None and new.window() is self._window:
            self._guide.describe(guide_words.describe(new))

    @Slot(object)
    def _screen_changed(self, screen: Screen) -> None:
        if not self._guide.enabled:
            return
        window = self._window
        topic = window.topic.topic
        words = {
            Screen.HOME: self._home_words(),
            Screen.TOPIC: guide_words.topic_screen(topic.title) if topic else "",
            Screen.HANDOUT: guide_words.handout_screen(),
        }
        self._guide.announce(words.get(screen, ""))

    def _home_words(self) -> str:
        home = self._window.home
        if home.on_groups:
            return guide_words.groups_screen(len(home.topics), len(home.group_tiles))
        if home.group is not None:
            return guide_words.group_screen(home.group_name(), home.list_count)
        return guide_words.home_screen(len(home.tiles))

    @Slot()
    def _home_page_changed(self) -> None:
        if self._guide.enabled and self._window.current_screen == Screen.HOME:
            self._guide.announce(self._home_words())

    @Slot(bool)
    def _visit_ended(self, _was_visit: bool) -> None:
        self._guide.set_enabled(False)  # silently: the next patient turns it on if they need it
