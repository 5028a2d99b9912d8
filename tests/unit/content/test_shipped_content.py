"""The shipped topics: they pass check-content, carry every fact the content guide lists, copy
no sentence of the source articles, and put the emergency signs in the right tiers, in English,
Spanish and Chinese, with each language kept in step with English."""

from __future__ import annotations

import re

import pytest

from kiosk import paths
from kiosk.content import Tier, Topic, load_topics
from kiosk.content.quality import check_topic
from kiosk.content.sentences import han_characters, split_sentences
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
        "too sensitive",
        "not an inflammatory bowel disease",
        "still learning",
        "irritation or injury",
        "laxatives",
        "antispasmodics",
        "water pills",
        "new numbness",
        "when you walk",
        "shoots down",
        "after age 50",
        "wakes you up at night",
        "colon cancer",
        "hands on a wall",
        "beans",
        "leafy greens",
        "milk with vitamin d",
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
        "make your ibs worse",
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
        "stool (poop)",
        "8 ounces",
        "loperamide",
        "65 or older",
        "pregnant",
        "dark pee",
        "dry mouth",
        "wet diaper",
        "no tears",
        "soft spot",
        "for adults",
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
        "colon irritable",
        "demasiado sensibles",
        "todavía",
        "lo irrita o lo daña",
        "laxantes",
        "antiespasmódicos",
        "diuréticos",
        "nervio apretado o pellizcado",
        "después de los 50 años",
        "de noche",
        "cáncer de colon",
        "frijoles",
        "lejos",
        "hormonas del estrés",
        "tensos",
        "calambres",
        "dormidas",
        "hormigueo",
        "inflamación",
        "magnesio",
        "vitamina d",
        "medicinas",
        "estar de pie y de sentarse",
        "la espalda y las piernas",
        "días en que el colon irritable está peor",
        "débiles",
        "respire lento y hondo",
        "atención plena",
        "ejercicio suave",
        "evite las comidas que le causan molestias",
        "vitaminas y minerales",
        "mala circulación",
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
        "bebida para deportistas",
        "heces (popó)",
        "240 ml",
        "loperamida",
        "65 años",
        "embarazada",
        "pañal",
        "lágrimas",
        "mollera",
        "adultos",
        "descanse",
        "estire",
        "más de 2 días",
        "mucha sed",
        "mareo",
        "orina muy poco",
        "38.9 °c (102 °f)",
        "barriga",
        "ano",
        "heces con sangre o negras",
    ],
}

# The same facts, as words that must appear in the Chinese text (written afresh, not translated;
# Latin letters lowercase, as `full_text` gives them).
FACTS_ZH = {
    "ibs-leg-pain": [
        "肠易激综合征",
        "肚子疼",
        "肚子胀",
        "腹泻",
        "便秘",
        "不是 ibs 的主要症状",
        "太敏感",
        "不是炎症性肠病",
        "还在研究",
        "刺激或受伤",
        "泻药",
        "解痉药",
        "利尿药",
        "新出现的发麻",
        "走路时小腿可能会疼",
        "往下窜",
        "50 岁以后",
        "夜里因为腹泻醒来",
        "结肠癌",
        "双手扶墙",
        "豆类",
        "绿叶菜",
        "加了维生素 d 的奶",
        "很远的地方",
        "压力激素",
        "变紧",
        "抽筋",
        "流到腿上的血",
        "发麻",
        "针扎",
        "炎症",
        "镁",
        "维生素 d",
        "药",
        "站和坐的姿势",
        "背和腿",
        "发作期",
        "变弱",
        "深呼吸",
        "正念",
        "轻松的运动",
        "让 ibs 加重",
        "维生素和矿物质",
        "血流不畅",
        "神经被压住",
    ],
    "diarrhea-leg-pain": [
        "水分",
        "钠",
        "钾",
        "镁",
        "电解质",
        "小腿肚",
        "大腿",
        "没力气",
        "一跳一跳",
        "肠胃病毒",
        "食物中毒",
        "全身酸疼",
        "炎症性肠病",
        "关节疼",
        "反应性关节炎",
        "维生素 d",
        "维生素 b12",
        "骨头也会疼",
        "口服补液盐",
        "运动饮料",
        "大便稀",
        "8 盎司",
        "洛哌丁胺",
        "年满 65 岁",
        "孕妇",
        "尿色",
        "嘴干",
        "尿布",
        "没有眼泪",
        "囟门",
        "是给大人的",
        "休息",
        "拉伸",
        "超过 2 天",
        "非常口渴",
        "头晕",
        "尿很少",
        "102 °f（38.9 °c）",
        "肚子",
        "肛门",
        "大便带血或发黑",
    ],
}

