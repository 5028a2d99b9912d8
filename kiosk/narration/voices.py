"""Choosing a voice per language from what the engine really has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk import languages


def preferred(lang: str) -> tuple[str, ...]:
    """The voice ids resources/languages.toml lists for a language, most preferred first.

    espeak-ng's MBROLA voices (mb/...) are never offered by the render process.
    """
    language = languages.get(lang)
    return language.voices if language is not None else ()


def choose_voice(lang: str, voices: Sequence[dict[str, Any]]) -> str | None:
    """The best available voice id for a language, or None if the engine has none."""
    ids = {str(v["id"]) for v in voices}
    for wanted in preferred(lang):
        if wanted in ids:
            return wanted
    for voice in voices:  # any voice that says it speaks the language
        if any(str(code).lower().split("-")[0] == lang for code in voice.get("languages", [])):
            return str(voice["id"])
    return None
