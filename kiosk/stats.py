"""Anonymous usage counts in SQLite: what was used and when, never who or what they typed.

Each event is one row: the time (UTC unix seconds), the kiosk's local day, a kind from a fixed
list, and at most a topic id, a language code and a small number (a text size in percent; for
`theme`, 0 is light and 1 is high contrast). Both this module and the table's CHECK constraints
refuse anything else, so no free text can ever be stored.

Writes happen on one background thread, one transaction per event, in WAL mode with
`synchronous=FULL`: a crash or power cut loses at most the event being written and never damages
the file. If the file cannot be written (read-only, full, over its size cap, not a database),
counting stops with one log line and the reason in `UsageStats.problem`; the kiosk goes on.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import queue
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Protocol

from kiosk import paths

log = logging.getLogger("kiosk.stats")

DB_NAME = paths.USAGE_DB_NAME
SCHEMA_VERSION = 1
DEFAULT_MAX_BYTES = 50_000_000

EVENT_KINDS: tuple[str, ...] = (
    "visit",
    "topic",
    "narration",
    "print",
    "language",
    "text_size",
    "theme",
    "audio_guide",
)

# `theme` events store the theme as a number, so nothing free-form reaches the file.
THEME_CODES: dict[str, int] = {"light": 0, "high-contrast": 1}
THEME_NAMES: dict[int, str] = {code: name for name, code in THEME_CODES.items()}

MAX_VALUE = 1000
# Events waiting for the writer; past this (a disk that hangs) new events are dropped, so a stuck
# disk cannot grow the kiosk's memory.
MAX_PENDING = 10_000

_TOPIC = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_LANG = re.compile(r"[a-z]{2,3}")
# What each kind cannot do without.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "topic": ("topic",),
    "narration": ("topic",),
    "print": ("topic",),
    "language": ("lang",),
    "text_size": ("value",),
    "theme": ("value",),
}

_KIND_LIST = ", ".join(f"'{kind}'" for kind in EVENT_KINDS)
_SCHEMA = (
    f"""CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL CHECK (typeof(at) = 'integer' AND at >= 0),
    day TEXT NOT NULL CHECK (
        typeof(day) = 'text' AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind TEXT NOT NULL CHECK (kind IN ({_KIND_LIST})),
    topic TEXT CHECK (topic IS NULL OR (
        typeof(topic) = 'text' AND length(topic) BETWEEN 1 AND 64
        AND topic NOT GLOB '-*' AND topic NOT GLOB '*[^a-z0-9-]*')),
    lang TEXT CHECK (lang IS NULL OR (
        typeof(lang) = 'text' AND length(lang) BETWEEN 2 AND 3 AND lang NOT GLOB '*[^a-z]*')),
    value INTEGER CHECK (value IS NULL OR (
        typeof(value) = 'integer' AND value BETWEEN 0 AND {MAX_VALUE}))
)""",
    "CREATE INDEX IF NOT EXISTS events_day ON events (day)",
)
_INSERT = "INSERT INTO events (at, day, kind, topic, lang, value) VALUES (?, ?, ?, ?, ?, ?)"


class StatsError(Exception):
    """The usage counts cannot be read; the message is one line for staff."""


class NothingCountedError(StatsError):
    """Nothing has been counted yet: no usage file, or an empty database (a kiosk that stopped
    before its first write). Not a fault: a report of it is an empty one."""


@dataclass(frozen=True, slots=True)
class _Event:
    at: int
    day: str
    kind: str
    topic: str | None
    lang: str | None
    value: int | None


@dataclass(frozen=True, slots=True)
class _Flush:
    done: threading.Event


_STOP = None
_Item = _Event | _Flush | None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _reason(exc: BaseException) -> str:
    """An error's own words, on one line (an OSError's strerror without the errno)."""
    if isinstance(exc, OSError) and exc.strerror:
        return _one_line(exc.strerror)
    return _one_line(str(exc)) or type(exc).__name__


def _error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _invalid(kind: object, topic: object, lang: object, value: object) -> str:
    """Why an event may not be stored, or "" if it may. Never quotes the value: a wrong one
    might be exactly the personal text that must not be kept, in the log either."""
    if not isinstance(kind, str) or kind not in EVENT_KINDS:
        return "unknown kind"
    if topic is not None and not (isinstance(topic, str) and _TOPIC.fullmatch(topic)):
        return "topic is not a topic id"
    if lang is not None and not (isinstance(lang, str) and _LANG.fullmatch(lang)):
        return "lang is not a language code"
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VALUE
    ):
        return f"value is not a whole number from 0 to {MAX_VALUE}"
    given = {"topic": topic, "lang": lang, "value": value}
    for name in _REQUIRED.get(kind, ()):
        if given[name] is None:
            return f"a {kind} event needs a {name}"
    if kind == "theme" and value not in THEME_NAMES:
        return "theme value is not a theme code"
    return ""


# (kind, topic, lang, value, count): every event ever counted, grouped.
Total = tuple[str, str | None, str | None, int | None, int]


class CountObserver(Protocol):
    """Told of every count, such as the kiosk's metrics: the totals already in the file, then
    each valid event as it is recorded."""

    def seeded(self, totals: Sequence[Total]) -> None:
        """The file's totals, read by the writer before it writes anything (called once, on
        the writer's thread; empty if there is no file or it cannot be read)."""

    def counted(self, kind: str, topic: str | None, lang: str | None, value: int | None) -> None:
        """One valid event (called on the thread that records it), even when the file can no
        longer be written."""


