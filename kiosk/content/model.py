"""The topic model: frozen, typed, plain Python that every other part reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Tier(Enum):
    """Warning-sign tiers, most urgent first (the order they are shown, spoken and printed)."""

    CALL_911 = "call_911"
    CALL_DOCTOR = "call_doctor_today"
    WATCH = "watch"

    @property
    def rank(self) -> int:
        """0 for the most urgent tier."""
        return list(Tier).index(self)


@dataclass(frozen=True, slots=True)
class Section:
    """One short titled part of a topic."""

    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from, so a clinician can check it."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A line drawing (SVG, the team's own work) with the words that say what it shows,
    placed after one section or one self-care step (0-based; the other is None)."""

    file: str  # its name in the topics' figures/ folder
    alt: str  # shown under it, read aloud with the page, said by the audio guide
    after_section: int | None
    after_step: int | None
    path: str = field(default="", compare=False)  # the SVG file

    def to_json(self) -> dict[str, Any]:
        """As JSON-ready data; section and step numbers count from 1, as authors do."""
        return {
            "file": self.file,
            "alt": self.alt,
            "after_section": None if self.after_section is None else self.after_section + 1,
            "after_step": None if self.after_step is None else self.after_step + 1,
            "path": self.path,
        }


@dataclass(frozen=True, slots=True)
class Review:
    """Clinical sign-off; a topic awaits review until a clinician approves it."""

    status: str  # "awaiting" or "approved"
    reviewer: str = ""
    date: dt.date | None = None

    @property
    def awaiting(self) -> bool:
        """True until a clinician has signed the topic off."""
        return self.status != "approved"


@dataclass(frozen=True, slots=True)
class Topic:
    """One health topic in one language, as the patient sees, hears and prints it."""

    id: str
    lang: str
    title: str
    summary: str
    sections: tuple[Section, ...]
    self_care: tuple[str, ...]
    warning_signs: tuple[tuple[Tier, tuple[str, ...]], ...]
    learn_more: str
    current_as_of: dt.date
    review: Review
    sources: tuple[Source, ...]
    icon: str = "general"
    figures: tuple[Figure, ...] = ()
    categories: tuple[str, ...] = ()  # ids in resources/categories.toml, for finding it
    path: str = field(default="", compare=False)

    def signs(self, tier: Tier) -> tuple[str, ...]:
        """The warning signs of one tier (empty if the tier is absent)."""
        for t, items in self.warning_signs:
            if t is tier:
                return items
        return ()

    def to_json(self) -> dict[str, Any]:
        """Every field as JSON-ready data: how reviewers, translators and tests read topics."""
        return {
            "id": self.id,
            "lang": self.lang,
            "title": self.title,
            "icon": self.icon,
            "summary": self.summary,
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "self_care": list(self.self_care),
            "warning_signs": {t.value: list(items) for t, items in self.warning_signs},
            "learn_more": self.learn_more,
            "current_as_of": self.current_as_of.isoformat(),
            "review": {
                "status": self.review.status,
                "reviewer": self.review.reviewer,
                "date": self.review.date.isoformat() if self.review.date else None,
            },
            "sources": [{"name": s.name, "url": s.url} for s in self.sources],
            "figures": [f.to_json() for f in self.figures],
            "categories": list(self.categories),
            "path": self.path,
        }
