"""Languages as data: resources/languages.toml read and checked (kiosk/languages.py), and the
parts that ask it instead of knowing languages themselves: the loader, the settings, the
reading-level checks, the voices, the dates, check-content and the shell scripts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import labels, languages, paths
from kiosk.cli import main
from kiosk.config import load_settings
from kiosk.content import load_topics
from kiosk.content.quality import check_topic, scores
from kiosk.content.readability import formula_for, text_stats
from kiosk.languages import BUILT_IN_ENGLISH, load
from kiosk.narration.voices import choose_voice
from tests.conftest import ROOT
from tests.language_samples import FRENCH_TABLE, FRENCH_TOPIC, resources_with

SHIPPED_TABLE = (paths.SHIPPED_RESOURCES / "languages.toml").read_text(encoding="utf-8")
SHIPPED = load(paths.SHIPPED_RESOURCES / "languages.toml").codes()  # en, es, zh


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "languages.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk's resources are a copy with French added (languages.toml, topics, words)."""
    copy = resources_with(tmp_path)
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    return copy


def use_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str) -> Path:
    """The kiosk's resources are a copy whose languages.toml has `extra` added."""
    copy = resources_with(tmp_path, extra)
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    return copy


# -- the shipped table ------------------------------------------------------------------------


def test_the_shipped_table_offers_english_spanish_then_chinese_with_no_problem() -> None:
    table = load(paths.SHIPPED_RESOURCES / "languages.toml")
    assert table.problems == ()
    assert table.codes() == ("en", "es", "zh")
    english, spanish, chinese = table.languages
    assert (english.name, spanish.name, chinese.name) == ("English", "Español", "简体中文")
    assert english.voices == ("gmw/en-us", "gmw/en", "english-us", "english", "en-us", "en")
    assert spanish.voices == ("roa/es-419", "roa/es", "spanish-latin-am", "spanish", "es-419", "es")
    # Mandarin, read as Mandarin throughout (pinyin, not English), then plain sit/cmn; never
    # an MBROLA (mb/) voice.
    assert chinese.voices == ("sit/cmn-latn-pinyin", "sit/cmn", "cmn", "zh")
    assert {english.direction, spanish.direction, chinese.direction} == {"ltr"}
    assert (english.readability, spanish.readability, chinese.readability) == (
        "flesch-kincaid",
        "fernandez-huerta",
        "chinese-plain",
    )
    assert (english.readability_limit, spanish.readability_limit) == (6.0, 80.0)
    assert (chinese.readability_limit, chinese.common_characters_limit) == (20.0, 95.0)
    assert "the" in english.not_action_words
    assert "usted" in spanish.not_action_words
    assert {"您", "如果"} <= chinese.not_action_words
    # Words with spaces between them, but Chinese; the Simplified forms of its characters.
    assert (english.spaces_between_words, spanish.spaces_between_words) == (True, True)
    assert not chinese.spaces_between_words
    assert (english.fonts, spanish.fonts) == ((), ())
    assert chinese.fonts[0] == "Noto Sans CJK SC"
    assert languages.codes() == ("en", "es", "zh")  # what the kiosk itself reads


def test_the_order_of_the_tables_is_the_order_offered(tmp_path: Path) -> None:
    before_spanish, spanish_on = SHIPPED_TABLE.split("[es]")
    spanish, chinese = spanish_on.split("[zh]")
    text = "[zh]" + chinese + "\n[es]" + spanish + "\n" + before_spanish + FRENCH_TABLE
    table = load(write(tmp_path, text))
    assert table.problems == ()
    assert table.codes() == ("zh", "es", "en", "fr")
    french = table.get("fr")
    assert french is not None
    assert (french.name, french.voices, french.readability) == ("Français", ("roa/fr",), "none")
    assert not french.rtl


# -- problems: one line each, the language left out, English always there --------------------

BAD_ENTRIES = {
    "direction": ('direction = "ltr"', 'direction = "up"', 'must be "ltr" or "rtl", not "up"'),
    "voice": ('voice = ["roa/fr"]', 'voice = "roa/fr"', "must be a list of words in quotes"),
    "name": ('name = "Français"', "name = 3", "must be one line of text in quotes, not 3"),
    "readability_limit": (
        'readability = "none"',
        'readability = "none"\nreadability_limit = "low"',
        "must be a number, not 'low'",
    ),
    "voices": ('voice = ["roa/fr"]', 'voices = ["roa/fr"]', "unknown field (known: name, voice"),
}


