"""The shipped topics: they pass check-content, carry every fact the content guide lists, copy
no sentence of the source articles, and put the emergency signs in the right tiers, in English
and in Spanish, with the two languages kept in step."""

from __future__ import annotations

import re

import pytest

from kiosk import paths
from kiosk.content import Tier, Topic, load_topics
from kiosk.content.quality import check_topic
from kiosk.content.sentences import split_sentences
from tests.conftest import SEEDS

SHIPPED = load_topics(paths.TOPICS)

# Every fact CONTENT.md lists for each seed topic, as words that must appear in the English text.
FACTS = {
    "ibs-leg-pain": [
        "irritable bowel syndrome",
        "belly pain",
        "bloating",
        "diarrhea",
        "constipation",
        "not one of the main signs",
        "visceral hypersensitivity",
        "far away",
        "stress hormones",
        "tight",
        "cramp",
        "blood flows",
        "numb",
        "tingly",
        "inflammation",
        "magnesium",
        "vitamin d",
        "medicines",
        "stand and sit",
        "back and legs",
        "flare-up",
        "weak",
        "deep breaths",
        "mindfulness",
        "gentle exercise",
        "foods that set off",
        "vitamins and minerals",
        "poor blood flow",
        "pinched nerve",
    ],
    "diarrhea-leg-pain": [
        "water",
        "sodium",
        "potassium",
        "magnesium",
        "electrolytes",
        "calves",
        "thighs",
        "weak",
        "twitchy",
        "stomach virus",
        "food poisoning",
        "ache all over",
        "inflammatory bowel disease",
        "joint pain",
        "reactive arthritis",
        "vitamin d",
        "vitamin b12",
        "bones hurt",
        "oral rehydration solution",
        "sports drink",
        "rest",
        "stretch",
        "more than 2 days",
        "very thirsty",
        "dizzy",
        "pee very little",
        "102 °f (38.9 °c)",
        "belly",
        "bottom",
        "bloody or black",
    ],
}


# The same facts, as words that must appear in the Spanish text (written afresh, not translated).
FACTS_ES = {
    "ibs-leg-pain": [
        "síndrome del intestino irritable",
        "ibs",
        "dolor de barriga",
        "hinchazón",
        "diarrea",
        "estreñimiento",
        "no es una de las señales típicas",
        "hipersensibilidad visceral",
        "lejos",
        "hormonas del estrés",
        "tensos",
        "calambres",
        "circula la sangre",
        "dormidas",
        "hormigueo",
        "inflamación",
        "magnesio",
        "vitamina d",
        "medicinas",
        "estar de pie y de sentarse",
        "la espalda y las piernas",
        "crisis",
        "débiles",
        "respire lento y hondo",
        "atención plena",
        "ejercicio suave",
        "evite las comidas que le causan molestias",
        "vitaminas y minerales",
        "mala circulación",
        "nervio pinzado",
    ],
    "diarrhea-leg-pain": [
        "agua",
        "sodio",
        "potasio",
        "magnesio",
        "electrolitos",
        "pantorrillas",
        "muslos",
        "débiles",
        "pequeños saltos",
        "virus del estómago",
        "intoxicación",
        "dolor en todo el cuerpo",
        "enfermedad inflamatoria intestinal",
        "dolor en las articulaciones",
        "artritis reactiva",
        "vitamina d",
        "vitamina b12",
        "doler los huesos",
        "suero oral",
        "bebida deportiva",
        "descanse",
        "estire",
        "más de 2 días",
        "mucha sed",
        "mareo",
        "orina muy poco",
        "102 °f (38.9 °c)",
        "barriga",
        "ano",
        "heces con sangre o negras",
    ],
}

LANGUAGES = ("en", "es")


def full_text(topic: Topic) -> str:
    parts = [topic.title, topic.summary]
    parts += [f"{s.heading} {s.text}" for s in topic.sections]
    parts += list(topic.self_care)
    parts += [item for _, items in topic.warning_signs for item in items]
    return " ".join(" ".join(parts).split()).lower()


def shipped(topic_id: str, lang: str) -> Topic:
    topic = SHIPPED.find(topic_id, lang)
    assert topic is not None, f"{topic_id} ({lang}) did not load: {SHIPPED.errors}"
    return topic


def english(topic_id: str) -> Topic:
    return shipped(topic_id, "en")


