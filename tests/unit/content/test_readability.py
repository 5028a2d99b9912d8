"""Reading-level scoring on texts whose figures are known by hand."""

from __future__ import annotations

import pytest

from kiosk.content.readability import (
    COMMON_CHARACTERS_FILE,
    FORMULAS,
    characters_per_sentence,
    chinese_stats,
    common_character_share,
    common_characters,
    english_syllables,
    fernandez_huerta,
    flesch_kincaid_grade,
    formula_for,
    limit_for,
    spanish_syllables,
    text_stats,
)
from kiosk.content.sentences import han_characters

# Hand-counted syllables of everyday and health words.
ENGLISH = {
    "the": 1,
    "cat": 1,
    "water": 2,
    "drink": 1,
    "makes": 1,
    "walked": 1,
    "needed": 2,
    "rises": 2,
    "table": 2,
    "free": 1,
    "make": 1,
    "nation": 2,
    "special": 2,
    "radio": 3,
    "video": 3,
    "media": 3,
    "legs": 1,
    "belly": 2,
    "bloating": 2,
    "constipation": 4,
    "nerves": 1,
    "hormones": 2,
    "tighten": 2,
    "numbness": 2,
    "tingling": 2,
    "posture": 2,
    "exercise": 3,
    "gentle": 2,
    "breathing": 2,
    "trigger": 2,
    "doctor": 2,
    "circulation": 4,
    "pinched": 1,
    "weakness": 2,
    "twitching": 2,
    "infection": 3,
    "poisoning": 3,
    "release": 2,
    "arthritis": 3,
    "solution": 3,
    "stretching": 2,
    "dizzy": 2,
    "severe": 2,
    "rectal": 2,
    "swollen": 2,
    "painful": 2,
    "fainting": 2,
    "confusion": 3,
    "breathe": 1,
    "closely": 2,
    "used": 1,
    "million": 2,
    "opinion": 3,
    "position": 3,
    "higher": 2,
    "suddenly": 3,
    "usually": 4,
    "anxiety": 4,
    "region": 2,
    "precious": 2,
}

SPANISH = {
    "pierna": 2,
    "dolor": 2,
    "diarrea": 3,
    "día": 2,
    "muy": 1,
    "hoy": 1,
    "agua": 2,
    "leer": 2,
    "poeta": 3,
    "ciudad": 2,
    "fui": 1,
    "músculo": 3,
    "estómago": 4,
    "beber": 2,
    "calambres": 3,
    "médico": 3,
    "fiebre": 2,
    "estrés": 2,
    "y": 1,
    "que": 1,
    "guerra": 2,
    "pingüino": 3,
    "país": 2,
    "baúl": 2,
    "cuerpo": 2,
    "emergencia": 4,
    "vitamina": 4,
    "sodio": 2,
    "potasio": 3,
    "oír": 2,
    "deshidratación": 5,
}

# Words never used to tune the rules: the counter must stay right on most of them.
HELD_OUT_ENGLISH = {
    "appetite": 3,
    "bandage": 2,
    "bleeding": 2,
    "blister": 2,
    "cough": 1,
    "daily": 2,
    "elbow": 2,
    "family": 3,
    "finger": 2,
    "healthy": 2,
    "heavy": 2,
    "journal": 2,
    "kidney": 2,
    "lotion": 2,
    "measure": 2,
    "nurse": 1,
    "ointment": 2,
    "pressure": 2,
    "regular": 3,
    "shoulder": 2,
    "sleepy": 2,
    "sneeze": 1,
    "swallow": 2,
    "symptom": 2,
    "temperature": 4,
    "tablet": 2,
    "thermometer": 4,
    "vomit": 2,
    "weekly": 2,
    "yellow": 2,
}


@pytest.mark.parametrize(("word", "count"), ENGLISH.items())
def test_english_syllables(word: str, count: int) -> None:
    assert english_syllables(word) == count


def test_english_syllables_on_held_out_words_mostly_right() -> None:
    right = sum(english_syllables(w) == n for w, n in HELD_OUT_ENGLISH.items())
    assert right / len(HELD_OUT_ENGLISH) >= 0.85, right


@pytest.mark.parametrize(("word", "count"), SPANISH.items())
def test_spanish_syllables(word: str, count: int) -> None:
    assert spanish_syllables(word) == count


def test_numbers_count_a_syllable_per_digit() -> None:
    assert english_syllables("102") == 3
    assert spanish_syllables("38.9") == 3


def test_flesch_kincaid_by_hand() -> None:
    # 6 words, 1 sentence, 6 syllables: 0.39 * 6 + 11.8 * 1 - 15.59 = -1.45
    stats = text_stats(["The cat sat on the mat."], "en")
    assert (stats.sentences, stats.words, stats.syllables) == (1, 6, 6)
    assert flesch_kincaid_grade(stats) == pytest.approx(-1.45)


