"""The usage flow on its own: it counts what the other flows say happened, into a real SQLite
file, and nobody calls it. The flows it listens to are stood in for by objects that send the
same signals (their own tests show when they send them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Signal

from kiosk import paths
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.flows.handout import HandoutFlow
from kiosk.flows.reading import ReadingFlow
from kiosk.flows.usage import UsageFlow
from kiosk.flows.visit import VisitFlow
from kiosk.session import Visit
from kiosk.stats import UsageStats, report, summary


class Choices(QObject):
    chosen = Signal(str, object)


class Reading(QObject):
    opened = Signal(object)
    listened = Signal(object)


class Handouts(QObject):
    printed = Signal(object)


def test_counts_what_the_flows_say(tmp_path: Path) -> None:
    topic = load_topics(paths.TOPICS).topics[0]
    db = tmp_path / "usage.sqlite3"
    stats = UsageStats(db)
    visit, choices, reading, handouts = Visit(Settings()), Choices(), Reading(), Handouts()
    _flow = UsageFlow(  # kept: a flow with no parent lives as long as its name
        stats=stats,
        visit=visit,
        visits=cast(VisitFlow, choices),
        reading=cast(ReadingFlow, reading),
        handouts=cast(HandoutFlow, handouts),
    )
    visit.start()
    reading.opened.emit(topic)
    reading.listened.emit(topic)
    handouts.printed.emit(topic)
    choices.chosen.emit("language", "es")
    choices.chosen.emit("text_size", 150)
    choices.chosen.emit("theme", "dark")
    choices.chosen.emit("audio_guide", True)
    choices.chosen.emit("audio_guide", False)  # turning it off is not counted
    choices.chosen.emit("volume", 60)  # nor the volume
    assert stats.flush()
    stats.close()
    today, _week = summary(db, dt.date.today())
    assert (today.visits, today.topics, today.narrations, today.prints) == (1, 1, 1, 1)
    assert (today.languages, today.text_sizes, today.themes, today.audio_guide) == (1, 1, 1, 1)
    (row,) = report(db).topics
    assert (row.topic, row.lang, row.opens, row.narrations, row.prints) == (
        topic.id,
        topic.lang,
        1,
        1,
        1,
    )
