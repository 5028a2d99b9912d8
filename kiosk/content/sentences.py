"""Split text into sentences: what is highlighted, spoken and measured one at a time."""

from __future__ import annotations

import re

# Words that end with a full stop but do not end a sentence (English and Spanish), lowercase.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "dr",
        "dra",
        "drs",
        "mr",
        "mrs",
        "ms",
        "sr",
        "sra",
        "srta",
        "sres",
        "ud",
        "uds",
        "st",
        "no",
        "vs",
        "etc",
        "approx",
        "aprox",
        "e.g",
        "i.e",
        "p.ej",
        "u.s",
        "ee.uu",
        "min",
        "máx",
        "mín",
        "núm",
        "pág",
        "tel",
        "fig",
        "jr",
        "prof",
        "lic",
        "enf",
    }
)

_END = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _ends_on_abbreviation(text: str) -> bool:
    match = _WORD_BEFORE.search(text)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[str]:
    """Split on . ! ? (not after an abbreviation or an initial, not inside 38.9) and blank lines.

    Spanish opening marks (¿ ¡) stay with the sentence they open, because they come before it.
    Whitespace inside a sentence is folded to single spaces.
    """
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        start = 0
        for match in _END.finditer(flat):
            stop = match.end(2)
            candidate = flat[start:stop]
            if match.group(1) == "." and _ends_on_abbreviation(flat[start : match.start(1)]):
                continue
            # "3. Drink water" style numbering is not a sentence of its own.
            if re.fullmatch(r"\d+\.", candidate.strip()):
                continue
            if candidate.strip():
                sentences.append(candidate.strip())
            start = match.end()
        tail = flat[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Runs of letters or digits, keeping 38.9, don't and step-by-step whole."""
    return _WORD.findall(text)
