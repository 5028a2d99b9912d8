"""A small valid topic file and helpers to write (broken) copies of it, shared by tests."""

from __future__ import annotations

from pathlib import Path

VALID = '''# A test topic.
id = "sample"
lang = "en"
title = "A sample topic"
icon = "legs"
current_as_of = 2026-01-15
learn_more = "https://medlineplus.gov/legpain.html"
summary = """
Your legs can hurt for many reasons. Rest and water help most of the time.
"""

[review]
status = "awaiting"

[[sections]]
heading = "Why do my legs hurt?"
text = """
Legs can hurt when you do too much. They can hurt when you are low on water.
"""

[[sections]]
heading = "What can I do?"
text = "Rest your legs. Drink water."

[self_care]
steps = [
    "Rest your legs.",
    "Drink a glass of water.",
    "Stretch your legs slowly.",
]

[warning_signs]
call_911 = ["You have chest pain."]
call_doctor_today = [
    "One leg is red and swollen.",
    "You have a fever.",
]
watch = ["The pain does not go away in a week."]

[[sources]]
name = "MedlinePlus: Leg Injuries and Disorders"
url = "https://medlineplus.gov/leginjuriesanddisorders.html"
'''


def write_topic(root: Path, text: str = VALID, name: str = "sample", lang: str = "en") -> Path:
    """Write one topic file under root/<lang>/<name>.toml and return its path."""
    folder = root / lang
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


# The same small topic in plain Simplified Chinese: short sentences of common characters.
VALID_ZH = '''# A test topic in Chinese.
id = "sample"
lang = "zh"
title = "腿疼的小知识"
icon = "legs"
current_as_of = 2026-01-15
learn_more = "https://medlineplus.gov/languages/chinesesimplifiedmandarindialect.html"
summary = """
腿疼的原因有很多。多休息、多喝水，大多会好。
"""

[review]
status = "awaiting"

[[sections]]
heading = "为什么腿会疼？"
text = """
活动太多时，腿会疼。身体缺水时，腿也会疼。
"""

[[sections]]
heading = "我能做什么？"
text = "让腿休息。多喝水。"

[self_care]
steps = [
    "让腿好好休息。",
    "喝一杯水。",
    "慢慢拉伸双腿。",
]

[warning_signs]
call_911 = ["胸口疼。"]
call_doctor_today = [
    "一条腿又红又肿。",
    "发烧了。",
]
watch = ["腿疼一周还没好。"]

[[sources]]
name = "MedlinePlus：腿部受伤和疾病（英文）"
url = "https://medlineplus.gov/leginjuriesanddisorders.html"
'''