def test_flesch_kincaid_of_a_harder_text() -> None:
    text = (
        "Irritable bowel syndrome is a common gastrointestinal disorder. "
        "Visceral hypersensitivity can produce referred sensations."
    )
    stats = text_stats([text], "en")
    # Sentence 1: ir-ri-ta-ble bow-el syn-drome is a com-mon gas-tro-in-tes-ti-nal dis-or-der
    #   = 4+2+2+1+1+2+6+3 = 21 syllables, 8 words. Sentence 2: vis-cer-al hy-per-sen-si-tiv-i-ty
    #   can pro-duce re-ferred sen-sa-tions = 3+7+1+2+2+3 = 18 syllables, 6 words.
    assert (stats.sentences, stats.words, stats.syllables) == (2, 14, 39)
    assert flesch_kincaid_grade(stats) == pytest.approx(0.39 * 7 + 11.8 * 39 / 14 - 15.59)
    assert flesch_kincaid_grade(stats) > 12


def test_fernandez_huerta_by_hand() -> None:
    # "Beba agua." 2 words, 1 sentence, 4 syllables: P = 200, F = 2 words a sentence.
    stats = text_stats(["Beba agua."], "es")
    assert (stats.sentences, stats.words, stats.syllables) == (1, 2, 4)
    assert fernandez_huerta(stats) == pytest.approx(206.84 - 0.60 * 200 - 1.02 * 2)


def test_fernandez_huerta_scores_shorter_sentences_as_easier() -> None:
    """The same words in two sentences read easier than in one (as Flesch reading ease)."""
    one = text_stats(["Beba agua, descanse en la cama toda la tarde de hoy."], "es")
    two = text_stats(["Beba agua. Descanse en la cama toda la tarde de hoy."], "es")
    assert one.syllables == two.syllables
    assert fernandez_huerta(two) > fernandez_huerta(one)


def test_each_list_item_is_at_least_a_sentence() -> None:
    stats = text_stats(["Rest your legs", "Drink water"], "en")
    assert stats.sentences == 2
    assert stats.longest_sentence == 3


def test_empty_text_scores_neutral() -> None:
    stats = text_stats([""], "en")
    assert flesch_kincaid_grade(stats) == 0.0
    assert fernandez_huerta(stats) == 100.0


# -- Chinese: short sentences of common characters -----------------------------------------------


def test_the_common_characters_are_the_2500_of_the_1988_table() -> None:
    common = common_characters()
    assert len(common) == 2500
    rows = [
        line
        for line in COMMON_CHARACTERS_FILE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    listed = "".join(rows)
    assert len(listed) == 2500  # each once, and nothing but Han characters
    assert han_characters(listed) == list(listed)
    assert listed[:10] == "一乙二十丁厂七卜人入"  # the table's order: by number of strokes
    assert listed[-3:] == "露囊罐"  # the last of its 2,500; 匕, its 2,501st, starts the rest
    assert all(ch.encode("gb2312") for ch in listed)  # every one a GB 2312 character
    # Everyday words are in; the names of salts and medicines, and rarer characters, are not.
    assert set("腿疼肚子大便喝水医生发烧抽筋盐糖") <= common
    assert not set("钾镁钠哌胺囟盎") & common
    assert not set("匕刁") & common  # the table's less common 1,000 begin here


def test_chinese_counts_characters_by_hand() -> None:
    # 多喝水 (3) and 补充钾 (3, 钾 not common) then ORS (1) and 很 好 (2): 2 sentences, 9 long.
    stats = text_stats(["多喝水，补充钾。ORS 很好。"], "zh")
    assert (stats.sentences, stats.words, stats.longest_sentence) == (2, 9, 6)
    assert (stats.han, stats.common, stats.uncommon) == (8, 7, "钾")
    assert stats.syllables == 8  # each Chinese character is one syllable
    assert characters_per_sentence(stats) == pytest.approx(4.5)
    assert common_character_share(stats) == pytest.approx(87.5)
    assert chinese_stats(["多喝水，补充钾。ORS 很好。"]) == stats


def test_chinese_each_list_item_is_at_least_a_sentence_and_empty_text_passes() -> None:
    stats = text_stats(["多喝水", "多休息"], "zh")
    assert (stats.sentences, stats.words) == (2, 6)
    empty = text_stats([""], "zh")
    assert characters_per_sentence(empty) == 0.0
    assert common_character_share(empty) == 100.0


def test_the_chinese_rule_checks_both_figures_with_the_tables_limits() -> None:
    formula = formula_for("zh")
    assert formula is FORMULAS["chinese-plain"]
    length, common = formula.measures
    assert (limit_for("zh", length), limit_for("zh", common)) == (20.0, 95.0)
    plain = chinese_stats(["腹泻会让身体很快失去水分。您还会失去肌肉需要的盐分。"])
    assert length.passes(length.score(plain), 20.0)
    assert common.passes(common.score(plain), 95.0)
    long = chinese_stats(["腹泻会让身体很快失去水分，您还会失去肌肉需要的盐分，也会觉得很累。"])
    assert length.score(long) == 30.0  # 12 + 12 + 6 characters in one sentence
    assert not length.passes(length.score(long), 20.0)
    rare = chinese_stats(["洛哌丁胺能止泻。"])  # 洛 哌 胺: 3 of 7 not common
    assert common.score(rare) == pytest.approx(400 / 7)
    assert not common.passes(common.score(rare), 95.0)
    assert "(not common: 洛、哌、胺)" in common.fails(common.score(rare), 95.0, rare)