@pytest.mark.parametrize("field", BAD_ENTRIES)
def test_a_bad_entry_is_one_line_and_that_language_is_left_out(tmp_path: Path, field: str) -> None:
    good, bad, message = BAD_ENTRIES[field]
    assert good in FRENCH_TABLE
    path = write(tmp_path, SHIPPED_TABLE + FRENCH_TABLE.replace(good, bad))
    table = load(path)
    assert table.codes() == SHIPPED  # the others stay
    assert len(table.problems) == 1, table.problems
    (problem,) = table.problems
    assert "\n" not in problem
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index("[fr]")
    line = next(n for n, text in enumerate(lines[start:], start + 1) if text.startswith(field))
    assert problem.startswith(f"{path}:{line}: fr.{field}: "), problem
    assert message in problem
    assert problem.endswith("; fr is not offered")


def test_a_missing_field_and_a_table_that_is_not_one(tmp_path: Path) -> None:
    text = 'de = "Deutsch"\n' + SHIPPED_TABLE + FRENCH_TABLE.replace('direction = "ltr"\n', "")
    path = write(tmp_path, text)
    table = load(path)
    assert table.codes() == SHIPPED
    assert table.problems == (
        f"{path}:1: de: must be a table ([de] with its fields); de is not offered",
        f"{path}:{text.splitlines().index('[fr]') + 1}: fr.direction: is missing; "
        "fr is not offered",
    )


def test_a_bad_english_entry_is_replaced_by_the_built_in_english(tmp_path: Path) -> None:
    text = SHIPPED_TABLE.replace('direction = "ltr"', 'direction = "sideways"', 1)
    table = load(write(tmp_path, text))
    assert table.codes() == SHIPPED
    assert table.get("en") is BUILT_IN_ENGLISH
    assert len(table.problems) == 1
    assert table.problems[0].endswith("; English is used as built in")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "not found; only English is offered"),
        (b"[en\nname = 1\n", "syntax error: "),
        (b"\xff\xfe[en]\n", "is not UTF-8 text; only English is offered"),
        (b'[fr]\nname = "x"\n', ""),  # no English table, and a bad French one
    ],
)
def test_english_is_always_offered(tmp_path: Path, content: bytes | None, expected: str) -> None:
    path = tmp_path / "languages.toml"
    if content is not None:
        path.write_bytes(content)
    table = load(path)
    assert table.languages[0] is BUILT_IN_ENGLISH
    assert table.problems
    assert all("\n" not in p for p in table.problems)
    assert expected in table.problems[0]


def test_an_unknown_readability_rule_keeps_the_language_and_says_so(tmp_path: Path) -> None:
    text = SHIPPED_TABLE + FRENCH_TABLE.replace('"none"', '"gunning-fog"')
    table = load(write(tmp_path, text))
    assert table.codes() == (*SHIPPED, "fr")  # patients still get it; only the check is off
    (problem,) = table.problems
    assert "fr.readability: unknown rule 'gunning-fog' (known: flesch-kincaid, " in problem
    assert problem.endswith("the reading level of fr topics is not checked")


# -- the parts that ask the table ---------------------------------------------------------------


def test_the_resources_follow_kiosk_resources(french: Path) -> None:
    assert french == paths.RESOURCES
    assert french / "topics" == paths.TOPICS
    assert french / "i18n" == paths.I18N
    assert languages.codes() == (*SHIPPED, "fr")
    assert languages.name("fr") == "Français"


def test_a_topic_in_the_new_language_loads_from_its_folder(french: Path) -> None:
    result = load_topics(paths.TOPICS)
    assert result.errors == []
    topic = result.find("diarrhea-leg-pain", "fr")
    assert topic is not None
    assert topic.title == "Mal aux jambes et diarrhée"


def test_a_topic_in_a_language_not_in_the_table_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "topics" / "fr"
    folder.mkdir(parents=True)
    (folder / "diarrhea-leg-pain.toml").write_text(FRENCH_TOPIC, encoding="utf-8")
    result = load_topics(tmp_path / "topics")
    assert [str(e) for e in result.errors] == [
        f"{folder}: unknown language folder 'fr' (supported: {', '.join(SHIPPED)})"
    ]


