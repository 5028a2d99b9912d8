"""Load topic files into Topic objects, reporting every problem with file, line and field.

A topic is one TOML file per language: `<topics>/<lang>/<id>.toml`. TOML is read by the standard
library, allows comments, and keeps long text readable in triple-quoted strings, so a nurse
educator can edit it in any text editor. One bad file never stops the others from loading.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import languages, paths
from kiosk.content.model import Figure, Review, Section, Source, Tier, Topic

MAX_FILE_BYTES = 256 * 1024
TOPIC_SUFFIX = ".toml"
REVIEW_STATUSES = ("awaiting", "approved")
ICONS = ("general", "legs", "stomach", "heart", "lungs", "head", "drop", "pill", "child")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")

TOP_FIELDS = (
    "id",
    "lang",
    "title",
    "icon",
    "summary",
    "current_as_of",
    "learn_more",
    "review",
    "sections",
    "self_care",
    "warning_signs",
    "sources",
    "figures",
    "categories",
)
REQUIRED_TOP = tuple(f for f in TOP_FIELDS if f not in ("icon", "figures", "categories"))
FIGURES_FOLDER = "figures"  # beside the language folders: <topics>/figures/<name>.svg
MAX_FIGURE_BYTES = 256 * 1024
_FIGURE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.svg$")


@dataclass(frozen=True, slots=True)
class ContentError:
    """One problem in one topic file, located well enough for an author to fix it."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        # Always one line: a value quoted from the file may hold line breaks or control characters.
        return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass(slots=True)
class LoadResult:
    """The topics that loaded and the problems with those that did not."""

    topics: list[Topic] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)

    def by_lang(self, lang: str) -> list[Topic]:
        """Topics in one language, in a stable order (title)."""
        return sorted((t for t in self.topics if t.lang == lang), key=lambda t: t.title.lower())

    def for_screen(self, lang: str) -> list[Topic]:
        """What a screen in `lang` offers: its own topics, then those only in other languages
        (a topic in several of those in the first of them the kiosk offers)."""
        own = self.by_lang(lang)
        have = {t.id for t in own}
        others: dict[str, Topic] = {}
        order = {code: index for index, code in enumerate(languages.codes())}
        for t in sorted(self.topics, key=lambda t: (order.get(t.lang, 99), t.title.lower())):
            if t.id not in have and t.id not in others:
                others[t.id] = t
        return own + sorted(others.values(), key=lambda t: t.title.lower())

    def find_any(self, topic_id: str, lang: str) -> Topic | None:
        """A topic in `lang` if it is written in it, else in whichever language it has."""
        found = self.find(topic_id, lang)
        if found is None:
            found = next((t for t in self.topics if t.id == topic_id), None)
        return found

    def find(self, topic_id: str, lang: str) -> Topic | None:
        """One topic by id and language, or None."""
        for t in self.topics:
            if t.id == topic_id and t.lang == lang:
                return t
        return None


class _FieldError(Exception):
    """Raised inside one file's validation; becomes a ContentError."""

    def __init__(self, dotted: str, message: str) -> None:
        super().__init__(message)
        self.dotted = dotted
        self.message = message


