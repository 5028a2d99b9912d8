"""Sentence splitting: what is highlighted and spoken one at a time."""

from __future__ import annotations

import pytest

from kiosk.content.sentences import split_sentences, words


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
