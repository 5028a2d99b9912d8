"""Words the kiosk puts around topic content, shared by the screen, the speech and the handout.

They go through Qt's translation system (QtCore only), so every part says them the same way in
the patient's language.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from kiosk.content.model import Tier


def tier_name(tier: Tier) -> str:
    """The words of a warning tier, as shown, spoken and printed."""
    names = {
        Tier.CALL_911: QCoreApplication.translate("Labels", "Call 911 now"),
        Tier.CALL_DOCTOR: QCoreApplication.translate("Labels", "Call your doctor today"),
        Tier.WATCH: QCoreApplication.translate("Labels", "Watch closely and call your doctor if"),
    }
    return names[tier]


def tier_icon(tier: Tier) -> str:
    """The icon of a warning tier, so colour is never the only cue."""
    return {Tier.CALL_911: "tier-911", Tier.CALL_DOCTOR: "tier-doctor", Tier.WATCH: "tier-watch"}[
        tier
    ]


def self_care_heading() -> str:
    """Heading of the self-care steps."""
    return QCoreApplication.translate("Labels", "What you can do at home")


def warning_heading() -> str:
    """Heading of the warning signs."""
    return QCoreApplication.translate("Labels", "When to get help")


def current_as_of(date_text: str) -> str:
    """The line that dates the content."""
    return QCoreApplication.translate("Labels", "Information current as of {date}").format(
        date=date_text
    )


def handout_words() -> dict[str, str]:
    """The handout's own words."""
    return {
        "learn_more": QCoreApplication.translate("Labels", "Learn more (scan the code or type):"),
        "not_advice": QCoreApplication.translate(
            "Labels", "This page does not replace advice from your own doctor or nurse."
        ),
    }


def language_name(lang: str) -> str:
    """A language named in its own words, as patients look for it."""
    return {"en": "English", "es": "Español"}.get(lang, lang)


_DATE_FORMATS = {"en": "MMMM d, yyyy", "es": "d 'de' MMMM 'de' yyyy"}
_LOCALES = {"en": QLocale.Language.English, "es": QLocale.Language.Spanish}


def long_date(day: dt.date, lang: str) -> str:
    """A date as patients write it: "November 22, 2026", "22 de noviembre de 2026"."""
    locale = QLocale(_LOCALES.get(lang, QLocale.Language.English))
    return locale.toString(
        QDate(day.year, day.month, day.day), _DATE_FORMATS.get(lang, "yyyy-MM-dd")
    )