class _LineIndex:
    """Maps a dotted field path (`sections[2].text`, `self_care.steps[0]`) to its line in the file.

    tomllib gives no positions for valid documents, so the file is scanned once: table headers,
    `key =` lines, and the start of each item of an array, skipping over strings and comments.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(?:#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=\s*")

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        self._text = text
        counters: dict[str, int] = {}
        table = ""
        lines = text.split("\n")
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line) + 1)
        number = 0
        while number < len(lines):
            line = lines[number]
            header = self._HEADER.match(line)
            if header:
                name = header.group(2).replace('"', "").strip()
                if header.group(1) == "[[":
                    counters[name] = counters.get(name, -1) + 1
                    table = f"{name}[{counters[name]}]"
                else:
                    table = name
                self.lines.setdefault(table, number + 1)
                number += 1
                continue
            key = self._KEY.match(line)
            if not key:
                number += 1
                continue
            name = key.group(1).strip('"')
            path = f"{table}.{name}" if table else name
            self.lines.setdefault(path, number + 1)
            end = self._scan_value(offsets[number] + key.end(), path)
            # Continue on the line after the value ends (multi-line strings and arrays).
            number = max(number + 1, text.count("\n", 0, end) + 1)

    def _scan_value(self, pos: int, path: str) -> int:
        """Skip one value starting at pos, recording array item lines; return where it ends."""
        text = self._text
        if text.startswith(('"""', "'''"), pos):
            close = text.find(text[pos : pos + 3], pos + 3)
            return len(text) if close < 0 else close + 3
        if pos >= len(text) or text[pos] != "[":
            newline = text.find("\n", pos)
            return len(text) if newline < 0 else newline
        depth, index, expect_item, i = 0, 0, False, pos
        while i < len(text):
            ch = text[i]
            if ch == "#":
                newline = text.find("\n", i)
                i = len(text) if newline < 0 else newline
                continue
            if depth == 1 and expect_item and not ch.isspace() and ch not in ",]":
                self.lines.setdefault(f"{path}[{index}]", text.count("\n", 0, i) + 1)
                index += 1
                expect_item = False
            if ch in "\"'":
                i = self._skip_string(i)
                continue
            if ch in "[{":
                depth += 1
                if depth == 1:
                    expect_item = True
            elif ch in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            elif ch == "," and depth == 1:
                expect_item = True
            i += 1
        return len(text)

    def _skip_string(self, i: int) -> int:
        text = self._text
        quote = text[i]
        if text.startswith(quote * 3, i):
            close = text.find(quote * 3, i + 3)
            return len(text) if close < 0 else close + 3
        j = i + 1
        while j < len(text) and text[j] not in (quote, "\n"):
            j += 2 if quote == '"' and text[j] == "\\" else 1
        return j + 1

    def line_of(self, dotted: str) -> int:
        """The line of the field, or of its nearest enclosing field, or 1."""
        path = dotted
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return 1


def locate(path: Path, dotted: str) -> int:
    """The line of a field in a topic file (0 if the file cannot be read)."""
    try:
        return _LineIndex(path.read_text(encoding="utf-8")).line_of(dotted)
    except (OSError, UnicodeDecodeError):
        return 0


def display_field(dotted: str) -> str:
    """Field names as authors think of them: items counted from 1 (`sections 2 heading`)."""

    def one_based(match: re.Match[str]) -> str:
        return f" {int(match.group(1)) + 1}"

    return re.sub(r"\[(\d+)\]", one_based, dotted).replace(".", " ").strip()


def _text(data: dict[str, Any], key: str, where: str) -> str:
    dotted = f"{where}.{key}" if where else key
    if key not in data:
        raise _FieldError(dotted, "is missing")
    value = data[key]
    if not isinstance(value, str):
        raise _FieldError(dotted, f"must be text in quotes, not {_kind(value)}")
    value = value.strip()
    if not value:
        raise _FieldError(dotted, "is empty")
    return value


