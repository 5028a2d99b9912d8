"""Quality findings for authors: each rule fires on a text that breaks it, with its location."""

from __future__ import annotations

from pathlib import Path

from kiosk.content import load_topics
from kiosk.content.quality import check_topic, overall_score, scores
from tests.topic_samples import VALID, VALID_ZH, line_of, write_topic


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


# -- Chinese: lengths in characters, rare characters named, steps that start with a verb --------


def test_chinese_sample_passes(tmp_path: Path) -> None:
    assert findings(tmp_path, VALID_ZH, "zh") == []


def test_chinese_long_sentences_are_counted_in_characters(tmp_path: Path) -> None:
    long = "活动太多时腿会疼，身体缺水时腿也会疼，走路太久或者站得太久的时候腿也常常会很疼"  # 37
    text = VALID_ZH.replace("活动太多时，腿会疼。身体缺水时，腿也会疼。", long + "。")
    result = findings(tmp_path, text, "zh")
    line = line_of(text, 'text = """')  # the section's text begins there
    assert (
        f"sample.toml:{line}: sections 1 text: sentences average 37.0 characters, above 20; "
        in ("\n".join(result))
    )
    assert any("sections 1 text: a sentence has 37 characters (limit 35)" in f for f in result)
    # The same words in short sentences pass: what counts is where the sentences end.
    short = long.replace("，", "。") + "。"
    assert (
        findings(
            tmp_path, VALID_ZH.replace("活动太多时，腿会疼。身体缺水时，腿也会疼。", short), "zh"
        )
        == []
    )


def test_chinese_rare_characters_are_named(tmp_path: Path) -> None:
    text = VALID_ZH.replace('"慢慢拉伸双腿。",', '"喝口服补液盐，补充钠、钾和镁。",')
    result = findings(tmp_path, text, "zh")
    (finding,) = result
    assert "self_care steps: " in finding
    assert "of its characters are among the 2,500 common ones, below 95 %" in finding
    assert "(not common: 钠、钾、镁)" in finding


def test_a_chinese_step_must_not_begin_with_a_not_action_word(tmp_path: Path) -> None:
    text = VALID_ZH.replace('"喝一杯水。"', '"如果口渴，喝一杯水。"').replace(
        '"让腿好好休息。"', '"您要让腿好好休息。"'
    )
    result = findings(tmp_path, text, "zh")
    assert any(
        f.endswith("self_care steps 1: should start with an action word (a verb), not '您'")
        for f in result
    ), result
    assert any(
        f.endswith("self_care steps 2: should start with an action word (a verb), not '如果'")
        for f in result
    ), result
    # A verb that only begins like one passes: 当心 (take care) is not 当 (when), which the
    # table leaves out for that reason.
    assert findings(tmp_path, VALID_ZH.replace('"喝一杯水。"', '"当心别摔倒。"'), "zh") == []


def test_english_steps_still_match_whole_words(tmp_path: Path) -> None:
    """'Iced tea' is not 'i': the prefix rule is Chinese only."""
    text = VALID.replace('"Drink a glass of water."', '"Ice your legs for ten minutes."')
    assert findings(tmp_path, text) == []
