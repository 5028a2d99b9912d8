"""Every function from keys, for keyboards and for the audio-navigation keypads kiosks use
(they send ordinary key presses):

| key | does |
|---|---|
| Right, Down, Tab | next control |
| Left, Up, Shift+Tab | previous control |
| Enter | choose the control with the focus ring |
| Escape, Backspace | back one screen (never out of the kiosk) |
| Space | topic screen and the page to print: listen / pause / resume; elsewhere: choose |
| + and - | louder and softer (reading and audio guide) |
| F1 | audio guide on or off |
| Page Up, Page Down, Home, End | scroll the text |

Keys with Ctrl, Alt or Meta are left alone (they do nothing in the kiosk). While a popup is
open over a screen (a `Popup`: the language picker), the keys move only through its controls,
and Escape or Backspace closes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QScrollArea, QWidget

from kiosk.ui.screens import Screen
from kiosk.ui.widgets import Popup

K = Qt.Key
NEXT = {K.Key_Right, K.Key_Down}
PREVIOUS = {K.Key_Left, K.Key_Up}
CHOOSE = {K.Key_Return, K.Key_Enter, K.Key_Select}
BACK = {K.Key_Escape, K.Key_Backspace, K.Key_Back}
TABS = {K.Key_Tab, K.Key_Backtab}
LOUDER = {K.Key_Plus, K.Key_Equal, K.Key_VolumeUp}
SOFTER = {K.Key_Minus, K.Key_Underscore, K.Key_VolumeDown}
PLAY = {K.Key_Space, K.Key_MediaPlay, K.Key_MediaPause, K.Key_MediaTogglePlayPause}
GUIDE = {K.Key_F1, K.Key_Help}
PIN_KEYS = {getattr(K, f"Key_{d}") for d in range(10)} | {K.Key_Backspace, K.Key_Delete}
SCROLL = {
    K.Key_PageDown: QAbstractSlider.SliderAction.SliderPageStepAdd,
    K.Key_PageUp: QAbstractSlider.SliderAction.SliderPageStepSub,
    K.Key_Home: QAbstractSlider.SliderAction.SliderToMinimum,
    K.Key_End: QAbstractSlider.SliderAction.SliderToMaximum,
}
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


# The events `KeyRouter.eventFilter` looks at (see kiosk/ui/events.py).
KEY_EVENTS = frozenset({QEvent.Type.KeyPress})


class KeyRouter(QObject):
    """Application-wide key filter for one kiosk window. Moves focus and presses buttons itself;
    asks the app for the rest through signals."""

    reading_toggled = Signal()  # Space on the topic screen or the page to print
    volume_step = Signal(int)  # +1 louder, -1 softer
    guide_toggled = Signal()  # F1
    back_requested = Signal()
    used = Signal()  # a key was taken here: activity for the idle clock, which never sees it

    def __init__(self, window: QWidget, screen: Callable[[], Screen], overlay: QWidget) -> None:
        """`screen()` names the screen on show; `overlay` is the idle warning."""
        super().__init__(window)
        self._window = window
        self._screen = screen
        self._overlay = overlay

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Handle the kiosk's keys; everything else goes on as usual."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        if event.modifiers() & _MODIFIERS:
            return False
        taken = self.handle(Qt.Key(event.key()))
        if taken:
            self.used.emit()
        return taken

    def handle(self, key: Qt.Key) -> bool:
        """Do what a key does here; True if it was one of the kiosk's keys."""
        screen = self._screen()
        if self._overlay.isVisible():
            return True  # "Are you still there?": the key says yes and does nothing else
        if screen in (Screen.ATTRACT, Screen.DARK):
            if key in GUIDE:
                self.guide_toggled.emit()
                return True
            return False  # any other key starts a visit or wakes the screen (their own handling)
        if screen == Screen.PIN and key in PIN_KEYS:
            return False  # typing the PIN: the pad takes digits and Backspace itself
        popup = self.popup()
        if popup is not None and key in BACK:
            popup.close()
        elif popup is not None and key in TABS:
            self.move_focus(forward=key == K.Key_Tab)  # Qt's own Tab would leave the popup
        elif key in NEXT or key in PREVIOUS:
            self.move_focus(forward=key in NEXT)
        elif key in CHOOSE:
            return self.choose()
        elif key in PLAY:
            if screen in (Screen.TOPIC, Screen.HANDOUT):
                self.reading_toggled.emit()
            elif key == K.Key_Space:
                return self.choose()
        elif key in BACK:
            self.back_requested.emit()
        elif key in LOUDER or key in SOFTER:
            self.volume_step.emit(1 if key in LOUDER else -1)
        elif key in GUIDE:
            self.guide_toggled.emit()
        elif key in SCROLL:
            self.scroll(SCROLL[key])
        else:
            return False
        return True

    def popup(self) -> Popup | None:
        """The open popup that has the focus (or holds the control that has it), if any."""
        widget: QWidget | None = self._window.focusWidget()
        while widget is not None and widget is not self._window:
            if isinstance(widget, Popup) and widget.isVisible():
                return widget
            widget = widget.parentWidget()
        return None

    def move_focus(self, forward: bool) -> None:
        """To the next (or previous) control on the screen, wrapping round at the ends; inside
        an open popup, to its next control."""
        current = self._window.focusWidget()
        popup = self.popup()
        if popup is not None:
            controls = [w for w in popup.controls() if _reachable(w)]
            if controls:
                at = controls.index(current) if current in controls else (-1 if forward else 0)
                step = 1 if forward else -1
                controls[(at + step) % len(controls)].setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
            return
        start = current if current is not None else self._window
        widget: QWidget | None = (
            start.nextInFocusChain() if forward else start.previousInFocusChain()
        )
        for _ in range(2000):  # the chain is a ring; stop after one full turn
            if widget is None or widget is start:
                break
            if widget.window() is self._window and _reachable(widget):
                widget.setFocus(
                    Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
                )
                _reveal(widget)
                return
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()

    def choose(self) -> bool:
        """Press the control that has the focus ring; False if no control has it (the key then
        goes on to the screen, e.g. Enter on the PIN pad)."""
        widget = self._window.focusWidget()
        if isinstance(widget, QAbstractButton) and _reachable(widget):
            widget.click()
            return True
        return False

    def scroll(self, action: QAbstractSlider.SliderAction) -> None:
        """Scroll the text on show by a page, or to its top or end."""
        for area in self._window.findChildren(QScrollArea):
            if area.isVisible() and area.verticalScrollBar().maximum() > 0:
                area.verticalScrollBar().triggerAction(action)


def _reveal(widget: QWidget) -> None:
    """Scroll the page the control is on so that it (and its focus ring) is in view: on a long
    list or a page of groups and letters, the next control may be below the fold."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
            return
        parent = parent.parentWidget()


def _reachable(widget: QWidget) -> bool:
    """A control a key can land on: visible, enabled and taking focus from Tab."""
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    )
