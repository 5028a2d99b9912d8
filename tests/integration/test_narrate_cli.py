"""`narrate`: the whole topic as one WAV with sentence timings, as staff and tests hear it."""

from __future__ import annotations

import itertools
import json
import wave
from pathlib import Path

from kiosk import paths
from kiosk.content import load_topics
from kiosk.narration.script import flatten, reading_blocks
from tests.conftest import run_main as run
from tests.topic_samples import VALID, write_topic


def test_narrate_writes_the_topic_and_its_timings(tmp_path: Path) -> None:
    out, timings_file = tmp_path / "topic.wav", tmp_path / "timings.json"
    done = run("narrate", "diarrhea-leg-pain", "-o", str(out), "--timings", str(timings_file))
    assert done.returncode == 0, done.stderr
    topic = load_topics(paths.TOPICS).find("diarrhea-leg-pain", "en")
    assert topic is not None
    sentences, _ = flatten(reading_blocks(topic))
    timings = json.loads(timings_file.read_text(encoding="utf-8"))
    assert [t["text"] for t in timings] == sentences
    starts = [t["start"] for t in timings]
    assert starts[0] == 0.0
    assert all(b > a for a, b in itertools.pairwise(starts))
    with wave.open(str(out)) as wav:
        assert wav.getframerate() == 22050
        assert wav.getnchannels() == 1
        duration = wav.getnframes() / wav.getframerate()
    assert duration > starts[-1] + 0.5
    assert "Call 911 now" in sentences


def test_narrate_unknown_topic_is_one_line() -> None:
    done = run("narrate", "nope", "-o", "x.wav")
    assert done.returncode == 1
    assert done.stderr.strip() == "kiosk: no topic 'nope' in language 'en'"


def test_narrate_reads_a_clinic_topic_from_the_config(tmp_path: Path) -> None:
    """A topic in the config's topics_dir (which the kiosk shows) is read aloud like a shipped
    one; --config after the subcommand."""
    clinic = tmp_path / "clinic"
    write_topic(clinic, VALID.replace('id = "sample"', 'id = "t1"'), name="t1")
    config = tmp_path / "kiosk.toml"
    config.write_text(f"topics_dir = {json.dumps(str(clinic))}\n", encoding="utf-8")
    out, timings_file = tmp_path / "t1.wav", tmp_path / "t1.json"
    done = run(
        "narrate", "t1", "-o", str(out), "--timings", str(timings_file), "--config", str(config)
    )
    assert done.returncode == 0, done.stderr
    topic = load_topics(clinic).find("t1", "en")
    assert topic is not None
    sentences, _ = flatten(reading_blocks(topic))
    assert [t["text"] for t in json.loads(timings_file.read_text(encoding="utf-8"))] == sentences
    with wave.open(str(out)) as wav:
        assert wav.getnframes() > 0
