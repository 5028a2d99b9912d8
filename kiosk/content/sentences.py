"""Split text into sentences: what is highlighted, spoken and measured one at a time.

Latin-script text (English, Spanish) ends a sentence at . ! ? followed by a space. Chinese ends
one at its full-width 。！？ with no space after it, and writes no spaces between words: its
lengths are counted in characters (`characters`), not in words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

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


_PATTERNS: list[_Pattern] = []


def compile_patterns() -> None:
    """Compile every pattern now (the running kiosk does, after its first frame), so that no
    patient's first tap waits for it."""
    for pattern in _PATTERNS:
        pattern()


class _Pattern:
    """A regular expression compiled the first time it is used (`_END().finditer(...)`).

    The Han ranges reach into the supplementary planes, which makes these slow to compile: 7 ms
    at import, paid by every start of the kiosk before its first frame, which needs none of
    them."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern
        self._compiled: re.Pattern[str] | None = None
        _PATTERNS.append(self)

    def __call__(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern)
        return self._compiled


# Han characters: the CJK Unified Ideographs, their Extension A, the compatibility ideographs and
# the supplementary planes' extensions.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Written full width, with no space between them: Han characters, CJK punctuation (。，、「」)
# and full-width forms (！？（）：；).
_WIDE = HAN + "\u3000-\u303f\uff00-\uffef"

# A sentence ends at . ! ? … (with any closing quote or bracket) before a space or the end of the
# text; or at Chinese 。！？ (with their closing marks), with or without a space after them. Not
# at ； or ，, which end a clause inside a sentence, nor at …… inside Chinese text.
_END = _Pattern(
    r"([.!?…]+)([\"'”’)\]]*)(\s+|$)"
    r"|([。！？]+)([\"'”’)\]」』）】〕》]*)\s*"
)
_WORD_BEFORE = _Pattern(r"([\w.]+)$")
# A line break between two wide characters is no space in Chinese (as in CSS's segment breaks).
_WIDE_LINE_BREAK = _Pattern(rf"(?<=[{_WIDE}])[^\S\n]*\n\s*(?=[{_WIDE}])")
_ENDS_WIDE = _Pattern(rf"[{_WIDE}]$")


def _ends_on_abbreviation(text: str) -> bool:
    match = _WORD_BEFORE().search(text)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[str]:
    """Split on . ! ? (not after an abbreviation or an initial, not inside 38.9) and blank lines.

    Spanish opening marks (¿ ¡) stay with the sentence they open, because they come before it.
    Chinese sentences end at 。！？ even with no space after them. Whitespace inside a sentence is
    folded to single spaces, and a line break between two Chinese characters is dropped.
    """
    return list(_split(text))


# The same texts are split again and again (the screen, the speech, the page and each quality
# check walk a topic): each is split once while it is in use. Bounded (a few MiB), so a
# library of any size fits.
@functools.lru_cache(maxsize=4096)
def _split(text: str) -> tuple[str, ...]:
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(_WIDE_LINE_BREAK().sub("", paragraph).split())
        start = 0
        for match in _END().finditer(flat):
            if match.group(4) is not None:  # Chinese: nothing to check
                stop = match.end(5)
                candidate = flat[start:stop]
            else:
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
    return tuple(sentences)


_WORD = _Pattern(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


def words(text: str) -> list[str]:
    """Runs of letters or digits, keeping 38.9, don't and step-by-step whole."""
    return list(_words(text))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD().findall(text))


_HAN_CHARACTER = _Pattern(f"[{HAN}]")
_NOT_HAN = f"(?![{HAN}])[^\\W_]"
# One Han character, or one run of other letters or digits (kept whole as in `words`).
_CHARACTER = _Pattern(rf"[{HAN}]|{_NOT_HAN}+(?:[-'’.,]{_NOT_HAN}+)*")


def han_characters(text: str) -> list[str]:
    """The Han (Chinese) characters of a text, in order."""
    return _HAN_CHARACTER().findall(text)


def characters(text: str) -> list[str]:
    """What a sentence's length is counted in where words have no spaces between them (Chinese):
    each Han character, and each run of other letters or digits as one (38.9, ORS, B12)."""
    return _CHARACTER().findall(text)


def sentence_gaps(sentences: Sequence[str]) -> list[str]:
    """What goes before each sentence when they are shown as one text: nothing before the first,
    a space before the others, but none after a sentence that ends in a Chinese mark (。)."""
    return [
        "" if i == 0 or _ENDS_WIDE().search(sentences[i - 1]) else " "
        for i in range(len(sentences))
    ]


def join_sentences(sentences: Sequence[str]) -> str:
    """The sentences as one text, each gap as `sentence_gaps` says."""
    return "".join(gap + s for gap, s in zip(sentence_gaps(sentences), sentences, strict=True))
