"""The one kiosk window: a stack of screens, the idle overlay, and no way out for a patient."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from kiosk.lazy_qt import Qt  # made with the first frame: see kiosk/lazy_qt.py
from kiosk.theme import Metrics, Palette
from kiosk.ui.attract import AttractScreen
from kiosk.ui.dark import DarkScreen
from kiosk.ui.fullscreen import ScreenCover
from kiosk.ui.screens import KioskScreen, Screen

if TYPE_CHECKING:  # the screens a patient uses are built after the first frame
    from kiosk.content.model import Topic
    from kiosk.session import VisitChoices
    from kiosk.ui.controls import ComfortControls
    from kiosk.ui.gesture import CornerHold
    from kiosk.ui.handout import HandoutScreen
    from kiosk.ui.home import HomeScreen
    from kiosk.ui.keys import KeyRouter
    from kiosk.ui.overlay import IdleOverlay
    from kiosk.ui.pinpad import PinPad
    from kiosk.ui.staff import StaffScreen
    from kiosk.ui.topic import TopicScreen

    # Every screen class: each a QWidget with `KioskScreen`'s four methods (mypy checks in
    # `_every`).
    AnyScreen = (
        DarkScreen | AttractScreen | HomeScreen | TopicScreen | HandoutScreen | PinPad | StaffScreen
    )

_BLOCKED_EVENTS = frozenset({QEvent.Type.ContextMenu, QEvent.Type.WhatsThis})
# The events `KioskGuard.eventFilter` looks at (see kiosk/ui/events.py).
GUARD_EVENTS = _BLOCKED_EVENTS | {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
}


class KioskGuard(QObject):
    """Application-wide filter: no context menus or "what's this" popups anywhere.

    It also notes whether the patient is using keys or touch, so that the focus ring (which a
    key user needs) is not left on whatever a finger last tapped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keyboard_mode = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow the events that would open something a patient could leave through."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            self.keyboard_mode = True
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.keyboard_mode = False
        return kind in _BLOCKED_EVENTS


