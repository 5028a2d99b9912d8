"""The groups topics are found by, read from `resources/categories.toml` (plain Python, no Qt).

Each table is one category: its pictogram, its name in each language, and the part of the body
outline that opens it, if any. The order of the tables is the order on the home screen. The
table `other` lists the topics in no category. A bad table never stops the kiosk: each problem
is one line (`CategoryTable.problems`) and that category is left out (its topics go to
`other`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import languages, paths
from kiosk.content.loader import ICONS  # a category's pictogram is one a topic's tile can have

OTHER = "other"
BODY_PARTS = ("head", "chest", "belly", "legs")
FIELDS = ("icon", "name", "body")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Category:
    """One group of topics."""

    id: str
    icon: str
    names: tuple[tuple[str, str], ...]  # (language code, name), English first
    body: str = ""  # the part of the body outline that opens it, or ""

    def name(self, lang: str) -> str:
        """Its name in `lang`, or in English if it has none there."""
        names = dict(self.names)
        return names.get(lang) or names.get(languages.ENGLISH) or self.id


BUILT_IN_OTHER = Category(OTHER, "general", ((languages.ENGLISH, "More topics"),))


@dataclass(frozen=True, slots=True)
class CategoryTable:
    """The categories, in order (`other` last), and what was wrong with the file."""

    categories: tuple[Category, ...]
    problems: tuple[str, ...] = ()

    def get(self, category_id: str) -> Category | None:
        """One category by id, or None."""
        return next((c for c in self.categories if c.id == category_id), None)

    def ids(self) -> tuple[str, ...]:
        """Every category id, in order."""
        return tuple(c.id for c in self.categories)

    def of(self, topic_categories: tuple[str, ...]) -> tuple[str, ...]:
        """The categories a topic is listed under: those it names that exist, else `other`."""
        known = tuple(c for c in topic_categories if c != OTHER and self.get(c) is not None)
        return known or (OTHER,)

    def for_part(self, part: str) -> Category | None:
        """The category a part of the body outline opens."""
        return next((c for c in self.categories if c.body == part), None)


class _BadError(Exception):
    pass


def _category(category_id: str, entry: Any) -> Category:
    if not _ID.fullmatch(category_id):
        raise _BadError("is not an id like 'stomach' (lowercase letters, digits, dashes)")
    if not isinstance(entry, dict):
        raise _BadError("must be a table with icon and name")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise _BadError(f"{unknown[0]}: unknown field (known: {', '.join(FIELDS)})")
    icon = entry.get("icon")
    if icon not in ICONS:
        raise _BadError(f"icon: must be one of {', '.join(ICONS)}, not {icon!r}")
    body = entry.get("body", "")
    if body and body not in BODY_PARTS:
        raise _BadError(f"body: must be one of {', '.join(BODY_PARTS)}, not {body!r}")
    names = entry.get("name")
    if not isinstance(names, dict) or not all(
        isinstance(v, str) and v.strip() and "\n" not in v for v in names.values()
    ):
        raise _BadError('name: must be a table of one-line names, like { en = "Legs" }')
    if languages.ENGLISH not in names:
        raise _BadError("name: has no English name (en)")
    ordered = sorted(names.items(), key=lambda kv: kv[0] != languages.ENGLISH)
    return Category(category_id, icon, tuple((k, v.strip()) for k, v in ordered), body)


def load(path: Path) -> CategoryTable:
    """Read and check a categories file; never raises. Without a usable file every topic is
    listed under `other`."""
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return CategoryTable((BUILT_IN_OTHER,), (f"{shown}: not found; topics are not grouped",))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else f"cannot be read: {exc}"
        return CategoryTable((BUILT_IN_OTHER,), (f"{shown}: {reason}; topics are not grouped",))
    found: list[Category] = []
    problems: list[str] = []
    parts: dict[str, str] = {}
    for category_id, entry in data.items():
        try:
            category = _category(category_id, entry)
        except _BadError as bad:
            line = "".join(ch if ch.isprintable() else " " for ch in str(bad))
            problems.append(f"{shown}: [{category_id}] {line}; left out")
            continue
        if category.body and category.body in parts:
            problems.append(
                f"{shown}: [{category_id}] body: '{category.body}' already opens "
                f"[{parts[category.body]}]; the outline opens the first"
            )
            category = Category(category.id, category.icon, category.names)
        elif category.body:
            parts[category.body] = category_id
        found.append(category)
    other = next((c for c in found if c.id == OTHER), BUILT_IN_OTHER)
    ordered = [c for c in found if c.id != OTHER] + [other]
    return CategoryTable(tuple(ordered), tuple(problems))


_read: dict[Path, CategoryTable] = {}


def reread() -> CategoryTable:
    """Read the categories file again (staff reload the content): a change is seen without a
    restart."""
    _read.pop(paths.CATEGORIES, None)
    return table()


def table() -> CategoryTable:
    """The kiosk's categories, from `paths.CATEGORIES` (read once per file until `reread`)."""
    path: Path = paths.CATEGORIES
    if path not in _read:
        _read[path] = load(path)
    return _read[path]
