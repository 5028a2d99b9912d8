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


def _renderer(raw: bytes, colour: str) -> QSvgRenderer | None:
    renderer = QSvgRenderer(QByteArray(raw.replace(b"currentColor", colour.encode("ascii"))))
    if not renderer.isValid() or renderer.defaultSize().isEmpty():
        return None
    return renderer


def _read(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def renders(path: str) -> bool:
    """True if Qt can draw the file (what `check-content` asks of every figure)."""
    raw = _read(path)
    return raw is not None and _renderer(raw, "#000000") is not None


def figure_image(path: str, colour: str, width: int) -> QImage | None:
    """The drawing `width` px wide, in its own proportions, its lines in `colour`, on a
    transparent ground; None if it cannot be drawn. Kept by what the file holds, not by
    where it is: a drawing changed before a content reload is drawn afresh, and a content
    pack that brings the same drawings in a new folder (as each new version does) draws none
    again, nor fills the cache with drawings of folders gone."""
    raw = _read(path)  # a few kilobytes, read each time: the answer follows the file
    return None if raw is None else _figure_image(raw, colour, width)


@lru_cache(maxsize=64)
def _figure_image(raw: bytes, colour: str, width: int) -> QImage | None:
    renderer = _renderer(raw, colour)
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
