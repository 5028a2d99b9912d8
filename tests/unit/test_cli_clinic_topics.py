"""Every tool reads the topics the kiosk shows: the shipped ones and the clinic's own folder
(`topics_dir` in the config), run as separate processes as staff and authors run them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kiosk.config import load_settings, topic_roots
from kiosk.content import load_topics
from kiosk.content.store import PackStore
from kiosk.content.updates import Outcome, check_once
from tests.conftest import run_main
from tests.pack_samples import make_keys, make_pack, shipped_copy
from tests.topic_samples import VALID, write_topic

CLINIC_TOPIC = VALID.replace('id = "sample"', 'id = "t1"').replace(
    'title = "A sample topic"', 'title = "A clinic topic"'
)


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A config (at KIOSK_CONFIG, where the kiosk looks) whose topics_dir holds topic 't1'."""
    folder = tmp_path / "clinic topics"
    write_topic(folder, CLINIC_TOPIC, name="t1")
    config = Path(os.environ["KIOSK_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"topics_dir = {json.dumps(str(folder))}\n", encoding="utf-8")
    settings, problems = load_settings(config)
    assert problems == []
    # The kiosk itself shows it: the tools below must find the same topic.
    shown = load_topics(topic_roots(settings)).for_screen("en")
    assert "t1" in [t.id for t in shown]
    return config


def test_topics_lists_the_clinics_topics(clinic: Path) -> None:
    done = run_main("topics", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "en  t1 " in done.stdout
    assert "ibs-leg-pain" in done.stdout  # the shipped ones as well


def test_topics_with_config_after_the_subcommand(clinic: Path) -> None:
    """--config FILE after the subcommand, with KIOSK_CONFIG pointing elsewhere."""
    env = {**os.environ, "KIOSK_CONFIG": str(clinic.parent / "none.toml")}
    done = run_main("topics", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert "t1" not in {t["id"] for t in json.loads(done.stdout)}
    done = run_main("topics", "--json", "--config", str(clinic), env=env)
    assert done.returncode == 0, done.stderr
    assert "t1" in {t["id"] for t in json.loads(done.stdout)}


def test_check_content_without_folders_checks_the_clinics_topics(clinic: Path) -> None:
    folder = Path(load_settings(clinic)[0].topics_dir)
    done = run_main("check-content")
    assert done.returncode == 0, done.stderr
    assert f"{folder / 'en' / 't1.toml'}: ok (grade" in done.stderr
    assert "ibs-leg-pain.toml: ok (grade" in done.stderr


def test_check_content_reports_a_missing_clinic_folder(clinic: Path, tmp_path: Path) -> None:
    """The kiosk would show none of the clinic's topics: that is a problem to report."""
    missing = tmp_path / "gone"
    clinic.write_text(f"topics_dir = {json.dumps(str(missing))}\n", encoding="utf-8")
    done = run_main("check-content", "--quiet")
    assert done.returncode == 1
    assert done.stdout == f"{missing}: topic folder not found\n"


def test_handout_of_a_clinic_topic(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "t1.pdf"
    done = run_main("handout", "t1", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert out.read_bytes().startswith(b"%PDF-")


def test_handout_with_config_before_the_subcommand(clinic: Path, tmp_path: Path) -> None:
    out = tmp_path / "t1.pdf"
    env = {**os.environ, "KIOSK_CONFIG": str(clinic.parent / "none.toml")}
    done = run_main("--config", str(clinic), "handout", "t1", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.fixture
def pack_in_use(clinic: Path, tmp_path: Path) -> Path:
    """A content pack (the shipped topics and 'pack-extra') in use in the kiosk's data folder,
    taken as the kiosk takes one; the clinic's folder still adds 't1'."""
    private, public = make_keys(tmp_path / "keys")
    source = make_pack(
        shipped_copy(tmp_path / "pack", "From the pack"), private, tmp_path / "p.kpack", 9
    )
    store = PackStore.default()
    result = check_once(source=str(source), public_key=public, store=store, max_bytes=10**7)
    assert result.outcome is Outcome.NEW, result.detail
    store.switch(9)
    with clinic.open("a", encoding="utf-8") as config:  # packs on, as on the kiosk
        config.write(f"content_url = {json.dumps(str(source))}\n")
        config.write(f"content_public_key = {json.dumps(str(public))}\n")
    return store.topics_root(9)


def test_every_tool_reads_the_content_pack_in_use(pack_in_use: Path, tmp_path: Path) -> None:
    done = run_main("topics", "--json")
    assert done.returncode == 0, done.stderr
    listed = {(t["id"], t["lang"]): t for t in json.loads(done.stdout)}
    assert ("pack-extra", "en") in listed
    assert ("t1", "en") in listed  # the clinic's own folder adds to the pack
    assert Path(listed[("ibs-leg-pain", "en")]["path"]).is_relative_to(pack_in_use)
    done = run_main("check-content")
    assert done.returncode == 0, done.stderr
    assert f"{pack_in_use / 'en' / 'pack-extra.toml'}: ok (grade" in done.stderr
    out = tmp_path / "extra.pdf"
    done = run_main("handout", "pack-extra", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    shot = tmp_path / "extra.png"
    done = run_main("screenshot", "--screen", "topic", "--topic", "pack-extra", "-o", str(shot))
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 10_000