def totals(conn: sqlite3.Connection) -> list[Total]:
    """Every event in the file, grouped by kind, topic, language and value."""
    rows = conn.execute(
        "SELECT kind, topic, lang, value, count(*) FROM events GROUP BY kind, topic, lang, value"
    ).fetchall()
    return [(str(k), t, lang, v, int(n)) for k, t, lang, v, n in rows]


class UsageStats:
    """Counts events without ever slowing or stopping the kiosk: `record` only queues, one
    background thread writes, and any trouble with the file ends counting, not the kiosk.
    An `observer` is told the totals already in the file, then every valid event."""

    def __init__(
        self,
        path: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        clock: Callable[[], float] = time.time,
        observer: CountObserver | None = None,
    ) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._clock = clock
        self._observer = observer
        self._queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._problem = ""
        self._stopped = threading.Event()
        self._behind = False  # said once that events were dropped while the writer is behind
        self._busy = False  # said once that an event was dropped because the file was locked
        self._thread = threading.Thread(target=self._run, name="kiosk-usage-stats", daemon=True)
        try:
            self._thread.start()
        except RuntimeError as exc:  # no thread can be had: count nothing, run anyway
            self._stop(f"usage counting stopped: cannot start its writer ({_reason(exc)})")

    @property
    def problem(self) -> str:
        """Why counting stopped, in one line for the staff screen; "" while it works."""
        return self._problem

    def record(
        self,
        kind: str,
        *,
        topic: str | None = None,
        lang: str | None = None,
        value: int | None = None,
    ) -> None:
        """Queue one event and return at once (called on the GUI thread). An invalid event is
        dropped with one log line; nothing here raises."""
        observer = self._observer
        if observer is None and self._stopped.is_set():
            return
        why = _invalid(kind, topic, lang, value)
        if why:
            log.warning("usage event dropped: %s", why)
            return
        if observer is not None:
            observer.counted(kind, topic, lang, value)
            if self._stopped.is_set():
                return
        try:
            at = int(self._clock())
            day = datetime.fromtimestamp(at).date().isoformat()
        except (ArithmeticError, OSError, TypeError, ValueError) as exc:
            log.warning("usage event dropped: the clock gave no usable time (%s)", _reason(exc))
            return
        if at < 0:
            log.warning("usage event dropped: the clock is before 1970")
            return
        with self._lock:
            if self._closed:
                return
            if self._queue.qsize() >= MAX_PENDING:
                if not self._behind:
                    self._behind = True
                    log.warning("usage events dropped: the writer is %d events behind", MAX_PENDING)
                return
            self._behind = False
            self._queue.put(_Event(at, day, kind, topic, lang, value))

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every event queued so far is written (or dropped because counting
        stopped), so a caller such as the staff screen sees up-to-date counts. False on timeout."""
        done = threading.Event()
        with self._lock:
            if self._closed or not self._thread.is_alive():
                return True
            self._queue.put(_Flush(done))
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued and stop the writer, so the file is closed cleanly at exit;
        calling it again does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(_STOP)
        if self._thread.is_alive():
            self._thread.join(timeout)

    # The writer thread.

    def _stop(self, message: str) -> None:
        """End counting for good: one warning line, the reason kept for staff."""
        if self._stopped.is_set():
            return
        self._problem = _one_line(message)
        self._stopped.set()
        log.warning("%s", self._problem)

    def _cannot_write(self, exc: BaseException, conn: sqlite3.Connection | None = None) -> None:
        """Stop counting because the file cannot be written (read-only, full, broken)."""
        reason = _reason(exc)
        if conn is not None and _error_name(exc) == "SQLITE_FULL" and self._at_cap(conn):
            reason += f": the size limit of {self.max_bytes} bytes is reached"
        self._stop(f"usage counting stopped: cannot write {self.path} ({reason})")

    def _at_cap(self, conn: sqlite3.Connection) -> bool:
        try:
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            cap = conn.execute("PRAGMA max_page_count").fetchone()[0]
        except sqlite3.Error:
            return False
        return bool(pages >= cap)

    def _run(self) -> None:
        conn = self._open()
        self._seed(conn)
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if isinstance(item, _Flush):
                    item.done.set()
                    continue
                if conn is not None and not self._write(conn, item):
                    conn.close()
                    conn = None
        finally:
            if conn is not None:
                conn.close()
            # Anyone still waiting on a flush queued after the stop is let go.
            while True:
                try:
                    left = self._queue.get_nowait()
                except queue.Empty:
                    break
                if isinstance(left, _Flush):
                    left.done.set()

    def _seed(self, conn: sqlite3.Connection | None) -> None:
        """Tell the observer the totals in the file before this writer adds to them; a file
        that cannot be written is read if it can be (its counts are still true)."""
        if self._observer is None:
            return
        found: list[Total] = []
        try:
            if conn is not None:
                found = totals(conn)
            else:
                with contextlib.closing(_connect_read(self.path)) as reader:
                    found = totals(reader)
        except NothingCountedError:
            pass
        except (StatsError, sqlite3.Error, OSError) as exc:
            log.warning("usage totals cannot be read; metrics count from zero (%s)", _reason(exc))
        self._observer.seeded(found)

    def _open(self) -> sqlite3.Connection | None:
        """The write connection, or None (and counting stopped) if the file cannot be used."""
        try:
            return connect_for_writing(self.path, self.max_bytes)
        except StatsError as exc:
            self._stop(f"usage counting stopped: {exc}")
        except (sqlite3.Error, OSError) as exc:
            self._cannot_write(exc)
        return None

    def _write(self, conn: sqlite3.Connection, event: _Event) -> bool:
        """Insert one event as its own transaction; False if counting had to stop."""
        try:
            conn.execute(
                _INSERT, (event.at, event.day, event.kind, event.topic, event.lang, event.value)
            )
        except sqlite3.IntegrityError as exc:  # the schema's own check: drop the event only
            log.warning("usage event dropped by the database: %s", _reason(exc))
        except (sqlite3.Error, OSError) as exc:
            if _error_name(exc) in ("SQLITE_BUSY", "SQLITE_LOCKED"):
                # Another program held the file for the whole busy timeout: lose this event,
                # not the counting (said once until a write succeeds again).
                if not self._busy:
                    self._busy = True
                    log.warning("usage event dropped: %s is busy (%s)", self.path, _reason(exc))
                return True
            self._cannot_write(exc, conn)
            return False
        self._busy = False
        return True


def connect_for_writing(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> sqlite3.Connection:
    """Open (or create) the usage file exactly as the writer does: WAL, synchronous FULL, the
    size cap, the schema. Raises StatsError for a database that is not ours (left untouched),
    and sqlite3.Error or OSError when the file cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    try:
        # Read first: a file that is not a database fails here, before anything is written.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        others = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT IN ('events', 'events_day')"
        ).fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StatsError(f"cannot use {path} (it was written by a newer kiosk)")
        if version == 0 and others:
            raise StatsError(f"cannot use {path} (it is another program's database)")
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # a file system without shared memory: still safe
            log.warning("usage counts: %s cannot use WAL mode; using %s", path, mode)
        conn.execute("PRAGMA synchronous=FULL")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={max(1, max_bytes // page_size)}")
        _create(conn, version)
    except BaseException:
        conn.close()
        raise
    return conn


def _create(conn: sqlite3.Connection, version: int) -> None:
    """Make the table if it is new. Setting user_version writes the header even when it is
    unchanged, so a file that cannot be written is found at start, not at the first touch."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if version == 0:
            for statement in _SCHEMA:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise


# Reading.


@dataclass(frozen=True, slots=True)
class Counts:
    """Totals over some days, for the staff screen."""

    visits: int = 0
    topics: int = 0
    narrations: int = 0
    prints: int = 0
    languages: int = 0
    text_sizes: int = 0
    themes: int = 0
    audio_guide: int = 0


_COUNT_FIELD = {
    "visit": "visits",
    "topic": "topics",
    "narration": "narrations",
    "print": "prints",
    "language": "languages",
    "text_size": "text_sizes",
    "theme": "themes",
    "audio_guide": "audio_guide",
}


@dataclass(frozen=True, slots=True)
class Tally:
    """How many events of one exact kind, topic, language and value happened on one day."""

    day: str
    kind: str
    topic: str | None
    lang: str | None
    value: int | None
    count: int


@dataclass(frozen=True, slots=True)
class DayRow:
    """One day's totals: how much the kiosk was used, and which comfort settings were chosen."""

    day: str
    visits: int
    topics: int
    narrations: int
    prints: int
    languages: tuple[tuple[str, int], ...]  # (language code, times chosen)
    text_sizes: tuple[tuple[int, int], ...]  # (percent, times chosen)
    themes: tuple[tuple[str, int], ...]  # (theme name, times chosen)
    audio_guide: int


@dataclass(frozen=True, slots=True)
class TopicRow:
    """One topic in one language: what patients did with it."""

    topic: str
    lang: str  # "" when the events gave no language
    opens: int
    narrations: int
    prints: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `stats` shows: per-day and per-topic totals, and the tidy tallies behind them."""

    since: date | None
    days: tuple[DayRow, ...]
    topics: tuple[TopicRow, ...]
    tallies: tuple[Tally, ...]


def _connect_read(path: Path) -> sqlite3.Connection:
    """A read-only connection to a usage database, or StatsError saying why not
    (NothingCountedError when there is nothing to read yet)."""
    if not path.exists():
        raise NothingCountedError(f"nothing counted yet ({path} does not exist)")
    if not path.is_file():
        raise StatsError(f"cannot read {path} (it is not a file)")
    uri = path.absolute().as_uri()
    # An unwritable folder without the WAL's side files cannot be opened read-only (SQLite must
    # create them); then nobody can be writing, and the file itself is complete: read it as
    # immutable.
    for options in ("mode=ro", "mode=ro&immutable=1"):
        try:
            conn = sqlite3.connect(f"{uri}?{options}", uri=True, timeout=5.0)
        except sqlite3.Error as exc:
            raise StatsError(f"cannot read {path} ({_reason(exc)})") from exc
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'"
            ).fetchone()
            objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error as exc:
            conn.close()
            if _error_name(exc) == "SQLITE_CANTOPEN" and "immutable" not in options:
                continue
            raise StatsError(f"cannot read {path} ({_reason(exc)})") from exc
        if table is None and version == 0 and objects == 0:
            conn.close()
            raise NothingCountedError(f"nothing counted yet ({path} is empty)")
        if table is None or version > SCHEMA_VERSION:
            conn.close()
            raise StatsError(f"{path} holds no usage counts this kiosk can read")
        return conn
    raise StatsError(f"cannot read {path}")  # pragma: no cover - the loop returns or raises


def summary(path: Path, today: date, days: int = 7) -> tuple[Counts, Counts]:
    """Today's totals and the last `days` days' (today included), for the staff screen. Never
    raises: no file yet or an unreadable one gives zeros and a log line."""
    first = today - timedelta(days=max(days, 1) - 1)
    try:
        conn = _connect_read(path)
    except StatsError as exc:
        level = logging.INFO if isinstance(exc, NothingCountedError) else logging.WARNING
        log.log(level, "usage counts show zero: %s", exc)
        return Counts(), Counts()
    try:
        rows = conn.execute(
            "SELECT kind, sum(day = ?), count(*) FROM events WHERE day BETWEEN ? AND ?"
            " GROUP BY kind",
            (today.isoformat(), first.isoformat(), today.isoformat()),
        ).fetchall()
    except sqlite3.Error as exc:
        log.warning("usage counts show zero: cannot read %s (%s)", path, _reason(exc))
        return Counts(), Counts()
    finally:
        conn.close()
    on_day = {_COUNT_FIELD[k]: int(n) for k, n, _ in rows if k in _COUNT_FIELD}
    in_week = {_COUNT_FIELD[k]: int(n) for k, _, n in rows if k in _COUNT_FIELD}
    return Counts(**on_day), Counts(**in_week)


def report(path: Path, since: date | None = None) -> Report:
    """Every count since a day (or ever), for `stats` and its CSV export. NothingCountedError if
    nothing is counted yet (no file, or an empty one); StatsError (one line) if the file is not
    a usage database or cannot be read."""
    conn = _connect_read(path)
    try:
        rows = conn.execute(
            "SELECT day, kind, topic, lang, value, count(*) FROM events"
            " WHERE ? IS NULL OR day >= ?"
            " GROUP BY day, kind, topic, lang, value"
            " ORDER BY day, kind, topic, lang, value",
            (since.isoformat() if since else None,) * 2,
        ).fetchall()
    except sqlite3.Error as exc:
        raise StatsError(f"cannot read {path} ({_reason(exc)})") from exc
    finally:
        conn.close()
    tallies = tuple(Tally(*row) for row in rows)
    return Report(since, _day_rows(tallies), _topic_rows(tallies), tallies)


def _day_rows(tallies: Sequence[Tally]) -> tuple[DayRow, ...]:
    by_day: dict[str, list[Tally]] = {}
    for tally in tallies:
        by_day.setdefault(tally.day, []).append(tally)
    rows = []
    for day, items in sorted(by_day.items()):
        kinds: Counter[str] = Counter()
        languages: Counter[str] = Counter()
        sizes: Counter[int] = Counter()
        themes: Counter[str] = Counter()
        for t in items:
            kinds[t.kind] += t.count
            if t.kind == "language" and t.lang:
                languages[t.lang] += t.count
            elif t.kind == "text_size" and t.value is not None:
                sizes[t.value] += t.count
            elif t.kind == "theme" and t.value is not None:
                themes[THEME_NAMES.get(t.value, str(t.value))] += t.count
        rows.append(
            DayRow(
                day=day,
                visits=kinds["visit"],
                topics=kinds["topic"],
                narrations=kinds["narration"],
                prints=kinds["print"],
                languages=tuple(sorted(languages.items())),
                text_sizes=tuple(sorted(sizes.items())),
                themes=tuple(sorted(themes.items())),
                audio_guide=kinds["audio_guide"],
            )
        )
    return tuple(rows)


def _topic_rows(tallies: Iterable[Tally]) -> tuple[TopicRow, ...]:
    counts: dict[tuple[str, str], Counter[str]] = {}
    for t in tallies:
        if t.topic is not None and t.kind in ("topic", "narration", "print"):
            counts.setdefault((t.topic, t.lang or ""), Counter())[t.kind] += t.count
    rows = [
        TopicRow(topic, lang, c["topic"], c["narration"], c["print"])
        for (topic, lang), c in counts.items()
    ]
    rows.sort(key=lambda r: (-r.opens, r.topic, r.lang))
    return tuple(rows)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str) -> list[str]:
    """Plain-text columns; `align` has an "l" or "r" for each column (numbers go right)."""
    cells = [list(headers), *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for row in cells:
        parts = [
            cell.ljust(width) if side == "l" else cell.rjust(width)
            for cell, width, side in zip(row, widths, align, strict=True)
        ]
        lines.append("  ".join(parts).rstrip())
    return lines


def _pairs(pairs: Iterable[tuple[object, int]], suffix: str = "") -> str:
    return ", ".join(f"{key}{suffix} {count}" for key, count in pairs) or "-"


def format_text(report: Report) -> str:
    """The report as staff read it in a terminal: totals per day, then per topic."""
    since = f"since {report.since.isoformat()}" if report.since else "all days"
    lines = [f"Usage counts, {since}", ""]
    if not report.tallies:
        lines.append("No usage recorded.")
        return "\n".join(lines) + "\n"
    day_rows: list[list[object]] = [
        [
            d.day,
            d.visits,
            d.topics,
            d.narrations,
            d.prints,
            d.audio_guide,
            _pairs(d.languages),
            _pairs(d.text_sizes, "%"),
            _pairs(d.themes),
        ]
        for d in report.days
    ]
    languages: Counter[str] = Counter()
    sizes: Counter[int] = Counter()
    themes: Counter[str] = Counter()
    for d in report.days:
        languages.update(dict(d.languages))
        sizes.update(dict(d.text_sizes))
        themes.update(dict(d.themes))
    day_rows.append(
        [
            "total",
            sum(d.visits for d in report.days),
            sum(d.topics for d in report.days),
            sum(d.narrations for d in report.days),
            sum(d.prints for d in report.days),
            sum(d.audio_guide for d in report.days),
            _pairs(sorted(languages.items())),
            _pairs(sorted(sizes.items()), "%"),
            _pairs(sorted(themes.items())),
        ]
    )
    lines.append("Per day")
    headers = (
        "day",
        "visits",
        "topics opened",
        "read aloud",
        "printed",
        "audio guide",
        "languages",
        "text sizes",
        "themes",
    )
    lines += _table(headers, day_rows, "lrrrrrlll")
    lines += ["", "Per topic"]
    topic_rows: list[list[object]] = [
        [t.topic, t.lang or "-", t.opens, t.narrations, t.prints] for t in report.topics
    ]
    if topic_rows:
        topic_rows.append(
            [
                "total",
                "",
                sum(t.opens for t in report.topics),
                sum(t.narrations for t in report.topics),
                sum(t.prints for t in report.topics),
            ]
        )
        lines += _table(["topic", "lang", "opened", "read aloud", "printed"], topic_rows, "llrrr")
    else:
        lines.append("No topic was opened.")
    return "\n".join(lines) + "\n"


CSV_HEADER = ("day", "kind", "topic", "lang", "value", "count")


def format_csv(report: Report) -> str:
    """The report as tidy CSV (one row per day, kind, topic, language and value, with its
    count), which a clinic can pivot in any spreadsheet. Every field is a date, a fixed word,
    an id or a number, so no cell can be read as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for t in report.tallies:
        writer.writerow(
            [
                t.day,
                t.kind,
                t.topic or "",
                t.lang or "",
                "" if t.value is None else t.value,
                t.count,
            ]
        )
    return out.getvalue()
