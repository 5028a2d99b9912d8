"""The A-to-Z index: the letter a title is found under, in the reader's own alphabet."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.ui.index import OTHERS, letter_of, sorted_letters


@pytest.mark.parametrize(
    ("title", "lang", "letter"),
    [
        ("Leg pain", "en", "L"),
        ("leg pain", "en", "L"),
        ("Árbol", "es", "A"),
        ("Úlceras", "es", "U"),
        ("Ñame", "es", "Ñ"),  # a letter of its own in Spanish
        ("Ñame", "en", "N"),
        ("Äpple", "sv", "Ä"),  # after Z in Swedish
        ("Äpfel", "de", "A"),
        ("腿痛", "zh", "T"),  # tuǐ
        ("肠易激综合征", "zh", "C"),  # cháng
        ("腹泻", "zh", "F"),  # fù
        ("哮喘", "zh", "X"),  # xiào
        ("阿司匹林", "zh", "A"),  # ā
        ("3 tips", "en", OTHERS),
        ("¿Qué es?", "es", "Q"),
        ("", "en", OTHERS),
    ],
)
def test_letter_of(qtbot: QtBot, title: str, lang: str, letter: str) -> None:
    assert letter_of(title, lang) == letter


def test_letters_are_in_the_reader_s_order(qtbot: QtBot) -> None:
    assert sorted_letters({"O", "Ñ", "N", OTHERS, "A"}, "es") == ["A", "N", "Ñ", "O", OTHERS]
    assert sorted_letters({"Ä", "Z", "A"}, "sv") == ["A", "Z", "Ä"]
