"""Topics: the model, the loader with its errors, sentences and reading level. No Qt here.

The names below are loaded when first used, not when the package is: the kiosk's first frame
needs `kiosk.content.sentences` (a few patterns), not the loader and the model behind it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_HOME = {"ContentError": "loader", "LoadResult": "loader", "load_topics": "loader"} | dict.fromkeys(
    ("Review", "Section", "Source", "Tier", "Topic"), "model"
)


def __getattr__(name: str) -> object:
    """One of the names above, from the module it lives in (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value
