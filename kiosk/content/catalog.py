"""The kiosk's list of topics: what the home screen needs of every topic, and the whole topic
only when it is opened (plain Python, no Qt).

A library of hundreds of topics is not read in full at each start. Each topic file is checked
in full once, when it is new or has changed, and what the screens list (id, language, title,
summary, icon, categories, review) is kept in a content index in the cache folder, with the
file's size and time and those of the drawings it names. At the next start a file whose size
and time (and whose drawings') are unchanged is taken from the index without being read; any
other file is read and checked again. The index is only a shortcut: a missing, unreadable or
foreign index is rebuilt, and the index of another version of the loader is never used. A file
changed less than `RACY_NS` before the index was written is read again at the next start
(its time could stay the same through a second change made in the same tick of a coarse
file-system clock, as git's "racily clean" files).

Opening a topic reads and checks its file again (a few milliseconds), so what a patient reads
is what is on disk now; a file broken since the index was written is reported then, and the
topic is not shown. A few opened topics are kept (`KEPT_TOPICS`), and `forget()` drops them
at the end of each visit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import languages, paths
from kiosk.content import loader
from kiosk.content.loader import ContentError, LoadResult, parse_topic
from kiosk.content.model import Topic

log = logging.getLogger("kiosk.content")

INDEX_NAME = "content-index.json"
KEPT_TOPICS = 4  # whole topics kept after opening, dropped at each visit's end
_SCHEMA = 1
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """One topic as the lists show it: no sections, steps or signs."""

    id: str
    lang: str
    title: str
    summary: str
    icon: str
    categories: tuple[str, ...]
    awaiting: bool  # not yet signed off by a clinician
    path: str

    @classmethod
    def of(cls, topic: Topic) -> TopicEntry:
        """The entry of a topic already read."""
        return cls(
            topic.id,
            topic.lang,
            topic.title,
            topic.summary,
            topic.icon,
            topic.categories,
            topic.review.awaiting,
            topic.path,
        )

    def to_json(self) -> dict[str, Any]:
        """As stored in the index."""
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "summary": self.summary,
            "icon": self.icon,
            "categories": list(self.categories),
            "awaiting": self.awaiting,
            "path": self.path,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TopicEntry:
        """From the index; KeyError, TypeError or ValueError if it is not one."""
        entry = cls(
            str(data["id"]),
            str(data["lang"]),
            str(data["title"]),
            str(data["summary"]),
            str(data["icon"]),
            tuple(str(c) for c in data["categories"]),
            bool(data["awaiting"]),
            str(data["path"]),
        )
        if not (entry.id and entry.lang and entry.title and entry.path):
            raise ValueError("an empty field")
        return entry


class Catalog:
    """Every topic's entry (and the files skipped, with why); whole topics read on demand."""

    def __init__(
        self,
        entries: Sequence[TopicEntry],
        errors: Sequence[ContentError] = (),
        topics: Iterable[Topic] = (),
    ) -> None:
        """`topics`: whole topics already in memory (tests, tools), never read from disk."""
        self.entries: list[TopicEntry] = list(entries)
        self.errors: list[ContentError] = list(errors)
        self._fixed: dict[tuple[str, str], Topic] = {(t.id, t.lang): t for t in topics}
        self._kept: OrderedDict[tuple[str, str], Topic] = OrderedDict()
        self._by_key = {(e.id, e.lang): e for e in self.entries}
        self.order = {code: index for index, code in enumerate(languages.codes())}

    @classmethod
    def of(cls, result: LoadResult) -> Catalog:
        """The catalog of topics already read in full."""
        return cls([TopicEntry.of(t) for t in result.topics], result.errors, result.topics)

    def __len__(self) -> int:
        return len(self.entries)

    def by_lang(self, lang: str) -> list[TopicEntry]:
        """The entries written in one language."""
        return [e for e in self.entries if e.lang == lang]

    def for_screen(self, lang: str) -> list[TopicEntry]:
        """What a screen in `lang` offers: its own topics, then those only in other languages
        (a topic in several of those in the first of them the kiosk offers)."""
        own = self.by_lang(lang)
        have = {e.id for e in own}
        others: dict[str, TopicEntry] = {}
        for e in sorted(self.entries, key=lambda e: (self.order.get(e.lang, 99), e.id)):
            if e.id not in have and e.id not in others:
                others[e.id] = e
        return own + list(others.values())

    def entry(self, topic_id: str, lang: str) -> TopicEntry | None:
        """One entry by id and language, or None."""
        return self._by_key.get((topic_id, lang))

    def entry_any(self, topic_id: str, lang: str) -> TopicEntry | None:
        """The entry in `lang` if the topic is written in it, else in the first language the
        kiosk offers that has it."""
        found = self.entry(topic_id, lang)
        if found is None:
            candidates = [e for e in self.entries if e.id == topic_id]
            candidates.sort(key=lambda e: self.order.get(e.lang, 99))
            found = candidates[0] if candidates else None
        return found

    def find(self, topic_id: str, lang: str) -> Topic | None:
        """The whole topic, read now (or kept from a recent opening); None if there is none or
        its file no longer reads (the problem is logged and added to `errors`)."""
        key = (topic_id, lang)
        if key in self._fixed:
            return self._fixed[key]
        kept = self._kept.get(key)
        if kept is not None:
            self._kept.move_to_end(key)
            return kept
        entry = self._by_key.get(key)
        if entry is None:
            return None
        topic = read_topic(Path(entry.path), entry.lang)
        if isinstance(topic, ContentError):
            log.warning("topic skipped: %s", topic)
            if topic not in self.errors:  # said once to staff, however often it is tapped
                self.errors.append(topic)
            return None
        if topic.id != entry.id or topic.lang != entry.lang:
            log.warning("topic skipped: %s: is now %s/%s", entry.path, topic.lang, topic.id)
            return None
        self._kept[key] = topic
        while len(self._kept) > KEPT_TOPICS:
            self._kept.popitem(last=False)
        return topic

    def find_any(self, topic_id: str, lang: str) -> Topic | None:
        """The whole topic in `lang`, or in the one language it is written in."""
        entry = self.entry_any(topic_id, lang)
        return self.find(entry.id, entry.lang) if entry is not None else None

    def forget(self) -> None:
        """Drop the whole topics kept from recent openings (each visit's end)."""
        self._kept.clear()


