"""The kiosk's line icons (resources/icons/*.svg), drawn in one colour at any size."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk import paths


@lru_cache(maxsize=256)
def svg_image(name: str, colour: str, size: int = 128) -> QImage:
    """An icon drawn in `colour` (its #000000 strokes are recoloured) on a transparent square."""
    try:
        svg = (paths.ICONS / f"{name}.svg").read_text(encoding="utf-8").replace("#000000", colour)
    except OSError:
        svg = ""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    # Transparent from the start: made from zeroed memory, and copied to own it. (`fill`, in
    # any of its forms, makes PySide build the whole `Qt` namespace to choose between them,
    # and this icon is drawn for the first frame: see kiosk/lazy_qt.py.)
    clear = bytes(size * size * 4)
    image = QImage(clear, size, size, size * 4, QImage.Format.Format_ARGB32_Premultiplied).copy()
    if renderer.isValid():
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return image
