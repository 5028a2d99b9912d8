"""The loader: valid files load; each kind of broken file gives one exact, located message."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kiosk import languages
from kiosk.content import Tier, load_topics
from kiosk.content.loader import parse_topic
from tests.topic_samples import VALID, line_of, write_topic

SUPPORTED = ", ".join(languages.codes())  # the table's languages: en, es, zh


def only_error(root: Path) -> str:
    result = load_topics(root)
    assert result.topics == []
    assert len(result.errors) == 1, result.errors
    return str(result.errors[0])


def test_valid_file_loads_every_field(tmp_path: Path) -> None:
    path = write_topic(tmp_path)
    result = load_topics(tmp_path)
    assert result.errors == []
    (topic,) = result.topics
    assert topic.id == "sample"
    assert topic.lang == "en"
    assert topic.title == "A sample topic"
    assert topic.icon == "legs"
    assert (
        topic.summary
        == "Your legs can hurt for many reasons. Rest and water help most of the time."
    )
    assert [s.heading for s in topic.sections] == ["Why do my legs hurt?", "What can I do?"]
    assert topic.sections[1].text == "Rest your legs. Drink water."
    assert topic.self_care == (
        "Rest your legs.",
        "Drink a glass of water.",
        "Stretch your legs slowly.",
    )
    assert [t for t, _ in topic.warning_signs] == [Tier.CALL_911, Tier.CALL_DOCTOR, Tier.WATCH]
    assert topic.signs(Tier.CALL_DOCTOR) == ("One leg is red and swollen.", "You have a fever.")
    assert topic.current_as_of == dt.date(2026, 1, 15)
    assert topic.review.awaiting
    assert topic.sources[0].url == "https://medlineplus.gov/leginjuriesanddisorders.html"
    assert topic.path == str(path)


def test_topic_is_frozen(tmp_path: Path) -> None:
    write_topic(tmp_path)
    topic = load_topics(tmp_path).topics[0]
    with pytest.raises(AttributeError):
        topic.title = "changed"  # type: ignore[misc]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = VALID.replace('title = "A sample topic"', 'title = "A sample topic')
    path = write_topic(tmp_path, text)
    assert only_error(tmp_path) == (f"{path}:4: syntax error: Illegal character '\\n'")


def test_missing_field(tmp_path: Path) -> None:
    text = VALID.replace('title = "A sample topic"\n', "")
    path = write_topic(tmp_path, text)
    assert only_error(tmp_path) == f"{path}:1: title: is missing"


def test_misspelt_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = VALID.replace("summary = ", "sumary = ")
    path = write_topic(tmp_path, text)
    line = line_of(text, "sumary")
    assert only_error(tmp_path) == (
        f"{path}:{line}: sumary: unknown field 'sumary' (did you mean 'summary'?)"
    )


def test_misspelt_field_inside_a_section(tmp_path: Path) -> None:
    text = VALID.replace('heading = "What can I do?"', 'haeding = "What can I do?"')
    path = write_topic(tmp_path, text)
    line = line_of(text, "haeding")
    assert only_error(tmp_path) == (
        f"{path}:{line}: sections 2 haeding: unknown field 'haeding' (did you mean 'heading'?)"
    )


def test_wrong_type(tmp_path: Path) -> None:
    text = VALID.replace('title = "A sample topic"', "title = 42")
    path = write_topic(tmp_path, text)
    assert only_error(tmp_path) == f"{path}:4: title: must be text in quotes, not a number"


def test_wrong_type_in_a_list_item_points_at_the_item(tmp_path: Path) -> None:
    text = VALID.replace('"Drink a glass of water.",', "12,")
    path = write_topic(tmp_path, text)
    line = line_of(text, "    12,")
    assert only_error(tmp_path) == (
        f"{path}:{line}: self_care steps 2: must be text in quotes, not a number"
    )


def test_empty_tier(tmp_path: Path) -> None:
    text = VALID.replace('watch = ["The pain does not go away in a week."]', "watch = []")
    path = write_topic(tmp_path, text)
    line = line_of(text, "watch = []")
    assert only_error(tmp_path) == (
        f"{path}:{line}: warning_signs watch: is an empty list; add at least one item"
    )


def test_missing_tier(tmp_path: Path) -> None:
    text = VALID.replace('call_911 = ["You have chest pain."]\n', "")
    path = write_topic(tmp_path, text)
    line = line_of(text, "[warning_signs]")
    assert only_error(tmp_path) == (
        f"{path}:{line}: warning_signs call_911: is missing (every topic has all three tiers)"
    )


def test_unknown_tier(tmp_path: Path) -> None:
    text = VALID.replace("watch = [", "wach = [")
    path = write_topic(tmp_path, text)
    line = line_of(text, "wach = [")
    assert only_error(tmp_path) == (
        f"{path}:{line}: warning_signs wach: unknown field 'wach' (did you mean 'watch'?)"
    )


def test_unknown_language_in_the_file(tmp_path: Path) -> None:
    text = VALID.replace('lang = "en"', 'lang = "fr"')
    path = write_topic(tmp_path, text)
    assert only_error(tmp_path) == f"{path}:3: lang: unknown language 'fr' (supported: {SUPPORTED})"


def test_unknown_language_folder(tmp_path: Path) -> None:
    write_topic(tmp_path, lang="fr")
    assert only_error(tmp_path) == (
        f"{tmp_path / 'fr'}: unknown language folder 'fr' (supported: {SUPPORTED})"
    )


def test_language_must_match_its_folder(tmp_path: Path) -> None:
    path = write_topic(tmp_path, lang="es")
    assert only_error(tmp_path) == f"{path}:3: lang: is 'en' but the file is in the 'es' folder"


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    path = write_topic(tmp_path, name="other")
    assert only_error(tmp_path) == (
        f"{path}:2: id: 'sample' does not match the file name; name the file 'sample.toml'"
    )


def test_duplicate_id_across_folders_keeps_the_first(tmp_path: Path) -> None:
    shipped, clinic = tmp_path / "shipped", tmp_path / "clinic"
    first = write_topic(shipped)
    second = write_topic(clinic)
    result = load_topics([shipped, clinic])
    assert [t.path for t in result.topics] == [str(first)]
    assert [str(e) for e in result.errors] == [
        f"{second}:2: id: duplicate id 'sample' (also in {first})"
    ]


def test_bad_date_and_bad_url(tmp_path: Path) -> None:
    write_topic(tmp_path, VALID.replace("2026-01-15", '"last spring"'))
    assert only_error(tmp_path).endswith(
        ":6: current_as_of: must be a date like 2026-11-01, not 'last spring'"
    )
    write_topic(tmp_path, VALID.replace('"https://medlineplus.gov/legpain.html"', '"legpain"'))
    assert only_error(tmp_path).endswith(":7: learn_more: is not a web address: 'legpain'")


def test_approved_needs_reviewer_and_date(tmp_path: Path) -> None:
    write_topic(tmp_path, VALID.replace('status = "awaiting"', 'status = "approved"'))
    assert only_error(tmp_path).endswith(
        "review: an approved topic needs the reviewer's name and the date"
    )
    approved = 'status = "approved"\nreviewer = "R. Nurse, RN"\ndate = 2026-02-01'
    write_topic(tmp_path, VALID.replace('status = "awaiting"', approved))
    topic = load_topics(tmp_path).topics[0]
    assert not topic.review.awaiting
    assert topic.review.reviewer == "R. Nurse, RN"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "en" / "sample.toml"
    path.parent.mkdir()
    path.write_bytes(VALID.encode("utf-8").replace(b"A sample", b"A s\xe1mple"))
    assert only_error(tmp_path) == f"{path}:4: is not UTF-8 text; save the file as UTF-8"


def test_huge_file_is_refused(tmp_path: Path) -> None:
    text = VALID + "# " + "x" * 300_000 + "\n"
    path = write_topic(tmp_path, text)
    size = len(text.encode()) // 1024
    assert only_error(tmp_path) == f"{path}: file is too large ({size} KiB; the limit is 256 KiB)"


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write_topic(tmp_path)
    write_topic(tmp_path, "this is not toml", name="broken")
    write_topic(tmp_path, VALID.replace('"sample"', '"second"'), name="second")
    result = load_topics(tmp_path)
    assert sorted(t.id for t in result.topics) == ["sample", "second"]
    assert len(result.errors) == 1
    assert "broken.toml:1: syntax error" in str(result.errors[0])


def test_missing_folder(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nowhere") == f"{tmp_path / 'nowhere'}: topic folder not found"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_topic(tmp_path)
    path.chmod(0)
    assert only_error(tmp_path) == f"{path}: cannot read file: Permission denied"


def test_unreadable_file_through_the_reader(tmp_path: Path) -> None:
    """The same path, forced through the loader's reader so it runs as root too."""
    path = write_topic(tmp_path)

    def refuse(p: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(p))

    result = load_topics(tmp_path, read=refuse)
    assert [str(e) for e in result.errors] == [f"{path}: cannot read file: Permission denied"]


def test_parse_topic_never_raises_on_deep_nesting(tmp_path: Path) -> None:
    deep = "x = " + "[" * 5000 + "]" * 5000
    result = parse_topic(deep.encode(), tmp_path / "en" / "x.toml", "en")
    assert not hasattr(result, "id")
    assert "x.toml" in str(result)


def test_to_json_has_every_contract_field(tmp_path: Path) -> None:
    write_topic(tmp_path)
    data = load_topics(tmp_path).topics[0].to_json()
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
    ):
        assert data[key], key
    assert data["sections"][0] == {
        "heading": "Why do my legs hurt?",
        "text": "Legs can hurt when you do too much. They can hurt when you are low on water.",
    }
    assert list(data["warning_signs"]) == ["call_911", "call_doctor_today", "watch"]
    assert data["current_as_of"] == "2026-01-15"


def test_a_value_with_a_line_break_is_reported_on_one_line(tmp_path: Path) -> None:
    """Found by the property tests: the quoted value must not break the one-line message."""
    path = write_topic(tmp_path, VALID.replace('lang = "en"', 'lang = "0\\n0"'))
    assert only_error(tmp_path) == (
        f"{path}:3: lang: unknown language '0\\n0' (supported: {SUPPORTED})"
    )
