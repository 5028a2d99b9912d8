"""The visit: who is using the kiosk now, what they chose, and when it starts over.

`Visit` holds every per-visit choice and resets them all at once. `IdleMonitor` watches for
input anywhere in the application and, after the idle time, warns with a countdown, then asks
for a reset. Both are services: QtCore only, no widgets.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

from kiosk.config import Settings


@dataclass(frozen=True, slots=True)
class VisitChoices:
    """What one patient chose during a visit; all return to the defaults after it."""

    language: str
    text_size: int
    theme: str
    volume: int
    prints_left: int
    slow_speech: bool = False
    audio_guide: bool = False  # speak the focused control (for people who cannot see)

    @staticmethod
    def defaults(settings: Settings) -> VisitChoices:
        """The choices every visit starts with."""
        return VisitChoices(
            language=settings.default_language,
            text_size=settings.default_text_size,
            theme=settings.default_theme,
            volume=settings.volume,
            prints_left=settings.prints_per_visit,
        )


class Visit(QObject):
    """The current visit: started by the first touch, ended by the idle reset."""

    changed = Signal(object)  # VisitChoices
    started = Signal()
    ended = Signal(bool)  # True if the visit had started (a reset with no touch is not a visit)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._choices = VisitChoices.defaults(settings)
        self._active = False
        self.started_at = 0.0

    @property
    def choices(self) -> VisitChoices:
        """The current choices."""
        return self._choices

    @property
    def active(self) -> bool:
        """True between the first touch and the reset."""
        return self._active

    def start(self) -> None:
        """Begin a visit (idempotent)."""
        if not self._active:
            self._active = True
            self.started_at = time.monotonic()
            self.started.emit()

    def update(self, **changes: object) -> None:
        """Change some choices, e.g. `visit.update(text_size=130)`."""
        new = replace(self._choices, **changes)  # type: ignore[arg-type]
        if new != self._choices:
            self._choices = new
            self.changed.emit(new)

    def reset(self) -> None:
        """End the visit and return every choice to its default.

        `ended` comes first, so each part forgets the visit (stops reading, turns the audio
        guide off without a word) before the default choices arrive through `changed`.
        """
        was_active = self._active
        self._active = False
        self.ended.emit(was_active)
        defaults = VisitChoices.defaults(self._settings)
        if defaults != self._choices:
            self._choices = defaults
            self.changed.emit(defaults)


INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleMonitor(QObject):
    """Counts down to a reset when nobody touches the kiosk; narration holds the clock.

    Uses QTimer (a monotonic clock), so a wall-clock jump neither fires nor delays a reset.
    """

    warning_started = Signal(int)  # seconds left
    countdown_changed = Signal(int)  # seconds left
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(max(1, round(settings.idle_timeout_s * 1000)))
        self._idle.timeout.connect(self._on_idle)
        self._tick = QTimer(self)
        self._tick.setInterval(max(1, round(min(1.0, settings.countdown_s) * 1000)))
        self._tick.timeout.connect(self._on_tick)
        self._countdown_ms = max(1, round(settings.countdown_s * 1000))
        self._deadline = 0.0
        self._holds: set[str] = set()
        self._enabled = False

    @property
    def warning(self) -> bool:
        """True while the "are you still there?" countdown runs."""
        return self._tick.isActive()

    @property
    def running(self) -> bool:
        """True while a visit is watched for idleness."""
        return self._enabled

    @property
    def timeout_s(self) -> float:
        """The idle time before the warning, in seconds."""
        return self._idle.interval() / 1000

    @property
    def held_by(self) -> frozenset[str]:
        """What keeps the clock from running out now (e.g. "narration")."""
        return frozenset(self._holds)

    def enable(self) -> None:
        """Start watching (a visit began)."""
        self._enabled = True
        self.poke()

    def set_timeout(self, seconds: float) -> None:
        """A different idle time from now on (the staff screen closes sooner than a visit)."""
        self._idle.setInterval(max(1, round(seconds * 1000)))
        if self._idle.isActive():
            self._idle.start()

    def disable(self) -> None:
        """Stop watching (back on the attract screen)."""
        self._enabled = False
        self._idle.stop()
        self._tick.stop()

    def hold(self, reason: str) -> None:
        """Keep the clock from running out (e.g. while narration plays)."""
        self._holds.add(reason)

    def release(self, reason: str) -> None:
        """Let the clock run again; the idle time starts afresh."""
        if reason in self._holds:
            self._holds.discard(reason)
            self.poke()

    @Slot()
    def poke(self) -> None:
        """Someone touched the kiosk: start the idle time again, cancel any warning."""
        if not self._enabled:
            return
        if self._tick.isActive():
            self._tick.stop()
            self.warning_cancelled.emit()
        self._idle.start()

    def seconds_left(self) -> int:
        """Whole seconds left in the countdown (rounded up)."""
        remaining = max(0.0, self._deadline - time.monotonic())
        return int(-(-remaining // 1))

    @Slot()
    def _on_idle(self) -> None:
        if self._holds:
            self._idle.start()
            return
        self._deadline = time.monotonic() + self._countdown_ms / 1000
        self._tick.start()
        self.warning_started.emit(self.seconds_left())

    @Slot()
    def _on_tick(self) -> None:
        if self._holds:
            self.poke()
            return
        left = self.seconds_left()
        if left <= 0:
            self._tick.stop()
            self.timed_out.emit()
        else:
            self.countdown_changed.emit(left)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any touch, click, key or wheel anywhere in the application is activity."""
        if self._enabled and event.type() in INPUT_EVENTS:
            self.poke()
        return False
