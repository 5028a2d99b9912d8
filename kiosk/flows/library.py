"""The topics the kiosk has now: listed at start (from the content index where files are
unchanged), each read in full when opened, listed again when staff ask."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk import categories, languages, paths
from kiosk.config import Settings, topic_roots
from kiosk.content import LoadResult, Topic
from kiosk.content.catalog import INDEX_NAME, Catalog, TopicEntry, scan

log = logging.getLogger("kiosk.app")


class Library(QObject):
    """The topics listed (and the files skipped, with why); `reloaded` after a new listing."""

    reloaded = Signal()

    def __init__(
        self,
        settings: Settings,
        content: LoadResult | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`content` already loaded (tests, tools); None lists the settings' topic folders."""
        super().__init__(parent)
        self._settings = settings
        for line in languages.table().problems:  # which languages there are decides what loads
            log.warning("languages: %s", line)
        for line in categories.table().problems:
            log.warning("categories: %s", line)
        self.content = self._logged(Catalog.of(content) if content is not None else self._read())

    def _read(self) -> Catalog:
        return scan(topic_roots(self._settings), paths.cache_dir() / INDEX_NAME)

    @staticmethod
    def _logged(content: Catalog) -> Catalog:
        for error in content.errors:
            log.warning("topic skipped: %s", error)
        return content

    def for_screen(self, lang: str) -> list[TopicEntry]:
        """The topics for a visit in `lang`: its own, then those only in another language."""
        return self.content.for_screen(lang)

    def find_any(self, topic_id: str, lang: str) -> Topic | None:
        """The whole topic in `lang`, or in the one language it is written in."""
        return self.content.find_any(topic_id, lang)

    def forget(self) -> None:
        """Drop the topics read for the last visit."""
        self.content.forget()

    def reload(self) -> Catalog:
        """List the topic folders again, and read the categories again (staff, without a
        restart)."""
        for line in categories.reread().problems:
            log.warning("categories: %s", line)
        self.content = self._logged(self._read())
        self.reloaded.emit()
        return self.content
