"""The A-to-Z index of topic titles, in the reader's language (Qt's collation, no widgets)."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale, Qt

OTHERS = "#"  # titles that start with a digit or a sign
# Han characters are indexed by the first letter of their Mandarin reading (pinyin), as Chinese
# dictionaries and phone contact lists do: each letter's first character in pinyin order (ICU's
# Chinese collation, which Qt uses). I, U and V start no syllable.
_PINYIN_FIRSTS = "阿八嚓咑妸发旮哈讥咔垃妈拏噢妑七呥仨他屲夕丫帀"
_PINYIN_LETTERS = "ABCDEFGHJKLMNOPQRSTWXYZ"

T = TypeVar("T")


@functools.lru_cache(maxsize=8)
def collator(lang: str) -> QCollator:
    """Titles compared as a reader of `lang` orders them, numbers by value."""
    found = QCollator(QLocale(lang))
    found.setNumericMode(True)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return found


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def letter_of(title: str, lang: str) -> str:
    """The index letter a title is found under in `lang`: its first letter without accents
    ("Árbol": A), unless the language's alphabet has that letter of its own (Spanish "Ñame":
    Ñ); the pinyin initial of a Han character ("腹泻": F); or OTHERS."""
    first = next((ch for ch in title if ch.isalnum()), "")
    if not first or first.isdigit():
        return OTHERS
    if _is_han(first):
        han = collator("zh")
        before = [ch for ch in _PINYIN_FIRSTS if han.compare(ch, first) <= 0]
        return _PINYIN_LETTERS[len(before) - 1] if before else OTHERS
    base = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c))
    base = base.upper()[:1]
    if not base.isalpha():
        return OTHERS
    if base != first.upper() and collator(lang).compare(first, base + "zzzz") > 0:
        return first.upper()  # sorted after every word of its base letter: a letter of its own
    return base


def sorted_letters(letters: set[str], lang: str) -> list[str]:
    """Index letters in the reader's alphabetical order, OTHERS last."""
    order = collator(lang)
    named = sorted((x for x in letters if x != OTHERS), key=functools.cmp_to_key(order.compare))
    return named + ([OTHERS] if OTHERS in letters else [])


def in_title_order(items: Sequence[T], lang: str, title: Callable[[T], str]) -> list[T]:
    """Items by title in the reader's alphabetical order."""
    order = collator(lang)

    def compare(a: T, b: T) -> int:
        return order.compare(title(a), title(b))

    return sorted(items, key=functools.cmp_to_key(compare))
