"""`main.py set-pin` and `main.py stats`, run as separate processes as staff run them."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import subprocess
import sys
import tomllib
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.config import load_settings
from kiosk.staff import looks_like_hash, verify_pin
from kiosk.stats import CSV_HEADER, DB_NAME, UsageStats
from tests.conftest import ROOT, run_main

PIN = "246810"
INTRO = "Setting the staff PIN in "


def set_pin(*args: str, stdin: str = f"{PIN}\n{PIN}\n") -> subprocess.CompletedProcess[str]:
    """`python main.py set-pin ARGS` with the PIN typed on standard input (not a terminal)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env=dict(os.environ),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """What set-pin printed after its first line, which names the file it is about to write."""
    lines = done.stderr.splitlines()
    assert lines[0].startswith(INTRO), done.stderr
    return lines[1:]


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """A clinic's config, readable by the kiosk's group only (0640)."""
    path = tmp_path / "etc" / "kiosk.toml"
    path.parent.mkdir()
    path.write_text(
        '# Elm Street waiting room\nclinic_name = "Elm Street Clinic"\n\n# paper\npaper = "a4"\n',
        encoding="utf-8",
    )
    path.chmod(0o640)
    return path


# set-pin


def test_set_pin_writes_a_hash_and_keeps_the_rest_of_the_file(existing: Path) -> None:
    """Exit 0; a scrypt hash that verifies the PIN; comments, keys and mode 0640 kept; the PIN
    itself is nowhere in the output or the file."""
    done = set_pin("set-pin", "--config", str(existing))
    assert done.returncode == 0, done.stderr
    text = existing.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert looks_like_hash(data["staff_pin_hash"])
    assert data["staff_pin_hash"].startswith("scrypt$")
    assert verify_pin(PIN, data["staff_pin_hash"])
    assert not verify_pin("246811", data["staff_pin_hash"])
    assert text.startswith(
        '# Elm Street waiting room\nclinic_name = "Elm Street Clinic"\n\n# paper\npaper = "a4"\n'
    )
    assert text.count("staff_pin_hash") == 1
    assert data["clinic_name"] == "Elm Street Clinic"
    assert mode(existing) == 0o640
    assert PIN not in text
    assert PIN not in done.stdout
    assert PIN not in done.stderr
    assert done.stdout == ""
    assert str(existing) in done.stderr
    assert load_settings(existing)[1] == []
    assert sorted(p.name for p in existing.parent.iterdir()) == ["kiosk.toml"]


def test_set_pin_again_replaces_the_hash_in_place(existing: Path) -> None:
    """A second set-pin replaces the one hash line where it is; the old PIN stops working."""
    assert set_pin("set-pin", "--config", str(existing)).returncode == 0
    first = existing.read_text(encoding="utf-8").splitlines()
    done = set_pin("set-pin", "--config", str(existing), stdin="97531864\n97531864\n")
    assert done.returncode == 0, done.stderr
    second = existing.read_text(encoding="utf-8").splitlines()
    assert len(second) == len(first)
    changed = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert len(changed) == 1
    assert second[changed[0]].startswith('staff_pin_hash = "scrypt$')
    stored = tomllib.loads("\n".join(second))["staff_pin_hash"]
    assert verify_pin("97531864", stored)
    assert not verify_pin(PIN, stored)
    assert mode(existing) == 0o640


def test_set_pin_creates_a_new_file_readable_by_its_owner_only(tmp_path: Path) -> None:
    """A config that does not exist yet is made (folder too) from the documented defaults,
    mode 0600."""
    target = tmp_path / "new" / "folder" / "config.toml"
    done = set_pin("set-pin", "--config", str(target))
    assert done.returncode == 0, done.stderr
    assert mode(target) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Clinic kiosk settings.")
    settings, problems = load_settings(target)
    assert problems == []
    assert verify_pin(PIN, settings.staff_pin_hash)
    assert settings.clinic_name == "Your Clinic"
    assert PIN not in text
    assert PIN not in done.stderr + done.stdout


