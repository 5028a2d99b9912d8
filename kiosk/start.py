"""The running kiosk's start, in two steps: first what its first frame shows, then the rest.

A patient (or the clinic's staff switching the kiosk on) waits for the first frame. It shows
the attract screen (or the dark screen, outside opening hours) in the visit's language, text
size and contrast: the fonts, the words, the look's stylesheet and a window with those two
screens. That is all that is imported and built before it. Once it has been painted, systemd
is told the kiosk is up (READY=1), and the rest is built around it (`kiosk.app.Kiosk`, handed
this first screen): the topics, the other screens, the idle overlay and the key and corner
watchers, speech, printing, counting and the flows that join them; then systemd hears that taps
are answered (STATUS=), and what the first taps need is warmed up, a part per turn of the event
loop; last, what the start left behind is collected and what is alive frozen (see
`kiosk.collector`). Until the kiosk's own collector runs, Python's automatic collection is held
off (by `kiosk.cli`, for the whole start). Input that comes while the rest is built waits in
Qt's queue; a touch or key the first screen took before that (it starts a visit, or wakes the
dark screen) is kept and given to the kiosk once it is built. What is logged before the log
file is opened, after the first frame, is held and written first. The attract screen's topic
card fades in when the topics arrive.

The tools and the tests build the kiosk in one go (`Kiosk` builds its own first screen).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, SignalInstance
from PySide6.QtGui import QCursor, QImage, QPixmap
from PySide6.QtWidgets import QApplication

from kiosk import STARTED, languages, paths
from kiosk.config import Settings, load_settings
from kiosk.flows.look import LookFlow
from kiosk.fonts import load_fonts
from kiosk.hours import is_dark, parse_hours
from kiosk.i18n import Translations
from kiosk.logs import hold_records, setup_logging
from kiosk.session import Visit
from kiosk.ui.firstframe import FirstFrame
from kiosk.ui.window import KioskWindow
from kiosk.watchdog import Watchdog

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.ui.events import EventHub

log = logging.getLogger("kiosk.app")

CACHE_TRIM_DELAY_MS = 10_000
FIRST_FRAME_WAIT_MS = 3_000  # the longest the services wait for the first frame to be painted
# What systemd is told (STATUS=): with READY=1 once the first frame is on screen, then once the
# rest is built and a tap is answered.
STARTING = "Starting: the first screen is shown"
RUNNING = "Showing patients the topics"


@dataclass
class FirstScreen:
    """What the first frame shows: the window with its attract and dark screens, in the
    visit's words (`translations`) and look (`look`). `Kiosk` builds the rest around it."""

    window: KioskWindow
    visit: Visit
    translations: Translations
    look: LookFlow

    def join(self, kiosk: QObject, events: EventHub) -> None:
        """Its parts belong to the kiosk built around it from now on; the look holds the
        kiosk's input filter back while it restyles, as every restyle after it does."""
        self.visit.setParent(kiosk)
        self.look.setParent(kiosk)
        self.look.events = events


def first_screen(app: QApplication, settings: Settings, windowed: bool) -> FirstScreen:
    """The window as its first frame shows it (not shown yet)."""
    load_fonts(report=False)  # fonts missing for a language: said by `Kiosk`, after it
    visit = Visit(settings)
    choices = visit.choices
    translations = Translations(app)
    translations.use(choices.language)
    window = KioskWindow(settings.clinic_name, settings.attract_rotate_s, windowed)
    window.set_direction(languages.right_to_left(choices.language))
    look = LookFlow(app, window, visit)
    look.apply(choices)
    window.show_attract()
    return FirstScreen(window, visit, translations, look)


def blank_cursor() -> QCursor:
    """A pointer that draws nothing: a transparent picture. Qt's own `BlankCursor` is a value
    of the `Qt` namespace, which the first frame does not build (see kiosk/lazy_qt.py)."""
    side = 16
    clear = QImage(bytes(side * side * 4), side, side, side * 4, QImage.Format.Format_ARGB32)
    return QCursor(QPixmap.fromImage(clear.copy()), 0, 0)


def has_display() -> bool:
    """True if Qt has somewhere to show a window (or has been told to draw offscreen)."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once per process)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName(paths.APP_NAME)
    return app


def quit_on_signals(app: QApplication) -> QSocketNotifier | None:
    """SIGTERM (a service manager stopping the kiosk) and SIGINT close it cleanly: the counts
    are flushed and the speech process stopped. Python runs signal handlers only between
    bytecodes, so the signal wakes Qt's event loop through a socket."""
    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return None
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woken() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    def stop(signum: int, _frame: object) -> None:
        log.info("stopping on signal %d", signum)
        # Not quit(): in Qt 6 the kiosk window's refusal to close would cancel it. Not exit()
        # alone: a signal that comes while the kiosk is still starting, before the event loop
        # runs, would be ignored; the timer fires once the loop runs, and ends it.
        QTimer.singleShot(0, app, lambda: app.exit(0))

    notifier.activated.connect(woken)
    notifier.setProperty("sockets", (reader, writer))  # kept alive with the notifier
    app.setProperty("kiosk_signal_sockets", [reader, writer])
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    return notifier


