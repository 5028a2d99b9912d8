"""Usage counts survive a kiosk killed mid-write: a real process counting in a loop is SIGKILLed
at different moments, and the database it leaves is sound and holds every event it reported."""

from __future__ import annotations

import queue
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.stats import DB_NAME, UsageStats, report
from tests.conftest import ROOT

# Records events in batches of 1 to 5 and, after each flush, prints how many it has written.
CHILD = r"""
import random
import sys
from pathlib import Path

from kiosk.stats import UsageStats

stats = UsageStats(Path(sys.argv[1]))
rng = random.Random(int(sys.argv[2]))
written = 0
while True:
    batch = rng.randint(1, 5)
    for _ in range(batch):
        stats.record("topic", topic="ibs-leg-pain", lang="en")
    if not stats.flush(20):
        print("flush timed out", flush=True)
        sys.exit(2)
    if stats.problem:
        print("problem:", stats.problem, flush=True)
        sys.exit(3)
    written += batch
    print(written, flush=True)
"""
MAX_BATCH = 5
LINE_TIMEOUT = 30.0


def count_rows(db: Path) -> int:
    """Rows in the file after a crash, opened read-write so SQLite recovers the WAL."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        conn.close()


def run_and_kill(db: Path, seed: int, kill_at: int) -> int:
    """Start a counting process, SIGKILL it once it reports `kill_at` events written, and return
    the last count it reported (its whole output is read, up to the moment it died)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(seed)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.strip())
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reported = 0
    try:
        while reported < kill_at:
            line = lines.get(timeout=LINE_TIMEOUT)
            assert line is not None, (
                f"the child ended early: {proc.stderr.read() if proc.stderr else ''}"
            )
            assert line.isdigit(), f"the child said: {line}"
            reported = int(line)
        proc.kill()  # SIGKILL: no clean-up, no close, mid-stream
        proc.wait(timeout=LINE_TIMEOUT)
        reader.join(timeout=LINE_TIMEOUT)
        while (line := lines.get_nowait()) is not None:  # what it printed before it died
            assert line.isdigit(), f"the child said: {line}"
            reported = int(line)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=LINE_TIMEOUT)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert proc.returncode == -9
    return reported


def test_killed_mid_stream_loses_at_most_the_last_event(tmp_path: Path) -> None:
    db = tmp_path / "data" / DB_NAME
    total = 0
    for seed, kill_at in enumerate((1, 40, 300)):
        reported = run_and_kill(db, seed, kill_at)
        rows = count_rows(db)
        # Everything reported as written is there; at most the batch being written when the
        # kill came is there too, never more.
        assert total + reported <= rows <= total + reported + MAX_BATCH
        total = rows

    # The kiosk starts again on the file the crashes left and counts on.
    stats = UsageStats(db)
    stats.record("visit")
    stats.close()
    assert stats.problem == ""
    assert count_rows(db) == total + 1
    full = report(db)
    assert sum(d.topics for d in full.days) == total
    assert sum(d.visits for d in full.days) == 1
