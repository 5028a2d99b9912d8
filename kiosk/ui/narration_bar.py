"""The reading-aloud controls: big buttons whose words always say what is going on."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.narration.narrator import Problem, State
from kiosk.theme import Metrics, Palette
from kiosk.ui.widgets import TouchButton, place_in_grid, set_role


class NarrationBar(QFrame):
    """Listen / Pause / Resume, back and forward a sentence, stop, slower, softer and louder.

    On the topic screen the words being read are marked on the page; where they cannot be (the
    page to print is a picture), `marks_words` is False and the status line names the part of
    the page being read instead (`show_part`).
    """

    toggle_requested = Signal()
    stop_requested = Signal()
    back_requested = Signal()
    forward_requested = Signal()
    slower_toggled = Signal(bool)
    volume_step = Signal(int)  # -1 softer, +1 louder

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        marks_words: bool = True,
        listen_role: str = "primary",
    ) -> None:
        """`listen_role`: "secondary" where another button is the screen's main action."""
        super().__init__(parent)
        self.setObjectName("NarrationBar")
        self.state = State.IDLE
        self.marks_words = marks_words
        self._part: tuple[str, int, int] | None = None  # what is being read, if not marked
        self.listen = TouchButton("", role=listen_role)
        self.back = TouchButton("", icon="previous")
        self.forward = TouchButton("", icon="next")
        self.stop = TouchButton("")
        self.slower = TouchButton("")
        self.slower.setCheckable(True)
        self.softer = TouchButton("", icon="softer")
        self.louder = TouchButton("", icon="louder")
        self.status = QLabel()
        self.status.setWordWrap(True)
        set_role(self.status, "muted")
        self.listen.clicked.connect(self.toggle_requested)
        self.stop.clicked.connect(self.stop_requested)
        self.back.clicked.connect(self.back_requested)
        self.forward.clicked.connect(self.forward_requested)
        self.slower.toggled.connect(self.slower_toggled)
        self.softer.clicked.connect(lambda: self.volume_step.emit(-1))
        self.louder.clicked.connect(lambda: self.volume_step.emit(1))
        self.buttons = [
            self.listen,
            self.back,
            self.stop,
            self.forward,
            self.slower,
            self.softer,
            self.louder,
        ]
        self.grid = QGridLayout()
        self._columns = 0
        self._compact = False
        box = QVBoxLayout(self)
        box.addLayout(self.grid)
        box.addWidget(self.status)
        self._box = box
        self._problem: Problem | None = None
        self._gap, self._margin = 24, 32
        self.retranslate()

    def retranslate(self) -> None:
        """The controls' words in the current language."""
        self.back.set_words(self.tr("Previous"))
        self.forward.set_words(self.tr("Next"))
        self.back.setAccessibleName(self.tr("Previous sentence"))
        self.forward.setAccessibleName(self.tr("Next sentence"))
        self.stop.set_words(self.tr("Stop"))
        self.slower.set_words(self.tr("Slower"))
        self.softer.set_words(self.tr("Softer"))
        self.louder.set_words(self.tr("Louder"))
        self.show_state(self.state)
        if self._problem:
            self.show_problem(self._problem)

    def show_state(self, state: State) -> None:
        """Words and enabled buttons for what the narrator is doing."""
        self.state = state
        words = {
            State.IDLE: self.tr("Listen"),
            State.LOADING: self.tr("Pause"),
            State.PLAYING: self.tr("Pause"),
            State.PAUSED: self.tr("Resume"),
        }[state]
        self.listen.set_words(words)
        active = state is not State.IDLE
        if not active:
            self._part = None
        for button in (self.back, self.forward, self.stop):
            button.setEnabled(active)
        if self._problem is None:
            self.status.setText(
                {
                    State.IDLE: self.tr("Tap Listen to hear this page read aloud."),
                    State.LOADING: self.tr("Getting ready to read…"),
                    State.PLAYING: self._reading_words(),
                    State.PAUSED: self.tr("Paused. Tap Resume to go on."),
                }[state]
            )

    def _reading_words(self) -> str:
        if self.marks_words:
            return self.tr("Reading aloud. The words being read are marked in yellow.")
        if self._part is None:
            return self.tr("Reading aloud.")
        name, number, count = self._part
        if number:
            return self.tr("Reading aloud: {part}, {number} of {count}.").format(
                part=name.rstrip(".:"), number=number, count=count
            )
        return self.tr("Reading aloud: {part}.").format(part=name.rstrip(".:"))

    def show_part(self, name: str, number: int = 0, count: int = 0) -> None:
        """The part being read, by the words that name it where it is written (a heading, a
        title), and for an item of a list its place in it: the status line says it."""
        self._part = (name, number, count)
        if self.state is State.PLAYING and self._problem is None:
            self.status.setText(self._reading_words())

    def show_slow(self, slow: bool) -> None:
        """Slower on or off, as the visit has it (chosen here or on another screen's bar)."""
        self.slower.blockSignals(True)
        self.slower.setChecked(slow)
        self.slower.blockSignals(False)

    def show_problem(self, problem: Problem | None) -> None:
        """One calm line when speech fails; None clears it."""
        self._problem = problem
        if problem is Problem.UNAVAILABLE:
            self.status.setText(
                self.tr("Reading aloud is not available right now. Please ask the front desk.")
            )
            self.set_available(False)
        elif problem is Problem.FAILED:
            self.status.setText(self.tr("Sorry, this page could not be read aloud just now."))
        else:
            self.show_state(self.state)

    def set_available(self, available: bool) -> None:
        """Turn the controls on or off (the text always stays)."""
        for button in (self.listen, self.slower, self.softer, self.louder):
            button.setEnabled(available)
        if available:
            self._problem = None
            self.show_state(self.state)

    def reset(self) -> None:
        """The visit's choices are gone: normal speed, no message."""
        self.show_slow(False)
        self._problem = None
        self.show_state(State.IDLE)

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes for the current text size."""
        self._box.setContentsMargins(sizes.pad, sizes.gap // 2, sizes.pad, sizes.gap // 2)
        self._box.setSpacing(sizes.gap // 3)
        self.grid.setHorizontalSpacing(sizes.gap)
        self.grid.setVerticalSpacing(sizes.gap)
        self._gap = sizes.gap
        self._margin = sizes.pad
        for button in (self.back, self.forward, self.softer, self.louder):
            button.paint_icon(palette.secondary_fg, sizes.icon)
        self._columns = 0
        self._reflow()

    def _reflow(self) -> None:
        """One row if the buttons fit with their words; else one row with the arrow and volume
        buttons as icons only (their words stay their accessible names); else wrapped rows."""
        gap = self._gap
        width = self.width() - 2 * self._margin

        def row_width(compact: bool) -> int:
            for button in self.buttons:
                button.set_compact(compact)
            return sum(b.sizeHint().width() for b in self.buttons) + gap * (len(self.buttons) - 1)

        compact = row_width(False) > width and row_width(True) <= width
        row_width(compact)
        self._compact = compact
        widths = [b.sizeHint().width() for b in self.buttons]
        columns = len(self.buttons)
        while columns > 1:
            # A grid: each column is as wide as its widest button, whichever row it is in.
            needed = sum(max(widths[c::columns]) for c in range(columns)) + gap * (columns - 1)
            if needed <= width:
                break
            columns -= 1
        if columns == self._columns:
            return
        self._columns = columns
        place_in_grid(self.grid, list(self.buttons), columns, fill=False)

    def minimumSizeHint(self) -> QSize:
        """One row of buttons and the status line, and as narrow as its widest button: how
        many rows it really takes follows the width it is given (a hidden screen must not claim
        the height of a one-column bar, nor the width of the row it last had room for, which
        kept the window wider than a portrait screen)."""
        hint = super().minimumSizeHint()
        margins = self._box.contentsMargins()
        one_row = (
            max((b.sizeHint().height() for b in self.buttons), default=0)
            + self._box.spacing()
            + self.status.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        one_column = (
            max((b.sizeHint().width() for b in self.buttons), default=0)
            + margins.left()
            + margins.right()
        )
        return QSize(min(hint.width(), one_column), min(hint.height(), one_row))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()
