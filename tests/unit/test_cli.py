"""The command line: topics and check-content, through main() as a user calls them, and what
the tools that draw leave behind in the process."""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli, start
from kiosk.cli import main
from kiosk.content import load_topics
from tests.conftest import ROOT, run_main
from tests.library_samples import make_library
from tests.topic_samples import VALID, write_topic


def test_topics_json_lists_every_shipped_topic_with_every_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["topics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {(t["id"], t["lang"]) for t in data}
    assert {("ibs-leg-pain", "en"), ("diarrhea-leg-pain", "en")} <= ids
    for topic in data:
        for key in (
            "id",
            "lang",
            "title",
            "summary",
            "sections",
            "self_care",
            "warning_signs",
            "learn_more",
            "current_as_of",
            "review",
            "sources",
        ):
            assert topic[key], (topic["id"], key)
        assert set(topic["warning_signs"]) == {"call_911", "call_doctor_today", "watch"}
        assert all(set(s) == {"heading", "text"} for s in topic["sections"])


def test_topics_plain_list_filtered_by_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_topic(tmp_path)
    write_topic(tmp_path, VALID.replace('lang = "en"', 'lang = "es"'), lang="es")
    assert main(["topics", "--dir", str(tmp_path), "--lang", "es"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["es  sample                       A sample topic  (awaits review)"]


def test_check_content_passes_on_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-content"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "ibs-leg-pain.toml: ok (grade" in captured.err


def test_check_content_one_line_per_problem_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_topic(tmp_path, "id = ", name="syntax")
    write_topic(tmp_path, VALID.replace('title = "A sample topic"\n', ""), name="sample")
    write_topic(
        tmp_path,
        VALID.replace('"sample"', '"hard"').replace(
            "Rest your legs. Drink water.",
            "Gastrointestinal inflammation precipitates generalized musculoskeletal discomfort.",
        ),
        name="hard",
    )
    assert main(["check-content", str(tmp_path), "--quiet"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3, lines
    assert lines[0].endswith("sample.toml:1: title: is missing")
    assert lines[1].endswith("syntax.toml:1: syntax error: Invalid value")
    assert "hard.toml:" in lines[2]
    assert "sections 2 text: reading grade" in lines[2]


def test_check_content_on_an_empty_folder_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-content", str(tmp_path)]) == 1
    assert capsys.readouterr().out.strip().endswith("no topic files found")


def test_main_py_runs_as_a_program() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "topics", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ibs-leg-pain" in done.stdout


# Run in-process, as these tests and any embedding script do.
IN_PROCESS = """
import sys
from PySide6.QtCore import QCoreApplication
from kiosk.cli import main
status = main(sys.argv[1:])
print(status, type(QCoreApplication.instance()).__name__)
"""


@pytest.mark.parametrize(
    "args", [("check-content", "--quiet"), ("handout", "ibs-leg-pain", "-o", "out.pdf")]
)
def test_tools_run_in_process_make_the_kiosks_kind_of_application(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """check-content and handout lay out pages with Qt. In-process they make the kiosk's own
    QApplication: a QGuiApplication would stay for the life of the process, and nothing later in
    it (the kiosk, pytest-qt's qapp in the next test file) could have its QApplication. A fresh
    process, so that no earlier test has made one already."""
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0 QApplication\n", done.stderr


def test_check_content_names_an_unknown_category_and_where_it_goes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_topic(tmp_path, VALID.replace('icon = "legs"', 'icon = "legs"\ncategories = ["legz"]'))
    assert main(["check-content", str(tmp_path), "--quiet"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith(
        "sample.toml:6: categories 1: unknown category 'legz' (did you mean 'legs'?); "
        "it is listed under 'other'"
    )


def test_a_category_that_is_not_an_id_stops_the_topic_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_topic(tmp_path, VALID.replace('icon = "legs"', 'icon = "legs"\ncategories = "legs"'))
    assert main(["check-content", str(tmp_path), "--quiet"]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith(
        'sample.toml:6: categories: must be a list like ["stomach", "legs"], not text'
    )


LONG_STEP = '"' + "Rest your legs, drink water and walk a little each day. " * 12 + '",'


def _with_long_steps(text: str) -> str:
    """A topic too long for one page: four long self-care steps more."""
    return text.replace("steps = [", "steps = [\n" + "\n".join([LONG_STEP] * 4), 1)


def test_check_content_of_a_large_library_lays_pages_out_in_two_processes_alike(
    tmp_path: Path,
) -> None:
    """From TWO_PROCESSES_FROM files on, half the pages are laid out in a second process: the
    same warnings, in the same order, as laying them all out in one."""
    library = make_library(tmp_path / "library", cli.TWO_PROCESSES_FROM // 2 + 1)
    for file in sorted((library / "en").glob("*.toml"))[:5]:  # a few too long for one page
        file.write_text(_with_long_steps(file.read_text(encoding="utf-8")), encoding="utf-8")
    done = run_main("check-content", str(library), "--quiet")
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    topics = cli._in_order(load_topics([library]).topics)
    expected = [f"warning: {line}" for line in cli._handout_warnings(topics).values()]
    assert len(expected) >= 5
    assert warnings == expected


def test_when_the_second_process_fails_its_half_is_laid_out_here(tmp_path: Path) -> None:
    for n in range(3):
        text = _with_long_steps(VALID).replace('"sample"', f'"s-{n}"')
        write_topic(tmp_path, text, name=f"s-{n}")
    topics = load_topics(tmp_path).topics
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=1)
    failed: concurrent.futures.Future[dict[str, str]] = concurrent.futures.Future()
    failed.set_exception(concurrent.futures.process.BrokenProcessPool("gone"))
    lines = cli._all_handout_warnings(topics, (pool, failed))
    assert len(lines) == 3
    assert lines == list(cli._handout_warnings(cli._in_order(topics)).values())


def test_the_kiosk_starts_with_automatic_collection_held_off_and_gives_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The running kiosk collects on its own timer (kiosk/collector.py); while it starts,
    Python's automatic collection is off. The process's setting is as it was afterwards,
    also when the kiosk could not start (here: no display)."""
    seen: list[bool] = []

    def run_kiosk(*_args: object, **_kwargs: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(start, "run_kiosk", run_kiosk)
    monkeypatch.setattr(start, "has_display", lambda: True)
    assert gc.isenabled()
    assert main(["--windowed"]) == 0
    assert seen == [False]
    assert gc.isenabled()
    monkeypatch.setattr(start, "has_display", lambda: False)
    assert main(["--windowed"]) == 1
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # a process that had it off keeps it off
    try:
        monkeypatch.setattr(start, "has_display", lambda: True)
        assert main(["--windowed"]) == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