def _text_list(value: Any, dotted: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _FieldError(dotted, f"must be a list of texts in [ ], not {_kind(value)}")
    if not value:
        raise _FieldError(dotted, "is an empty list; add at least one item")
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise _FieldError(f"{dotted}[{index}]", f"must be text in quotes, not {_kind(item)}")
        if not item.strip():
            raise _FieldError(f"{dotted}[{index}]", "is empty")
        items.append(item.strip())
    return tuple(items)


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        raise _FieldError(key, f"is missing (add a [{key}] table)")
    if not isinstance(value, dict):
        raise _FieldError(key, f"must be a [{key}] table, not {_kind(value)}")
    return value


def _table_list(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        raise _FieldError(key, f"is missing (add at least one [[{key}]] block)")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _FieldError(key, f"must be one or more [[{key}]] blocks, not {_kind(value)}")
    if not value:
        raise _FieldError(key, f"is empty (add at least one [[{key}]] block)")
    return value


def _kind(value: Any) -> str:
    names: dict[type, str] = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
        dt.date: "a date",
        dt.datetime: "a date and time",
        dt.time: "a time",
    }
    return names.get(type(value), type(value).__name__)


def _unknown(data: dict[str, Any], allowed: Iterable[str], where: str) -> None:
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            dotted = f"{where}.{key}" if where else key
            import difflib  # noqa: PLC0415 - only for a mistake: not loaded at each start

            close = difflib.get_close_matches(key, allowed, n=1)
            hint = (
                f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
            )
            raise _FieldError(dotted, f"unknown field '{key}'{hint}")


def _url(data: dict[str, Any], key: str, where: str = "") -> str:
    value = _text(data, key, where)
    if not _URL.match(value):
        raise _FieldError(f"{where}.{key}" if where else key, f"is not a web address: {value!r}")
    return value


def _date(data: dict[str, Any], key: str, where: str, required: bool = True) -> dt.date | None:
    dotted = f"{where}.{key}" if where else key
    if key not in data:
        if required:
            raise _FieldError(dotted, "is missing (write a date like 2026-11-01, without quotes)")
        return None
    value = data[key]
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _FieldError(dotted, f"must be a date like 2026-11-01, not {value!r}")


def _lang(data: dict[str, Any], lang_folder: str) -> str:
    """The topic's language: one the kiosk offers (resources/languages.toml), its folder's."""
    lang = _text(data, "lang", "")
    if lang not in languages.codes():
        offered = ", ".join(languages.codes())
        raise _FieldError("lang", f"unknown language '{lang}' (supported: {offered})")
    if lang != lang_folder:
        raise _FieldError("lang", f"is '{lang}' but the file is in the '{lang_folder}' folder")
    return lang


def _build(data: dict[str, Any], path: Path, lang_folder: str) -> Topic:
    _unknown(data, TOP_FIELDS, "")
    for key in REQUIRED_TOP:
        if key not in data:
            raise _FieldError(key, "is missing")

    topic_id = _text(data, "id", "")
    if not _ID.match(topic_id):
        raise _FieldError("id", "must be lowercase letters, digits and dashes, like 'leg-pain'")
    if path.stem != topic_id:
        raise _FieldError(
            "id",
            f"'{topic_id}' does not match the file name; name the file '{topic_id}{TOPIC_SUFFIX}'",
        )
    lang = _lang(data, lang_folder)

    icon = data.get("icon", "general")
    if not isinstance(icon, str) or icon not in ICONS:
        raise _FieldError("icon", f"must be one of: {', '.join(ICONS)}")

    sections: list[Section] = []
    for index, block in enumerate(_table_list(data, "sections")):
        where = f"sections[{index}]"
        _unknown(block, ("heading", "text"), where)
        sections.append(Section(_text(block, "heading", where), _text(block, "text", where)))

    self_care = _table(data, "self_care")
    _unknown(self_care, ("steps",), "self_care")
    if "steps" not in self_care:
        raise _FieldError("self_care.steps", "is missing")
    steps = _text_list(self_care["steps"], "self_care.steps")

    signs = _table(data, "warning_signs")
    _unknown(signs, [t.value for t in Tier], "warning_signs")
    tiers: list[tuple[Tier, tuple[str, ...]]] = []
    for tier in Tier:
        dotted = f"warning_signs.{tier.value}"
        if tier.value not in signs:
            raise _FieldError(dotted, "is missing (every topic has all three tiers)")
        tiers.append((tier, _text_list(signs[tier.value], dotted)))

    review_data = _table(data, "review")
    _unknown(review_data, ("status", "reviewer", "date"), "review")
    status = _text(review_data, "status", "review")
    if status not in REVIEW_STATUSES:
        raise _FieldError("review.status", f"must be one of: {', '.join(REVIEW_STATUSES)}")
    reviewer = review_data.get("reviewer", "")
    if not isinstance(reviewer, str):
        raise _FieldError("review.reviewer", f"must be text in quotes, not {_kind(reviewer)}")
    review_date = _date(review_data, "date", "review", required=False)
    if status == "approved" and (not reviewer.strip() or review_date is None):
        raise _FieldError("review", "an approved topic needs the reviewer's name and the date")

    sources: list[Source] = []
    for index, block in enumerate(_table_list(data, "sources")):
        where = f"sources[{index}]"
        _unknown(block, ("name", "url"), where)
        url = _url(block, "url", where) if "url" in block else ""
        sources.append(Source(_text(block, "name", where), url))

    figures = _figures(data, figure_folder(path, lang_folder), len(sections), len(steps))
    categories = _categories(data)
    as_of = _date(data, "current_as_of", "")
    assert as_of is not None
    return Topic(
        id=topic_id,
        lang=lang,
        title=_text(data, "title", ""),
        summary=_text(data, "summary", ""),
        sections=tuple(sections),
        self_care=steps,
        warning_signs=tuple(tiers),
        learn_more=_url(data, "learn_more"),
        current_as_of=as_of,
        review=Review(status, reviewer.strip(), review_date),
        sources=tuple(sources),
        icon=icon,
        figures=figures,
        categories=categories,
        path=str(path),
    )


def _categories(data: dict[str, Any]) -> tuple[str, ...]:
    """The groups a topic is listed under (ids from resources/categories.toml; whether each
    exists is checked by `check-content`, and a topic in none is listed under "More topics")."""
    if "categories" not in data:
        return ()
    value = data["categories"]
    if not isinstance(value, list):
        example = '["stomach", "legs"]'
        raise _FieldError("categories", f"must be a list like {example}, not {_kind(value)}")
    names: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not _ID.match(item.strip()):
            raise _FieldError(
                f"categories[{index}]",
                f'must be a category id in quotes, like "stomach", not {item!r}',
            )
        if item.strip() not in names:
            names.append(item.strip())
    return tuple(names)


def figure_folder(path: Path, lang_folder: str) -> Path:
    """The figures folder of the topic root this file is under (`<root>/<lang>/...`)."""
    for parent in path.parents:
        if parent.name == lang_folder:
            return parent.parent / FIGURES_FOLDER
    return path.parent.parent / FIGURES_FOLDER


def _svg_problem(file: Path) -> str:
    """Why a figure file cannot be used, or "" (plain Python: whether Qt can draw it is
    checked by `check-content`, and a drawing that fails on screen shows its words)."""
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return f"no such drawing: {FIGURES_FOLDER}/{file.name} beside the language folders"
    except OSError as exc:
        return f"cannot read {FIGURES_FOLDER}/{file.name}: {exc.strerror}"
    if len(raw) > MAX_FIGURE_BYTES:
        return f"{file.name} is too large ({len(raw) // 1024} KiB; the limit is 256 KiB)"
    if b"<!ENTITY" in raw or b"<!DOCTYPE" in raw:
        return f"{file.name} declares entities or a DOCTYPE; save it as plain SVG"
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        return f"{file.name} is not a valid SVG file ({exc})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return f"{file.name} is not an SVG drawing"
    return ""


def _figures(data: dict[str, Any], folder: Path, sections: int, steps: int) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    for index, block in enumerate(_table_list(data, "figures") if "figures" in data else []):
        where = f"figures[{index}]"
        _unknown(block, ("file", "alt", "after_section", "after_step"), where)
        name = _text(block, "file", where)
        if not _FIGURE_NAME.match(name):
            raise _FieldError(
                f"{where}.file",
                f"must be a drawing's file name like 'calf-stretch.svg' (in {FIGURES_FOLDER}/)",
            )
        alt = _text(block, "alt", where)
        places = [key for key in ("after_section", "after_step") if key in block]
        if len(places) != 1:
            raise _FieldError(
                where, "needs after_section or after_step (the number of the part it follows)"
            )
        key = places[0]
        number, limit = block[key], sections if key == "after_section" else steps
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= limit:
            raise _FieldError(f"{where}.{key}", f"must be a whole number from 1 to {limit}")
        file = folder / name
        if not file.exists():  # a clinic's topic may use a shipped drawing
            shipped = paths.TOPICS / FIGURES_FOLDER / name
            file = shipped if shipped.exists() else file
        problem = _svg_problem(file)
        if problem:
            raise _FieldError(f"{where}.file", problem)
        figures.append(
            Figure(
                name,
                " ".join(alt.split()),
                number - 1 if key == "after_section" else None,
                number - 1 if key == "after_step" else None,
                str(file),
            )
        )
    return tuple(figures)


def parse_topic(raw: bytes, path: Path, lang_folder: str) -> Topic | ContentError:
    """Turn one file's bytes into a Topic, or the first problem that stops it loading."""
    name = str(path)
    if len(raw) > MAX_FILE_BYTES:
        return ContentError(
            name,
            0,
            "",
            f"file is too large ({len(raw) // 1024} KiB; "
            f"the limit is {MAX_FILE_BYTES // 1024} KiB)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ContentError(name, line, "", "is not UTF-8 text; save the file as UTF-8")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return ContentError(name, line, "", "contains a NUL character; is it really a text file?")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        line = int(match.group(1)) if match else max(1, len(text.splitlines()))
        reason = reason or "invalid syntax"
        return ContentError(name, line, "", f"syntax error: {reason}")
    except RecursionError:
        return ContentError(name, 0, "", "syntax error: nested too deeply")
    try:
        return _build(data, path, lang_folder)
    except _FieldError as bad:
        line = _LineIndex(text).line_of(bad.dotted)
        return ContentError(name, line, display_field(bad.dotted), bad.message)
    except RecursionError:
        return ContentError(name, 0, "", "nested too deeply")


def load_topics(
    roots: Path | Iterable[Path], read: Callable[[Path], bytes] = Path.read_bytes
) -> LoadResult:
    """Load every topic under `<root>/<lang>/` (subfolders too) for each root, in order.

    The shipped topics are one root; a clinic's own topics can be another, kept apart so that an
    update never overwrites them. Problems are collected, never raised; an id that two files share
    in one language keeps the first and reports the second.
    """
    result = LoadResult()
    seen: dict[tuple[str, str], str] = {}
    for root in [roots] if isinstance(roots, Path) else list(roots):
        for folder, path in topic_files(root, result.errors):
            try:
                raw = read(path)
            except OSError as exc:
                result.errors.append(
                    ContentError(str(path), 0, "", f"cannot read file: {exc.strerror}")
                )
                continue
            parsed = parse_topic(raw, path, folder)
            if isinstance(parsed, ContentError):
                result.errors.append(parsed)
                continue
            key = (parsed.id, parsed.lang)
            if key in seen:
                line = _LineIndex(raw.decode("utf-8")).line_of("id")
                message = f"duplicate id '{parsed.id}' (also in {seen[key]})"
                result.errors.append(ContentError(str(path), line, "id", message))
                continue
            seen[key] = str(path)
            result.topics.append(parsed)
    return result


def topic_files(root: Path, errors: list[ContentError]) -> list[tuple[str, Path]]:
    """(language folder, file) for every topic file under root, reporting unreadable folders."""
    found: list[tuple[str, Path]] = []
    try:
        if not root.is_dir():
            # Something else in its place (a file, a broken link) is not "not found" to staff.
            what = "is not a folder" if root.exists() else "topic folder not found"
            errors.append(ContentError(str(root), 0, "", what))
            return found
        entries = sorted(p for p in root.iterdir() if not p.name.startswith("."))
        folders = [p for p in entries if p.is_dir()]
    except OSError as exc:
        errors.append(ContentError(str(root), 0, "", f"cannot read folder: {exc.strerror}"))
        return found
    offered = languages.codes()
    for entry in entries:  # a language's folder replaced by a file would vanish unreported
        if entry.name in offered and not entry.is_dir():
            errors.append(ContentError(str(entry), 0, "", "is not a folder"))
    for folder in folders:
        try:
            files = sorted(p for p in folder.rglob(f"*{TOPIC_SUFFIX}") if p.is_file())
        except OSError as exc:
            errors.append(ContentError(str(folder), 0, "", f"cannot read folder: {exc.strerror}"))
            continue
        if folder.name not in offered:
            if files:
                supported = ", ".join(offered)
                message = f"unknown language folder '{folder.name}' (supported: {supported})"
                errors.append(ContentError(str(folder), 0, "", message))
            continue
        found.extend((folder.name, path) for path in files)
    return found