def test_set_pin_mismatch_changes_nothing(existing: Path, tmp_path: Path) -> None:
    """A different second entry: exit 1, one line, the file as it was (or still missing)."""
    before = existing.read_bytes()
    done = set_pin("set-pin", "--config", str(existing), stdin=f"{PIN}\n246812\n")
    assert done.returncode == 1
    assert error_lines(done) == ["kiosk: the two PINs are not the same; nothing was changed"]
    assert existing.read_bytes() == before
    assert mode(existing) == 0o640
    assert PIN not in done.stderr + done.stdout

    missing = tmp_path / "missing" / "config.toml"
    done = set_pin("set-pin", "--config", str(missing), stdin=f"{PIN}\n\n")
    assert done.returncode == 1
    assert len(error_lines(done)) == 1
    assert not missing.parent.exists()


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        (
            "1111",
            "kiosk: the PIN is too easy to guess (one digit repeated, or counting up or down)",
        ),
        ("123", "kiosk: the PIN must be 4 to 12 digits long"),
        ("12ab", "kiosk: the PIN must be digits only"),
    ],
)
def test_set_pin_refuses_a_bad_pin(existing: Path, pin: str, message: str) -> None:
    """A PIN that breaks the rules: exit 1 with one line, the file unchanged."""
    before = existing.read_bytes()
    done = set_pin("set-pin", "--config", str(existing), stdin=f"{pin}\n{pin}\n")
    assert done.returncode == 1
    assert error_lines(done) == [message]
    assert existing.read_bytes() == before


def test_set_pin_with_no_input_is_one_line(existing: Path) -> None:
    """Standard input already at its end: exit 1 with one line."""
    done = set_pin("set-pin", "--config", str(existing), stdin="")
    assert done.returncode == 1
    assert error_lines(done) == ["kiosk: no PIN given on standard input"]


def test_set_pin_refuses_a_config_with_a_syntax_error(tmp_path: Path) -> None:
    """A config TOML cannot parse: exit 1 with one line, the file left exactly as it was."""
    broken = tmp_path / "broken.toml"
    broken.write_text('# ours\nclinic_name = "Elm Street Clinic\npaper = \n', encoding="utf-8")
    before = broken.read_bytes()
    done = set_pin("set-pin", "--config", str(broken))
    assert done.returncode == 1
    lines = error_lines(done)
    assert len(lines) == 1
    assert lines[0].startswith(f"kiosk: {broken}: the config has a syntax error (")
    assert lines[0].endswith("; fix it first")
    assert broken.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.toml"]
    assert PIN not in done.stderr


def test_set_pin_without_config_writes_the_kiosks_own(tmp_path: Path) -> None:
    """Without --config the PIN goes to KIOSK_CONFIG (here the per-test folder)."""
    target = Path(os.environ["KIOSK_CONFIG"])
    assert not target.exists()
    assert paths.config_file() == target
    done = set_pin("set-pin")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"{INTRO}{target} ")
    assert verify_pin(PIN, load_settings(target)[0].staff_pin_hash)
    assert mode(target) == 0o600
    assert not (tmp_path / "config.toml").exists()


def test_set_pin_honours_a_config_given_before_the_subcommand(existing: Path) -> None:
    """`main.py --config FILE set-pin` (the unit's own form of --config) writes FILE."""
    done = set_pin("--config", str(existing), "set-pin")
    assert done.returncode == 0, done.stderr
    assert verify_pin(PIN, load_settings(existing)[0].staff_pin_hash)
    assert not Path(os.environ["KIOSK_CONFIG"]).exists()


# stats


def local(text: str) -> float:
    """Unix seconds for a local time written as 2026-03-10T12:00 (the kiosk counts local days)."""
    return datetime.fromisoformat(text).timestamp()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# (day, kind, topic, lang, value) -> how many times it is recorded
RECORDED: dict[tuple[str, str, str, str, str], int] = {
    ("2026-03-10", "visit", "", "", ""): 2,
    ("2026-03-10", "language", "", "es", ""): 1,
    ("2026-03-10", "topic", "ibs-leg-pain", "en", ""): 2,
    ("2026-03-10", "narration", "ibs-leg-pain", "en", ""): 1,
    ("2026-03-10", "print", "ibs-leg-pain", "en", ""): 1,
    ("2026-03-11", "visit", "", "", ""): 1,
    ("2026-03-11", "topic", "diarrhea-leg-pain", "es", ""): 3,
    ("2026-03-11", "text_size", "", "", "130"): 1,
}


@pytest.fixture
def recorded() -> Path:
    """The usage database in KIOSK_DATA_DIR, with RECORDED written through UsageStats."""
    path = paths.data_dir() / DB_NAME
    clock = Clock()
    stats = UsageStats(path, clock=clock)
    try:
        for (day, kind, topic, lang, value), times in RECORDED.items():
            clock.now = local(f"{day}T12:00")
            for _ in range(times):
                stats.record(
                    kind,
                    topic=topic or None,
                    lang=lang or None,
                    value=int(value) if value else None,
                )
        assert stats.flush()
        assert stats.problem == ""
    finally:
        stats.close()
    return path


def cells(line: str) -> list[str]:
    """The columns of one line of the text report (columns are at least two spaces apart)."""
    return re.split(r"\s{2,}", line.strip())


