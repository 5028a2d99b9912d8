"""The languages the kiosk offers, read from `resources/languages.toml` (plain Python, no Qt).

Each table of the file is one language: what it is called in its own words, the voices that
read it aloud, its writing direction, the reading-level formula its topics are checked with,
and the few details that differ between languages. The order of the tables is the order the
kiosk offers them in. Adding a language is a table here, a folder `resources/topics/<code>/`
and a translation file `resources/i18n/kiosk_<code>.ts`; no code.

A bad table never stops the kiosk: each problem is one line (`LanguageTable.problems`), the
language with the problem is left out, and English is always there (built in if need be).

`python -m kiosk.languages codes` prints the codes, one per line, for the shell scripts.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import paths

ENGLISH = "en"  # always offered: the kiosk's own words are written in it
DIRECTIONS = ("ltr", "rtl")
# The reading-level rules a language can name ("none": its topics get no reading-level check).
# kiosk/content/readability.py has the formula for each of the others.
READABILITY_RULES = ("flesch-kincaid", "fernandez-huerta", "chinese-plain", "none")
FIELDS = (
    "name",
    "voice",
    "direction",
    "readability",
    "readability_limit",
    "common_characters_limit",
    "date_format",
    "not_action_words",
    "spaces_between_words",
    "fonts",
)
REQUIRED = ("name", "voice", "direction", "readability")
_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


@dataclass(frozen=True, slots=True)
class Language:
    """One language as the kiosk shows, speaks, prints and checks it."""

    code: str
    name: str  # in its own words: "Español"
    voices: tuple[str, ...]  # espeak-ng voice ids, most preferred first
    direction: str = "ltr"
    readability: str = "none"  # one of READABILITY_RULES, or a rule this kiosk does not know
    readability_limit: float | None = None  # None: the formula's own limit
    common_characters_limit: float | None = None  # chinese-plain's second limit; None: its own
    date_format: str = ""  # a Qt date format; empty: the locale's long date
    not_action_words: frozenset[str] = field(default_factory=frozenset)
    # False for a language written without spaces between words (Chinese): its sentence lengths
    # are counted in characters, and a self-care step must not *begin with* a not-action word.
    spaces_between_words: bool = True
    fonts: tuple[str, ...] = ()  # font families its text is drawn in first, most preferred first

    @property
    def rtl(self) -> bool:
        """Written right to left: the screens are mirrored."""
        return self.direction == "rtl"


# Used when the table has no usable English: the kiosk still shows, speaks and checks English.
BUILT_IN_ENGLISH = Language(
    code=ENGLISH,
    name="English",
    voices=("gmw/en-us", "gmw/en", "english-us", "english", "en-us", "en"),
    readability="flesch-kincaid",
    date_format="MMMM d, yyyy",
)


@dataclass(frozen=True, slots=True)
class LanguageTable:
    """The languages offered, in order, and what was wrong with the file they came from."""

    languages: tuple[Language, ...]
    problems: tuple[str, ...] = ()

    def codes(self) -> tuple[str, ...]:
        """The language codes, in the order they are offered."""
        return tuple(language.code for language in self.languages)

    def get(self, code: str) -> Language | None:
        """One language by its code, or None if the kiosk does not offer it."""
        return next((language for language in self.languages if language.code == code), None)


class _BadFieldError(Exception):
    """One field of one language is wrong; the language is left out."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry[name]
    if not isinstance(value, str) or not value.strip() or "\n" in value:
        raise _BadFieldError(name, f"must be one line of text in quotes, not {value!r}")
    return value.strip()


def _texts(entry: dict[str, Any], name: str) -> tuple[str, ...]:
    value = entry[name]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        message = f'must be a list of words in quotes, like ["a", "b"], not {value!r}'
        raise _BadFieldError(name, message)
    return tuple(v.strip() for v in value)


def _number(entry: dict[str, Any], name: str) -> float | None:
    value = entry.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadFieldError(name, f"must be a number, not {value!r}")
    return float(value)


def _language(code: str, entry: dict[str, Any]) -> tuple[Language, list[tuple[str, str]]]:
    """The language of one table, and its problems that do not leave it out: (field, message)."""
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise _BadFieldError(unknown[0], f"unknown field (known: {', '.join(FIELDS)})")
    for name in REQUIRED:
        if name not in entry:
            raise _BadFieldError(name, "is missing")
    direction = _text(entry, "direction")
    if direction not in DIRECTIONS:
        raise _BadFieldError("direction", f'must be "ltr" or "rtl", not "{direction}"')
    readability = _text(entry, "readability")
    limit = _number(entry, "readability_limit")
    common_limit = _number(entry, "common_characters_limit")
    if common_limit is not None and not 0 < common_limit <= 100:
        message = f"must be a percentage above 0 and at most 100, not {common_limit!r}"
        raise _BadFieldError("common_characters_limit", message)
    date_format = _text(entry, "date_format") if "date_format" in entry else ""
    words = _texts(entry, "not_action_words") if "not_action_words" in entry else ()
    spaced = entry.get("spaces_between_words", True)
    if not isinstance(spaced, bool):
        message = f"must be true or false (no quotes), not {spaced!r}"
        raise _BadFieldError("spaces_between_words", message)
    fonts = _texts(entry, "fonts") if "fonts" in entry else ()
    kept: list[tuple[str, str]] = []
    if readability not in READABILITY_RULES:
        kept.append(
            (
                "readability",
                f"unknown rule '{readability}' (known: {', '.join(READABILITY_RULES)}); "
                f"the reading level of {code} topics is not checked",
            )
        )
    language = Language(
        code=code,
        name=_text(entry, "name"),
        voices=_texts(entry, "voice"),
        direction=direction,
        readability=readability,
        readability_limit=limit,
        common_characters_limit=common_limit,
        date_format=date_format,
        not_action_words=frozenset(w.lower() for w in words),
        spaces_between_words=spaced,
        fonts=fonts,
    )
    return language, kept