def read_topic(path: Path, lang_folder: str) -> Topic | ContentError:
    """Read and check one topic file in the folder of language `lang_folder`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ContentError(str(path), 0, "", f"cannot read file: {exc.strerror}")
    return parse_topic(raw, path, lang_folder)


def _stamp(path: Path) -> list[int]:
    """Size and time of a file, or [-1, -1] if there is none."""
    try:
        info = path.stat()
    except OSError:
        return [-1, -1]
    return [info.st_size, info.st_mtime_ns]


def _code_key() -> str:
    """What the index's checks depend on besides the files: the loader's own code and the
    languages offered. Another version of either never uses this index."""
    digest = hashlib.sha256()
    for module in (loader.__file__, Path(loader.__file__).with_name("model.py")):
        with contextlib.suppress(OSError):
            digest.update(Path(module).read_bytes())
    digest.update("\n".join(languages.codes()).encode())
    digest.update(str(paths.TOPICS).encode())  # where a clinic's drawings fall back to
    return digest.hexdigest()


def _figure_stamps(topic: Topic) -> list[list[Any]]:
    """The drawings a topic names, where it could find each: a change to any is a change."""
    stamps: list[list[Any]] = []
    if not topic.figures:
        return stamps
    own = loader.figure_folder(Path(topic.path), topic.lang)
    for figure in topic.figures:
        for candidate in (own / figure.file, paths.TOPICS / loader.FIGURES_FOLDER / figure.file):
            stamps.append([str(candidate), *_stamp(candidate)])
    return stamps


def _read_index(file: Path, key: str) -> tuple[dict[str, Any], int]:
    """The index's records by file, and when it was written (ns)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}, 0
    if not isinstance(data, dict) or data.get("schema") != _SCHEMA or data.get("key") != key:
        return {}, 0
    files, written = data.get("files"), data.get("written")
    if not isinstance(files, dict) or not isinstance(written, int):
        return {}, 0
    return files, written


def _write_index(file: Path, key: str, files: dict[str, Any]) -> None:
    """Written whole to a new file, then renamed over the old: never half an index."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=".index-", dir=file.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            data = {"schema": _SCHEMA, "key": key, "written": time.time_ns(), "files": files}
            json.dump(data, out, ensure_ascii=False)
        os.replace(name, file)
    except OSError as exc:  # a full or read-only disk: the next start checks the files again
        log.warning("content index not saved (%s): %s", file, exc.strerror or exc)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(name)


def _cached(record: Any, stamp: list[int], written: int) -> TopicEntry | None:
    """The index's answer for a file whose size and time are `stamp`, if still good."""
    if not isinstance(record, dict) or record.get("stamp") != stamp:
        return None
    try:
        for figure in [stamp, *(f[1:] for f in record.get("figures", []))]:
            if figure[1] > written - RACY_NS:
                return None  # changed just before the index was written: read it again
        for figure in record.get("figures", []):
            if _stamp(Path(figure[0])) != figure[1:]:
                return None
        return TopicEntry.from_json(record["entry"])
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def scan(roots: Path | Iterable[Path], index: Path | None = None) -> Catalog:
    """The catalog of every topic under the roots (`<root>/<lang>/...`), in order, checked as
    `load_topics` checks them. `index`: the content index file to read and keep up to date
    (None: every file is read)."""
    key = _code_key() if index is not None else ""
    old, written = _read_index(index, key) if index is not None else ({}, 0)
    files: dict[str, Any] = {}
    entries: list[TopicEntry] = []
    errors: list[ContentError] = []
    seen: dict[tuple[str, str], str] = {}
    read_again = False
    for root in [roots] if isinstance(roots, Path) else list(roots):
        for folder, path in loader.topic_files(root, errors):
            name = str(path)
            stamp = _stamp(path)
            found = _cached(old.get(name), stamp, written)
            if found is None:
                topic = read_topic(path, folder)
                if isinstance(topic, ContentError):  # not kept: read again until it is fixed
                    errors.append(topic)
                    continue
                found = TopicEntry.of(topic)
                read_again = True
                files[name] = {
                    "stamp": stamp,
                    "figures": _figure_stamps(topic),
                    "entry": found.to_json(),
                }
            else:
                files[name] = old[name]
            k = (found.id, found.lang)
            if k in seen:
                line = loader.locate(path, "id")
                message = f"duplicate id '{found.id}' (also in {seen[k]})"
                errors.append(ContentError(name, line, "id", message))
                continue
            seen[k] = name
            entries.append(found)
    if index is not None and (read_again or files.keys() != old.keys()):
        _write_index(index, key, files)
    return Catalog(entries, errors)