def test_stats_text_shows_each_day_and_each_topic(recorded: Path) -> None:
    """The text report has one line per day with its totals, and each topic id."""
    done = run_main("stats")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "Usage counts, all days"
    day_10 = next(line for line in lines if line.startswith("2026-03-10"))
    day_11 = next(line for line in lines if line.startswith("2026-03-11"))
    total = next(line for line in lines if line.startswith("total"))
    # day, visits, topics opened, read aloud, printed, audio guide, languages, sizes, themes
    assert cells(day_10) == [
        "2026-03-10",
        "2",
        "2",
        "1",
        "1",
        "0",
        "es 1",
        "-",
        "-",
    ]
    assert cells(day_11)[:7] == ["2026-03-11", "1", "3", "0", "0", "0", "-"]
    assert "130% 1" in day_11
    assert cells(total)[:6] == ["total", "3", "5", "1", "1", "0"]
    assert "Per topic" in lines
    ibs = next(line for line in lines if line.startswith("ibs-leg-pain"))
    diarrhea = next(line for line in lines if line.startswith("diarrhea-leg-pain"))
    assert cells(ibs) == ["ibs-leg-pain", "en", "2", "1", "1"]
    assert cells(diarrhea) == ["diarrhea-leg-pain", "es", "3", "0", "0"]


def test_stats_csv_counts_match_what_was_recorded(recorded: Path) -> None:
    """--csv is tidy CSV whose counts are exactly the events recorded."""
    done = run_main("stats", "--csv")
    assert done.returncode == 0, done.stderr
    reader = csv.DictReader(io.StringIO(done.stdout))
    assert tuple(reader.fieldnames or ()) == CSV_HEADER
    counts: Counter[tuple[str, str, str, str, str]] = Counter()
    for row in reader:
        counts[(row["day"], row["kind"], row["topic"], row["lang"], row["value"])] += int(
            row["count"]
        )
    assert dict(counts) == RECORDED


def test_stats_since_keeps_that_day_and_later(recorded: Path) -> None:
    """--since a day drops the days before it; a day in the future leaves no rows."""
    done = run_main("stats", "--csv", "--since", "2026-03-11")
    assert done.returncode == 0, done.stderr
    days = {row["day"] for row in csv.DictReader(io.StringIO(done.stdout))}
    assert days == {"2026-03-11"}

    done = run_main("stats", "--csv", "--since", "2099-01-01")
    assert done.returncode == 0, done.stderr
    assert list(csv.DictReader(io.StringIO(done.stdout))) == []
    assert done.stdout == ",".join(CSV_HEADER) + "\n"

    done = run_main("stats", "--since", "2099-01-01")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Usage counts, since 2099-01-01", "", "No usage recorded."]


def test_stats_since_not_a_date_is_a_usage_error(recorded: Path) -> None:
    """--since notadate: exit 2 with argparse's one-line error naming the bad value."""
    done = run_main("stats", "--since", "notadate")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines()[-1] == (
        "kiosk stats: error: argument --since: 'notadate' is not a date like 2026-01-31"
    )


def test_stats_without_a_database_is_an_empty_report() -> None:
    """No usage database yet (a kiosk that has counted nothing): exit 0, the CSV is its header
    row and the text says nothing is recorded, with one line naming the file; nothing is
    created."""
    path = paths.data_dir() / DB_NAME
    note = f"kiosk: nothing counted yet ({path} does not exist)\n"

    done = run_main("stats", "--csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ",".join(CSV_HEADER) + "\n"
    assert done.stderr == note

    done = run_main("stats")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Usage counts, all days", "", "No usage recorded."]
    assert done.stderr == note
    assert not path.parent.exists()


def empty_file(path: Path) -> None:
    """What SQLite leaves when a kiosk stops before its first write: a file of no bytes."""
    path.write_bytes(b"")


def no_events(path: Path) -> None:
    """A usage database made by the kiosk's own writer, which never got an event."""
    stats = UsageStats(path)
    assert stats.flush()
    stats.close()
    assert stats.problem == ""


@pytest.mark.parametrize("make", [empty_file, no_events])
def test_stats_of_a_database_with_no_events_is_an_empty_report(
    make: Callable[[Path], None],
) -> None:
    """A usage database that holds no events: exit 0, the CSV header row, "No usage recorded"."""
    path = paths.data_dir() / DB_NAME
    path.parent.mkdir(parents=True)
    make(path)
    before = path.read_bytes()

    done = run_main("stats", "--csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ",".join(CSV_HEADER) + "\n"

    done = run_main("stats", "--csv", "--since", "2026-03-11")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ",".join(CSV_HEADER) + "\n"

    done = run_main("stats")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Usage counts, all days", "", "No usage recorded."]
    assert path.read_bytes() == before  # reading never writes