def test_the_default_language_may_be_any_language_of_the_table(
    french: Path, tmp_path: Path
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('default_language = "fr"\n', encoding="utf-8")
    settings, problems = load_settings(config)
    assert problems == []
    assert settings.default_language == "fr"
    config.write_text('default_language = "de"\n', encoding="utf-8")
    assert load_settings(config)[1] == [
        f"{config}: default_language: must be one of: {', '.join(SHIPPED)}, fr; "
        "using the default 'en'"
    ]


def test_voices_come_from_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = [
        {"id": "roa/fr", "languages": ["fr-fr"]},
        {"id": "roa/fr-BE", "languages": ["fr-be"]},
        {"id": "gmw/en-us", "languages": ["en-us"]},
    ]
    assert choose_voice("fr", engine) == "roa/fr"  # not in the table: any voice for French
    use_table(tmp_path, monkeypatch, FRENCH_TABLE.replace('["roa/fr"]', '["roa/fr-BE", "roa/fr"]'))
    assert choose_voice("fr", engine) == "roa/fr-BE"  # the table's first choice that exists
    assert choose_voice("en", engine) == "gmw/en-us"


def test_dates_follow_each_language_format(french: Path) -> None:
    day = dt.date(2026, 11, 22)
    assert labels.long_date(day, "en") == "November 22, 2026"
    assert labels.long_date(day, "es") == "22 de noviembre de 2026"
    assert labels.long_date(day, "fr") == "22 novembre 2026"
    assert labels.long_date(day, "zh") == "2026年11月22日"
    assert labels.long_date(day, "xx") == "2026-11-22"  # a language the kiosk does not offer


# -- reading level: the table's rule, never a guess ---------------------------------------------


def test_readability_none_skips_the_grade_check(french: Path) -> None:
    topic = load_topics(paths.TOPICS).find("diarrhea-leg-pain", "fr")
    assert topic is not None
    assert formula_for("fr") is None
    assert scores(topic) == []
    assert check_topic(topic) == []
    with pytest.raises(LookupError, match="no reading-level formula for language 'fr'"):
        text_stats([topic.summary], "fr")  # no English syllable rules for French


def test_a_language_limit_comes_from_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = resources_with(tmp_path, "")
    table = copy / "languages.toml"
    text = table.read_text(encoding="utf-8").replace(
        "readability_limit = 80.0", "readability_limit = 95"
    )
    table.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    topic = load_topics(paths.TOPICS).find("ibs-leg-pain", "es")
    assert topic is not None
    found = [str(f) for f in check_topic(topic)]
    assert any("Fernández-Huerta" in f and "is below 95" in f for f in found), found


def test_check_content_says_when_the_reading_level_is_not_checked(
    french: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-content"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    fr_topic = french / "topics" / "fr" / "diarrhea-leg-pain.toml"
    assert f'{fr_topic}: ok (reading level not checked: readability = "none" for fr)' in (
        captured.err.splitlines()
    )
    assert "ibs-leg-pain.toml: ok (grade" in captured.err  # English as before
    assert "ibs-leg-pain.toml: ok (Fernández-Huerta" in captured.err  # and Spanish
    assert "ibs-leg-pain.toml: ok (sentences of " in captured.err  # and Chinese


def test_check_content_reports_an_unknown_readability_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = use_table(tmp_path, monkeypatch, FRENCH_TABLE.replace('"none"', '"gunning-fog"'))
    assert main(["check-content"]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 1, lines  # one line, and the topics themselves are fine
    assert lines[0].startswith(f"{copy / 'languages.toml'}:")
    assert "fr.readability: unknown rule 'gunning-fog'" in lines[0]
    assert "reading level not checked: unknown readability rule 'gunning-fog' for fr" in (
        captured.err
    )
    assert "(grade" not in "".join(line for line in captured.err.splitlines() if "/fr/" in line)


# -- the shell scripts read the table ----------------------------------------------------------


def test_the_codes_command_lists_the_table_for_the_scripts(french: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.languages", "codes"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [*SHIPPED, "fr"]
    assert done.stderr == ""


def test_the_codes_command_reports_a_bad_table_and_still_lists_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_table(tmp_path, monkeypatch, FRENCH_TABLE.replace('direction = "ltr"', "direction = 1"))
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.languages", "codes"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=dict(os.environ),
        cwd=ROOT,
    )
    assert done.returncode == 0
    assert done.stdout.splitlines() == list(SHIPPED)
    (line,) = done.stderr.splitlines()
    assert line.startswith("languages: ")
    assert "fr.direction: must be one line of text in quotes, not 1; fr is not offered" in line
