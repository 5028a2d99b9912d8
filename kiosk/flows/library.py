"""The topics the kiosk has now: read at start, read again when staff ask."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk import languages
from kiosk.config import Settings, topic_roots
from kiosk.content import LoadResult, Topic, load_topics

log = logging.getLogger("kiosk.app")


class Library(QObject):
    """The loaded topics (and the files skipped, with why); `reloaded` after a new read."""

    reloaded = Signal()

    def __init__(
        self,
        settings: Settings,
        content: LoadResult | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`content` already loaded (tests, tools); None reads the settings' topic folders."""
        super().__init__(parent)
        self._settings = settings
        for line in languages.table().problems:  # which languages there are decides what loads
            log.warning("languages: %s", line)
        self.content = self._logged(content if content is not None else self._read())

    def _read(self) -> LoadResult:
        return load_topics(topic_roots(self._settings))

    @staticmethod
    def _logged(content: LoadResult) -> LoadResult:
        for error in content.errors:
            log.warning("topic skipped: %s", error)
        return content

    def for_screen(self, lang: str) -> list[Topic]:
        """The topics for a visit in `lang`: its own, then those only in another language."""
        return self.content.for_screen(lang)

    def find_any(self, topic_id: str, lang: str) -> Topic | None:
        """The topic in `lang`, or in the one language it is written in."""
        return self.content.find_any(topic_id, lang)

    def reload(self) -> LoadResult:
        """Read the topic folders again (staff, without a restart)."""
        self.content = self._logged(self._read())
        self.reloaded.emit()
        return self.content
