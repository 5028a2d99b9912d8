"""The attract screen: a slow, calm rotation of topics and "Touch to start"."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.content.sentences import split_sentences
from kiosk.theme import Metrics, Palette
from kiosk.ui.widgets import IconLabel, TouchButton, set_role

if TYPE_CHECKING:
    from PySide6.QtCore import QPropertyAnimation
    from PySide6.QtWidgets import QGraphicsOpacityEffect

    from kiosk.content.catalog import TopicEntry

FADE_MS = 1200  # a slow cross-fade: nothing on this screen changes faster than about 1 Hz
# Against burn-in, the screen's words and buttons drift round a slow figure of eight: a step of
# a pixel or two every few seconds, a whole round in half an hour, so no edge stays lit in one
# place for hours. Across, the content moves by up to `pad * DRIFT_PADS_ACROSS` px each way (the
# margins change, their sum does not); up and down it moves inside the free room above and
# below it (the stretches change), so the drift never makes the screen need more room.
DRIFT_STEP_MS = 2_500
DRIFT_STEPS = 720
DRIFT_PADS_ACROSS = 2
STRETCH = 100  # the column's stretches are 2, 1, 1, 2 times this
DRIFT_STRETCH = 150  # the top and bottom stretches move this far from 200 each way


class AttractScreen(QFrame):
    """Shown when nobody is using the kiosk. Any touch or key emits `start_requested`.

    It is the first frame's screen, so it sets no Qt flag by value (see kiosk/lazy_qt.py): its
    flags are set by name through Qt's properties, it is a QFrame so that Qt paints its styled
    background unasked, and its words let touches through as every label does (a label takes
    no touch, so the screen beneath gets it)."""

    start_requested = Signal()

    def __init__(self, clinic_name: str, rotate_s: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Attract")
        self.setProperty("focusPolicy", "StrongFocus")
        self._topics: list[TopicEntry] = []
        self.index = 0
        self._palette: Palette | None = None
        self._sizes: Metrics | None = None

        self.clinic = QLabel(clinic_name)
        _plain(self.clinic)
        self.clinic.setProperty("alignment", "AlignCenter")
        set_role(self.clinic, "title", new=True)
        self.welcome = QLabel()
        self.welcome.setProperty("alignment", "AlignCenter")
        self.welcome.setWordWrap(True)
        _plain(self.welcome)
        set_role(self.welcome, "muted", new=True)

        self._build_card()

        self.start = TouchButton("", icon="touch", role="primary")
        self.start.clicked.connect(self.start_requested)

        column = QVBoxLayout(self)
        column.addStretch(2 * STRETCH)
        column.addWidget(self.clinic)
        column.addWidget(self.welcome)
        column.addStretch(STRETCH)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.card, 3)
        middle.addStretch(1)
        column.addLayout(middle)
        self._middle = middle
        column.addStretch(STRETCH)
        centred = QHBoxLayout()  # the button in the middle of its row, as wide as it needs
        centred.addStretch(1)
        centred.addWidget(self.start)
        centred.addStretch(1)
        column.addLayout(centred)
        column.addStretch(2 * STRETCH)
        self._column = column

        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(rotate_s * 1000)))
        self._timer.timeout.connect(self.rotate)
        self.drift_step = 0
        self._drift = QTimer(self)
        self._drift.setInterval(DRIFT_STEP_MS)
        self._drift.timeout.connect(self.drift)
        self.retranslate()

    def _build_card(self) -> None:
        """The rotating topic card (its cross-fade is made when the first topics come)."""
        self.card = QFrame()
        self.card.setObjectName("AttractCard")
        self.card_icon = IconLabel("general")
        self.card_title = QLabel()
        _plain(self.card_title)
        self.card_title.setWordWrap(True)
        set_role(self.card_title, "heading", new=True)
        self.card_text = QLabel()
        _plain(self.card_text)
        self.card_text.setWordWrap(True)
        set_role(self.card_text, "muted", new=True)
        words = QVBoxLayout()
        words.addWidget(self.card_title)
        words.addWidget(self.card_text)
        icon = QVBoxLayout()  # the icon at the top of the card, beside the title
        icon.addWidget(self.card_icon)
        icon.addStretch(1)
        row = QHBoxLayout(self.card)
        row.addLayout(icon)
        row.addLayout(words, 1)
        self._card_row = row
        self._fade: QGraphicsOpacityEffect | None = None
        self._animation: QPropertyAnimation | None = None

    def _fader(self) -> tuple[QGraphicsOpacityEffect, QPropertyAnimation]:
        """The card's slow cross-fade, made the first time a topic is to fade in: the first
        frame has no topic to show, and it waits for no animation code."""
        if self._fade is None or self._animation is None:
            from PySide6.QtCore import QEasingCurve, QPropertyAnimation  # noqa: PLC0415
            from PySide6.QtWidgets import QGraphicsOpacityEffect  # noqa: PLC0415

            self._fade = QGraphicsOpacityEffect(self.card)
            self._fade.setOpacity(1.0)
            self.card.setGraphicsEffect(self._fade)
            self._animation = QPropertyAnimation(self._fade, b"opacity", self)
            self._animation.setDuration(FADE_MS // 2)
            self._animation.setEasingCurve(QEasingCurve.Type.InOutSine)
            self._animation.finished.connect(self._fade_finished)
        return self._fade, self._animation

    def _fading(self) -> bool:
        """A cross-fade is under way."""
        animation = self._animation
        return animation is not None and animation.state() == animation.State.Running

    def retranslate(self) -> None:
        """Set the screen's own words in the current language."""
        self.welcome.setText(self.tr("Health information you can read, hear, and take home."))
        self.start.set_words(self.tr("Touch to start"))

    def set_topics(self, topics: list[TopicEntry]) -> None:
        """The topics to rotate through. The first ones to come while the screen is on show
        (the running kiosk lists them just after its first frame) fade in, as each next one
        does."""
        arriving = not self._topics and bool(topics) and self.isVisible()
        self._topics = list(topics)
        self.index = 0
        if topics:
            self._fader()
        self._show_current()
        if arriving and not self._fading():
            fade, animation = self._fader()
            fade.setOpacity(0.0)
            animation.setStartValue(0.0)
            animation.setEndValue(1.0)
            animation.start()

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""
        self._sizes, self._palette = sizes, palette
        self._place()
        self._column.setSpacing(sizes.gap)
        self._card_row.setContentsMargins(sizes.pad, sizes.pad, sizes.pad, sizes.pad)
        self._card_row.setSpacing(sizes.gap)
        self.card.setMaximumWidth(sizes.tile_max_width + 200)
        if self._topics:  # the card is hidden till there are topics (and painted with them)
            self.card_icon.paint_icon(palette.icon, sizes.tile_icon)
        self.start.paint_icon(palette.primary_fg, sizes.icon)
        self.start.setMinimumWidth(sizes.tile_min_width)
        self._fit()

    def focus_order(self) -> list[QWidget]:
        """No controls to move between: any key starts a visit."""
        return []

    def first_focus(self) -> QWidget | None:
        """Keys land on the screen itself."""
        return None

    def drift_offset(self, step: int | None = None) -> tuple[int, int]:
        """Where the drift puts the content at a step: (px across, stretch units down)."""
        pad = self._sizes.pad if self._sizes is not None else 0
        angle = 2 * math.pi * ((self.drift_step if step is None else step) % DRIFT_STEPS)
        angle /= DRIFT_STEPS
        across = round(pad * DRIFT_PADS_ACROSS * math.cos(angle))
        return across, round(DRIFT_STRETCH * math.sin(2 * angle))

    @Slot()
    def drift(self) -> None:
        """One small step of the drift against burn-in."""
        self.drift_step = (self.drift_step + 1) % DRIFT_STEPS
        self._place()

    def _place(self) -> None:
        if self._sizes is None:
            return
        pad = self._sizes.pad
        across, down = self.drift_offset()
        side = pad * (2 + DRIFT_PADS_ACROSS)
        self._column.setContentsMargins(side + across, pad, side - across, pad)
        self._column.setStretch(0, 2 * STRETCH + down)
        self._column.setStretch(self._column.count() - 1, 2 * STRETCH - down)

    @Slot()
    def rotate(self) -> None:
        """Fade to the next topic."""
        if len(self._topics) < 2 or self._fading():
            return
        _, animation = self._fader()
        animation.setStartValue(1.0)
        animation.setEndValue(0.0)
        animation.start()

    @Slot()
    def _fade_finished(self) -> None:
        fade, animation = self._fader()
        if fade.opacity() < 0.5 and self._topics:
            self.index = (self.index + 1) % len(self._topics)
            self._show_current()
            animation.setStartValue(0.0)
            animation.setEndValue(1.0)
            animation.start()

    def _show_current(self) -> None:
        if not self._topics:
            self.card.hide()
            return
        self.card.show()
        topic = self._topics[self.index % len(self._topics)]
        self.card_title.setText(topic.title)
        first = split_sentences(topic.summary)[:1]
        self.card_text.setText(first[0] if first else "")
        self.card_icon.set_icon(topic.icon)
        if self._sizes and self._palette:
            self.card_icon.paint_icon(self._palette.icon, self._sizes.tile_icon)
        self._fit()

    def _fit(self) -> None:
        """On a short screen at a large text size, leave out the card's sentence, then the
        welcome line, rather than cut words off."""
        optional: tuple[QWidget, ...] = (self.card_text, self.welcome, self.card)
        for part in optional:
            part.setVisible(bool(self._topics) or part is not self.card)
        for part in optional:
            if not self._clipped():
                return
            part.setVisible(False)

    def _clipped(self) -> bool:
        self._column.activate()
        self._card_row.activate()
        labels = (self.clinic, self.welcome, self.card_title, self.card_text)
        return any(
            label.isVisibleTo(self) and label.heightForWidth(label.width()) > label.height() + 1
            for label in labels
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a portrait screen the card takes the whole width: a third of it gives lines of
        # two or three words.
        side = 1 if self.width() >= self.height() else 0
        self._middle.setStretch(0, side)
        self._middle.setStretch(2, side)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()
        if self._fade is not None:
            self._fade.setOpacity(1.0)
        self._timer.start()
        self._drift.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()
        self._drift.stop()
        if self._animation is not None:
            self._animation.stop()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.start_requested.emit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.start_requested.emit()
        event.accept()


def _plain(label: QLabel) -> None:
    """Words shown as the characters they are (a clinic's name, a topic's title: never read as
    markup), taking no touch: the screen beneath gets it."""
    label.setProperty("textFormat", "PlainText")
    label.setProperty("textInteractionFlags", "NoTextInteraction")
