"""Rendered sentences on disk, keyed by everything that changes the sound, with a size cap."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import wave
from pathlib import Path

log = logging.getLogger("kiosk.narration")

DEFAULT_CAP_BYTES = 200 * 1024 * 1024


def playable(path: Path) -> bool:
    """True if a WAV file holds all the sound its header promises (a header-only or cut-short
    file plays as silence, or never ends)."""
    try:
        with wave.open(str(path), "rb") as wav:
            frames = wav.getnframes()
            needed = frames * wav.getsampwidth() * wav.getnchannels()
        return frames > 0 and path.stat().st_size >= needed + 44
    except (OSError, EOFError, wave.Error):
        return False


def cache_key(engine: str, voice: str, speed: float, text: str) -> str:
    """A stable name for one rendering."""
    raw = "\x1f".join((engine, voice, f"speed {speed:.2f}", text)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


class WavCache:
    """A folder of WAVs. If the folder cannot be written, renders go to a private temporary
    folder instead (the kiosk still speaks; nothing is kept between starts)."""

    def __init__(self, folder: Path, cap_bytes: int = DEFAULT_CAP_BYTES) -> None:
        self.cap_bytes = cap_bytes
        self.folder = folder
        self.problem = ""
        self._fallback: tempfile.TemporaryDirectory[str] | None = None
        self.writable()

    def writable(self) -> bool:
        """Check the folder can be written (it may have been deleted or filled); if not, switch
        to a temporary folder and say so once."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe = self.folder / ".write-test"
            probe.write_bytes(b"\0" * 4096)
            probe.unlink()
            return True
        except OSError as exc:
            self.use_fallback(f"cannot write the speech cache in {self.folder} ({exc.strerror})")
            return False

    def use_fallback(self, reason: str) -> None:
        """Stop caching in the configured folder; keep working in a temporary one."""
        self.problem = reason
        log.warning("%s; speech is not cached", reason)
        if self._fallback is None:
            self._fallback = tempfile.TemporaryDirectory(prefix="kiosk-speech-")
        self.folder = Path(self._fallback.name)

    def close(self) -> None:
        """Remove the temporary folder, if one was used."""
        if self._fallback is not None:
            self._fallback.cleanup()
            self._fallback = None

    def path(self, key: str) -> Path:
        """Where the WAV for a key lives (or will)."""
        return self.folder / f"{key}.wav"

    def has(self, key: str) -> bool:
        """True if a non-empty rendering is on disk (and mark it recently used)."""
        path = self.path(key)
        try:
            if path.stat().st_size > 44:
                os.utime(path)
                return True
        except OSError:
            pass
        return False

    def drop(self, key: str) -> None:
        """Forget a rendering (it turned out broken)."""
        self.path(key).unlink(missing_ok=True)

    def trim(self) -> int:
        """Delete the least recently used WAVs until under the cap; returns bytes freed."""
        try:
            files = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*.wav")]
        except OSError:
            return 0
        total = sum(size for _, size, _ in files)
        freed = 0
        for _, size, path in sorted(files):
            if total - freed <= self.cap_bytes:
                break
            try:
                path.unlink()
                freed += size
            except OSError:
                continue
        return freed