def spanish(topic_id: str) -> Topic:
    return shipped(topic_id, "es")


def test_shipped_content_loads_cleanly() -> None:
    assert SHIPPED.errors == []
    assert {(t.id, t.lang) for t in SHIPPED.topics} >= {
        ("ibs-leg-pain", "en"),
        ("diarrhea-leg-pain", "en"),
        ("ibs-leg-pain", "es"),
        ("diarrhea-leg-pain", "es"),
    }


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: f"{t.lang}-{t.id}")
def test_shipped_topic_passes_quality_checks(topic: Topic) -> None:
    assert [str(f) for f in check_topic(topic)] == []


@pytest.mark.parametrize("topic", SHIPPED.topics, ids=lambda t: f"{t.lang}-{t.id}")
def test_summary_is_one_or_two_sentences_and_awaits_review(topic: Topic) -> None:
    assert 1 <= len(split_sentences(topic.summary)) <= 2
    assert topic.review.awaiting
    assert all(s.name for s in topic.sources)
    assert sum(bool(s.url) for s in topic.sources) >= 3


FACTS_BY_LANG = {"en": FACTS, "es": FACTS_ES}

# The emergency signs each language must put in each tier: signs of a clot that has moved to the
# lungs, or of poor blood to the brain, are 911; a leg that may hold a clot is care the same day
# (MedlinePlus, NHS), named as a clot; so is bloody or black stool.
TIER_WORDS = {
    "en": (
        ("chest pain", "hard to breathe", "faint", "confused"),
        ("swollen, red, warm, or very painful", "blood clot", "bloody or black"),
    ),
    "es": (
        ("dolor en el pecho", "le cuesta respirar", "se desmaya", "confusión"),
        (
            "de repente una pierna se hincha, se pone roja o caliente, o le duele mucho",
            "coágulo de sangre",
            "heces con sangre o negras",
        ),
    ),
}

BY_LANGUAGE = [(lang, topic_id) for lang in LANGUAGES for topic_id in FACTS_BY_LANG[lang]]


@pytest.mark.parametrize(("lang", "topic_id"), BY_LANGUAGE)
def test_every_listed_fact_is_present(lang: str, topic_id: str) -> None:
    text = full_text(shipped(topic_id, lang))
    missing = [fact for fact in FACTS_BY_LANG[lang][topic_id] if fact not in text]
    assert missing == []


@pytest.mark.parametrize(("lang", "topic_id"), BY_LANGUAGE)
def test_emergency_signs_sit_in_the_right_tiers(lang: str, topic_id: str) -> None:
    topic = shipped(topic_id, lang)
    call_911 = " ".join(topic.signs(Tier.CALL_911)).lower()
    today = " ".join(topic.signs(Tier.CALL_DOCTOR)).lower()
    emergency, same_day = TIER_WORDS[lang]
    for sign in emergency:
        assert sign in call_911, sign
    for sign in same_day:
        assert sign in today, sign


@pytest.mark.parametrize("topic_id", FACTS)
def test_english_and_spanish_are_kept_in_step(topic_id: str) -> None:
    """Same id, icon and date; every tier filled in both; the Spanish page to learn more."""
    en, es = english(topic_id), spanish(topic_id)
    assert en.id == es.id == topic_id
    assert es.lang == "es"
    assert en.icon == es.icon
    assert en.current_as_of == es.current_as_of
    for tier in Tier:
        assert en.signs(tier), f"en {tier.value} is empty"
        assert es.signs(tier), f"es {tier.value} is empty"
    assert es.learn_more.startswith("https://medlineplus.gov/spanish/")
    # The same numbers (temperatures, days, weeks, counts), none lost or changed in the writing.
    assert _numbers(full_text(es)) == _numbers(full_text(en))


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the project")
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("topic_id", "seed"),
    [
        ("ibs-leg-pain", "000_0079dd07d8a35bbc.txt"),
        ("diarrhea-leg-pain", "003_f63996b82b0648d2.txt"),
    ],
)
def test_no_sentence_is_copied_from_the_source_article(topic_id: str, seed: str, lang: str) -> None:
    """No run of 6 words in a row is shared with the source: the text is written fresh."""
    seed_runs = _shingles((SEEDS / seed).read_text(encoding="utf-8"), 6)
    shared = _shingles(full_text(shipped(topic_id, lang)), 6) & seed_runs
    assert shared == set()
