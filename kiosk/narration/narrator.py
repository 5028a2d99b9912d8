"""The narrator: renders a topic's sentences ahead and plays them one at a time.

It reports `sentence_started(i)` so the screen can highlight and scroll, and `state_changed`
so the controls always show what is going on. Pause and resume are the player's; back and
forward move a sentence; a speed change applies from the next sentence; volume is instant.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QMediaPlayer

from kiosk.narration.cache import WavCache, cache_key, playable
from kiosk.narration.engine import NORMAL_SPEED, SLOW_SPEED, SpeechEngine
from kiosk.narration.player import SentencePlayer
from kiosk.narration.voices import choose_voice

log = logging.getLogger("kiosk.narration")


class State(Enum):
    """What the narrator is doing, as the controls show it."""

    IDLE = "idle"
    LOADING = "loading"
    PLAYING = "playing"
    PAUSED = "paused"


class Problem(Enum):
    """What the patient is told, in one calm line, when speech fails."""

    UNAVAILABLE = "unavailable"  # no speech at all, or not in this language
    FAILED = "failed"  # this topic could not be read aloud just now


class Narrator(QObject):
    """Reads a list of sentences aloud through the render process and QMediaPlayer."""

    sentence_started = Signal(int)
    state_changed = Signal(object)  # State
    finished = Signal()
    problem = Signal(object)  # Problem

    def __init__(
        self,
        client: SpeechEngine,
        cache: WavCache,
        parent: QObject | None = None,
        urgent: bool = False,
    ) -> None:
        """`urgent`: this narrator's renders go ahead of others' (short guide phrases)."""
        super().__init__(parent)
        self.client = client
        self.urgent = urgent
        self.cache = cache
        self.sentences: list[str] = []
        self.index = 0
        self.state = State.IDLE
        self.lang = "en"
        self.slow = False
        self._ready: set[str] = set()
        self._jobs: dict[int, str] = {}  # job id -> cache key
        self._retried: set[int] = set()
        self._playing_key = ""
        self.sound = SentencePlayer(self)
        self.sound.ended.connect(self._on_ended)
        self.sound.broken.connect(self._on_broken)
        client.rendered.connect(self._on_rendered)
        client.failed.connect(self._on_render_failed)
        client.unavailable.connect(self._on_unavailable)

    @property
    def player(self) -> QMediaPlayer:
        """The media player (made on first use)."""
        return self.sound.media

    @property
    def volume(self) -> float:
        """The output volume, 0 to 1."""
        return self.sound.volume

    # -- what can be spoken ----------------------------------------------------------------------

    def voice(self, lang: str | None = None) -> str | None:
        """The voice used for a language, or None if it cannot be spoken."""
        if self.client.dead_reason or not self.client.is_ready:
            return None
        return choose_voice(lang or self.lang, self.client.voices)

    def available(self, lang: str | None = None) -> bool:
        """True if this language can be read aloud now."""
        return self.voice(lang) is not None

    @property
    def speed(self) -> float:
        """The reading speed, in the kiosk's unit (1.0 normal)."""
        return SLOW_SPEED if self.slow else NORMAL_SPEED

    def _key(self, index: int) -> str:
        return cache_key(self.client.engine, self.voice() or "", self.speed, self.sentences[index])

    # -- commands --------------------------------------------------------------------------------

    def load(self, sentences: list[str], lang: str) -> None:
        """A new topic: stop, and render its sentences ahead in the background."""
        self.stop()
        self.sentences = list(sentences)
        self.lang = lang
        self.index = 0
        self._retried.clear()
        if self.client.dead_reason or (self.client.is_ready and not self.available()):
            # Said for each new topic: a visit reset clears the controls' message, and the next
            # patient must not be offered a Listen that cannot work.
            self.problem.emit(Problem.UNAVAILABLE)
            return
        self._prefetch(0)

    def play(self, index: int | None = None) -> None:
        """Start reading (from a sentence, or from where it stopped)."""
        if not self.sentences:
            return
        if not self.available():
            self.problem.emit(Problem.UNAVAILABLE)
            return
        self.index = max(0, min(len(self.sentences) - 1, self.index if index is None else index))
        self._start_sentence()

    def toggle(self) -> None:
        """Listen, pause or resume, as fits the state (the one big button)."""
        if self.state is State.PLAYING:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()
        elif self.state is State.IDLE:
            self.play(0 if self.index >= len(self.sentences) else None)

    def pause(self) -> None:
        """Hold the sentence where it is."""
        if self.state is State.PLAYING:
            self.sound.pause()
            self._set_state(State.PAUSED)

    def resume(self) -> None:
        """Go on from where it was paused."""
        if self.state is State.PAUSED:
            self.sound.resume()
            self._set_state(State.PLAYING)

    def stop(self) -> None:
        """Silence at once; the next Listen starts from the beginning."""
        self.sound.stop()
        self.client.cancel_pending(id(self))
        self._jobs.clear()
        self.index = 0
        self._set_state(State.IDLE)

    def forward(self) -> None:
        """Skip to the next sentence."""
        if self.sentences and self.index + 1 < len(self.sentences):
            self._jump(self.index + 1)

    def back(self) -> None:
        """Go back one sentence (or to the start of this one)."""
        if self.sentences:
            self._jump(max(0, self.index - 1))

    def set_slow(self, slow: bool) -> None:
        """Slower speech; applies from the next sentence (the current one finishes as it is)."""
        if slow != self.slow:
            self.slow = slow
            self._prefetch(self.index + 1)

    def set_volume(self, percent: int) -> None:
        """Volume 0 to 100, at once."""
        self.sound.set_volume(max(0, min(100, percent)) / 100)

    # -- internals -------------------------------------------------------------------------------

    def _jump(self, index: int) -> None:
        self.index = index
        if self.state in (State.PLAYING, State.LOADING, State.PAUSED):
            self._start_sentence()
        else:
            self.sentence_started.emit(index)

    def _prefetch(self, start: int) -> None:
        """Queue renders from `start` on (then the rest), dropping older queued work.

        A sentence waited for whose sound lands meanwhile is played at once: the render
        process puts the file in place before its answer comes, and the answer to work asked
        for before this is no longer listened to (seen as a reading that waited for ever,
        once in a few dozen skips ahead while the sentences were still being made)."""
        if not self.available() or not self.sentences:
            return
        self.client.cancel_pending(id(self))
        self._jobs.clear()
        voice = self.voice() or ""
        order = list(range(start, len(self.sentences))) + list(
            range(0, min(start, len(self.sentences)))
        )
        for i in order:
            key = self._key(i)
            if key in self._ready or self.cache.has(key):
                self._ready.add(key)
                continue
            job = self.client.render(
                self.sentences[i],
                voice,
                self.speed,
                self.cache.path(key),
                owner=id(self),
                urgent=self.urgent,
            )
            self._jobs[job] = key
        if self.state is State.LOADING and self.index < len(self.sentences):
            waited = self._key(self.index)
            if waited in self._ready:
                self._play_file(waited)

    def _start_sentence(self) -> None:
        key = self._key(self.index)
        self.sound.halt()
        if key in self._ready or self.cache.has(key):
            self._ready.add(key)
            self._play_file(key)
        else:
            self._set_state(State.LOADING)
            self._prefetch(self.index)

    def _play_file(self, key: str) -> None:
        self._playing_key = key
        if not playable(self.cache.path(key)):
            self._replay_fresh("the sound file is empty or cut short")
            return
        self.sound.play(self.cache.path(key))
        self._set_state(State.PLAYING)
        self.sentence_started.emit(self.index)

    def _set_state(self, state: State) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)

    @Slot(int, str)
    def _on_rendered(self, job: int, path: str) -> None:
        key = self._jobs.pop(job, None)
        if key is None:
            return  # a reply to work that was stopped or replaced
        self._ready.add(key)
        if self.state is State.LOADING and self.sentences and key == self._key(self.index):
            self._play_file(key)

    @Slot(int, str)
    def _on_render_failed(self, job: int, reason: str) -> None:
        key = self._jobs.pop(job, None)
        if key is None:
            return
        log.warning("could not render a sentence: %s", reason)
        lost = not self.cache.folder.is_dir()  # deleted (`rm -rf`) while the kiosk runs
        if not self.cache.writable() or lost:
            # The folder is made again, or a temporary one replaces it (full, unwritable): what
            # was rendered before is gone either way, so render from here on again.
            self._ready.clear()
            self._prefetch(self.index)
            return
        if self.state is State.LOADING and self.sentences and key == self._key(self.index):
            self._fail(f"render failed: {reason}")

    @Slot(str)
    def _on_unavailable(self, reason: str) -> None:
        if self.state is not State.IDLE:
            self.stop()
        self.problem.emit(Problem.UNAVAILABLE)

    @Slot()
    def _on_ended(self) -> None:
        if self.state is not State.PLAYING:
            return
        if self.index + 1 < len(self.sentences):
            self.index += 1
            self._start_sentence()
        else:
            self.index = len(self.sentences)
            self._set_state(State.IDLE)
            self.finished.emit()

    @Slot(str)
    def _on_broken(self, reason: str) -> None:
        if self.state in (State.PLAYING, State.PAUSED):
            self._replay_fresh(reason)

    def _replay_fresh(self, reason: str) -> None:
        """Drop the broken file and render the sentence again, once; then give up calmly."""
        self.sound.halt()
        log.warning("sentence %d: %s", self.index, reason)
        key = self._playing_key
        self.cache.drop(key)
        self._ready.discard(key)
        if self.index in self._retried:
            self._fail(reason)
            return
        self._retried.add(self.index)
        self._set_state(State.LOADING)
        self._prefetch(self.index)

    def _fail(self, reason: str) -> None:
        log.error("could not read aloud: %s", reason)
        self.stop()
        self.problem.emit(Problem.FAILED)
