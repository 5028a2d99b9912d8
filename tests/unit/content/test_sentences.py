"""Sentence splitting: what is highlighted and spoken one at a time."""

from __future__ import annotations

import pytest

from kiosk.content.sentences import (
    characters,
    han_characters,
    join_sentences,
    sentence_gaps,
    split_sentences,
    words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rest. Drink water! Is it better?", ["Rest.", "Drink water!", "Is it better?"]),
        ("See Dr. Lee today. Then rest.", ["See Dr. Lee today.", "Then rest."]),
        ("A fever above 38.9 °C is high. Call us.", ["A fever above 38.9 °C is high.", "Call us."]),
        ("Eat fruit, e.g. a banana. Rest.", ["Eat fruit, e.g. a banana.", "Rest."]),
        (
            "¿Le duelen las piernas? ¡Beba agua! Descanse.",
            ["¿Le duelen las piernas?", "¡Beba agua!", "Descanse."],
        ),
        ("Hable con la Dra. Ruiz. Ella le ayuda.", ["Hable con la Dra. Ruiz.", "Ella le ayuda."]),
        ("No end mark", ["No end mark"]),
        ("First line\n\nSecond paragraph", ["First line", "Second paragraph"]),
        ("Wrapped\nline. Next.", ["Wrapped line.", "Next."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("Wait... then go.", ["Wait...", "then go."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spanish_marks_open_their_own_sentence() -> None:
    parts = split_sentences("Tome agua. ¿Tiene fiebre? Llame hoy.")
    assert parts[1].startswith("¿")
    assert parts[1].endswith("?")


def test_words_keep_numbers_and_contractions_whole() -> None:
    assert words("Don't wait: 38.9 °C is a fever, step-by-step.") == [
        "Don't",
        "wait",
        "38.9",
        "C",
        "is",
        "a",
        "fever",
        "step-by-step",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese ends a sentence at 。！？ with no space after it.
        ("多喝水。好好休息！还疼吗？", ["多喝水。", "好好休息！", "还疼吗？"]),
        ("什么是 IBS？IBS 是一种肠道问题。", ["什么是 IBS？", "IBS 是一种肠道问题。"]),
        # A closing quote or bracket stays with the sentence it closes.
        ("医生说：“要多喝水。”然后回家。", ["医生说：“要多喝水。”", "然后回家。"]),
        ("发烧超过 102 °F（38.9 °C）。请打电话。", ["发烧超过 102 °F（38.9 °C）。", "请打电话。"]),
        # ； and ， join clauses of one sentence; …… inside a sentence is no end either.
        ("腿会疼；脚会凉，也会发麻。", ["腿会疼；脚会凉，也会发麻。"]),
        ("比如水、果汁……都可以。", ["比如水、果汁……都可以。"]),
        # A line break between two Chinese characters is no space; one before Latin letters is.
        ("肠道就是肚子里\n那条长长的管子。", ["肠道就是肚子里那条长长的管子。"]),
        ("多喝\nORS。再休息。", ["多喝 ORS。", "再休息。"]),
        ("第一段。\n\n第二段", ["第一段。", "第二段"]),
        # Both scripts in one text.
        ("Drink water. 多喝水。Rest.", ["Drink water.", "多喝水。", "Rest."]),
    ],
)
def test_split_chinese(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_chinese_lengths_are_counted_in_characters() -> None:
    sentence = "IBS 是肠易激综合征，体温 38.9 °C，维生素 B12。"
    assert words(sentence) == ["IBS", "是肠易激综合征", "体温", "38.9", "C", "维生素", "B12"]
    assert characters(sentence) == ["IBS", *"是肠易激综合征体温", "38.9", "C", *"维生素", "B12"]
    assert han_characters(sentence) == list("是肠易激综合征体温维生素")
    assert characters("") == []


@pytest.mark.parametrize(
    ("sentences", "shown"),
    [
        (["Rest.", "Drink water."], "Rest. Drink water."),  # a space between two, as ever
        (["多喝水。", "好好休息。"], "多喝水。好好休息。"),  # none after 。
        (["还疼吗？", "Call us."], "还疼吗？Call us."),
        (["Drink water.", "多喝水。"], "Drink water. 多喝水。"),
        (["一"], "一"),
        ([], ""),
    ],
)
def test_sentences_are_shown_with_the_gaps_their_script_has(
    sentences: list[str], shown: str
) -> None:
    assert join_sentences(sentences) == shown
    assert len(sentence_gaps(sentences)) == len(sentences)
