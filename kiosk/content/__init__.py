"""Topics: the model, the loader with its errors, sentences and reading level. No Qt here."""

from kiosk.content.loader import ContentError, LoadResult, load_topics
from kiosk.content.model import Review, Section, Source, Tier, Topic

__all__ = [
    "ContentError",
    "LoadResult",
    "Review",
    "Section",
    "Source",
    "Tier",
    "Topic",
    "load_topics",
]
