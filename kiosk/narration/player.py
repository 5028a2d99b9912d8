"""One sound file at a time through QMediaPlayer, watched so a stalled player is noticed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QTimer, QUrl, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtCore import QGenericArgumentHolder
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

STALL_MS = 2000
WATCH_MS = 250


def released(target: QObject, slot: str, *args: QGenericArgumentHolder) -> None:
    """Call a slot of a QtMultimedia object with the GIL released while it runs.

    A plain PySide method call keeps the GIL. QMediaPlayer's stop, play, pause and setSource
    wait for the player's audio thread, and that thread may log a Qt warning (say "No audio
    device detected") through the kiosk's message handler, which is Python and needs the GIL:
    each would wait for the other for ever (the soak run hit this). QMetaObject.invokeMethod
    lets the GIL go for the length of the call; a direct connection keeps it synchronous.
    """
    if not QMetaObject.invokeMethod(target, slot, Qt.ConnectionType.DirectConnection, *args):
        raise RuntimeError(f"{type(target).__name__} has no slot {slot}")


class SentencePlayer(QObject):
    """Plays a file, pauses, resumes and stops; says when the file ended, or why it broke
    (a bad file, a player error, or no progress for `stall_ms` while playing)."""

    ended = Signal()
    broken = Signal(str)  # why

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._media: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._volume = 0.8
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._check_stall)
        self._last_position = -1
        self._still_ms = 0
        self.stall_ms = STALL_MS

    @property
    def media(self) -> QMediaPlayer:
        """The media player, made on first use (loading the audio back end takes a while)."""
        if self._media is None:
            # QtMultimedia loads the audio back end: 30 ms and 15 MB, paid at the first Listen.
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer  # noqa: PLC0415

            self._output = QAudioOutput(self)
            self._output.setVolume(self._volume)
            self._media = QMediaPlayer(self)
            self._media.setAudioOutput(self._output)  # without one, EndOfMedia never comes
            self._media.mediaStatusChanged.connect(self._on_media_status)
            self._media.errorOccurred.connect(self._on_error)
        return self._media

    @property
    def volume(self) -> float:
        """The output volume, 0 to 1."""
        return self._volume

    def set_volume(self, volume: float) -> None:
        """0 to 1, at once."""
        self._volume = volume
        if self._output is not None:
            released(self._output, "setVolume", Q_ARG("float", volume))

    def play(self, path: Path) -> None:
        """Play this file from its start."""
        url = QUrl.fromLocalFile(str(path))
        if self.media.source() == url:
            # The same file again (re-rendered): load it afresh.
            released(self.media, "setSource", Q_ARG(QUrl, QUrl()))
        released(self.media, "setSource", Q_ARG(QUrl, url))
        released(self.media, "play")
        self._arm_watch()

    def pause(self) -> None:
        """Hold where it is."""
        released(self.media, "pause")
        self._watch.stop()

    def resume(self) -> None:
        """Go on from where it was paused."""
        released(self.media, "play")
        self._arm_watch()

    def halt(self) -> None:
        """Stop the sound (the file stays loaded)."""
        self._watch.stop()
        if self._media is not None:
            released(self._media, "stop")

    def stop(self) -> None:
        """Stop the sound and let the file go."""
        self.halt()
        if self._media is not None:
            released(self._media, "setSource", Q_ARG(QUrl, QUrl()))

    def _arm_watch(self) -> None:
        self._last_position = -1
        self._still_ms = 0
        self._watch.start()

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        kinds = type(status)
        if status == kinds.EndOfMedia:
            self._watch.stop()
            if self.media.duration() <= 0:
                # A file with a header and no sound: the back end sometimes calls it invalid,
                # sometimes plays it to its end at once. Either way it is broken, not read.
                self.broken.emit("the sound file holds no sound")
                return
            self.ended.emit()
        elif status == kinds.InvalidMedia:
            self.broken.emit("the sound file is not valid")

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        self.broken.emit(f"player error: {message or error.name}")

    @Slot()
    def _check_stall(self) -> None:
        position = self.media.position()
        if position == self._last_position:
            self._still_ms += WATCH_MS
            if self._still_ms >= self.stall_ms:
                self._watch.stop()
                self.broken.emit("playback stalled")
        else:
            self._last_position = position
            self._still_ms = 0
