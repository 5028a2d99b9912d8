"""Words the kiosk puts around topic content, shared by the screen, the speech and the handout.

They go through Qt's translation system (QtCore only), so every part says them the same way.
They are said in the topic's own language (`lang`), not the screen's: a topic that exists only
in English keeps English headings, spoken and printed, even on a Spanish screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale, QTranslator

from kiosk import languages, paths
from kiosk.content.model import Tier

_translators: dict[tuple[str, str], QTranslator] = {}  # by language and folder


def _tr(text: object, lang: str | None) -> str:
    """`text` in `lang` (None: the language installed for the screen)."""
    text = str(text)  # QT_TRANSLATE_NOOP gives the text back, typed as object
    if lang is None:
        return QCoreApplication.translate("Labels", text)
    folder = str(paths.I18N)
    translator = _translators.get((lang, folder))
    if translator is None:
        translator = QTranslator()
        translator.load(f"kiosk_{lang}", folder)  # missing: the English words stay
        _translators[lang, folder] = translator
    return translator.translate("Labels", text) or text


_TIER_NAMES = {
    Tier.CALL_911: QT_TRANSLATE_NOOP("Labels", "Call 911 now"),
    Tier.CALL_DOCTOR: QT_TRANSLATE_NOOP("Labels", "Call your doctor now or go to urgent care"),
    Tier.WATCH: QT_TRANSLATE_NOOP("Labels", "Watch closely and call your doctor if"),
}


def tier_name(tier: Tier, lang: str | None = None) -> str:
    """The words of a warning tier, as shown, spoken and printed."""
    return _tr(_TIER_NAMES[tier], lang)


def tier_icon(tier: Tier) -> str:
    """The icon of a warning tier, so colour is never the only cue."""
    return {Tier.CALL_911: "tier-911", Tier.CALL_DOCTOR: "tier-doctor", Tier.WATCH: "tier-watch"}[
        tier
    ]


def self_care_heading(lang: str | None = None) -> str:
    """Heading of the self-care steps."""
    return _tr(QT_TRANSLATE_NOOP("Labels", "What you can do at home"), lang)


def warning_heading(lang: str | None = None) -> str:
    """Heading of the warning signs."""
    return _tr(QT_TRANSLATE_NOOP("Labels", "When to get help"), lang)


def current_as_of(date_text: str, lang: str | None = None) -> str:
    """The line that dates the content."""
    return _tr(QT_TRANSLATE_NOOP("Labels", "Information current as of {date}"), lang).format(
        date=date_text
    )


def handout_words(lang: str | None = None) -> dict[str, str]:
    """The handout's own words."""
    return {
        "learn_more": _tr(QT_TRANSLATE_NOOP("Labels", "Learn more (scan the code or type):"), lang),
        "not_advice": _tr(
            QT_TRANSLATE_NOOP(
                "Labels", "This page does not replace advice from your own doctor or nurse."
            ),
            lang,
        ),
    }


def language_name(lang: str) -> str:
    """A language named in its own words, as patients look for it."""
    return languages.name(lang)


def long_date(day: dt.date, lang: str) -> str:
    """A date as patients write it: "November 22, 2026", "22 de noviembre de 2026" (each
    language's `date_format`; without one, its locale's long date)."""
    locale = QLocale(lang)
    language = languages.get(lang)
    if language is None:
        date_format = "yyyy-MM-dd"
    else:
        date_format = language.date_format or locale.dateFormat(QLocale.FormatType.LongFormat)
    return locale.toString(QDate(day.year, day.month, day.day), date_format)
