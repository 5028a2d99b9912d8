"""Reading: the topics on the home screen, opening one, reading it aloud, and the same topic
in another language when the patient changes it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import languages
from kiosk.content import Topic
from kiosk.flows.library import Library
from kiosk.i18n import Translations
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.narrator import Narrator, Problem, State
from kiosk.narration.script import flatten, reading_blocks
from kiosk.session import IdleMonitor, Visit, VisitChoices
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")


class ReadingFlow(QObject):
    """Topics shown and opened, the narration bar, and the visit's language."""

    opened = Signal(object)  # the Topic a patient opened
    listened = Signal(object)  # the Topic being read aloud: each start, not each resume
    language_switched = Signal(object, object)  # the Topic now in the new language, the Screen

    def __init__(
        self,
        *,
        library: Library,
        translations: Translations,
        window: KioskWindow,
        visit: Visit,
        idle: IdleMonitor,
        narrator: Narrator,
        speech: SpeechEngine,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library, self._translations, self._window = library, translations, window
        self._visit, self._idle, self._narrator, self._speech = visit, idle, narrator, speech
        self._reading_state = State.IDLE
        bar, page = window.topic.narration, window.topic
        bar.toggle_requested.connect(narrator.toggle)
        bar.stop_requested.connect(narrator.stop)
        bar.back_requested.connect(narrator.back)
        bar.forward_requested.connect(narrator.forward)
        bar.slower_toggled.connect(lambda slow: visit.update(slow_speech=slow))
        narrator.sentence_started.connect(page.highlight)
        narrator.state_changed.connect(bar.show_state)
        narrator.state_changed.connect(self._state_changed)
        narrator.finished.connect(lambda: page.highlight(None))
        narrator.problem.connect(bar.show_problem)
        speech.ready.connect(lambda _voices: self.update_speech_availability())
        window.topic_requested.connect(self.open_topic)
        window.screen_changed.connect(self._screen_changed)
        window.keys.reading_toggled.connect(self._toggle_reading)
        window.set_languages(list(languages.codes()))
        visit.changed.connect(self.follow)
        visit.ended.connect(self._visit_ended)
        library.reloaded.connect(self.show_topics)

    def topics(self) -> list[Topic]:
        """The topics for the visit's language: its own, then those only in another language."""
        return self._library.for_screen(self._visit.choices.language)

    @Slot()
    def show_topics(self) -> None:
        """The home screen's tiles, the attract screen's titles and the pages built ahead."""
        topics = self.topics()
        self._window.home.set_topics(topics, self._visit.choices.language)
        self._window.attract.set_topics(topics)
        self._window.topic.prepare(topics)
        self._window.order_focus()

    @Slot(str)
    def open_topic(self, topic_id: str) -> None:
        """Open a topic in the visit's language (or the one language it is written in)."""
        lang = self._visit.choices.language
        topic = self._library.find_any(topic_id, lang)
        if topic is None:
            log.warning("topic %s not found", topic_id)
            return
        self._window.open_topic(topic, lang)
        self._load_reading(topic)
        self.opened.emit(topic)

    def _load_reading(self, topic: Topic) -> None:
        sentences, _ = flatten(reading_blocks(topic))
        self._narrator.load(sentences, topic.lang)

    @Slot(object)
    def follow(self, choices: VisitChoices) -> None:
        """The visit's choices: volume and speed for reading aloud; a new language for every
        word on screen, the topic shown included."""
        self._narrator.set_volume(choices.volume)
        self._narrator.set_slow(choices.slow_speech)
        if choices.language == self._translations.language:
            return
        screen, shown = self._window.current_screen, self._window.topic.topic
        reading = self._narrator.state is not State.IDLE
        self._translations.use(choices.language)
        language = languages.get(choices.language)
        self._window.set_direction(language is not None and language.rtl)
        self._window.retranslate()
        self.show_topics()
        self.update_speech_availability()
        if shown is not None and screen in (Screen.TOPIC, Screen.HANDOUT):
            self._switch_language(shown.id, screen, reading)

    def _switch_language(self, topic_id: str, screen: Screen, reading: bool) -> None:
        """After a language change: the same topic, on the same screen, in the new language."""
        lang = self._visit.choices.language
        topic = self._library.find_any(topic_id, lang)
        if topic is None:
            return
        self._window.topic.show_topic(topic, lang)
        self._load_reading(topic)
        if reading:
            self._narrator.play(0)  # the new voice reads from the top of the new text
        self.language_switched.emit(topic, screen)

    def update_speech_availability(self) -> None:
        """Listen is offered only where a voice for the visit's language exists."""
        if self._speech.dead_reason:
            return
        bar = self._window.topic.narration
        if self._speech.is_ready and not self._narrator.available(self._visit.choices.language):
            log.warning("no voice for language %s", self._visit.choices.language)
            bar.show_problem(Problem.UNAVAILABLE)
        else:
            bar.set_available(True)

    @Slot(object)
    def _state_changed(self, state: State) -> None:
        """The idle clock does not run out while the kiosk reads aloud; each start of reading
        (not each resume) is told once."""
        if state in (State.PLAYING, State.LOADING):
            self._idle.hold("narration")
        else:
            self._idle.release("narration")
        started = self._reading_state is State.IDLE and state in (State.LOADING, State.PLAYING)
        self._reading_state = state
        topic = self._window.topic.topic
        if started and topic is not None:
            self.listened.emit(topic)

    @Slot()
    def _toggle_reading(self) -> None:
        topic = self._window.topic
        if topic.topic is not None and topic.narration.listen.isEnabled():
            self._narrator.toggle()

    @Slot(object)
    def _screen_changed(self, screen: Screen) -> None:
        if screen != Screen.TOPIC:
            self._narrator.stop()
            self._window.topic.highlight(None)

    @Slot(bool)
    def _visit_ended(self, _was_visit: bool) -> None:
        self._narrator.stop()
        self._window.topic.narration.reset()
