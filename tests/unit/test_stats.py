"""Usage counts on real SQLite files: counting, reports, refusing free text, and a database that
is read-only, full or not a database at all."""

from __future__ import annotations

import csv
import io
import logging
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.stats import (
    DB_NAME,
    EVENT_KINDS,
    THEME_CODES,
    Counts,
    NothingCountedError,
    StatsError,
    UsageStats,
    connect_for_writing,
    format_csv,
    format_text,
    report,
    summary,
)


def utc(text: str) -> float:
    """Unix seconds for a UTC time written as 2026-11-21T03:00."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


class Clock:
    """A clock the test sets, so each event lands at a known moment."""

    def __init__(self, text: str = "2026-11-20T15:00") -> None:
        self.now = utc(text)

    def set(self, text: str) -> None:
        self.now = utc(text)

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clinic_time() -> Iterator[None]:
    """The kiosk's local time is UTC-6 (a clinic in the central US in winter)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "CST+6"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / DB_NAME


@pytest.fixture
def open_stats() -> Iterator[Callable[..., UsageStats]]:
    """Make UsageStats objects that are always closed, even when a test fails."""
    made: list[UsageStats] = []

    def make(path: Path, **kwargs: object) -> UsageStats:
        stats = UsageStats(path, **kwargs)  # type: ignore[arg-type]
        made.append(stats)
        return stats

    yield make
    for stats in made:
        stats.close()


def rows(path: Path, sql: str = "SELECT kind, topic, lang, value FROM events ORDER BY id") -> list:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def stats_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.stats"]


def record_a_morning(stats: UsageStats, clock: Clock) -> None:
    """Two visits on 20 Nov local time (one after UTC midnight), one on 21 Nov."""
    clock.set("2026-11-20T15:00")  # 09:00 local, 20 Nov
    stats.record("visit")
    stats.record("language", lang="es")
    stats.record("topic", topic="ibs-leg-pain", lang="es")
    stats.record("narration", topic="ibs-leg-pain", lang="es")
    stats.record("print", topic="ibs-leg-pain", lang="es")
    clock.set("2026-11-21T03:30")  # 21:30 local, still 20 Nov
    stats.record("visit")
    stats.record("text_size", value=170)
    stats.record("theme", value=THEME_CODES["high-contrast"])
    stats.record("audio_guide")
    stats.record("topic", topic="diarrhea", lang="en")
    stats.record("topic", topic="ibs-leg-pain", lang="en")
    clock.set("2026-11-21T14:00")  # 08:00 local, 21 Nov
    stats.record("visit")
    stats.record("topic", topic="diarrhea", lang="en")
    stats.record("print", topic="diarrhea", lang="en")
    stats.record("text_size", value=130)
    assert stats.flush()


