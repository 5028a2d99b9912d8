"""Anonymous usage counts: this flow listens to the others, and nobody calls it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from kiosk.content import Topic
from kiosk.flows.handout import HandoutFlow
from kiosk.flows.reading import ReadingFlow
from kiosk.flows.visit import VisitFlow
from kiosk.session import Visit

if TYPE_CHECKING:
    from kiosk.stats import UsageStats


class UsageFlow(QObject):
    """Counts visits, topics opened, readings aloud, pages printed and the patients' own
    choices: kinds and numbers only, never who or when within the day."""

    def __init__(
        self,
        *,
        stats: UsageStats,
        visit: Visit,
        visits: VisitFlow,
        reading: ReadingFlow,
        handouts: HandoutFlow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stats = stats
        visit.started.connect(lambda: stats.record("visit"))
        visits.chosen.connect(self._chosen)
        reading.opened.connect(lambda topic: self._topic("topic", topic))
        reading.listened.connect(lambda topic: self._topic("narration", topic))
        handouts.printed.connect(lambda topic: self._topic("print", topic))

    def _topic(self, kind: str, topic: Topic) -> None:
        self._stats.record(kind, topic=topic.id, lang=topic.lang)

    @Slot(str, object)
    def _chosen(self, name: str, value: object) -> None:
        """A patient's own choice of language, text size, contrast or the audio guide."""
        if name == "language" and isinstance(value, str):
            self._stats.record("language", lang=value)
        elif name == "text_size" and isinstance(value, int):
            self._stats.record("text_size", value=value)
        elif name == "theme" and isinstance(value, str):
            self._stats.record("theme", value=int(value != "light"))
        elif name == "audio_guide" and value is True:
            self._stats.record("audio_guide")
