"""The idle warning: "Are you still there?" with a visible countdown and one big button."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from kiosk.theme import Metrics
from kiosk.ui.widgets import TouchButton, set_role

_TOUCH_GOES_ON = frozenset({QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel})
_MOUSE_GOES_ON = frozenset({QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease})
_MOUSE_DOWN = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})


class _AnswerCatcher(QObject):
    """Application-wide, while the warning shows: the touch or click that answers it goes no
    further than the warning, from the moment it lands until the finger or button is up.

    Without it the idle clock, which sees the press before any widget, hides the warning
    first, and the press lands on whatever the warning covered (a tile opened a topic). The
    filter is installed when the warning appears, so it is the newest and runs before the
    idle clock; it says "keep going" itself. It watches the window's QWindow, where a touch
    and the mouse press Qt makes from it arrive before any widget sees them.
    """

    def __init__(self, overlay: IdleOverlay) -> None:
        super().__init__(overlay)
        self._overlay = overlay
        self._touch = False  # a touch that answered the warning is still down
        self._mouse = False  # so is a button (or the press Qt made from that touch)

    def start(self) -> None:
        """Catch from now on, before every other application filter."""
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def stop_when_done(self) -> None:
        """Stop catching unless a press that answered the warning is still down."""
        app = QCoreApplication.instance()
        if app is not None and not (self._touch or self._mouse or self._overlay.isVisible()):
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take the answering press, and all that follows it, away from the kiosk."""
        if watched is not self._overlay.window().windowHandle():
            return False
        kind = event.type()
        showing = self._overlay.isVisible()
        if kind == QEvent.Type.TouchBegin and showing:
            self._touch = True
        elif kind in _MOUSE_DOWN and (showing or self._touch or self._mouse):
            self._mouse = True
        elif kind in _TOUCH_GOES_ON and self._touch:
            self._touch = kind == QEvent.Type.TouchUpdate
        elif kind in _MOUSE_GOES_ON and self._mouse and isinstance(event, QMouseEvent):
            self._mouse = bool(event.buttons())
        else:
            return False
        if showing:
            self._overlay.keep_going.emit()
        self.stop_when_done()
        return True


class IdleOverlay(QWidget):
    """Covers the window while the idle countdown runs; a touch anywhere keeps the visit, and
    does nothing else (`_AnswerCatcher`)."""

    keep_going = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.card = QFrame(self)
        self.card.setObjectName("OverlayCard")
        self.question = QLabel()
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setWordWrap(True)
        set_role(self.question, "title")
        self.seconds = QLabel()
        self.seconds.setObjectName("Countdown")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.button = TouchButton("", role="primary")
        self.button.clicked.connect(self.keep_going)
        box = QVBoxLayout(self.card)
        box.addWidget(self.question)
        box.addWidget(self.seconds)
        box.addWidget(self.message)
        box.addWidget(self.button)
        self._box = box
        self._left = 0
        self._sheet = ""  # the look's stylesheet, put on when the warning shows (`dress`)
        self._catcher = _AnswerCatcher(self)
        parent.installEventFilter(self)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Set the overlay's words in the current language."""
        self.question.setText(self.tr("Are you still there?"))
        self.button.set_words(self.tr("Yes, I am still here"))
        self._set_message()

    def spoken_text(self) -> str:
        """What the audio guide says when the warning appears."""
        return f"{self.question.text()} {self.message.text()}"

    def dress(self, sheet: str) -> None:
        """The look's stylesheet: at once if the warning shows, else when it next does. While
        hidden, restyling the overlay cost every text size or contrast change 1.4 ms."""
        self._sheet = sheet
        if self.isVisible():
            self._put_on()

    def _put_on(self) -> None:
        if self._sheet and self.styleSheet() != self._sheet:
            self.setStyleSheet(self._sheet)
            self._place()  # the card's size in the new look

    def show_warning(self, seconds: int) -> None:
        """Appear over everything with the countdown at `seconds`."""
        self._put_on()
        self.set_seconds(seconds)
        self.setGeometry(self._window.rect())
        self._catcher.start()
        self.show()
        self.raise_()
        self.button.setFocus()

    def set_seconds(self, seconds: int) -> None:
        """Update the countdown."""
        self._left = seconds
        self.seconds.setText(str(seconds))
        self.seconds.setAccessibleName(str(seconds))
        self._set_message()

    def _set_message(self) -> None:
        self.message.setText(
            self.tr(
                "To keep your visit private, the screen will start over in %n second(s).",
                "",
                self._left,
            )
        )

    def apply(self, sizes: Metrics) -> None:
        """Sizes for the current text size."""
        self._box.setContentsMargins(sizes.pad * 2, sizes.pad * 2, sizes.pad * 2, sizes.pad * 2)
        self._box.setSpacing(sizes.gap)
        self._place()

    def _place(self) -> None:
        parent = self._window.rect()
        width = min(parent.width() - 64, 1100)
        self.card.setFixedWidth(max(300, width))
        self.card.adjustSize()
        self.card.move(
            (parent.width() - self.card.width()) // 2,
            max(0, (parent.height() - self.card.height()) // 2),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the window's size."""
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._window.rect())
            self._place()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._catcher.stop_when_done()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.keep_going.emit()