def test_events_are_counted_by_the_clinics_local_day(
    clinic_time: None, db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    clock = Clock()
    stats = open_stats(db, clock=clock)
    record_a_morning(stats, clock)
    assert stats.problem == ""

    today, week = summary(db, date(2026, 11, 21))
    assert today == Counts(visits=1, topics=1, prints=1, text_sizes=1)
    assert week == Counts(
        visits=3,
        topics=4,
        narrations=1,
        prints=2,
        languages=1,
        text_sizes=2,
        themes=1,
        audio_guide=1,
    )
    yesterday, _ = summary(db, date(2026, 11, 20))
    assert (yesterday.visits, yesterday.topics) == (2, 3)
    _, one_day = summary(db, date(2026, 11, 21), days=1)
    assert one_day == today
    _, long_ago = summary(db, date(2027, 1, 1))
    assert long_ago == Counts()

    # The time is kept as UTC seconds; the day is the clinic's.
    stored = rows(db, "SELECT at, day FROM events WHERE kind = 'visit' ORDER BY id")
    assert stored == [
        (int(utc("2026-11-20T15:00")), "2026-11-20"),
        (int(utc("2026-11-21T03:30")), "2026-11-20"),
        (int(utc("2026-11-21T14:00")), "2026-11-21"),
    ]

    full = report(db)
    assert [d.day for d in full.days] == ["2026-11-20", "2026-11-21"]
    first, second = full.days
    assert (first.visits, first.topics, first.narrations, first.prints) == (2, 3, 1, 1)
    assert first.languages == (("es", 1),)
    assert first.text_sizes == ((170, 1),)
    assert first.themes == (("high-contrast", 1),)
    assert first.audio_guide == 1
    assert (second.visits, second.topics, second.prints) == (1, 1, 1)
    assert second.text_sizes == ((130, 1),)
    by_topic = {(t.topic, t.lang): (t.opens, t.narrations, t.prints) for t in full.topics}
    assert by_topic == {
        ("ibs-leg-pain", "es"): (1, 1, 1),
        ("ibs-leg-pain", "en"): (1, 0, 0),
        ("diarrhea", "en"): (2, 0, 1),
    }
    assert full.topics[0].topic == "diarrhea"  # most opened first


def test_since_keeps_only_that_day_and_later(
    clinic_time: None, db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    clock = Clock()
    record_a_morning(open_stats(db, clock=clock), clock)
    later = report(db, since=date(2026, 11, 21))
    assert later.since == date(2026, 11, 21)
    assert [d.day for d in later.days] == ["2026-11-21"]
    assert {t.day for t in later.tallies} == {"2026-11-21"}
    assert report(db, since=date(2026, 12, 1)).days == ()
    assert len(report(db, since=date(2026, 1, 1)).days) == 2


def test_csv_is_tidy_and_reads_back(
    clinic_time: None, db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    clock = Clock()
    record_a_morning(open_stats(db, clock=clock), clock)
    text = format_csv(report(db))
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == ["day", "kind", "topic", "lang", "value", "count"]
    assert sum(int(r["count"]) for r in table) == 15
    assert all(r["kind"] in EVENT_KINDS for r in table)
    keys = [(r["day"], r["kind"], r["topic"], r["lang"], r["value"]) for r in table]
    assert len(keys) == len(set(keys))  # one row per day x kind x topic x lang x value
    opened = {
        (r["day"], r["topic"], r["lang"]): int(r["count"]) for r in table if r["kind"] == "topic"
    }
    assert opened == {
        ("2026-11-20", "diarrhea", "en"): 1,
        ("2026-11-20", "ibs-leg-pain", "en"): 1,
        ("2026-11-20", "ibs-leg-pain", "es"): 1,
        ("2026-11-21", "diarrhea", "en"): 1,
    }
    sizes = [(r["day"], r["value"], r["count"]) for r in table if r["kind"] == "text_size"]
    assert sizes == [("2026-11-20", "170", "1"), ("2026-11-21", "130", "1")]
    # Nothing a spreadsheet would take for a formula.
    assert not any(cell[:1] in "=+-@" and cell for r in table for cell in r.values())


def test_text_report_shows_totals_per_day_and_per_topic(
    clinic_time: None, db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    clock = Clock()
    record_a_morning(open_stats(db, clock=clock), clock)
    text = format_text(report(db))
    lines = text.splitlines()
    assert lines[0] == "Usage counts, all days"
    per_day = lines.index("Per day")
    per_topic = lines.index("Per topic")
    assert per_day < per_topic
    day_lines = {line.split()[0]: line.split() for line in lines[per_day + 2 : per_topic - 1]}
    # day, visits, topics opened, read aloud, printed, audio guide
    assert day_lines["2026-11-20"][:6] == ["2026-11-20", "2", "3", "1", "1", "1"]
    assert day_lines["2026-11-21"][:6] == ["2026-11-21", "1", "1", "0", "1", "0"]
    assert day_lines["total"][:6] == ["total", "3", "4", "1", "2", "1"]
    assert "es 1" in text
    assert "130% 1, 170% 1" in text
    assert "high-contrast 1" in text
    topic_lines = {
        tuple(line.split()[:2]): line.split()[2:] for line in lines[per_topic + 2 :] if line
    }
    assert topic_lines[("diarrhea", "en")] == ["2", "0", "1"]
    assert topic_lines[("ibs-leg-pain", "es")] == ["1", "1", "1"]
    assert topic_lines[("total", "4")] == ["1", "2"]  # the total row has no language
    assert "since 2026-11-21" in format_text(report(db, since=date(2026, 11, 21)))


def test_text_report_of_an_empty_database(db: Path, open_stats: Callable[..., UsageStats]) -> None:
    stats = open_stats(db)
    assert stats.flush()
    assert "No usage recorded." in format_text(report(db))
    assert format_csv(report(db)) == "day,kind,topic,lang,value,count\n"
    assert summary(db, date.today()) == (Counts(), Counts())


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        ("topic", {"topic": "Maria Lopez has chest pain"}),
        ("topic", {"topic": "ibs-leg-pain\n"}),
        ("topic", {"topic": "IBS-leg-pain"}),
        ("topic", {"topic": "-leading-dash"}),
        ("topic", {"topic": "a" * 65}),
        ("topic", {"topic": "café"}),
        ("topic", {}),
        ("print", {"lang": "en"}),
        ("search", {"topic": "ibs-leg-pain"}),
        ("Visit", {}),
        ("language", {"lang": "english"}),
        ("language", {"lang": "EN"}),
        ("language", {"lang": "e"}),
        ("language", {}),
        ("text_size", {"value": 1001}),
        ("text_size", {"value": -1}),
        ("text_size", {"value": 1.5}),
        ("text_size", {"value": "130"}),
        ("text_size", {"value": True}),
        ("text_size", {}),
        ("theme", {"value": 7}),
    ],
)
def test_invalid_events_are_dropped_with_one_line(
    kind: str,
    fields: dict[str, object],
    db: Path,
    open_stats: Callable[..., UsageStats],
    caplog: pytest.LogCaptureFixture,
) -> None:
    stats = open_stats(db)
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        stats.record(kind, **fields)  # type: ignore[arg-type]
        assert stats.flush()
    assert rows(db) == []
    assert stats.problem == ""
    logged = stats_records(caplog)
    assert len(logged) == 1
    assert logged[0].getMessage().startswith("usage event dropped: ")
    for value in fields.values():  # the bad text itself is not copied into the log either
        if isinstance(value, str) and len(value) > 3:
            assert value.strip() not in logged[0].getMessage()
    stats.record("visit")  # counting goes on
    assert stats.flush()
    assert rows(db) == [("visit", None, None, None)]


def test_every_kind_is_stored(db: Path, open_stats: Callable[..., UsageStats]) -> None:
    stats = open_stats(db)
    stats.record("visit")
    stats.record("topic", topic="ibs-leg-pain", lang="en")
    stats.record("narration", topic="ibs-leg-pain", lang="en")
    stats.record("print", topic="ibs-leg-pain", lang="en")
    stats.record("language", lang="es")
    stats.record("text_size", value=130)
    stats.record("theme", value=THEME_CODES["light"])
    stats.record("audio_guide", lang="es")
    assert stats.flush()
    assert [r[0] for r in rows(db)] == list(EVENT_KINDS)


def test_wal_and_synchronous_full_are_set(db: Path, open_stats: Callable[..., UsageStats]) -> None:
    conn = connect_for_writing(db)  # the writer's own set-up
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA max_page_count").fetchone()[0] == 50_000_000 // 4096
        indexes = conn.execute("PRAGMA index_list(events)").fetchall()
        assert any(
            conn.execute(f"PRAGMA index_info({ix[1]})").fetchone()[2] == "day" for ix in indexes
        )
    finally:
        conn.close()
    stats = open_stats(db)
    stats.record("visit")
    assert stats.flush()
    check = sqlite3.connect(db)
    try:  # WAL is a property of the file: another connection sees it too
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        check.close()


@pytest.mark.parametrize(
    "values",
    [
        (0, "2026-11-20", "search", None, None, None),
        (0, "2026-11-20", "topic", "Maria Lopez", None, None),
        (0, "2026-11-20", "topic", "ibs-leg-pain\n", None, None),
        (0, "2026-11-20", "topic", "IBS", None, None),
        (0, "2026-11-20", "topic", "-x", None, None),
        (0, "2026-11-20", "topic", "a" * 65, None, None),
        (0, "2026-11-20", "language", None, "EN", None),
        (0, "2026-11-20", "language", None, "engl", None),
        (0, "2026-11-20", "language", None, "é", None),
        (0, "2026-11-20", "text_size", None, None, 5000),
        (0, "2026-11-20", "text_size", None, None, -1),
        (0, "2026-11-20", "text_size", None, None, "big"),
        (0, "2026-11-20", "text_size", None, None, 1.5),
        (0, "yesterday", "visit", None, None, None),
        (-1, "2026-11-20", "visit", None, None, None),
        ("noon", "2026-11-20", "visit", None, None, None),
    ],
)
def test_schema_refuses_rows_that_bypass_the_code(
    values: tuple[object, ...], db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    assert open_stats(db).flush()  # the writer made the schema
    conn = sqlite3.connect(db)
    try:
        insert = "INSERT INTO events (at, day, kind, topic, lang, value) VALUES (?, ?, ?, ?, ?, ?)"
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute(insert, values)
        conn.execute(insert, (0, "2026-11-20", "topic", "ibs-leg-pain", "es", None))
        conn.commit()
    finally:
        conn.close()
    assert rows(db) == [("topic", "ibs-leg-pain", "es", None)]


def test_record_returns_at_once_while_the_file_is_busy(
    db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    stats = open_stats(db)
    assert stats.flush()
    locker = sqlite3.connect(db, isolation_level=None)
    try:
        locker.execute("BEGIN IMMEDIATE")  # another writer holds the file
        started = time.monotonic()
        for _ in range(200):
            stats.record("topic", topic="ibs-leg-pain", lang="en")
        assert time.monotonic() - started < 0.5
        assert not stats.flush(timeout=0.2)  # the writer is waiting, the caller is not
        locker.execute("ROLLBACK")
    finally:
        locker.close()
    assert stats.flush()
    assert len(rows(db)) == 200
    assert stats.problem == ""


def test_close_is_idempotent_and_ends_counting(
    db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    stats = open_stats(db)
    stats.record("visit")
    stats.close()  # writes what was queued
    stats.close()
    stats.record("visit")
    assert stats.flush()
    assert rows(db) == [("visit", None, None, None)]


@pytest.fixture
def make_unwritable() -> Iterator[Callable[[Path], None]]:
    """Make files and folders unwritable, even for root (the tests run as root, where chmod
    stops nothing): chattr +i as root, chmod otherwise. Undone afterwards, whatever happens."""
    done: list[tuple[Path, int]] = []

    def make(path: Path) -> None:
        mode = path.stat().st_mode
        done.append((path, mode))
        if os.geteuid() == 0:
            subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)

    yield make
    for path, mode in reversed(done):
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], check=True, capture_output=True)
        path.chmod(mode)


def test_a_read_only_database_stops_counting_with_one_line(
    db: Path,
    open_stats: Callable[..., UsageStats],
    make_unwritable: Callable[[Path], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = open_stats(db)
    for _ in range(3):
        first.record("visit")
    first.record("topic", topic="ibs-leg-pain", lang="en")
    first.close()
    before = db.read_bytes()
    make_unwritable(db)
    make_unwritable(db.parent)

    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        stats = open_stats(db)
        assert stats.flush()
        for _ in range(5):
            stats.record("visit")  # no exception, nothing queued
        assert stats.flush()
        stats.close()
    assert stats.problem.startswith(f"usage counting stopped: cannot write {db} (")
    assert "\n" not in stats.problem
    logged = stats_records(caplog)
    assert [(r.levelno, r.getMessage()) for r in logged] == [(logging.WARNING, stats.problem)]

    # What was saved before is all still there, readable while the disk stays read-only.
    assert db.read_bytes() == before
    _, week = summary(db, date.today())
    assert (week.visits, week.topics) == (3, 1)
    assert report(db).days[0].visits == 3


def test_reaching_the_size_cap_stops_counting_and_keeps_the_file_sound(
    db: Path, open_stats: Callable[..., UsageStats], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        stats = open_stats(db, max_bytes=3 * 4096)  # room for the schema and a few rows
        for _ in range(10):
            stats.record("topic", topic="ibs-leg-pain", lang="en")
        assert stats.flush()
        assert stats.problem == ""
        for _ in range(2000):
            stats.record("topic", topic="ibs-leg-pain", lang="en")
        assert stats.flush()
        assert "full" in stats.problem
        assert stats.problem.startswith(f"usage counting stopped: cannot write {db} (")
        stats.record("visit")
        assert stats.flush()
        stats.close()
    logged = stats_records(caplog)
    assert [(r.levelno, r.getMessage()) for r in logged] == [(logging.WARNING, stats.problem)]

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        assert 10 <= kept < 2010
        assert conn.execute("SELECT DISTINCT kind, topic FROM events").fetchall() == [
            ("topic", "ibs-leg-pain")
        ]
    finally:
        conn.close()
    assert db.stat().st_size <= 3 * 4096
    assert report(db).topics[0].opens == kept


def test_a_corrupt_file_is_left_untouched(
    db: Path, open_stats: Callable[..., UsageStats], caplog: pytest.LogCaptureFixture
) -> None:
    db.parent.mkdir(parents=True)
    junk = b"NOT SQLITE" + os.urandom(16_374)
    db.write_bytes(junk)
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        stats = open_stats(db)
        stats.record("visit")
        assert stats.flush()
        stats.close()
    assert stats.problem == f"usage counting stopped: cannot write {db} (file is not a database)"
    assert [r.getMessage() for r in stats_records(caplog)] == [stats.problem]
    assert db.read_bytes() == junk
    with pytest.raises(StatsError, match="not a database") as raised:
        report(db)
    assert "\n" not in str(raised.value)
    assert summary(db, date.today()) == (Counts(), Counts())
    assert db.read_bytes() == junk


def test_another_programs_database_is_not_written(
    db: Path, open_stats: Callable[..., UsageStats]
) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE patients (name TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    stats = open_stats(db)
    assert stats.flush()
    assert "another program's database" in stats.problem
    assert db.read_bytes() == before
    with pytest.raises(StatsError, match="no usage counts"):
        report(db)


def test_a_missing_file_is_one_line_for_report_and_zero_for_summary(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    missing = tmp_path / "nowhere" / DB_NAME
    with pytest.raises(StatsError) as raised:
        report(missing)
    assert isinstance(raised.value, NothingCountedError)
    message = str(raised.value)
    assert message == f"nothing counted yet ({missing} does not exist)"
    assert "\n" not in message
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        assert summary(missing, date.today()) == (Counts(), Counts())
    assert len(stats_records(caplog)) == 1
    assert not missing.parent.exists()  # reading never creates anything


def test_an_empty_file_is_nothing_counted_yet_not_a_fault(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file of no bytes (SQLite's first step, before the writer made its table) is a usage
    database with nothing in it yet: NothingCountedError for report, zeros and an INFO line (not
    a warning) for summary; it is left as it is."""
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    with pytest.raises(NothingCountedError) as raised:
        report(db)
    assert str(raised.value) == f"nothing counted yet ({db} is empty)"
    with caplog.at_level(logging.INFO, logger="kiosk.stats"):
        assert summary(db, date.today()) == (Counts(), Counts())
    assert [r.levelno for r in stats_records(caplog)] == [logging.INFO]
    assert db.read_bytes() == b""


def test_a_folder_in_the_way_stops_counting(
    tmp_path: Path, open_stats: Callable[..., UsageStats]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    stats = open_stats(blocker / DB_NAME)
    stats.record("visit")
    assert stats.flush()
    assert stats.problem.startswith(f"usage counting stopped: cannot write {blocker / DB_NAME} (")


def test_paths_that_need_quoting_in_a_uri(
    tmp_path: Path, open_stats: Callable[..., UsageStats]
) -> None:
    db = tmp_path / "clinic #2 ?mode=rw&x=%20" / DB_NAME
    stats = open_stats(db)
    stats.record("visit")
    stats.close()
    assert report(db).days[0].visits == 1
    assert summary(db, date.today())[0].visits == 1
