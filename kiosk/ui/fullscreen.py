"""Keep the kiosk window over the whole screen, whatever the display server does about it.

`QWidget.showFullScreen()` only *asks* for fullscreen; the window's size stays whatever it was
until someone answers, and who answers differs by platform:

- X11 with no window manager (an `xinit`-style kiosk): Qt sets `_NET_WM_STATE_FULLSCREEN`, but
  that property is a request to a window manager, and there is none, so nobody resizes anything.
- cage 0.1.4 (Debian 12) ignores the fullscreen request and maximizes the window to the output
  instead, with a configure that comes after the window's first frame. A first frame at the
  wrong size is what the screen shows until the next one, and on wlroots 0.15's headless back
  end (no frame callbacks once a client buffer is scanned out) it stays for good.
- X11 with a window manager, and Windows: the window manager or Windows itself resizes.

Until an answer comes, the size the window "has" is the one `QWidget.adjustSize()` gave it when
it was shown unsized: at most two thirds of the screen. So the cause is one: the window leaves
its size to the other side. `ScreenCover` sets the size itself, from the screen it is on, before
it asks for fullscreen (so the very first frame is whole) and again whenever that screen changes
size or turns, or the window moves to another screen because one was unplugged or plugged in.
Where a window manager or compositor does answer, it answers with the same rectangle, and
nothing fights.
"""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QObject, QRect, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.lazy_qt import Qt  # imported before the first frame: see kiosk/lazy_qt.py

log = logging.getLogger("kiosk.screen")

# After a screen change, look again a little later: a display server may send its own idea of
# the window's size after Qt's screen signal, and the last word must be the screen's size.
SETTLE_MS = 250


class ScreenCover(QObject):
    """Makes one top-level window cover its screen, and keeps it so."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self._screen: QScreen | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.fit)
        self._settle.timeout.connect(self._report)
        self._reported = ""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        app.primaryScreenChanged.connect(self._screens_changed)

    def show(self) -> None:
        """Size the window to its screen, then show it fullscreen."""
        self._follow(self._target_screen())
        self.window.showFullScreen()
        handle = self.window.windowHandle()
        if handle is not None:
            handle.screenChanged.connect(self._follow)
        self.fit()
        self._settle.start()

    def covered(self) -> QRect:
        """The rectangle the window should cover: its screen's whole geometry."""
        screen = self._screen or self._target_screen()
        return screen.geometry() if screen is not None else QRect()

    @Slot()
    def fit(self) -> None:
        """Cover the screen now (and ask for fullscreen again if something took it away)."""
        target = self.covered()
        if target.isEmpty():
            return  # no screen at all (all unplugged): wait for one to come back
        if not self.window.isFullScreen():
            self.window.setWindowState(self.window.windowState() | Qt.WindowState.WindowFullScreen)
        if self.window.geometry() != target:
            log.info(
                "window %dx%d+%d+%d set to cover the screen %dx%d+%d+%d",
                self.window.width(),
                self.window.height(),
                self.window.x(),
                self.window.y(),
                target.width(),
                target.height(),
                target.x(),
                target.y(),
            )
            self.window.setGeometry(target)

    @Slot()
    def _report(self) -> None:
        """One log line whenever the outcome changes: covered, or not and by how much."""
        screen = self._screen
        if screen is None or not shiboken6.isValid(screen):
            line = "no screen to cover"
        else:
            g, s = self.window.geometry(), screen.geometry()
            shape = f"{g.width()}x{g.height()}+{g.x()}+{g.y()}"
            wanted = f"{s.width()}x{s.height()}+{s.x()}+{s.y()}"
            if g == s:
                line = f"window covers the screen {screen.name()!r} ({wanted})"
            else:
                line = f"window {shape} does not cover the screen {screen.name()!r} ({wanted})"
        if line != self._reported:
            self._reported = line
            (log.info if line.startswith("window covers") else log.warning)("%s", line)

    def _target_screen(self) -> QScreen | None:
        handle = self.window.windowHandle()
        screen = handle.screen() if handle is not None else self.window.screen()
        if screen is None or screen.geometry().isEmpty():
            screen = QGuiApplication.primaryScreen()
        return screen

    @Slot(QScreen)
    def _follow(self, screen: QScreen | None) -> None:
        """Listen to the size of the screen the window is on (and only that one)."""
        if screen is self._screen:
            return
        if self._screen is not None and shiboken6.isValid(self._screen):
            self._screen.geometryChanged.disconnect(self._screen_resized)
        self._screen = screen
        if screen is not None:
            screen.geometryChanged.connect(self._screen_resized)
            log.info("window on screen %r, %dx%d", screen.name(), *screen.size().toTuple())
        if self.window.isVisible():
            self.fit()
            self._settle.start()
        elif screen is not None:
            self.window.setGeometry(screen.geometry())

    @Slot(QRect)
    def _screen_resized(self, _geometry: QRect) -> None:
        self.fit()
        self._settle.start()

    @Slot(QScreen)
    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        """A screen was plugged in or out: go to the primary screen if ours is gone."""
        ours = self._screen
        gone = ours is None or not shiboken6.isValid(ours) or ours not in QGuiApplication.screens()
        if gone or ours is None or ours.geometry().isEmpty():
            self._screen = None
            primary = QGuiApplication.primaryScreen()
            handle = self.window.windowHandle()
            if handle is not None and primary is not None:
                handle.setScreen(primary)
            self._follow(primary)
        if self.window.isVisible():
            self.fit()
            self._settle.start()
