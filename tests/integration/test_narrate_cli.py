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
