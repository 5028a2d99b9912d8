"""Reading: the topics on the home screen, opening one, reading it aloud (or the page it
prints, on the preview), and the same topic in another language when the patient changes it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from kiosk import languages
from kiosk.content import Topic
from kiosk.content.catalog import TopicEntry
from kiosk.flows.library import Library
from kiosk.handout.spoken import PagePart, page_sentences
from kiosk.i18n import Translations
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.narrator import Narrator, Problem, State
from kiosk.narration.script import flatten, reading_blocks
from kiosk.session import IdleMonitor, Visit, VisitChoices
from kiosk.ui.narration_bar import NarrationBar
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.app")


class ReadingFlow(QObject):
    """Topics shown and opened, the narration bars, and the visit's language.

    One narrator reads for both screens that have a bar: it holds the sentences of the topic,
    or, while the page to print is previewed, of that page (`show_page`). Leaving either screen
    stops it, so one never reads over the other.
    """

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
        # The printed page previewed (its topic and parts), and whether the narrator holds it.
        self._page: tuple[Topic, list[PagePart]] | None = None
        self._page_parts: list[PagePart] = []  # the part of each of the page's sentences
        self._on_page = False
        self._listed = False  # the topics have been put on the screens
        page = window.topic
        bar, page_bar = window.topic.narration, window.handout.narration
        bar.toggle_requested.connect(narrator.toggle)
        page_bar.toggle_requested.connect(self.listen_to_page)
        for each in (bar, page_bar):
            each.stop_requested.connect(narrator.stop)
            each.back_requested.connect(narrator.back)
            each.forward_requested.connect(narrator.forward)
            each.slower_toggled.connect(lambda slow: visit.update(slow_speech=slow))
            narrator.state_changed.connect(each.show_state)  # the one not on show: idle
        narrator.sentence_started.connect(self._sentence_started)
        narrator.state_changed.connect(self._state_changed)
        narrator.finished.connect(lambda: page.highlight(None))
        narrator.problem.connect(self._problem)
        speech.ready.connect(lambda _voices: self.update_speech_availability())
        window.topic_requested.connect(self.open_topic)
        window.screen_changed.connect(self._screen_changed)
        window.keys.reading_toggled.connect(self._toggle_reading)
        window.set_languages(list(languages.codes()))
        visit.changed.connect(self.follow)
        visit.ended.connect(self._visit_ended)
        library.reloaded.connect(self.show_topics)

    def topics(self) -> list[TopicEntry]:
        """The topics for the visit's language: its own, then those only in another language."""
        return self._library.for_screen(self._visit.choices.language)

    @Slot()
    def show_topics(self) -> None:
        """The home screen's tiles and the attract screen's titles."""
        topics = self.topics()
        self._listed = True
        self._window.home.set_topics(topics, self._visit.choices.language)
        self._window.attract.set_topics(topics)
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
        self._on_page = False
        sentences, _ = flatten(reading_blocks(topic))
        self._narrator.load(sentences, topic.lang)

    def show_page(self, topic: Topic, parts: list[PagePart]) -> None:
        """The page to print now previewed for a topic, as it is read aloud: the narrator
        takes it (stopping the topic's reading). The same page in another language goes on
        reading from its top if the old one was being read."""
        reading = self._on_page and self._narrator.state is not State.IDLE
        self._page = (topic, parts)
        self._load_page()
        if reading:
            self._narrator.play(0)

    def _load_page(self) -> None:
        if self._page is None:
            return
        topic, parts = self._page
        sentences, self._page_parts = page_sentences(parts)
        self._narrator.stop()  # the topic's bar shows it stopped before the page is taken
        self._on_page = True
        self._narrator.load(sentences, topic.lang)

    @Slot()
    def listen_to_page(self) -> None:
        """The preview's Listen: read the page (or pause, or resume)."""
        if self._page is None:
            return
        if not self._on_page:
            self._load_page()
        self._narrator.toggle()

    @Slot(object)
    def follow(self, choices: VisitChoices) -> None:
        """The visit's choices: volume and speed for reading aloud; a new language for every
        word on screen, the topic shown included."""
        self._narrator.set_volume(choices.volume)
        self._narrator.set_slow(choices.slow_speech)
        for bar in self._bars():  # Slower chosen on one bar shows on the other too
            bar.show_slow(choices.slow_speech)
        if choices.language == self._translations.language:
            if not self._listed:  # the first choices, in the words the first screen has
                self.show_topics()
                self.update_speech_availability()
            return
        screen, shown = self._window.current_screen, self._window.topic.topic
        reading = self._narrator.state is not State.IDLE
        self._translations.use(choices.language)
        self._window.set_direction(languages.right_to_left(choices.language))
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
        if screen == Screen.TOPIC:
            self._load_reading(topic)
            if reading:
                self._narrator.play(0)  # the new voice reads from the top of the new text
        # On the preview, the handout flow lays the page out again and gives it to
        # `show_page`, which goes on reading it in the new language.
        self.language_switched.emit(topic, screen)

    def _bars(self) -> tuple[NarrationBar, NarrationBar]:
        return self._window.topic.narration, self._window.handout.narration

    def update_speech_availability(self) -> None:
        """Listen is offered only where a voice for the visit's language exists."""
        if self._speech.dead_reason:
            return
        if self._speech.is_ready and not self._narrator.available(self._visit.choices.language):
            log.warning("no voice for language %s", self._visit.choices.language)
            for bar in self._bars():
                bar.show_problem(Problem.UNAVAILABLE)
        else:
            for bar in self._bars():
                bar.set_available(True)

    @Slot(object)
    def _problem(self, problem: Problem) -> None:
        """No speech (or none in this language) goes for both bars; a failed reading for the
        one that asked."""
        if problem is Problem.UNAVAILABLE:
            for bar in self._bars():
                bar.show_problem(problem)
        else:
            topic_bar, page_bar = self._bars()
            (page_bar if self._on_page else topic_bar).show_problem(problem)

    @Slot(int)
    def _sentence_started(self, index: int) -> None:
        """The topic marks the sentence on its page; the preview's bar names the part."""
        if not self._on_page:
            self._window.topic.highlight(index)
        elif 0 <= index < len(self._page_parts):
            part = self._page_parts[index]
            self._window.handout.narration.show_part(part.name, part.number, part.count)

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
        topic = self._page[0] if self._on_page and self._page else self._window.topic.topic
        if started and topic is not None:
            self.listened.emit(topic)  # the page read aloud counts as its topic's reading

    @Slot()
    def _toggle_reading(self) -> None:
        """The listen key: on the topic, its reading; on the preview, the page's."""
        window = self._window
        if window.current_screen == Screen.HANDOUT:
            if self._page is not None and window.handout.narration.listen.isEnabled():
                self.listen_to_page()
        elif window.topic.topic is not None and window.topic.narration.listen.isEnabled():
            self._narrator.toggle()

    @Slot(object)
    def _screen_changed(self, screen: Screen) -> None:
        if screen != Screen.TOPIC:
            self._narrator.stop()
            self._window.topic.highlight(None)
        elif self._on_page:  # back from the preview: the topic's own sentences again
            topic = self._window.topic.topic
            if topic is not None:
                self._load_reading(topic)
            else:
                self._narrator.stop()

    @Slot(bool)
    def _visit_ended(self, _was_visit: bool) -> None:
        self._narrator.stop()
        self._library.forget()
        self._page, self._page_parts = None, []
        for bar in self._bars():
            bar.reset()
