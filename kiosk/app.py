"""The one place that builds the kiosk: settings, content, services, screens and the flows
that join them (`kiosk/flows/`), and the one way to stop it all (`Kiosk.shutdown`)."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk import __version__, fonts, languages, paths
from kiosk.collector import MainThreadCollector
from kiosk.config import Settings
from kiosk.content import LoadResult, sentences
from kiosk.content.catalog import Catalog, TopicEntry
from kiosk.flows.content import ContentFlow
from kiosk.flows.guide import GuideFlow
from kiosk.flows.handout import HandoutFlow
from kiosk.flows.hours import OpeningHours
from kiosk.flows.library import Library
from kiosk.flows.reading import ReadingFlow
from kiosk.flows.staff import EXIT_STAFF, StaffFlow, StaffServices
from kiosk.flows.usage import UsageFlow
from kiosk.flows.visit import VisitFlow
from kiosk.handout.printing import PrintService
from kiosk.narration.cache import WavCache
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.engines import make_engine
from kiosk.narration.guide import AudioGuide
from kiosk.narration.narrator import Narrator
from kiosk.session import INPUT_EVENTS, IdleMonitor
from kiosk.staff import LOCK_FILE, PinLock, StaffAuth
from kiosk.start import FirstScreen, application, first_screen
from kiosk.ui.events import EventHub
from kiosk.ui.gesture import HOLD_EVENTS
from kiosk.ui.keys import KEY_EVENTS
from kiosk.ui.screens import Screen
from kiosk.ui.scrolling import TouchScrollArea
from kiosk.ui.window import GUARD_EVENTS
from kiosk.watchdog import Watchdog

if TYPE_CHECKING:
    from kiosk.flows.metrics import MetricsFlow
    from kiosk.metrics import KioskMetrics
    from kiosk.stats import UsageStats

log = logging.getLogger("kiosk.app")

__all__ = ["EXIT_STAFF", "Kiosk", "application", "render_screen"]

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class Kiosk(QObject):
    """Builds the services, the window and the flows, in the order their signals need, and
    stops them all in one order. It does none of the kiosk's jobs itself:

    - `visits` (VisitFlow): start, choices, idle warning, reset, recovery
    - `reading` (ReadingFlow): topics shown and opened, reading aloud, the visit's language
    - `guiding` (GuideFlow): the audio guide
    - `look` (LookFlow): theme and text size
    - `handouts` (HandoutFlow): preview, print, the allowance
    - `staff_mode` (StaffFlow): PIN pad and staff screen
    - `usage` (UsageFlow): anonymous counts, listening to the others (None: not counting)
    - `metrics_flow` (MetricsFlow): health for Prometheus, with the counts (None: no metrics)
    - `hours` (OpeningHours): the dark screen outside opening hours
    - `packs` (ContentFlow): new content packs, checked and put in use between visits
    """

    def __init__(
        self,
        app: QApplication,
        settings: Settings,
        *,
        content: LoadResult | None = None,
        windowed: bool = False,
        speech: SpeechEngine | None = None,
        config_path: Path | None = None,
        count_usage: bool = True,
        first: FirstScreen | None = None,
        watchdog: Watchdog | None = None,
    ) -> None:
        """`speech` is the engine to use; None builds the real one (not yet started).
        `config_path` is the file the settings came from: the PIN is read from it afresh.
        `count_usage` False: nothing is counted (screenshots and other tools).
        `first` is the first screen already on show (the running kiosk, `kiosk.start`); None
        builds it here. `watchdog` is the one that told systemd the kiosk is up."""
        super().__init__()
        self.app = app
        self.settings = settings
        first = first if first is not None else first_screen(app, settings, windowed)
        fonts.report_missing()
        self.library = Library(settings, content, self)
        self.translations = first.translations
        self.visit = first.visit
        self.idle = IdleMonitor(settings, self)
        self.window = w = first.window
        w.build_screens()
        # One application filter asks, in turn: the corner (it sees every press), the guard,
        # the key router (which tells the idle clock about the keys it takes), the idle clock.
        self._events = EventHub(
            [
                (w.corner, HOLD_EVENTS),
                (w.guard, GUARD_EVENTS),
                (w.keys, KEY_EVENTS),
                (self.idle, INPUT_EVENTS),
            ],
            self,
        )
        app.installEventFilter(self._events)
        first.join(self, self._events)
        self.speech = speech if speech is not None else make_engine(settings.speech_engine, self)
        self.cache = WavCache(paths.cache_dir() / "speech")
        self.narrator = Narrator(self.speech, self.cache, self)
        self.guide = AudioGuide(self.speech, self.cache, self.narrator, self)
        self.printing = PrintService(settings.printer, self)
        self.stats_path = paths.data_dir() / paths.USAGE_DB_NAME
        self.metrics, self.stats = self._counting(settings, count_usage)
        self.watchdog = watchdog if watchdog is not None else Watchdog()
        self.watchdog.setParent(self)
        # Started by the running kiosk only (`start`): the tools never fetch content packs.
        self.packs = ContentFlow(settings=settings, library=self.library, window=w, parent=self)
        auth = StaffAuth(settings.staff_pin_hash, PinLock(paths.data_dir() / LOCK_FILE))
        self.auth = auth

        # The flows, in the order they answer a change of the visit's choices: the language
        # first (every word on screen), then the controls, the audio guide and the look.
        v, idle = self.visit, self.idle
        self.reading = ReadingFlow(
            library=self.library,
            translations=self.translations,
            window=w,
            visit=v,
            idle=idle,
            narrator=self.narrator,
            speech=self.speech,
            parent=self,
        )
        self.visits = VisitFlow(
            settings=settings, window=w, visit=v, idle=idle, parent=self, events=self._events
        )
        self.guiding = GuideFlow(
            app=app, window=w, visit=v, visits=self.visits, idle=idle, guide=self.guide, parent=self
        )
        self.look = first.look
        self.handouts = HandoutFlow(
            settings=settings,
            window=w,
            visit=v,
            printing=self.printing,
            reading=self.reading,
            parent=self,
        )
        self.staff_mode = StaffFlow(
            settings=settings,
            config_path=config_path,
            window=w,
            visit=v,
            visits=self.visits,
            idle=idle,
            auth=auth,
            library=self.library,
            services=StaffServices(
                speech=self.speech,
                narrator=self.narrator,
                guide=self.guide,
                printing=self.printing,
                stats=self.stats,
                stats_path=self.stats_path,
                packs=self.packs,
                metrics=self.metrics,
            ),
            guiding=self.guiding,
            parent=self,
        )
        self.staff_mode.quit = app.exit
        self.usage = (
            UsageFlow(
                stats=self.stats,
                visit=v,
                visits=self.visits,
                reading=self.reading,
                handouts=self.handouts,
                parent=self,
            )
            if self.stats is not None
            else None
        )
        self.metrics_flow = self._metrics_flow(settings) if self.metrics is not None else None
        self.hours = OpeningHours(settings, w, v, self.narrator, self)
        self._previous_hook: ExceptHook | None = None
        self._shut_down = False
        self._warming: list[Callable[[], None]] = []  # what `warm_up` has yet to do
        self._warmed: Callable[[], object] | None = None  # and what comes after it

        # Reference cycles are freed on this thread only, and the young ones after each visit.
        self.collector = MainThreadCollector(self)
        self.collector.start()
        between = self.collector.collect_between_visits
        v.ended.connect(lambda _was_visit: QTimer.singleShot(0, between))

        choices = v.choices  # the first choices, as a change would bring them
        self.reading.follow(choices)
        w.show_choices(choices)
        self.look.apply(choices)

    def _counting(
        self, settings: Settings, count_usage: bool
    ) -> tuple[KioskMetrics | None, UsageStats | None]:
        """The usage counts, and the metrics that go on from their totals (None: not kept)."""
        if not count_usage:  # the tools count nothing, and need no SQLite
            return None, None
        from kiosk.stats import UsageStats  # noqa: PLC0415

        metrics: KioskMetrics | None = None
        if settings.metrics_listen:
            from PySide6 import __version__ as pyside_version  # noqa: PLC0415

            from kiosk.metrics import KioskMetrics, build_labels  # noqa: PLC0415

            metrics = KioskMetrics(
                languages=languages.codes(), build=build_labels(__version__, pyside_version)
            )
            # Known before the usage file's totals arrive from the writer's thread: a topic
            # not known then would have its totals counted as "other".
            listed = self.library.content
            metrics.set_topics(((t.id, t.lang) for t in listed.entries), len(listed.errors))
        return metrics, UsageStats(self.stats_path, observer=metrics)

    def _metrics_flow(self, settings: Settings) -> MetricsFlow:
        """Health for the metrics, and the content pack in use now (each check and switch
        after tell them again)."""
        from kiosk.flows.metrics import MetricsFlow  # noqa: PLC0415 (only with metrics_listen)

        metrics = self.metrics
        assert metrics is not None
        self.packs.on_status = metrics.set_content
        metrics.set_content(
            self.packs.store.active() if settings.content_url else None,
            None,
            enabled=bool(settings.content_url),
        )
        return MetricsFlow(
            metrics=metrics,
            settings=settings,
            library=self.library,
            printing=self.printing,
            speech=self.speech,
            visit=self.visit,
            parent=self,
        )

    def warm_up(self, *, in_turns: bool = False, then: Callable[[], object] | None = None) -> None:
        """Once the first frame is on screen: what the first tap on each screen would
        otherwise wait for (the scroll areas' flick gestures, the sentence patterns, the page
        to print's drawing code), made ready while nobody is waiting for it, and then `then`.
        `in_turns`: one part on each turn of the event loop (the running kiosk), so that a tap
        that comes meanwhile waits for one part (the longest, the first flick gesture, about
        25 ms) and not for all of them (55-65 ms)."""
        self._warming = [sentences.compile_patterns, _load_for_later]
        self._warmed = then
        if in_turns:
            QTimer.singleShot(0, self, self._warm_in_turns)
            return
        while self._warm_one():
            pass
        self._after_warming()

    def _warm_in_turns(self) -> None:
        if self._warm_one():
            QTimer.singleShot(0, self, self._warm_in_turns)
        else:
            QTimer.singleShot(0, self, self._after_warming)  # a turn of its own too

    def _after_warming(self) -> None:
        then, self._warmed = self._warmed, None
        if then is not None and not self._shut_down:
            then()

    def _warm_one(self) -> bool:
        """One part of `warm_up`: True if one was done, False if none was left."""
        if self._shut_down:
            return False
        for area in self.window.findChildren(TouchScrollArea):
            if not area.kinetic:
                area.prepare()
                return True
        if self._warming:
            self._warming.pop(0)()
            return True
        return False

    @property
    def content(self) -> Catalog:
        """The topics listed now (and the files skipped)."""
        return self.library.content

    def topics(self) -> list[TopicEntry]:
        """The topics for the visit's language, in the order the home screen shows them."""
        return self.reading.topics()

    def shutdown(self) -> None:
        """Stop everything the kiosk runs, once and in one order: the clocks, the watchdog,
        speech, printing and counting, the exception hook and the application-wide filters.
        The same for the running kiosk, the screenshot tool and the tests; the window may be
        closed after it."""
        if self._shut_down:
            return
        self._shut_down = True
        self.hours.stop()
        self.packs.stop()
        self.idle.disable()
        self.watchdog.stop()
        self.guide.stop()
        self.narrator.stop()
        self.speech.stop()
        self.cache.close()
        if self.metrics_flow is not None:
            self.metrics_flow.stop()
        self.printing.close()
        if self.stats is not None:
            self.stats.close()
        self.remove_exception_hook()
        self.app.removeEventFilter(self._events)
        self.collector.stop()
        self.window.allow_close = True

    # -- failure recovery ---------------------------------------------------------------------

    def install_exception_hook(self) -> None:
        """An unexpected error in a slot is logged and the kiosk goes back to a safe screen."""
        self._previous_hook = sys.excepthook
        sys.excepthook = self._on_exception

    def remove_exception_hook(self) -> None:
        """Put the previous hook back (tests, shutdown)."""
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None

    def _on_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        log.error("unexpected error: %s", "".join(traceback.format_exception(kind, error, tb)))
        QTimer.singleShot(0, self.visits.recover)


def _load_for_later() -> None:
    """What a first tap would otherwise wait to load: the first sentence marked aloud, the
    page to print."""
    import html  # noqa: F401, PLC0415

    from kiosk.handout import layout, output  # noqa: F401, PLC0415


def render_screen(
    settings: Settings,
    screen: Screen,
    size: tuple[int, int],
    *,
    topic_id: str | None = None,
    language: str | None = None,
    theme: str | None = None,
    text_size: int | None = None,
    content: LoadResult | None = None,
    full_page: bool = False,
) -> QImage:
    """Draw one screen exactly as the kiosk shows it, offscreen, at a size in pixels.

    `full_page` makes the window as tall as the topic page, to review all of it in one picture.
    """
    app = application()
    kiosk = Kiosk(app, settings, content=content, windowed=True, count_usage=False)
    try:
        choices = {"language": language, "theme": theme, "text_size": text_size}
        kiosk.visit.update(**{k: v for k, v in choices.items() if v is not None})
        kiosk.window.resize(*size)
        kiosk.window.show()
        kiosk.look.restyle()
        if screen == Screen.STAFF:
            kiosk.speech.start()  # the sound status is real: voices found, or why not
            kiosk.staff_mode.open_staff()
            waiting = QTimer()
            waiting.setSingleShot(True)
            waiting.start(20_000)  # the print system and the speech engine answer well before
            while waiting.isActive() and (
                kiosk.printing.checking
                or kiosk.staff_mode.filling
                or not (kiosk.speech.is_ready or kiosk.speech.dead_reason)
            ):
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        elif screen == Screen.PIN:
            kiosk.staff_mode.open_pin_pad()
        elif screen == Screen.DARK:
            kiosk.window.show_dark()
        elif screen != Screen.ATTRACT:
            kiosk.visits.start()
        if screen in (Screen.TOPIC, Screen.HANDOUT):
            topics = kiosk.topics()
            wanted = topic_id or (topics[0].id if topics else "")
            if kiosk.content.find(wanted, kiosk.visit.choices.language) is None:
                raise LookupError(
                    f"no topic '{wanted}' in language '{kiosk.visit.choices.language}'"
                )
            kiosk.reading.open_topic(wanted)
        if screen == Screen.HANDOUT:
            kiosk.handouts.preview()
        if kiosk.window.topic.page is not None:
            kiosk.window.topic.page.finish()  # the whole page: its scroll bar as it settles
        for _ in range(3):
            app.processEvents()
        if full_page and screen == Screen.TOPIC:
            page = kiosk.window.topic.page
            assert page is not None
            extra = page.body.heightForWidth(page.body.width())
            extra -= page.scroll_area.viewport().height()
            if extra > 0:
                kiosk.look.screen_size = size  # taller, but still sized for the screen asked for
                kiosk.window.resize(size[0], size[1] + extra)
                for _ in range(3):
                    app.processEvents()
        return kiosk.window.grab().toImage()
    finally:
        kiosk.shutdown()
        kiosk.window.close()
        kiosk.window.deleteLater()
        kiosk.deleteLater()
        app.processEvents()
