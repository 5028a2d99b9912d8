"""The catalog: every topic listed from the content index where its file is unchanged, read in
full only when opened; the index rebuilt when it is missing, broken, foreign or stale."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest

from kiosk.content import catalog
from kiosk.content.catalog import INDEX_NAME, KEPT_TOPICS, Catalog, scan
from kiosk.content.loader import load_topics
from tests.topic_samples import VALID, write_topic


def _age(path: Path, seconds: float = 60) -> None:
    """Make a file look written `seconds` ago (older than the index's racy window)."""
    when = time.time() - seconds
    os.utime(path, (when, when))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the catalog reads in full, in order."""
    seen: list[str] = []
    real = catalog.read_topic

    def counting(path: Path, lang_folder: str) -> object:
        seen.append(path.name)
        return real(path, lang_folder)

    monkeypatch.setattr(catalog, "read_topic", counting)
    return seen


def _library(root: Path, count: int = 3) -> list[Path]:
    files = [
        write_topic(root, VALID.replace('"sample"', f'"t-{n}"'), name=f"t-{n}")
        for n in range(count)
    ]
    for file in files:
        _age(file)
    return files


def test_unchanged_files_are_listed_from_the_index_without_being_read(
    tmp_path: Path, reads: list[str]
) -> None:
    root, index = tmp_path / "topics", tmp_path / "cache" / INDEX_NAME
    _library(root)
    first = scan(root, index)
    assert sorted(e.id for e in first.entries) == ["t-0", "t-1", "t-2"]
    assert len(reads) == 3
    assert index.is_file()
    reads.clear()
    again = scan(root, index)
    assert reads == []  # nothing read: all from the index
    assert again.entries == first.entries
    # The entry holds what the lists show, the same as reading the file gives.
    whole = load_topics(root).topics[0]
    entry = next(e for e in again.entries if e.id == whole.id)
    assert (entry.title, entry.summary, entry.icon, entry.awaiting) == (
        whole.title,
        whole.summary,
        whole.icon,
        whole.review.awaiting,
    )


def test_a_changed_file_is_read_again(tmp_path: Path, reads: list[str]) -> None:
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    files = _library(root)
    scan(root, index)
    reads.clear()
    files[1].write_text(
        files[1].read_text(encoding="utf-8").replace("A sample topic", "A new title"),
        encoding="utf-8",
    )
    _age(files[1], 30)
    found = scan(root, index)
    assert reads == ["t-1.toml"]
    assert next(e for e in found.entries if e.id == "t-1").title == "A new title"


def test_a_file_changed_just_before_the_index_was_written_is_read_again(
    tmp_path: Path, reads: list[str]
) -> None:
    """Same size, and a time the file system may not tell apart from the index's: not trusted."""
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    fresh = write_topic(root)  # written now, not aged
    scan(root, index)
    reads.clear()
    fresh.write_text(VALID.replace("A sample topic", "A sample tropic"), encoding="utf-8")
    stamp = fresh.stat()
    assert scan(root, index).entries[0].title == "A sample tropic"
    assert reads == ["sample.toml"]
    assert fresh.stat().st_size == stamp.st_size


def test_a_broken_foreign_or_missing_index_is_rebuilt(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    _library(root, 2)
    for damage in ("{not json", json.dumps({"schema": 99}), json.dumps([1, 2])):
        index.write_text(damage, encoding="utf-8")
        reads.clear()
        assert len(scan(root, index).entries) == 2
        assert len(reads) == 2
    # Written by another version of the loader: not used.
    monkeypatch.setattr(catalog, "_code_key", lambda: "another loader")
    reads.clear()
    assert len(scan(root, index).entries) == 2
    assert len(reads) == 2
    # An entry in the index that is not one is read from its file.
    data = json.loads(index.read_text(encoding="utf-8"))
    for record in data["files"].values():
        record["entry"]["title"] = ""
    index.write_text(json.dumps(data), encoding="utf-8")
    reads.clear()
    assert {e.title for e in scan(root, index).entries} == {"A sample topic"}
    assert len(reads) == 2


def test_an_index_that_cannot_be_written_costs_only_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "topics"
    _library(root, 2)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        found = scan(root, blocked / INDEX_NAME)
    assert len(found.entries) == 2
    lines = [r.getMessage() for r in caplog.records if "content index not saved" in r.getMessage()]
    assert len(lines) == 1
    assert "\n" not in lines[0]


def test_a_changed_drawing_is_a_changed_topic(tmp_path: Path, reads: list[str]) -> None:
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    (root / "figures").mkdir(parents=True)
    drawing = root / "figures" / "mine.svg"
    drawing.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    text = VALID + '\n[[figures]]\nfile = "mine.svg"\nalt = "A drawing."\nafter_section = 1\n'
    _age(write_topic(root, text))
    _age(drawing)
    assert len(scan(root, index).entries) == 1
    reads.clear()
    drawing.unlink()  # now the topic does not load
    found = scan(root, index)
    assert reads == ["sample.toml"]
    assert found.entries == []
    assert "no such drawing" in str(found.errors[0])


def test_broken_files_are_reported_at_each_start(tmp_path: Path, reads: list[str]) -> None:
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    _library(root, 1)
    _age(write_topic(root, "title = ", name="broken"))
    scan(root, index)
    for _ in range(2):
        reads.clear()
        found = scan(root, index)
        assert reads == ["broken.toml"]
        assert [e.path.endswith("broken.toml") for e in found.errors] == [True]


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_topic(first)
    write_topic(second)
    found = scan([first, second], tmp_path / INDEX_NAME)
    assert [e.path for e in found.entries] == [str(first / "en" / "sample.toml")]
    assert "duplicate id 'sample'" in str(found.errors[0])


def test_a_topic_is_read_in_full_when_opened_and_a_few_are_kept(
    tmp_path: Path, reads: list[str]
) -> None:
    root, index = tmp_path / "topics", tmp_path / INDEX_NAME
    _library(root, KEPT_TOPICS + 2)
    listed = scan(root, index)
    reads.clear()
    topic = listed.find("t-0", "en")
    assert topic is not None
    assert topic.sections
    assert topic.self_care
    assert listed.find("t-0", "en") is topic
    assert reads == ["t-0.toml"]
    for n in range(1, KEPT_TOPICS + 1):
        listed.find(f"t-{n}", "en")
    reads.clear()
    listed.find("t-0", "en")  # the oldest was let go: read again
    assert reads == ["t-0.toml"]
    listed.forget()
    reads.clear()
    listed.find("t-0", "en")
    assert reads == ["t-0.toml"]
    assert listed.find("nothing", "en") is None
    assert listed.find_any("t-1", "es") is not None  # found from the other language


def test_a_file_broken_since_it_was_listed_is_not_shown(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "topics"
    (file,) = _library(root, 1)
    listed = scan(root, tmp_path / INDEX_NAME)
    file.write_text("title = ", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        assert listed.find("t-0", "en") is None
    assert "topic skipped" in caplog.text
    assert listed.errors
    assert "syntax error" in str(listed.errors[-1])
    listed.find("t-0", "en")  # tapped again: still one line for staff
    assert len(listed.errors) == 1
    file.unlink()
    assert listed.find("t-0", "en") is None
    assert "cannot read file" in str(listed.errors[-1])


def test_a_catalog_of_topics_in_memory_never_reads_files(tmp_path: Path, reads: list[str]) -> None:
    write_topic(tmp_path)
    result = load_topics(tmp_path)
    listed = Catalog.of(result)
    (tmp_path / "en" / "sample.toml").unlink()
    assert listed.find("sample", "en") is result.topics[0]
    assert reads == []
