"""The bundled fonts, so every machine (and every printed page) draws the same letters."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from kiosk import paths

log = logging.getLogger("kiosk")

_loaded = False


def load_fonts() -> None:
    """Register resources/fonts/*.ttf with Qt (once per process)."""
    global _loaded  # noqa: PLW0603 - a process-wide fact: Qt's font database is global too
    if _loaded:
        return
    for font in sorted(paths.FONTS.glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("could not load font %s", font.name)
    _loaded = True