class _Lines:
    """Where each table and field starts in the file, for messages (tomllib gives no lines)."""

    _HEADER = re.compile(r"""^\s*\[\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*\]""")
    _KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")

    def __init__(self, text: str) -> None:
        self._tables: dict[str, int] = {}
        self._fields: dict[tuple[str, str], int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                table = next(g for g in header.groups() if g is not None)
                self._tables.setdefault(table, number)
                continue
            key = self._KEY.match(line)
            if key:
                name = next(g for g in key.groups() if g is not None)
                self._fields.setdefault((table, name), number)

    def of(self, table: str, name: str = "") -> int:
        """The line of a field of a table (of the table itself if the field is not there, or
        of a top-level key of that name)."""
        found = self._fields.get((table, name)) or self._tables.get(table)
        return found or self._fields.get(("", table)) or 0


def load(path: Path) -> LanguageTable:
    """Read and check one languages file; never raises."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        reason = "not found" if isinstance(exc, FileNotFoundError) else exc.strerror
        return LanguageTable((BUILT_IN_ENGLISH,), (f"{shown}: {reason}; only English is offered",))
    except UnicodeDecodeError:
        return LanguageTable(
            (BUILT_IN_ENGLISH,), (f"{shown}: is not UTF-8 text; only English is offered",)
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return LanguageTable(
            (BUILT_IN_ENGLISH,), (f"{shown}: syntax error: {exc}; only English is offered",)
        )
    return _checked(data, shown, _Lines(text))


def _checked(data: dict[str, Any], shown: str, lines: _Lines) -> LanguageTable:
    languages: list[Language] = []
    problems: list[str] = []

    def problem(code: str, name: str, message: str) -> None:
        line = lines.of(code, name)
        where = f"{shown}:{line}" if line else shown
        text = f"{where}: {code}.{name}: {message}" if name else f"{where}: {code}: {message}"
        problems.append("".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text))

    for code, entry in data.items():
        left_out = "English is used as built in" if code == ENGLISH else f"{code} is not offered"
        if not _CODE.fullmatch(code):
            problem(code, "", f"is not a language code like 'fr' or 'pt-br'; {left_out}")
            continue
        if not isinstance(entry, dict):
            problem(code, "", f"must be a table ([{code}] with its fields); {left_out}")
            continue
        try:
            language, kept = _language(code, entry)
        except _BadFieldError as bad:
            problem(code, bad.name, f"{bad}; {left_out}")
            if code == ENGLISH:
                languages.append(BUILT_IN_ENGLISH)
            continue
        for name, message in kept:
            problem(code, name, message)
        languages.append(language)
    if all(language.code != ENGLISH for language in languages):
        problems.append(f"{shown}: has no [{ENGLISH}] table; English is used as built in")
        languages.insert(0, BUILT_IN_ENGLISH)
    return LanguageTable(tuple(languages), tuple(problems))


_read: dict[Path, LanguageTable] = {}


def table() -> LanguageTable:
    """The kiosk's languages, from `paths.LANGUAGES` (read once; again only for another file,
    when KIOSK_RESOURCES names another resources folder)."""
    path: Path = paths.LANGUAGES
    if path not in _read:
        _read[path] = load(path)
    return _read[path]


def codes() -> tuple[str, ...]:
    """The codes of the languages offered, in order."""
    return table().codes()


def get(code: str) -> Language | None:
    """A language the kiosk offers, by code; None for any other."""
    return table().get(code)


def right_to_left(code: str) -> bool:
    """True for a language offered that is written right to left (its screens are mirrored)."""
    language = get(code)
    return language is not None and language.rtl


def name(code: str) -> str:
    """A language named in its own words (the code itself for a language not offered)."""
    language = get(code)
    return language.name if language is not None else code


def main(argv: Sequence[str] | None = None) -> int:
    """`codes`: the codes one per line; the file's problems go to standard error."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args != ["codes"]:
        print("usage: python -m kiosk.languages codes", file=sys.stderr)
        return 2
    current = table()
    for line in current.problems:
        print(f"languages: {line}", file=sys.stderr)
    for code in current.codes():
        print(code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
