"""A large clinic library for tests and benchmarks: copies of a shipped topic under many titles,
in English and Spanish, spread over the categories and the alphabet as a real one would be."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk import paths

# (English title, Spanish title, categories): initials spread over the alphabet.
BASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Asthma", "Asma", ("chest",)),
    ("Ankle sprain", "Esguince de tobillo", ("legs",)),
    ("Back pain", "Dolor de espalda", ("staying-well",)),
    ("Bee stings", "Picaduras de abeja", ("children",)),
    ("Blood pressure", "Presión arterial", ("chest", "medicines")),
    ("Colds", "Resfriados", ("head", "children")),
    ("Constipation", "Estreñimiento", ("stomach",)),
    ("Cough", "Tos", ("chest",)),
    ("Diabetes", "Diabetes", ("staying-well", "medicines")),
    ("Dizziness", "Mareos", ("head",)),
    ("Ear infections", "Infecciones de oído", ("head", "children")),
    ("Eye drops", "Gotas para los ojos", ("head", "medicines")),
    ("Fever", "Fiebre", ("children",)),
    ("Flu", "Gripe", ("chest",)),
    ("Foot care", "Cuidado de los pies", ("legs",)),
    ("Gout", "Gota", ("legs",)),
    ("Heartburn", "Acidez", ("stomach",)),
    ("Headache", "Dolor de cabeza", ("head",)),
    ("Hip pain", "Dolor de cadera", ("legs",)),
    ("Insect bites", "Picaduras de insectos", ("children",)),
    ("Joint pain", "Dolor de articulaciones", ("legs",)),
    ("Kidney stones", "Cálculos renales", ("stomach",)),
    ("Knee pain", "Dolor de rodilla", ("legs",)),
    ("Leg cramps", "Calambres en las piernas", ("legs",)),
    ("Lice", "Piojos", ("children", "head")),
    ("Migraine", "Migraña", ("head",)),
    ("Mouth sores", "Llagas en la boca", ("head",)),
    ("Nausea", "Náuseas", ("stomach",)),
    ("Nosebleeds", "Sangrado de nariz", ("head",)),
    ("Osteoporosis", "Osteoporosis", ("staying-well",)),
    ("Pain medicines", "Medicinas para el dolor", ("medicines",)),
    ("Pink eye", "Conjuntivitis", ("head", "children")),
    ("Quitting smoking", "Dejar de fumar", ("staying-well", "chest")),
    ("Rashes", "Sarpullidos", ("children",)),
    ("Runny nose", "Goteo nasal", ("head",)),
    ("Sore throat", "Dolor de garganta", ("head",)),
    ("Stomach flu", "Gripe estomacal", ("stomach", "children")),
    ("Sleep problems", "Problemas para dormir", ("staying-well",)),
    ("Toothache", "Dolor de muelas", ("head",)),
    ("Thyroid medicine", "Medicina para la tiroides", ("medicines",)),
    ("Ulcers", "Úlceras", ("stomach",)),
    ("Urine infections", "Infecciones de orina", ("stomach",)),
    ("Vaccines", "Vacunas", ("children", "staying-well")),
    ("Varicose veins", "Várices", ("legs",)),
    ("Walking for health", "Caminar para la salud", ("staying-well", "legs")),
    ("Weight and health", "Peso y salud", ("staying-well",)),
    ("Wheezing", "Silbidos al respirar", ("chest", "children")),
    ("Yeast infections", "Infecciones por hongos", ("medicines",)),
    ("Zinc and colds", "Zinc y resfriados", ("medicines", "head")),
    ("Chest pain", "Dolor de pecho", ("chest",)),
)
VARIANTS = (
    ("", ""),
    (" in children", " en los niños"),
    (" in older adults", " en personas mayores"),
    (" during pregnancy", " durante el embarazo"),
    (" at night", " por la noche"),
    (" after surgery", " después de una cirugía"),
    (" at work", " en el trabajo"),
    (" and travel", " y los viajes"),
)
TITLES = {"en": 0, "es": 1}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sample_titles(count: int) -> list[tuple[str, dict[str, str], tuple[str, ...]]]:
    """(id, title by language, categories) for `count` topics."""
    found: list[tuple[str, dict[str, str], tuple[str, ...]]] = []
    for variant in VARIANTS:
        for base in BASES:
            if len(found) == count:
                return found
            english = base[0] + variant[0]
            found.append(
                (
                    "x-" + _slug(english),
                    {"en": english, "es": base[1] + variant[1]},
                    base[2],
                )
            )
    number = 0
    while len(found) < count:  # beyond the titles above: numbered
        number += 1
        base = BASES[number % len(BASES)]
        found.append(
            (
                f"x-{_slug(base[0])}-{number}",
                {"en": f"{base[0]} {number}", "es": f"{base[1]} {number}"},
                base[2],
            )
        )
    return found


def make_library(
    root: Path, count: int, langs: tuple[str, ...] = ("en", "es"), source: str = "ibs-leg-pain"
) -> Path:
    """Write `count` topics in each language to `root/<lang>/`: the shipped topic `source`
    under new ids, titles and categories. Returns root."""
    for lang in langs:
        text = (paths.TOPICS / lang / f"{source}.toml").read_text(encoding="utf-8")
        text = re.sub(r"^categories = .*\n", "", text, flags=re.MULTILINE)
        folder = root / lang
        folder.mkdir(parents=True, exist_ok=True)
        for topic_id, titles, groups in sample_titles(count):
            body = re.sub(r'^id = ".*"$', f'id = "{topic_id}"', text, count=1, flags=re.M)
            title = titles[lang].replace('"', "'")
            body = re.sub(r'^title = ".*"$', f'title = "{title}"', body, count=1, flags=re.M)
            names = ", ".join(f'"{g}"' for g in groups)
            body = re.sub(
                r"^(icon = .*)$", rf"\1\ncategories = [{names}]", body, count=1, flags=re.M
            )
            (folder / f"{topic_id}.toml").write_text(body, encoding="utf-8")
    return root
