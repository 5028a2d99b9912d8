"""A topic's line drawings (SVG, in the topics' figures/ folder) drawn in one colour.

The drawings use `currentColor` for every line, so one file reads black on white paper and on
the light theme, and light on dark in high contrast.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def _renderer(path: str, colour: str) -> QSvgRenderer | None:
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return None
    renderer = QSvgRenderer(QByteArray(raw.replace(b"currentColor", colour.encode("ascii"))))
    if not renderer.isValid() or renderer.defaultSize().isEmpty():
        return None
    return renderer


def renders(path: str) -> bool:
    """True if Qt can draw the file (what `check-content` asks of every figure)."""
    return _renderer(path, "#000000") is not None


def figure_image(path: str, colour: str, width: int) -> QImage | None:
    """The drawing `width` px wide, in its own proportions, its lines in `colour`, on a
    transparent ground; None if it cannot be drawn. Kept while the file is unchanged, so a
    drawing replaced before a content reload is drawn afresh."""
    try:
        changed = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _figure_image(path, changed, colour, width)


@lru_cache(maxsize=64)
def _figure_image(path: str, _changed: int, colour: str, width: int) -> QImage | None:
    renderer = _renderer(path, colour)
    if renderer is None:
        return None
    size = renderer.defaultSize()
    height = max(1, round(width * size.height() / size.width()))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, width, height))
    painter.end()
    return image
