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
