"""A language added from files alone, as a clinic adds one: a copy of resources/ with one more
table in languages.toml, its topic folder and its translation file. Shared by tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk import paths

FRENCH_TABLE = """
[fr]
name = "Français"
voice = ["roa/fr"]
direction = "ltr"
readability = "none"
date_format = "d MMMM yyyy"
not_action_words = ["le", "la", "les", "un", "une", "vous", "si", "quand"]
"""

ARABIC_TABLE = """
[ar]
name = "العربية"
voice = ["sem/ar"]
direction = "rtl"
readability = "none"
"""

# The same topic as the shipped English and Spanish "diarrhea-leg-pain", shorter, in plain French.
FRENCH_TOPIC = '''# Topic: leg pain together with diarrhea. French.
id = "diarrhea-leg-pain"
lang = "fr"
title = "Mal aux jambes et diarrhée"
icon = "drop"
current_as_of = 2026-11-22
learn_more = "https://www.ameli.fr/assure/sante/themes/gastro-enterite"

summary = """
La diarrhée peut donner des crampes aux jambes, car le corps perd de l'eau et des sels.
Buvez souvent, reposez-vous et connaissez les signes qui doivent vous alerter.
"""

[review]
status = "awaiting"

[[sections]]
heading = "Pourquoi ai-je mal aux jambes ?"
text = """
La diarrhée fait perdre beaucoup d'eau. Le corps perd aussi des sels. Vos muscles ont besoin de \
ces sels. Sans eux, un muscle peut se serrer tout seul. C'est une crampe.
"""

[[sections]]
heading = "Est-ce grave ?"
text = """
Le plus souvent, non. La douleur part quand la diarrhée s'arrête. Surveillez quand même les \
signes d'alerte plus bas.
"""

[self_care]
steps = [
    "Buvez de petites gorgées d'eau souvent, même sans soif.",
    "Prenez une solution de réhydratation orale. Elle se vend en pharmacie.",
    "Reposez-vous jusqu'à ce que vous alliez mieux.",
    "Lavez-vous les mains au savon après être allé aux toilettes.",
]

[warning_signs]
call_911 = [
    "Vous vous évanouissez, ou vous vous sentez confus.",
    "Vous avez mal à la poitrine, ou vous respirez mal.",
]
call_doctor_today = [
    "Une jambe devient soudain rouge, chaude et gonflée.",
    "Vous avez plus de 102 °F (38,9 °C) de fièvre.",
]
watch = [
    "La diarrhée dure plus de 2 jours.",
]

[[sources]]
name = "Assurance Maladie : gastro-entérite"
url = "https://www.ameli.fr/assure/sante/themes/gastro-enterite"
'''

FRENCH_STEP = "Buvez de petites gorgées d'eau souvent, même sans soif."

# A few of the kiosk's words in French; every other one stays English.
FRENCH_WORDS = {
    ("HomeScreen", "Choose a topic"): "Choisissez un sujet",
    ("NarrationBar", "Listen"): "Écouter",
    ("Labels", "What you can do at home"): "Ce que vous pouvez faire chez vous",
    ("Labels", "When to get help"): "Quand demander de l'aide",
    ("LanguagePicker", "Choose a language"): "Choisissez une langue",
}


def french_ts() -> str:
    """A small Qt Linguist source file with `FRENCH_WORDS`."""
    contexts: dict[str, list[str]] = {}
    for (context, source), translation in FRENCH_WORDS.items():
        contexts.setdefault(context, []).append(
            f"    <message>\n        <source>{source}</source>\n"
            f"        <translation>{translation}</translation>\n"
            "    </message>\n"
        )
    body = "".join(
        f"<context>\n    <name>{name}</name>\n{''.join(messages)}</context>\n"
        for name, messages in contexts.items()
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="fr_FR">\n{body}</TS>\n'
    )


def resources_with(
    folder: Path,
    tables: str = FRENCH_TABLE,
    topics: dict[str, dict[str, str]] | None = None,
    translations: dict[str, str] | None = None,
) -> Path:
    """A copy of the shipped resources in `folder`/resources (compiled translations left out,
    as in a fresh checkout) with `tables` added to languages.toml, `topics` ({lang: {id:
    text}}) and `translations` ({lang: .ts text}). By default: French, with its topic and words."""
    copy = folder / "resources"
    shutil.copytree(paths.SHIPPED_RESOURCES, copy, ignore=shutil.ignore_patterns("*.qm"))
    table = copy / "languages.toml"
    table.write_text(table.read_text(encoding="utf-8") + tables, encoding="utf-8")
    if topics is None:
        topics = {"fr": {"diarrhea-leg-pain": FRENCH_TOPIC}}
    if translations is None:
        translations = {"fr": french_ts()}
    for lang, files in topics.items():
        (copy / "topics" / lang).mkdir(exist_ok=True)
        for topic_id, text in files.items():
            (copy / "topics" / lang / f"{topic_id}.toml").write_text(text, encoding="utf-8")
    for lang, text in translations.items():
        (copy / "i18n" / f"kiosk_{lang}.ts").write_text(text, encoding="utf-8")
    return copy