LANGUAGES = ("en", "es", "zh")


def full_text(topic: Topic) -> str:
    parts = [topic.title, topic.summary]
    parts += [f"{s.heading} {s.text}" for s in topic.sections]
    parts += list(topic.self_care)
    parts += [item for _, items in topic.warning_signs for item in items]
    parts += [figure.alt for figure in topic.figures]
    return " ".join(" ".join(parts).split()).lower()


def shipped(topic_id: str, lang: str) -> Topic:
    topic = SHIPPED.find(topic_id, lang)
    assert topic is not None, f"{topic_id} ({lang}) did not load: {SHIPPED.errors}"
    return topic


def english(topic_id: str) -> Topic:
    return shipped(topic_id, "en")


def test_shipped_content_loads_cleanly() -> None:
    assert SHIPPED.errors == []
    assert {(t.id, t.lang) for t in SHIPPED.topics} >= {
        ("ibs-leg-pain", "en"),
        ("diarrhea-leg-pain", "en"),
        ("ibs-leg-pain", "es"),
        ("diarrhea-leg-pain", "es"),
        ("ibs-leg-pain", "zh"),
        ("diarrhea-leg-pain", "zh"),
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


FACTS_BY_LANG = {"en": FACTS, "es": FACTS_ES, "zh": FACTS_ZH}

# The red flags each topic must carry, by tier (most urgent first): what can kill or disable
# within hours is 911; what needs care today, sooner being better, is "now or urgent care".
BOTH = {
    "en": {
        Tier.CALL_911: (
            "chest pain",
            "hard to breathe",
            "faint",
            "confused",
            "stroke signs: your face droops, one side is suddenly weak or numb",
            "lose control of pee or poop",
            "numb between your legs",
            "a lot of blood or black stool",
        ),
        Tier.CALL_DOCTOR: ("swollen, red, warm, or very painful", "blood clot", "bloody or black"),
        Tier.WATCH: ("numb or tingly, and this is new",),
    },
    "es": {
        Tier.CALL_911: (
            "le duele el pecho",
            "le cuesta respirar",
            "se desmaya",
            "se siente confundido",
            "se le cae la cara, se le duerme o debilita un lado del cuerpo",
            "no controla la orina o las heces",
            "se le duerme la entrepierna",
            "mucha sangre o muchas heces (popó) negras",
        ),
        Tier.CALL_DOCTOR: (
            "de repente una pierna está hinchada, roja, caliente o le duele mucho",
            "coágulo",
            "heces con sangre o negras",
        ),
        Tier.WATCH: ("dormida", "hormigueo, y es algo nuevo"),
    },
    "zh": {
        Tier.CALL_911: (
            "胸口疼",
            "喘不上气",
            "晕倒",
            "神志不清",
            "中风迹象：突然脸歪、一侧身体没力气或发麻",
            "管不住小便或大便",
            "两腿之间发麻",
            "拉出很多血或很多黑色大便",
        ),
        Tier.CALL_DOCTOR: ("一条腿突然又肿、又红、又热，或者很疼", "血栓", "大便带血或发黑"),
        Tier.WATCH: ("腿发麻或有针刺感，而且是新出现的",),
    },
}
RED_FLAGS = {
    ("en", "ibs-leg-pain"): {
        Tier.CALL_911: ("cold, pale, or blue",),
        Tier.CALL_DOCTOR: ("fever of 100.4 °f (38 °c)", "weak or numb, and it is getting worse"),
        Tier.WATCH: (
            "hurts when you walk and eases when you rest",
            "pain shoots down your leg",
            "after age 50",
            "diarrhea wakes you up at night",
            "lose weight without trying",
            "colon cancer or ibd",
        ),
    },
    ("en", "diarrhea-leg-pain"): {
        Tier.CALL_911: ("child with diarrhea is very sleepy or hard to wake up",),
        Tier.CALL_DOCTOR: (
            "cannot keep fluids down",
            "pee very little or not at all",
            "heart races, pounds, or skips beats",
            "too weak to stand",
            "65 or older, pregnant, or have kidney or heart disease or take water pills",
            "dark pee, a dry mouth, or feel dizzy when you stand",
            "fever above 102 °f (38.9 °c)",
            "no wet diaper in about 3 hours",
            "no tears",
            "sunken eyes",
            "sunken soft spot",
            "diarrhea for more than a day",
        ),
        Tier.WATCH: ("an adult has diarrhea for more than 2 days",),
    },
    ("es", "ibs-leg-pain"): {
        Tier.CALL_911: ("frío, pálido o azulado",),
        Tier.CALL_DOCTOR: ("fiebre de 38 °c (100.4 °f)", "débiles o dormidas, y eso va empeorando"),
        Tier.WATCH: (
            "le duele la pantorrilla al caminar y mejora al descansar",
            "un dolor le baja por la pierna",
            "después de los 50 años",
            "se despierta de noche con diarrea",
            "baja de peso sin querer",
            "cáncer de colon o eii",
        ),
    },
    ("es", "diarrhea-leg-pain"): {
        Tier.CALL_911: ("niño con diarrea tiene mucho sueño o cuesta despertarlo",),
        Tier.CALL_DOCTOR: (
            "vomita todo lo que toma",
            "orina muy poco o nada",
            "el corazón le late muy rápido, fuerte o a saltos",
            "muy débil para ponerse de pie",
            "65 años o más, está embarazada, tiene enfermedad de los riñones o del corazón",
            "la orina oscura, la boca seca o se marea al ponerse de pie",
            "fiebre de más de 38.9 °c (102 °f)",
            "no moja el pañal en unas 3 horas",
            "llora sin lágrimas",
            "ojos hundidos",
            "mollera hundida",
            "diarrea desde hace más de un día",
        ),
        Tier.WATCH: ("un adulto tiene diarrea por más de 2 días",),
    },
    ("zh", "ibs-leg-pain"): {
        Tier.CALL_911: ("突然变凉、发白或发紫",),
        Tier.CALL_DOCTOR: ("100.4 °f（38 °c）", "腿没力气或发麻，而且越来越重"),
        Tier.WATCH: (
            "走路时小腿疼，休息后好转",
            "疼痛顺着腿往下窜",
            "50 岁后才开始有肚子的问题",
            "夜里因腹泻醒来",
            "没想减肥却变瘦了",
            "结肠癌或 ibd",
        ),
    },
    ("zh", "diarrhea-leg-pain"): {
        Tier.CALL_911: ("腹泻的孩子很困，或者很难叫醒",),
        Tier.CALL_DOCTOR: (
            "喝什么都吐",
            "尿很少或没有尿",
            "心跳很快、很重或不规律",
            "虚弱得站不起来",
            "年满 65 岁、怀孕、有肾病或心脏病，或吃利尿药",
            "尿色深、嘴干，或站起来时头晕",
            "发烧超过 102 °f（38.9 °c）",
            "3 小时尿布都没湿",
            "哭时没有眼泪",
            "眼窝凹陷",
            "头顶软软的地方（囟门）凹下去",
            "腹泻超过一天",
        ),
        Tier.WATCH: ("大人腹泻超过 2 天",),
    },
}

BY_LANGUAGE = [(lang, topic_id) for lang in LANGUAGES for topic_id in FACTS_BY_LANG[lang]]


@pytest.mark.parametrize(("lang", "topic_id"), BY_LANGUAGE)
def test_every_listed_fact_is_present(lang: str, topic_id: str) -> None:
    text = full_text(shipped(topic_id, lang))
    missing = [fact for fact in FACTS_BY_LANG[lang][topic_id] if fact not in text]
    assert missing == []


@pytest.mark.parametrize(("lang", "topic_id"), BY_LANGUAGE)
def test_every_red_flag_sits_in_the_tier_its_danger_calls_for(lang: str, topic_id: str) -> None:
    """Each sign is found in its own tier, and in no less urgent one."""
    topic = shipped(topic_id, lang)
    text = {tier: " ".join(" ".join(topic.signs(tier)).split()).lower() for tier in Tier}
    wanted = {tier: BOTH[lang][tier] + RED_FLAGS[lang, topic_id][tier] for tier in Tier}
    misplaced = [
        (tier.value, sign)
        for tier in Tier
        for sign in wanted[tier]
        if sign not in text[tier]
        or any(sign in text[lower] for lower in Tier if lower.rank > tier.rank)
    ]
    assert misplaced == []


# Each language's page to learn more: MedlinePlus in that language (for Chinese, its page of
# health information in Simplified Chinese, from "Health Information in Multiple Languages").
LEARN_MORE = {
    "es": "https://medlineplus.gov/spanish/",
    "zh": "https://medlineplus.gov/languages/chinesesimplifiedmandarindialect.html",
}


@pytest.mark.parametrize("lang", LEARN_MORE)
@pytest.mark.parametrize("topic_id", FACTS)
def test_each_language_is_kept_in_step_with_english(topic_id: str, lang: str) -> None:
    """Same id, icon and date; every tier filled in both; the language's page to learn more."""
    en, other = english(topic_id), shipped(topic_id, lang)
    assert en.id == other.id == topic_id
    assert other.lang == lang
    assert en.icon == other.icon
    assert en.current_as_of == other.current_as_of
    assert other.review.awaiting
    for tier in Tier:
        assert en.signs(tier), f"en {tier.value} is empty"
        assert other.signs(tier), f"{lang} {tier.value} is empty"
    assert other.learn_more.startswith(LEARN_MORE[lang])
    # The same drawings in the same places.
    assert [(f.file, f.after_section, f.after_step) for f in other.figures] == [
        (f.file, f.after_section, f.after_step) for f in en.figures
    ]
    assert len(en.figures) >= 2
    # The same numbers (temperatures, days, weeks, counts), none lost or changed in the writing.
    assert _numbers(full_text(other)) == _numbers(full_text(en))


@pytest.mark.parametrize("topic_id", FACTS)
def test_the_chinese_topics_are_written_in_chinese(topic_id: str) -> None:
    """Every part in Chinese characters with its own punctuation, and the same number of
    sections, steps and signs in each tier as English: nothing left out or run together."""
    en, zh = english(topic_id), shipped(topic_id, "zh")
    parts = [
        zh.title,
        zh.summary,
        *zh.self_care,
        *(s for _, signs in zh.warning_signs for s in signs),
    ]
    parts += [f"{s.heading} {s.text}" for s in zh.sections] + [f.alt for f in zh.figures]
    assert all(han_characters(part) for part in parts)
    assert all(part.rstrip().endswith(("。", "？", "！")) for part in zh.self_care)
    assert not [part for part in parts if re.search(r"[\u4e00-\u9fff][,.;:?!]", part)]
    assert len(zh.sections) == len(en.sections)
    assert len(zh.self_care) == len(en.self_care)
    assert [len(signs) for _, signs in zh.warning_signs] == [
        len(signs) for _, signs in en.warning_signs
    ]


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