class _Start:
    """The running kiosk's second step: what it starts once its first frame is on screen."""

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        first: FirstScreen,
        *,
        windowed: bool,
        config_path: Path | None,
        hide_pointer: bool,
    ) -> None:
        self.app, self.settings, self.first = app, settings, first
        self.windowed, self.config_path, self.hide_pointer = windowed, config_path, hide_pointer
        self.watchdog = Watchdog()
        self.kiosk: Kiosk | None = None
        self.started = False
        self.logging = False  # the log file is open (till then, what is logged is held)
        # A touch or key on the first screen before the rest is built has nobody to answer
        # it yet: it is kept, and given to the kiosk once it is built.
        self._early: list[SignalInstance] = []
        self._keepers = [
            (said, self._keeper(said))
            for said in (first.window.attract.start_requested, first.window.dark.wake_requested)
        ]
        for said, keep in self._keepers:
            said.connect(keep)

    def _keeper(self, said: SignalInstance) -> Callable[[], None]:
        def keep() -> None:
            if said not in self._early:
                self._early.append(said)

        return keep

    def after_first_frame(self, painted: bool = True) -> None:
        """What the first frame does not need is built once it is on screen (or, `painted`
        False, once the wait for it is over)."""
        if self.started:
            return
        self.started = True
        if not painted:
            log.warning(
                "the window was not painted within %d s of being shown; starting anyway",
                FIRST_FRAME_WAIT_MS // 1000,
            )
        self.watchdog.start(STARTING)  # READY=1: the kiosk shows its first screen
        self.build_the_rest()

    def build_the_rest(self) -> None:
        """Everything but the first screen, and then what the running kiosk starts; a kiosk
        that cannot be built ends, for its service manager to start it again."""
        try:
            self._build()
        except Exception:
            log.exception("the kiosk could not be started")
            self.app.exit(1)

    def _build(self) -> None:
        from kiosk.app import Kiosk  # noqa: PLC0415 - after the first frame
        from kiosk.collector import map_large_blocks  # noqa: PLC0415

        map_large_blocks()  # for a process that runs for weeks (see kiosk.collector)
        setup_logging(paths.log_dir())
        self.logging = True
        kiosk = Kiosk(
            self.app,
            self.settings,
            windowed=self.windowed,
            config_path=self.config_path,
            first=self.first,
            watchdog=self.watchdog,
        )
        self.kiosk = kiosk
        for said, keep in self._keepers:
            said.disconnect(keep)
        kiosk.install_exception_hook()
        kiosk.hours.start()
        QTimer.singleShot(CACHE_TRIM_DELAY_MS, kiosk.cache.trim)  # after start-up, not during it
        kiosk.speech.start()
        if kiosk.metrics_flow is not None:
            kiosk.metrics_flow.start()  # a port in use is one line, and the kiosk runs on
        kiosk.packs.start()
        for said in self._early:
            said.emit()  # as if it came now: a visit starts, or the dark screen wakes
        self.watchdog.say_status(RUNNING)  # a tap is answered from now on
        # Then, start-up over, what it leaves is collected and the rest frozen (collector.py).
        kiosk.warm_up(in_turns=True, then=kiosk.collector.settle)
        log.info(
            "kiosk started (%d topics, %d skipped; pointer %s; screen dark %s; %.0f ms after "
            "the kiosk's code began)",
            len(kiosk.content.entries),
            len(kiosk.content.errors),
            "hidden" if self.hide_pointer else "shown",
            self.settings.screen_off or "never",
            (time.monotonic() - STARTED) * 1000,
        )

    def stop(self) -> None:
        """The event loop has ended: stop what was started. A kiosk stopped before the rest
        was built still writes what it logged (why it stopped) to its log file."""
        if self.kiosk is not None:
            self.kiosk.shutdown()
            return
        if not self.logging:
            setup_logging(paths.log_dir())
        self.watchdog.stop()


def run_kiosk(settings: Settings, windowed: bool = False, config_path: Path | None = None) -> int:
    """Run the kiosk until staff (or, windowed, the developer) close it."""
    hold_records()  # written to the log once it is opened, after the first frame
    if config_path is not None:
        for line in load_settings(config_path)[1]:
            log.warning("config: %s", line)
    app = application()
    first = first_screen(app, settings, windowed)
    window = first.window
    signals = quit_on_signals(app)
    hide_pointer = settings.cursor == "hidden" or (settings.cursor == "" and not windowed)
    if hide_pointer:
        # A touchscreen has no pointer; an arrow left in the middle looks broken to a patient.
        app.setOverrideCursor(blank_cursor())
    if is_dark(parse_hours(settings.screen_off), dt.datetime.now().time()):
        window.show_dark()  # outside opening hours, the first frame is already the dark screen
        log.info("screen dark (outside opening hours)")
    start = _Start(
        app, settings, first, windowed=windowed, config_path=config_path, hide_pointer=hide_pointer
    )
    first_frame = FirstFrame(window)
    first_frame.painted.connect(lambda: start.after_first_frame(painted=True))
    # A display server that never shows the window (and so never has it painted) still gets
    # the kiosk's services started, and systemd told, a moment later.
    QTimer.singleShot(FIRST_FRAME_WAIT_MS, lambda: start.after_first_frame(painted=False))
    if window.cover is None:
        window.resize(1280, 800)
        window.show()
    else:
        window.cover.show()
    first.look.restyle()
    try:
        return app.exec()
    finally:
        if signals is not None:
            signal.set_wakeup_fd(-1)
        start.stop()
