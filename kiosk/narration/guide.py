"""The audio guide: for people who cannot see the screen, the kiosk says where they are and
which control has the focus, in the visit's language.

It speaks through the same render process and sound cache as reading aloud, with a player of
its own. Its phrases go ahead of the reading's queued work, and while it speaks the reading is
held; the reading goes on when the guide has finished.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.narration.cache import WavCache
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.narrator import Narrator, Problem, State

log = logging.getLogger("kiosk.narration")


class SpokenPhrase(QObject):
    """One phrase said on request (the staff sound test). It answers once, to whoever asked:
    `played` when it starts to sound, or `failed` with the problem; a newer phrase or the end
    of the visit cuts it off, and then it never answers."""

    played = Signal()
    failed = Signal(object)  # Problem

    def answer(self, problem: Problem | None) -> None:
        """Say how it went, on the next turn of the event loop (an answer known at once, such
        as speech being dead, still reaches whoever connects just after asking)."""

        def send() -> None:
            if problem is None:
                self.played.emit()
            else:
                self.failed.emit(problem)
            self.deleteLater()

        QTimer.singleShot(0, self, send)


class AudioGuide(QObject):
    """Says short phrases at once; a newer phrase cuts off an older one."""

    spoken = Signal(str)  # a phrase started to sound (after rendering, when the player plays)

    def __init__(
        self,
        client: SpeechEngine,
        cache: WavCache,
        reading: Narrator,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.narrator = Narrator(client, cache, self, urgent=True)
        self.reading = reading
        self.enabled = False
        self.lang = "en"
        self._first: list[str] = []  # where the patient is: said before the control
        self._then: list[str] = []
        self._held = False  # the reading was paused for the guide to speak
        self._switching = False
        self._phrase: SpokenPhrase | None = None  # the phrase someone waits to hear
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)  # gather what one key press changed into one utterance
        self._flush.timeout.connect(self._speak)
        self.narrator.sentence_started.connect(self._on_sentence)
        self.narrator.state_changed.connect(self._on_state)
        self.narrator.problem.connect(self._on_problem)
        reading.state_changed.connect(self._on_reading_state)

    @property
    def talking(self) -> bool:
        """True while a phrase is being made ready or played."""
        return self.narrator.state is not State.IDLE

    def set_enabled(self, enabled: bool) -> None:
        """Turn the guide on or off (off also silences it)."""
        self.enabled = enabled
        if not enabled:
            self.stop()

    def announce(self, text: str) -> None:
        """Where the patient is now (a screen, a message); said first."""
        if self.enabled and text:
            self._first.append(text)
            self._flush.start()

    def describe(self, text: str) -> None:
        """The control that has the focus."""
        if self.enabled and text:
            self._then = [text]  # only the latest focus matters
            self._flush.start()

    def say(self, text: str) -> SpokenPhrase:
        """Say one phrase even when the guide is off (that it has just been turned off, the
        staff sound test): the phrase answers when it is heard or has failed."""
        self._flush.stop()
        self._first, self._then = [text], []
        phrase = SpokenPhrase(self)
        self._speak(phrase)
        return phrase

    def stop(self) -> None:
        """Silence, and let the reading go on if the guide had held it."""
        self._flush.stop()
        self._first, self._then = [], []
        self._drop_phrase()
        self.narrator.stop()

    def _drop_phrase(self) -> None:
        if self._phrase is not None:
            self._phrase.deleteLater()
            self._phrase = None

    def set_volume(self, percent: int) -> None:
        """The same volume as reading aloud."""
        self.narrator.set_volume(percent)

    def set_slow(self, slow: bool) -> None:
        """The same speed as reading aloud."""
        self.narrator.set_slow(slow)

    @Slot()
    def _speak(self, phrase: SpokenPhrase | None = None) -> None:
        sentences = [s for s in self._first + self._then if s]
        self._first, self._then = [], []
        if not sentences:
            return
        self._drop_phrase()  # a phrase still waited for is cut off by this newer one
        self._phrase = phrase
        if self.reading.state is State.PLAYING:
            self.reading.pause()
            self._held = True
        self._switching = True
        try:
            self.narrator.load(sentences, self.lang)
            self.narrator.play(0)
        finally:
            self._switching = False

    @Slot(int)
    def _on_sentence(self, index: int) -> None:
        if 0 <= index < len(self.narrator.sentences):
            self.spoken.emit(self.narrator.sentences[index])
        phrase, self._phrase = self._phrase, None
        if phrase is not None:
            phrase.answer(None)

    @Slot(object)
    def _on_problem(self, problem: Problem) -> None:
        phrase, self._phrase = self._phrase, None
        if phrase is not None:
            phrase.answer(problem)

    @Slot(object)
    def _on_state(self, state: State) -> None:
        if state is State.IDLE and not self._switching and self._held:
            self._held = False
            if self.reading.state is State.PAUSED:
                self.reading.resume()

    @Slot(object)
    def _on_reading_state(self, state: State) -> None:
        # The patient started the reading while the guide spoke: the reading wins.
        if state is State.PLAYING and self.talking:
            self._held = False
            self.narrator.stop()
