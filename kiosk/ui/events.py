"""One application-wide event filter in front of the kiosk's own: each of them is asked only
about the kinds of event it handles.

Qt calls an application's event filters for every event of every object: painting, layout,
polish and child events by the thousand when a topic page is built. Four filters written in
Python each paid for a call and an event-type lookup on all of them (about 17 ms of a 55 ms
topic opening); this one pays once per event, and most events go no further.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject


class KindFilter(Protocol):
    """An event filter that says which kinds of event it wants."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """True to stop the event here."""
        ...


class EventHub(QObject):
    """Asks each filter, in the order given, about the events of the kinds it named; the first
    that takes an event (returns True) stops it."""

    def __init__(
        self, filters: Iterable[tuple[KindFilter, frozenset[QEvent.Type]]], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._filters = list(filters)
        self._wanted = frozenset().union(*(kinds for _, kinds in self._filters))

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Out of the way for a moment of the kiosk's own making in which no input can come
        (a restyle, run to its end on this thread): it sends thousands of polish, font and
        layout events, each of which would cost a call into Python here (a third of a restyle's
        time)."""
        app = QCoreApplication.instance()
        if app is None:
            yield
            return
        app.removeEventFilter(self)
        try:
            yield
        finally:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Pass the event to the filters that want its kind."""
        kind = event.type()
        if kind not in self._wanted:
            return False
        for each, kinds in self._filters:
            if kind in kinds and each.eventFilter(watched, event):
                return True
        return False
