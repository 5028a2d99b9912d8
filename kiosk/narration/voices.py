"""Choosing a voice per language from what the engine really has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Tried in order; espeak-ng's MBROLA voices (mb/...) are never offered by the render process.
PREFERRED: dict[str, tuple[str, ...]] = {
    "en": ("gmw/en-us", "gmw/en", "english-us", "english", "en-us", "en"),
    "es": ("roa/es-419", "roa/es", "spanish-latin-am", "spanish", "es-419", "es"),
}


def choose_voice(lang: str, voices: Sequence[dict[str, Any]]) -> str | None:
    """The best available voice id for a language, or None if the engine has none."""
    ids = {str(v["id"]) for v in voices}
    for wanted in PREFERRED.get(lang, ()):
        if wanted in ids:
            return wanted
    for voice in voices:  # any voice that says it speaks the language
        if any(str(code).lower().split("-")[0] == lang for code in voice.get("languages", [])):
            return str(voice["id"])
    return None
