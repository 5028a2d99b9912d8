"""Quality findings for authors: each rule fires on a text that breaks it, with its location."""

from __future__ import annotations

from pathlib import Path

from kiosk.content import load_topics
from kiosk.content.quality import check_topic, overall_score, scores
from tests.topic_samples import VALID, line_of, write_topic


def findings(tmp_path: Path, text: str, lang: str = "en") -> list[str]:
    write_topic(tmp_path, text, lang=lang)
    result = load_topics(tmp_path)
    assert result.errors == []
    return [str(f) for f in check_topic(result.topics[0])]


def test_sample_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, VALID) == []


def test_hard_section_is_flagged_with_grade_and_line(tmp_path: Path) -> None:
    hard = (
        "Gastrointestinal inflammation occasionally precipitates generalized musculoskeletal "
        "discomfort. Electrolyte abnormalities subsequently exacerbate involuntary contractions."
    )
    text = VALID.replace('text = "Rest your legs. Drink water."', f'text = "{hard}"')
    (finding,) = findings(tmp_path, text)
    line = line_of(text, "Gastrointestinal")
    assert f"sample.toml:{line}: sections 2 text: reading grade " in finding
    assert finding.endswith("is above 6.0; use shorter words and sentences")


def test_long_sentence_is_flagged(tmp_path: Path) -> None:
    long = " ".join(["Rest"] + ["and rest"] * 13) + "."
    text = VALID.replace('"You have a fever.",', f'"{long}",')
    result = findings(tmp_path, text)
    assert any(
        "warning_signs call_doctor_today 2: a sentence has 27 words (limit 25)" in f for f in result
    ), result


def test_temperature_needs_both_scales(tmp_path: Path) -> None:
    text = VALID.replace('"You have a fever."', '"You have a fever of 101 °F."')
    result = findings(tmp_path, text)
    assert any(
        f.endswith("warning_signs call_doctor_today 2: give temperatures in both °F and °C")
        for f in result
    ), result


def test_too_few_steps_and_a_step_that_is_not_an_action(tmp_path: Path) -> None:
    text = VALID.replace('    "Stretch your legs slowly.",\n', "").replace(
        '"Drink a glass of water."', '"Your legs need water."'
    )
    result = findings(tmp_path, text)
    assert any(f.endswith("self_care steps: has 2 steps; give at least 3") for f in result)
    assert any(
        f.endswith("self_care steps 2: should start with an action word (a verb), not 'your'")
        for f in result
    ), result


def test_summary_of_three_sentences(tmp_path: Path) -> None:
    text = VALID.replace("Rest and water help most of the time.", "Rest helps. Water helps.")
    result = findings(tmp_path, text)
    assert any(
        f.endswith("summary: has 3 sentences; the main message is one or two") for f in result
    ), result


def test_spanish_uses_fernandez_huerta(tmp_path: Path) -> None:
    spanish = VALID.replace('lang = "en"', 'lang = "es"').replace(
        'text = "Rest your legs. Drink water."',
        'text = "La deshidratación gastrointestinal provoca alteraciones electrolíticas '
        'considerables, especialmente musculares."',
    )
    write_topic(tmp_path, spanish, lang="es")
    topic = load_topics(tmp_path).topics[0]
    section = next(s for s in scores(topic) if s.field == "sections[1].text")
    assert section.value < 80
    assert not section.passed
    assert any("Fernández-Huerta" in str(f) and "below 80" in str(f) for f in check_topic(topic))
    assert overall_score(topic) > section.value
