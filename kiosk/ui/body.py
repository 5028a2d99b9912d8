"""Touch where it hurts: a simple outline of a person (resources/body-outline.svg) whose head,
chest, belly and legs each open the group of topics about that part of the body.

It is a touch shortcut beside the group tiles, which offer the same groups by keys and to the
audio guide; a part with no topics is drawn faint and does nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import paths
from kiosk.categories import BODY_PARTS
from kiosk.theme import Metrics, Palette

log = logging.getLogger("kiosk.ui")

_LINE, _FILL = "#000000", "#FF00FF"  # the outline's placeholder colours (see the SVG)
VIEW_W, VIEW_H = 200.0, 440.0  # the drawing's viewBox


class BodyOutline(QWidget):
    """Emits `part_chosen(part)` when a part that has topics is tapped (pressed and released on
    the same part)."""

    part_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BodyOutline")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys and the guide use the group tiles
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        try:
            self._svg = paths.BODY_OUTLINE.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("body outline not shown: %s", exc)
            self._svg = ""
        self._parts: dict[str, str] = {}  # the parts with topics: their group's name
        self._pressed = ""
        self._height = 400
        self._drawn: dict[str, QSvgRenderer] = {}
        self._renderers: dict[tuple[str, str], QSvgRenderer] = {}
        self._boxes: dict[str, QRectF] = {}
        self.setVisible(bool(self._svg))

    @property
    def usable(self) -> bool:
        """True if the drawing could be read."""
        return bool(self._svg) and bool(self._boxes)

    def set_parts(self, parts: dict[str, str]) -> None:
        """The parts that open a group now, with the group's name (said to screen readers)."""
        self._parts = {p: n for p, n in parts.items() if p in BODY_PARTS}
        names = ", ".join(self._parts.values())
        self.setAccessibleName(self.tr("Touch where it hurts") + (f": {names}" if names else ""))
        self.update()

    def parts(self) -> dict[str, str]:
        """The parts that open a group, with its name."""
        return dict(self._parts)

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Colours and size for the current theme and text size."""
        self._height = sizes.button_height * 7
        self._drawn = {
            state: self._renderer(line, fill)
            for state, (line, fill) in {
                "on": (palette.text_fg, palette.summary_bg),
                "off": (palette.border, palette.window_bg),
                "pressed": (palette.primary_fg, palette.primary_bg),
            }.items()
        }
        renderer = self._drawn["on"]
        self._boxes = (
            {part: renderer.boundsOnElement(f"part-{part}") for part in BODY_PARTS}
            if renderer.isValid()
            else {}
        )
        self.updateGeometry()
        self.update()

    def _renderer(self, line: str, fill: str) -> QSvgRenderer:
        """The drawing in two colours: made once per pair (a theme has three), then kept."""
        found = self._renderers.get((line, fill))
        if found is None:
            svg = self._svg.replace(_LINE, line).replace(_FILL, fill)
            found = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            self._renderers[line, fill] = found
        return found

    def sizeHint(self) -> QSize:
        return QSize(round(self._height * VIEW_W / VIEW_H), self._height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _scale(self) -> tuple[float, QPointF]:
        scale = min(self.width() / VIEW_W, self.height() / VIEW_H)
        left = (self.width() - VIEW_W * scale) / 2
        top = (self.height() - VIEW_H * scale) / 2
        return scale, QPointF(left, top)

    def _on_screen(self, box: QRectF) -> QRectF:
        scale, origin = self._scale()
        return QRectF(
            origin.x() + box.x() * scale,
            origin.y() + box.y() * scale,
            box.width() * scale,
            box.height() * scale,
        )

    def part_at(self, point: QPointF) -> str:
        """The part with topics under a point of the widget, or ""."""
        for part, box in self._boxes.items():
            if part in self._parts and self._on_screen(box).adjusted(-6, -6, 6, 6).contains(point):
                return part
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._drawn:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, origin = self._scale()
        self._drawn["on"].render(
            painter, QRectF(origin.x(), origin.y(), VIEW_W * scale, VIEW_H * scale)
        )
        for part, box in self._boxes.items():
            state = "pressed" if part == self._pressed else "on" if part in self._parts else "off"
            if state != "on":
                self._drawn[state].render(painter, f"part-{part}", self._on_screen(box))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = self.part_at(event.position())
        self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, ""
        self.update()
        if pressed and self.part_at(event.position()) == pressed:
            self.part_chosen.emit(pressed)
        event.accept()

    def clear(self) -> None:
        """Nothing pressed."""
        self._pressed = ""
        self.update()
