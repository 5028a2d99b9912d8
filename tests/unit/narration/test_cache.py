"""The speech cache on real files: keys, size cap, broken files, an unwritable folder."""

from __future__ import annotations

import os
import struct
import wave
from pathlib import Path

from kiosk.narration.cache import WavCache, cache_key, playable


def write_wav(path: Path, frames: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        wav.writeframes(b"\x01\x00" * frames)


def test_key_changes_with_everything_that_changes_the_sound() -> None:
    base = cache_key("espeak", "gmw/en-us", 165, "Hello.")
    assert base == cache_key("espeak", "gmw/en-us", 165, "Hello.")
    others = {
        cache_key("sapi5", "gmw/en-us", 165, "Hello."),
        cache_key("espeak", "roa/es", 165, "Hello."),
        cache_key("espeak", "gmw/en-us", 120, "Hello."),
        cache_key("espeak", "gmw/en-us", 165, "Hello!"),
    }
    assert base not in others
    assert len(others) == 4


def test_trim_removes_least_recently_used_first(tmp_path: Path) -> None:
    cache = WavCache(tmp_path, cap_bytes=250_000)
    for n, key in enumerate(("old", "mid", "new")):
        write_wav(cache.path(key), 50_000)  # about 100 kB each
        os.utime(cache.path(key), (1000 + n, 1000 + n))
    assert cache.has("old")  # using it makes it recent
    freed = cache.trim()
    assert freed > 0
    assert cache.has("old")
    assert not cache.path("mid").exists()
    assert cache.has("new")


def test_playable_refuses_empty_and_cut_short_files(tmp_path: Path) -> None:
    good, empty, cut, junk = (tmp_path / f"{n}.wav" for n in ("good", "empty", "cut", "junk"))
    write_wav(good, 1000)
    write_wav(empty, 0)
    header = b"RIFF" + struct.pack("<I", 36 + 8000) + b"WAVEfmt "
    header += struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16)
    cut.write_bytes(header + b"data" + struct.pack("<I", 8000) + b"\x00" * 10)
    junk.write_bytes(b"not a wave")
    assert playable(good)
    assert not playable(empty)
    assert not playable(cut)
    assert not playable(junk)
    assert not playable(tmp_path / "missing.wav")


def test_deleted_folder_is_made_again_and_a_file_in_its_way_means_a_temporary_one(
    tmp_path: Path,
) -> None:
    cache = WavCache(tmp_path / "speech")
    (tmp_path / "speech").rmdir()
    assert cache.writable()  # simply made again
    assert cache.problem == ""
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    other = WavCache(blocked / "speech")
    assert other.problem.startswith(f"cannot write the speech cache in {blocked / 'speech'}")
    assert other.folder != blocked / "speech"
    write_wav(other.path("x"), 100)
    assert other.has("x")
    other.close()
    assert not other.folder.exists()