class KioskWindow(QWidget):
    """Holds the screens; refuses to close unless staff (or `--windowed` development) allow it.

    Built in two steps, so that the running kiosk's first frame waits for as little as it can:
    at first the window has only the attract and dark screens (one of them is the first thing
    on screen); `build_screens` adds the screens a patient uses (home, topic, page preview),
    the idle overlay, and the watchers of keys and of the staff corner. The PIN pad and the
    staff screen are built the first time staff need them.
    """

    home: HomeScreen
    topic: TopicScreen
    handout: HandoutScreen
    overlay: IdleOverlay
    keys: KeyRouter
    corner: CornerHold

    topic_requested = Signal(str)
    screen_changed = Signal(object)  # the Screen now on show
    choice_requested = Signal(str, object)  # a VisitChoices field and its new value, any screen
    resized = Signal()  # the screen was rotated or changed: sizes may need to follow
    staff_screens_built = Signal()  # the PIN pad and staff screen exist now: connect them

    def __init__(self, clinic_name: str, attract_rotate_s: float, windowed: bool = False) -> None:
        super().__init__()
        self.setObjectName("KioskWindow")  # its background: its palette's (`apply`)
        self.setWindowTitle(clinic_name)
        self.windowed = windowed
        self.allow_close = False
        self._resize_news = QTimer(self)  # one `resized` for a burst of resize events
        self._resize_news.setSingleShot(True)
        self._resize_news.setInterval(0)
        self._resize_news.timeout.connect(self.resized)
        # Fullscreen: the window covers its screen itself (see kiosk/ui/fullscreen.py).
        self.cover = None if windowed else ScreenCover(self)
        if not windowed:
            self._frameless()

        self._clinic_name = clinic_name
        self.stack = QStackedWidget()
        self.attract = AttractScreen(clinic_name, attract_rotate_s)
        self.dark = DarkScreen()
        self.built = False  # True once `build_screens` has added the patient's screens
        # The one list of screens: the stack, sizes, words, key order and names come from it.
        self._screens: dict[Screen, AnyScreen] = {}
        self._pin: PinPad | None = None  # staff screens are built the first time staff need them
        self._staff: StaffScreen | None = None
        # Their scroll areas outlive them, for the next ones (see `touch_scroll_area`).
        self._staff_areas: tuple[QScrollArea, QScrollArea] | None = None
        self._look: tuple[Metrics, Palette] | None = None
        self._sheet = ""  # the look's stylesheet (`set_sheet`)
        # Hidden screens not yet given the look's sizes and colours (`apply`): each gets them
        # when it is next shown, as it gets the stylesheet.
        self._stale: set[Screen] = set()
        self._undressed: list[Screen] = []  # hidden screens to dress, one a turn (`dress_later`)
        self._before_pin: QWidget = self.attract
        self._register(Screen.ATTRACT, self.attract)  # on show until told otherwise
        self._register(Screen.DARK, self.dark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.guard = KioskGuard(self)

    def _frameless(self) -> None:
        """No frame and no title bar. Said to the native window, made now (not shown), by name
        through its `flags` property: `setWindowFlag` takes the flag by value, which would make
        PySide build the whole `Qt` namespace before the first frame (see kiosk/lazy_qt.py).
        The native window is made once and kept; the widget's own `windowFlags()` does not
        list the flag."""
        self.winId()
        handle = self.windowHandle()
        if handle is not None:
            handle.setProperty("flags", "Window|FramelessWindowHint")

    def build_screens(self) -> None:
        """Add the home, topic and page preview screens, the idle overlay and the key and
        corner watchers (once; each in the look and words the window has now)."""
        if self.built:
            return
        from kiosk.ui.gesture import CornerHold  # noqa: PLC0415 - after the first frame
        from kiosk.ui.handout import HandoutScreen  # noqa: PLC0415
        from kiosk.ui.home import HomeScreen  # noqa: PLC0415
        from kiosk.ui.keys import KeyRouter  # noqa: PLC0415
        from kiosk.ui.overlay import IdleOverlay  # noqa: PLC0415
        from kiosk.ui.topic import TopicScreen  # noqa: PLC0415

        self.built = True
        self.overlay = IdleOverlay(self)
        if self._look is not None:
            self.overlay.apply(self._look[0])
        self.overlay.dress(self._sheet)
        self.keys = KeyRouter(self, lambda: self.current_screen, self.overlay)
        self.keys.back_requested.connect(self.go_back)
        self.corner = CornerHold(self)
        self.home = HomeScreen(self._clinic_name)
        self.topic = TopicScreen()
        self.handout = HandoutScreen()
        for name, screen in (
            (Screen.HOME, self.home),
            (Screen.TOPIC, self.topic),
            (Screen.HANDOUT, self.handout),
        ):
            self._register(name, screen)
        for controls in self.all_controls():
            controls.choice_requested.connect(self.choice_requested)
        self.home.topic_selected.connect(self.topic_requested)
        self.home.page_changed.connect(self._home_page_changed)
        self.home.tiles_added.connect(self.order_focus)
        self.topic.back_requested.connect(self.go_back)
        self.topic.home_requested.connect(self.show_home)
        self.handout.back_requested.connect(self.go_back)

    def _register(self, name: Screen, screen: AnyScreen) -> None:
        self._screens[name] = screen
        self.stack.addWidget(screen)
        self._stale.discard(name)
        if self._look is not None:
            screen.apply(*self._look)

    def _every(self) -> tuple[KioskScreen, ...]:
        """Every screen that exists now."""
        return tuple(self._screens.values())

    def _unregister(self, name: Screen) -> None:
        screen = self._screens.pop(name)
        self._stale.discard(name)
        self.stack.removeWidget(screen)
        screen.deleteLater()  # later: this may run inside a click on one of its buttons

    @property
    def pin(self) -> PinPad:
        """The staff PIN pad (built on first use: patients never need it)."""
        if self._pin is None:
            self._build_staff_screens()
        assert self._pin is not None
        return self._pin

    @property
    def staff(self) -> StaffScreen:
        """The staff screen (built on first use)."""
        if self._staff is None:
            self._build_staff_screens()
        assert self._staff is not None
        return self._staff

    def _build_staff_screens(self) -> None:
        from kiosk.ui.pinpad import PinPad  # noqa: PLC0415 - patients never need them
        from kiosk.ui.staff import StaffScreen  # noqa: PLC0415

        pin_area, staff_area = self._staff_areas or (None, None)
        self._pin, self._staff = PinPad(area=pin_area), StaffScreen(area=staff_area)
        self._staff_areas = None
        self._register(Screen.PIN, self._pin)
        self._register(Screen.STAFF, self._staff)
        self.order_focus()
        self.staff_screens_built.emit()

    @property
    def staff_if_built(self) -> StaffScreen | None:
        """The staff screen if it exists now (news for it is dropped, not a reason to build)."""
        return self._staff

    @property
    def pin_if_built(self) -> PinPad | None:
        """The PIN pad if it exists now."""
        return self._pin

    def drop_staff_screens(self) -> None:
        """Let the PIN pad and the staff screen go once nobody is using them: while they exist,
        every text size or contrast change restyles them too (Qt polishes every widget alive,
        shown or not), and they take a moment to build again the next time staff come."""
        if self._pin is None or self._staff is None:
            return
        if self.stack.currentWidget() in (self._pin, self._staff):
            return
        from kiosk.ui.scrolling import set_aside  # noqa: PLC0415

        self._staff_areas = (set_aside(self._pin.scroll_area), set_aside(self._staff.scroll_area))
        self._unregister(Screen.PIN)
        self._unregister(Screen.STAFF)
        self._pin = self._staff = None
        self.order_focus()

    def all_controls(self) -> list[ComfortControls]:
        """The language, size and contrast controls of every screen (none before
        `build_screens`)."""
        if not self.built:
            return []
        return [self.home.controls, self.topic.controls, self.handout.controls]

    def show_choices(self, choices: VisitChoices) -> None:
        """Every screen's controls show the visit's choices."""
        focused = self.focusWidget()
        for controls in self.all_controls():
            controls.show_choices(choices)
        if focused is not None and focused.isHidden() and focused.property("lang"):
            # The language just chosen hides its own button: keys stay on the language control.
            self._focus_language()

    def _focus_language(self) -> None:
        screen = self.stack.currentWidget()
        for controls in self.all_controls():
            shown = [b for b in controls.languages.values() if not b.isHidden()]
            if shown and screen is not None and screen.isAncestorOf(shown[0]):
                shown[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first(self) -> None:
        """Put the focus ring on the screen's first control (the audio guide was turned on)."""
        target = self._screens[self.current_screen].first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_languages(self, langs: list[str]) -> None:
        """The languages the kiosk offers, in order, on every screen."""
        for controls in self.all_controls():
            controls.set_languages(langs)
        self.order_focus()

    def set_direction(self, rtl: bool) -> None:
        """Mirror every screen for a language written right to left, or back."""
        if rtl == self.isRightToLeft():
            return  # as it is (the first frame, left to right, asks for no direction by value)
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )

    def order_focus(self) -> None:
        """Keys move in reading order on each screen: top bar left to right, then the page."""
        for screen in self._every():
            placed = [w for w in screen.focus_order() if w.window() is self]  # tiles not laid out
            for first, second in itertools.pairwise(placed):
                QWidget.setTabOrder(first, second)

    @property
    def current_screen(self) -> Screen:
        """The screen on show."""
        return self._name(self.stack.currentWidget())

    def set_sheet(self, sheet: str) -> None:
        """The look's stylesheet: on the screen on show at once, and on each other screen and
        the idle overlay when it is next shown. Qt restyles only the widgets under the one
        given a new sheet; the whole window's took 8 ms, the topic screen's alone 2 ms."""
        self._sheet = sheet
        if self.built:
            self.overlay.dress(sheet)
        if self.stack.currentWidget() is not None:
            self._dress(self.current_screen)

    def dress_later(self) -> None:
        """Every hidden screen to be put in the look now, one per `dress_next` (at the reset:
        nothing of the last patient's look stays on a hidden screen, and no one turn of the
        event loop restyles them all; together they took 50-90 ms). The home screen first: a
        touch brings it next. A screen shown before its turn is dressed as it is shown."""
        self._undressed = list(dict.fromkeys((Screen.HOME, *self._screens)))

    def dress_next(self) -> bool:
        """One more hidden screen in the look (see `dress_later`); True while some wait."""
        while self._undressed:
            name = self._undressed.pop(0)
            if name in self._screens and name != self.current_screen:  # staff's may be gone
                self._dress(name)
                break
        return self.dressing

    @property
    def dressing(self) -> bool:
        """Some hidden screens still wait for the look (`dress_later`)."""
        return bool(self._undressed)

    def _dress(self, name: Screen) -> None:
        """The look's stylesheet, then its sizes and colours, on one screen if it lacks them."""
        screen = self._screens[name]
        if name == Screen.TOPIC and self._sheet:
            self.topic.dress(self._sheet)  # its bars, and its pages their own (see `dress`)
        elif self._sheet and screen.styleSheet() != self._sheet:
            screen.setStyleSheet(self._sheet)
        if name in self._stale and self._look is not None:
            self._stale.discard(name)
            screen.apply(*self._look)
        if name == Screen.HOME:
            self.home.catch_up()  # the topics, as given while it was hidden
        elif name == Screen.TOPIC:
            self.topic.catch_up()

    def _name(self, screen: QWidget | None) -> Screen:
        return next(name for name, shown in self._screens.items() if shown is screen)

    def _show(self, screen: QWidget, focus: QWidget | None = None) -> None:
        if self.stack.currentWidget() is not screen:
            for controls in self.all_controls():
                controls.close_picker()  # the picker belongs to the screen it was opened on
            self._dress(self._name(screen))  # the look chosen while it was hidden
            self.stack.setCurrentWidget(screen)
            self.screen_changed.emit(self.current_screen)
        # Keys: focus the first control. Touch: focus the screen itself, so no ring shows.
        target = focus if focus is not None and self.guard.keyboard_mode else screen
        target.setFocus()  # Qt's OtherFocusReason

    @Slot()
    def show_attract(self) -> None:
        """The screen for when nobody is here."""
        self._show(self.attract, self.attract)

    def show_dark(self) -> None:
        """The black screen for outside opening hours."""
        self._show(self.dark, self.dark)

    @Slot()
    def show_home(self) -> None:
        """The home screen from its start: all the topics, or the groups."""
        self.home.show_groups()
        self._show_home()

    def _show_home(self) -> None:
        """The home screen as it was left (a group's list stays)."""
        self.topic.clear()
        self.handout.clear()
        self._dress(Screen.HOME)  # its tiles now, before one of them is given the keys
        self._show(self.home, self.home.first_focus())

    @Slot()
    def _home_page_changed(self) -> None:
        """The home screen shows its groups or a group's list now: keys follow."""
        self.order_focus()
        if self.current_screen == Screen.HOME:
            first = self.home.first_focus()
            target = first if first is not None and self.guard.keyboard_mode else self.home
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_topic(self, topic: Topic, screen_lang: str) -> None:
        """Show one topic from its top; keys start on Listen."""
        self._dress(Screen.TOPIC)  # its page is built in the look it will be shown in
        self.topic.show_topic(topic, screen_lang)
        self._show(self.topic, self.topic.narration.listen)

    def show_handout(self) -> None:
        """The page preview, over the topic it belongs to."""
        self._show(self.handout, self.handout.print_button)

    def show_pin(self) -> None:
        """The staff PIN pad, over whatever the patient was doing (Cancel goes back to it)."""
        if self.current_screen not in (Screen.PIN, Screen.STAFF):
            self._before_pin = self.stack.currentWidget() or self.attract
            self.overlay.hide()
        self._show(self.pin, self.pin.ok if self.pin.ok.isEnabled() else self.pin.cancel)

    def close_pin(self) -> None:
        """Back to the screen the PIN pad covered, as it was."""
        self.pin.clear()
        before = self._before_pin
        self._before_pin = self.attract
        focus = {self.topic: self.topic.print_button, self.handout: self.handout.print_button}
        self._show(before, focus.get(before))

    def show_staff(self) -> None:
        """The staff screen."""
        self.pin.clear()
        self._before_pin = self.attract
        self.staff.opened()
        self._show(self.staff, self.staff.back)

    @Slot()
    def go_back(self) -> None:
        """One step back; from the home screen there is nowhere further back to go."""
        if self.current_screen == Screen.PIN:
            self.pin.cancel.click()
        elif self.current_screen == Screen.STAFF:
            self.staff.back.click()
        elif self.current_screen == Screen.HANDOUT:
            self.handout.clear()
            self._show(self.topic, self.topic.print_button)
        elif self.current_screen == Screen.HOME and self.home.group is not None:
            self.home.show_groups()
        elif self.current_screen == Screen.TOPIC:
            left = self.topic.topic
            self._show_home()
            tile = next((t for t in self.home.tiles if left and t.topic_id == left.id), None)
            if tile is not None and self.guard.keyboard_mode:
                tile.setFocus(Qt.FocusReason.OtherFocusReason)  # keys go on from where they were
                self.home.scroll_area.ensureWidgetVisible(tile)

    def reset(self, *, stay: bool = False) -> None:
        """Forget the visit on screen: no topic, no overlay, scrolled to the top, attract shown
        (`stay`: the screen on show stays)."""
        self.overlay.hide()
        for controls in self.all_controls():
            controls.close_picker()
        self.topic.clear()
        self.topic.discard_pages()  # nothing built is left of what the last patient read
        self.handout.clear()
        if self._pin is not None:
            self._pin.clear()
        self._before_pin = self.attract
        self.home.reset()
        self.guard.keyboard_mode = False
        if not stay:
            self.show_attract()
        self.drop_staff_screens()

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours: on the screen on show at once, on each other screen when it is
        next shown (`_dress`). A hidden screen's sizes cost the tap time for nothing: the home
        screen's took 6 ms of a text size change made on a topic."""
        self._look = (sizes, palette)
        # The window's own background, behind the screens (the stylesheet is on each screen).
        background = self.palette()
        background.setColor(QPalette.ColorRole.Window, QColor(palette.window_bg))
        self.setPalette(background)
        self.setAutoFillBackground(True)
        shown = self.stack.currentWidget()
        for name, screen in self._screens.items():
            if screen is shown:
                self._stale.discard(name)
                screen.apply(sizes, palette)
            else:
                self._stale.add(name)
        if self.built:
            self.overlay.apply(sizes)

    def retranslate(self) -> None:
        """Every screen's own words in the current language."""
        for screen in self._every():
            screen.retranslate()
        if self.built:
            self.overlay.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Tell the app, which re-scales the look if the screen size class changed: after the
        event, not inside it. A new scale rebuilds the topic's pages, and deleting widgets
        while Qt is still resizing them crashed the kiosk (a topic shown when the screen's
        scale changed)."""
        super().resizeEvent(event)
        self._resize_news.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Alt+F4 and the window manager's close do nothing unless closing is allowed."""
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """A development exit when windowed (the patient's keys are in `KeyRouter`)."""
        key = event.key()
        if self.current_screen == Screen.ATTRACT and not event.modifiers():
            self.attract.start_requested.emit()  # any key wakes the kiosk, wherever the focus is
            return
        if self.current_screen == Screen.DARK:
            self.dark.wake_requested.emit()
            return
        wanted = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if self.windowed and key == Qt.Key.Key_Q and event.modifiers() == wanted:
            self.allow_close = True
            self.close()
            return
        super().keyPressEvent(event)
