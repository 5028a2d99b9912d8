"""Tap-to-painted time of every patient interaction (and the staff corner) in the real kiosk.
Prints the median and 95th percentile of each; asserts nothing. Aim: p95 <= 50 ms for each, on a
2-core machine like this one.

    python benchmarks/interactions.py [--runs 30] [--warmup 3] [--printer NAME] [--pdf-dir DIR]

What runs: the real kiosk window (Kiosk, windowed, 1920x1080 on a 1920x1080 offscreen screen),
built and started as `run_kiosk` starts it: the real speech engine (its render process,
espeak-ng through pyttsx3, a WAV cache on disk), usage counting on, the watchdog, the cache trim,
and the real print path (CUPS `lpstat` and `lp`) to the queue named by --printer or
KIOSK_TEST_PRINTER (the cups-pdf test queue of scripts/test-printers.sh). Data, cache and log
folders are in a temporary folder for the run; the PDFs the queue writes for this run's jobs are
deleted at the end (from --pdf-dir or KIOSK_TEST_PDF_DIR).

What is measured, for each interaction: from the tap to the first frame that shows its result
painted, not to the return of the handler. A timer starts; the tap is a real mouse press and
release (QTest.mouseClick on the control, at its centre), delivered through the application's
event filters as any click is; then, for a result that is there when the click returns, the
window is painted with `repaint()` (synchronous: on screen when it returns; the layout requests
still waiting are handled first, as the event loop handles them before it paints) and the timer
stops; for a result that comes later through the event loop (speech playing, the idle warning,
work the kiosk leaves for a later turn), the Qt event loop runs (a QEventLoop, polled every
millisecond) until the state is reached, then `repaint()`, then the timer stops. The same check
serves both: it is asked once before the loop runs at all.

Two interactions start from a timer rather than a tap, and are measured from the moment that
timer fires (an event filter on the kiosk's own QTimer objects sees its timer event before the
kiosk's slot runs): the idle warning, from the idle clock running out (the idle time is made
short for that part with the idle monitor's own `set_timeout`, instead of waiting 90 s), and the
staff corner, from the moment the hold is complete (the hold is made short with the corner's own
`set_hold`: the 3 s a finger must stay is the point of the control, not the kiosk's latency).

Each interaction starts from a known state (the steps that bring it there are not timed), and
before each measured tap the event loop runs for 50 ms, as the seconds between a patient's taps
let the kiosk finish its idle-time work. The WAV cache is warm: every topic and every page to
print, in every language, is rendered once before anything is measured (a kiosk that has run a
day has them all on disk; the first reading of a sentence also waits for espeak-ng). The first
--warmup repetitions of each interaction are not counted; nothing else is left out. p95 is the
nearest-rank 95th percentile of the counted samples.

One line per interaction (name, median, p95, n), then, as the last line, one JSON object of each
interaction's p95 in milliseconds (null for one that could not be completed). Exit status 1 if
an interaction could not be completed (each is named, with the reason); 0 otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # `main` adds a 1920x1080 screen
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse
import contextlib
import dataclasses
import json
import math
import re
import shutil
import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.driving import (
    Spinner,
    UnfinishedError,
    paint_frame,
    queue_jobs,
    run_in_own_folder,
    start_kiosk,
)
from kiosk import languages, paths
from kiosk.app import Kiosk, application
from kiosk.config import TEXT_SIZES, Settings
from kiosk.logs import setup_logging
from kiosk.narration.narrator import State
from kiosk.session import VisitChoices
from kiosk.staff import hash_pin
from kiosk.start import CACHE_TRIM_DELAY_MS
from kiosk.ui.controls import ComfortControls
from kiosk.ui.gesture import HOLD_MS

HOLD = "benchmark: the patient is at the screen"  # the idle clock held between interactions
STAFF_PIN = "24681357"
SETTLE_S = 0.05  # the event loop runs this long before each measured tap
POLL_MS = 1
TAP_WAIT_S = 10.0
RENDER_WAIT_S = 120.0
PRINT_WAIT_S = 60.0
IDLE_TEST_S = 0.03  # the idle time while the idle warning is measured
HOLD_TEST_MS = 20  # the corner's hold while the PIN pad is measured
AIM_MS = 50.0


# -- the event loop -------------------------------------------------------------------------------


class TimerWatch(QObject):
    """Notes when any of some QTimer objects fires: an event filter sees the timer event before
    the timer's own handler emits `timeout`, so before the kiosk's slot runs."""

    def __init__(self, timers: list[QTimer]) -> None:
        super().__init__()
        self.timers = timers
        self.fired_at: float | None = None
        for timer in timers:
            timer.installEventFilter(self)

    def reset(self) -> None:
        self.fired_at = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Timer:
            self.fired_at = time.perf_counter()
        return False

    def close(self) -> None:
        for timer in self.timers:
            timer.removeEventFilter(self)


# -- figures --------------------------------------------------------------------------------------


def p95(samples: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclasses.dataclass
class Figures:
    """The samples of one interaction (seconds), warm-up included, in order."""

    name: str
    samples: list[float] = dataclasses.field(default_factory=list)
    problem: str = ""

    def counted(self, warmup: int) -> list[float]:
        return self.samples[warmup:]


# -- the print queue's output ---------------------------------------------------------------------


def delete_pdfs(folder: Path | None, jobs: set[int], printer: str, spin: Spinner) -> str:
    """Wait for the queue to write this run's PDFs, delete them (only them); a line saying so."""
    if not jobs:
        return "no pages printed"
    if folder is None or not folder.is_dir():
        return f"{len(jobs)} pages printed; the queue's PDF folder is not known (--pdf-dir): left"
    with contextlib.suppress(UnfinishedError):
        spin.until(lambda: queue_jobs(printer) == 0, 60, "the print queue to empty")
    left = set(jobs)
    deleted = 0
    end = time.monotonic() + 30
    while left and time.monotonic() < end:
        with os.scandir(folder) as entries:
            for entry in entries:
                match = re.search(r"-job_(\d+)\.pdf$", entry.name)
                if match and int(match.group(1)) in left:
                    # cups-pdf writes the file in place: wait until it has stopped growing
                    if time.time() - entry.stat().st_mtime < 2:
                        continue
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        deleted += 1
                    left.discard(int(match.group(1)))
        if left:
            spin.pause(0.5)
    return f"{len(jobs)} pages printed to {printer}; {deleted} PDFs deleted, {len(left)} not found"


# -- the kiosk and the patient --------------------------------------------------------------------


class Bench:
    """The kiosk, built and started as `run_kiosk` does, and the taps that measure it."""

    def __init__(self, args: argparse.Namespace, printer: str) -> None:
        self.args = args
        self.printer = printer
        self.app = application()
        self.spin = Spinner(POLL_MS)
        setup_logging(paths.log_dir())
        self.settings = dataclasses.replace(
            Settings(), printer=printer, staff_pin_hash=hash_pin(STAFF_PIN)
        )
        self.defaults = VisitChoices.defaults(self.settings)
        self.kiosk = k = Kiosk(self.app, self.settings, windowed=True)
        k.speech.start()
        self.trimmed = False

        def trim() -> None:
            k.cache.trim()
            self.trimmed = True

        QTimer.singleShot(CACHE_TRIM_DELAY_MS, trim)  # as `run_kiosk` does
        k.hours.start()
        self.errors: list[str] = []
        start_kiosk(k, self.spin, self.errors, "")
        self.langs = list(languages.codes())
        self.started: list[int] = []  # sentences started since the list was last cleared
        k.narrator.sentence_started.connect(self.started.append)
        self.states: list[State] = []  # the narrator's states since the list was last cleared
        k.narrator.state_changed.connect(self.states.append)
        self.print_result: tuple[str, str] | None = None
        k.printing.printed.connect(lambda job: self._printed("printed", job))
        k.printing.failed.connect(lambda reason: self._printed("failed", reason))
        self.jobs: set[int] = set()
        self.figures: dict[str, Figures] = {}
        self.notes: list[str] = []

    def _printed(self, outcome: str, detail: str) -> None:
        self.print_result = (outcome, detail)

    # -- taps and waits ------------------------------------------------------------------------

    def tappable(self, widget: QWidget) -> bool:
        """Shown, enabled, in the kiosk window, and not under the idle warning."""
        w = self.kiosk.window
        overlay = w.overlay
        return (
            widget.isVisible()
            and widget.isEnabled()
            and widget.width() > 0
            and widget.window() is w
            and (overlay.isHidden() or overlay.isAncestorOf(widget))
        )

    def wait_tappable(self, widget: QWidget, what: str) -> None:
        self.wait(lambda: self.tappable(widget), f"{what} to be shown and enabled")

    def click(self, widget: QWidget) -> None:
        """A real mouse press and release on the control's centre, sent to the control through
        the application (its event filters first, as for any click). Every control is tapped
        this way, the home screen's tiles too: they lie in a flick-scroll area (QScroller), but
        a press sent to the tile reaches it at once (the tile is down when the press returns),
        so none needs `click()`."""
        QTest.mouseClick(
            widget,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            widget.rect().center(),
        )

    def tap(self, widget: QWidget, what: str) -> None:
        """An untimed tap: waits until the control can be touched."""
        self.wait_tappable(widget, what)
        self.click(widget)

    def wait(self, condition: Callable[[], bool], what: str, timeout_s: float = TAP_WAIT_S) -> None:
        self.spin.until(condition, timeout_s, what)

    def settle(self) -> None:
        """The moment between two taps: the kiosk finishes its idle-time work."""
        self.spin.pause(SETTLE_S)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def record(self, name: str, seconds: float) -> None:
        self.figures.setdefault(name, Figures(name)).samples.append(seconds)

    def measure(
        self,
        name: str,
        widget: QWidget,
        done: Callable[[], bool],
        *,
        what: str = "",
        prepare: Callable[[], None] | None = None,
        timeout_s: float = TAP_WAIT_S,
    ) -> None:
        """Tap `widget` and time it until `done()` holds and the window has painted it.
        `prepare` runs just before the timer starts, after the event loop has settled."""
        self.wait_tappable(widget, f"the control of '{name}'")
        self.settle()
        if prepare is not None:
            prepare()
        start = time.perf_counter()
        self.click(widget)
        self.spin.until(done, timeout_s, what or f"the result of '{name}'")
        paint_frame(self.kiosk.window)  # synchronous: painted when it returns
        self.record(name, time.perf_counter() - start)

    def measure_from_timer(
        self,
        name: str,
        watch: TimerWatch,
        arm: Callable[[], None],
        done: Callable[[], bool],
        what: str,
    ) -> None:
        """`arm()` starts a timer of the kiosk's; time from its firing (`watch`) until `done()`
        holds and the window has painted it."""
        self.settle()
        watch.reset()
        arm()
        self.spin.until(done, TAP_WAIT_S, what)
        paint_frame(self.kiosk.window)
        end = time.perf_counter()
        if watch.fired_at is None:
            raise UnfinishedError(f"{what} came, but the timer that starts it was not seen")
        self.record(name, end - watch.fired_at)

    @property
    def repetitions(self) -> int:
        return self.args.warmup + self.args.runs

    # -- known states --------------------------------------------------------------------------

    def fresh_visit(self) -> None:
        """A new visit at the home screen, every choice its default (untimed)."""
        k, w = self.kiosk, self.kiosk.window
        k.visits.reset()
        self.settle()
        self.tap(w.attract.start, "Touch to start")
        self.wait(lambda: w.current_screen == "home" and k.visit.active, "the home screen")
        k.idle.hold(HOLD)

    def open_topic(self, index: int = 0) -> str:
        """From the home screen, a tile (untimed); its topic's id."""
        w = self.kiosk.window
        self.wait(lambda: len(w.home.tiles) > index, f"tile {index} on the home screen")
        tile = w.home.tiles[index]
        topic_id = tile.topic_id
        self.tap(tile, f"the tile of {topic_id}")
        self.wait(lambda: self.on_topic(topic_id), f"the topic screen showing {topic_id}")
        return topic_id

    def on_topic(self, topic_id: str, lang: str = "") -> bool:
        w = self.kiosk.window
        topic = w.topic.topic
        return (
            w.current_screen == "topic"
            and topic is not None
            and topic.id == topic_id
            and (not lang or topic.lang == lang)
            and w.topic.page is not None
        )

    def on_home(self) -> bool:
        w = self.kiosk.window
        return w.current_screen == "home" and not w.home.filling

    def open_picker(self, controls: ComfortControls) -> None:
        """The language control, as a patient taps it, and the picker painted (untimed)."""
        self.tap(controls.language_menu, "the language control")
        picker = controls.picker
        assert picker is not None
        self.wait(lambda: picker.is_open, "the language picker to open")
        paint_frame(self.kiosk.window)

    def language_button(self, controls: ComfortControls, code: str) -> QWidget:
        """The control that switches to `code`: in the picker (opened now), or with two
        languages the one-tap button."""
        if controls.picker is None:
            return controls.languages[code]
        self.open_picker(controls)
        return controls.picker.entries[code]

    def choose_language(self, controls: ComfortControls, code: str) -> None:
        """Untimed, as a patient does it."""
        k = self.kiosk
        if k.visit.choices.language == code:
            return
        self.tap(self.language_button(controls, code), f"{code} in the language picker")
        self.wait(lambda: k.visit.choices.language == code, f"the screen in {code}")

    def wait_rendered(self) -> None:
        self.wait(lambda: self.kiosk.speech.pending() == 0, "speech rendering", RENDER_WAIT_S)

    # -- preparation ---------------------------------------------------------------------------

    def warm_speech(self) -> None:
        """Every topic and every page to print, in every language, rendered into the cache."""
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        for lang in self.langs:
            self.choose_language(w.home.controls, lang)
            for index in range(len(w.home.tiles)):
                self.open_topic(index)
                self.wait_rendered()
                self.tap(w.topic.print_button, "Print a summary")
                self.wait(lambda: w.current_screen == "handout", "the preview")
                self.wait_rendered()
                self.tap(w.handout.back, "Back (preview)")
                self.tap(w.topic.back, "Back (topic)")
                self.wait(self.on_home, "the home screen")
        self.wait(lambda: self.trimmed, "the cache trim after start-up", 15)
        k.visits.reset()

    # -- the interactions ----------------------------------------------------------------------

    def touch_to_start(self) -> None:
        k, w = self.kiosk, self.kiosk.window
        for _ in range(self.repetitions):
            k.visits.reset()
            self.wait(lambda: w.current_screen == "attract", "the attract screen")
            self.measure(
                "touch to start -> home",
                w.attract.start,
                lambda: self.on_home() and k.visit.active,
            )

    def tiles(self) -> None:
        w = self.kiosk.window
        self.fresh_visit()
        count = len(w.home.tiles)
        not_kept = 0
        for n in range(self.repetitions):
            # The same tile twice: its page built on the tap (every page dropped just before),
            # then, after Back, kept from that tap.
            tile = w.home.tiles[n % count]
            topic_id = tile.topic_id
            self.measure(
                "tile -> topic (page not kept)",
                tile,
                lambda tid=topic_id: self.on_topic(tid),
                prepare=w.topic.discard_pages,  # just before the tap, nothing built in between
            )
            self.tap(w.topic.back, "Back")
            self.wait(self.on_home, "the home screen")
            tile = w.home.tiles[n % count]
            if not any(key[0] == topic_id for key in w.topic.kept):
                not_kept += 1
            self.measure("tile -> topic (page kept)", tile, lambda tid=topic_id: self.on_topic(tid))
            self.tap(w.topic.back, "Back")
            self.wait(self.on_home, "the home screen")
        if not_kept:
            self.notes.append(f"tile -> topic (page kept): {not_kept} taps found no kept page")

    def reading(self) -> None:
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        self.open_topic(0)
        self.wait_rendered()
        bar = w.topic.narration
        narrator = k.narrator
        cold = 0
        for _ in range(self.repetitions):
            self.wait(lambda: narrator.state is State.IDLE, "the reading to be stopped")
            self.states.clear()
            self.measure(
                "Listen -> playing",
                bar.listen,
                lambda: narrator.state is State.PLAYING and bar.state is State.PLAYING,
                timeout_s=RENDER_WAIT_S,
            )
            if State.LOADING in self.states:
                cold += 1  # the sentence was not in the cache: it waited for espeak-ng
            index = narrator.index
            self.started.clear()
            self.measure(
                "Next -> next sentence playing",
                bar.forward,
                lambda i=index: narrator.state is State.PLAYING and i + 1 in self.started,
                timeout_s=RENDER_WAIT_S,
            )
            self.measure(
                "Pause -> paused",
                bar.listen,
                lambda: narrator.state is State.PAUSED and bar.state is State.PAUSED,
            )
            self.tap(bar.stop, "Stop")
        if cold:
            self.notes.append(f"Listen: {cold} of {self.repetitions} waited for a render")

    def look(self) -> None:
        """Text sizes and contrast, on a topic (its page is built again at each change)."""
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        topic_id = self.open_topic(0)
        controls = w.topic.controls
        sizes = sorted(TEXT_SIZES)

        def shows(theme: str, size: int) -> Callable[[], bool]:
            def check() -> bool:
                shown = k.look.shown
                return (
                    shown is not None
                    and shown[:2] == (theme, size)
                    and controls.sizes[size].isChecked()
                    and controls.contrast.isChecked() == (theme == "high-contrast")
                    and self.on_topic(topic_id)
                )

            return check

        theme = self.defaults.theme
        for _ in range(self.repetitions):
            for step, size in enumerate(sizes):
                target = sizes[(step + 1) % len(sizes)]
                self.wait(lambda s=size: k.visit.choices.text_size == s, f"text size {size}")
                self.measure(size_names()[step], controls.sizes[target], shows(theme, target))
        size = k.visit.choices.text_size
        for _ in range(self.repetitions):
            self.measure("contrast on", controls.contrast, shows("high-contrast", size))
            self.measure("contrast off", controls.contrast, shows(theme, size))

    def language_changes(self) -> None:
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()

        def home_in(code: str) -> bool:
            """The home screen offers the topics of `code`, all its tiles made."""
            home = w.home
            tiles = home.tiles
            return (
                self.on_home()
                and k.translations.language == code
                and home.topics == k.topics()
                and (
                    home.browsing
                    or (
                        len(tiles) == len(home.topics)
                        and all(getattr(t, "screen_lang", code) == code for t in tiles)
                    )
                )
            )

        self.switch_languages("language on home", w.home.controls, home_in)
        topic_id = self.open_topic(0)
        self.switch_languages(
            "language on topic",
            w.topic.controls,
            lambda code: k.translations.language == code and self.on_topic(topic_id, code),
        )
        self.tap(w.topic.print_button, "Print a summary")
        self.wait(lambda: w.current_screen == "handout", "the preview")
        shown_key = [w.handout.page.pixmap().cacheKey()]

        def preview_in(code: str) -> bool:
            key = w.handout.page.pixmap().cacheKey()
            new = not w.handout.page.pixmap().isNull() and key != shown_key[0]
            if (
                new
                and w.current_screen == "handout"
                and k.translations.language == code
                and self.on_topic_data(topic_id, code)
            ):
                shown_key[0] = key
                return True
            return False

        self.switch_languages("language on print preview", w.handout.controls, preview_in)

    def on_topic_data(self, topic_id: str, lang: str) -> bool:
        topic = self.kiosk.window.topic.topic
        return topic is not None and topic.id == topic_id and topic.lang == lang

    def switch_languages(
        self, name: str, controls: ComfortControls, shown_in: Callable[[str], bool]
    ) -> None:
        """Each language in turn, from the one before, through the picker: the control (untimed,
        the picker painted), then the language, timed."""
        k = self.kiosk
        for _ in range(self.repetitions):
            code = self.langs[(self.langs.index(k.visit.choices.language) + 1) % len(self.langs)]
            button = self.language_button(controls, code)
            self.measure(
                name,
                button,
                lambda c=code: k.visit.choices.language == c and shown_in(c),
                what=f"the screen in {code} ({name})",
            )
        self.choose_language(controls, self.defaults.language)

    def printing(self) -> None:
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        self.open_topic(0)
        page = w.handout
        for _ in range(self.repetitions):
            if k.visit.choices.prints_left < 1:
                # The visit's allowance, as a new visit would have it.
                k.visit.update(prints_left=self.settings.prints_per_visit)
            self.measure(
                "Print a summary -> preview",
                w.topic.print_button,
                lambda: w.current_screen == "handout" and not page.page.pixmap().isNull(),
            )
            if self.printer:
                ready = page.status.text()
                self.print_result = None
                self.measure(
                    "Print this page -> sending",
                    page.print_button,
                    lambda r=ready: (
                        k.printing.busy
                        and not page.print_button.isEnabled()
                        and page.status.text() not in ("", r)
                    ),
                )
                self.wait(lambda: self.print_result is not None, "the print", PRINT_WAIT_S)
                assert self.print_result is not None
                outcome, detail = self.print_result
                if outcome != "printed":
                    raise UnfinishedError(f"printing failed: {detail}")
                match = re.search(r"-(\d+)$", detail)
                if match:
                    self.jobs.add(int(match.group(1)))
            self.tap(page.back, "Back (preview)")
            self.wait(lambda: w.current_screen == "topic", "the topic screen")
        if not self.printer:
            raise UnfinishedError(
                "Print this page: no printer (--printer or KIOSK_TEST_PRINTER; "
                "scripts/test-printers.sh makes the cups-pdf test queue)"
            )

    def idle_warning(self) -> None:
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        self.open_topic(0)
        idle = k.idle
        watch = TimerWatch(idle.findChildren(QTimer))
        # A short idle time for this part, through the monitor's own set_timeout (as staff mode
        # changes it); the warning is timed from the idle timer's firing.
        idle.set_timeout(IDLE_TEST_S)
        try:
            for _ in range(self.repetitions):
                self.measure_from_timer(
                    "idle timeout -> warning",
                    watch,
                    lambda: idle.release(HOLD),  # the idle time starts afresh now
                    lambda: w.overlay.isVisible() and idle.warning,
                    "the idle warning",
                )
                # The warning's button. The click goes to the button itself (QTest), where the
                # idle clock's application filter takes the press as a touch and the warning
                # goes, as a finger's touch on it does.
                self.measure(
                    "Keep going -> warning gone",
                    w.overlay.button,
                    lambda: w.overlay.isHidden() and not idle.warning and self.on_topic_any(),
                )
                idle.hold(HOLD)
        finally:
            idle.hold(HOLD)
            idle.set_timeout(self.settings.idle_timeout_s)
            watch.close()

    def on_topic_any(self) -> bool:
        w = self.kiosk.window
        return w.current_screen == "topic" and w.topic.page is not None

    def navigation(self) -> None:
        w = self.kiosk.window
        self.fresh_visit()
        count = len(w.home.tiles)
        for n in range(self.repetitions):
            self.open_topic(n % count)
            self.measure("Back -> home", w.topic.back, self.on_home)
            self.open_topic(n % count)
            self.measure(
                "All topics -> home", w.topic.home, lambda: self.on_home() and w.home.group is None
            )

    def staff_corner(self) -> None:
        """Press on the corner until the hold completes; timed from the hold timer's firing
        (the moment a held finger has done its part) to the PIN pad painted. Twice: in a new
        visit, so the pad is built on the hold (each visit's reset drops it), as for the first
        hold after any visit; and again in the same visit, with the pad kept from the hold
        before (Cancel keeps it)."""
        k, w = self.kiosk, self.kiosk.window
        self.fresh_visit()
        corner = w.corner
        watch = TimerWatch(corner.findChildren(QTimer))
        point = QPoint(8, 8)
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        corner.set_hold(HOLD_TEST_MS)
        try:
            for name, drop in (
                ("staff corner -> PIN pad (pad built)", True),
                ("staff corner -> PIN pad (pad kept)", False),
            ):
                for _ in range(self.repetitions):
                    if drop:
                        self.fresh_visit()  # the reset drops the PIN pad and the staff screen
                    self.measure_from_timer(
                        name,
                        watch,
                        lambda: QTest.mousePress(w, button, none, point),
                        lambda: w.current_screen == "pin" and w.pin.isVisible(),
                        "the PIN pad after holding the corner",
                    )
                    QTest.mouseRelease(w, button, none, point)
                    self.tap(w.pin.cancel, "Cancel (PIN pad)")
                    self.wait(self.on_home, "the home screen after Cancel")
                    k.idle.hold(HOLD)
        finally:
            corner.set_hold(HOLD_MS)
            watch.close()

    def close(self) -> None:
        """As `run_kiosk` ends."""
        k = self.kiosk
        k.idle.disable()
        k.narrator.stop()
        self.spin.pause(0.05)
        k.shutdown()


# -- main -----------------------------------------------------------------------------------------


def size_names() -> list[str]:
    """Each text size, measured from the one before it (the smallest from the largest)."""
    sizes = sorted(TEXT_SIZES)
    return [f"text size {sizes[(i + 1) % len(sizes)]} % (from {s})" for i, s in enumerate(sizes)]


# Each part of the run and the interactions it measures, in the order they are printed.
PARTS: dict[str, list[str]] = {
    "touch_to_start": ["touch to start -> home"],
    "tiles": ["tile -> topic (page kept)", "tile -> topic (page not kept)"],
    "reading": ["Listen -> playing", "Next -> next sentence playing", "Pause -> paused"],
    "look": [*size_names(), "contrast on", "contrast off"],
    "language_changes": ["language on home", "language on topic", "language on print preview"],
    "printing": ["Print a summary -> preview", "Print this page -> sending"],
    "idle_warning": ["idle timeout -> warning", "Keep going -> warning gone"],
    "navigation": ["Back -> home", "All topics -> home"],
    "staff_corner": ["staff corner -> PIN pad (pad built)", "staff corner -> PIN pad (pad kept)"],
}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="measured repetitions of each")
    parser.add_argument("--warmup", type=int, default=3, help="repetitions before measuring")
    parser.add_argument("--printer", default="", help="CUPS queue (else KIOSK_TEST_PRINTER)")
    parser.add_argument("--pdf-dir", default="", help="where the queue writes PDFs")
    parser.add_argument(
        "--only", default="", help=f"comma-separated parts to run: {', '.join(PARTS)}"
    )
    args = parser.parse_args()
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be 1 or more, --warmup 0 or more")
    wanted = [p for p in args.only.split(",") if p]
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        parser.error(f"unknown parts: {', '.join(unknown)}")
    args.parts = wanted or list(PARTS)
    return args


def run(args: argparse.Namespace) -> int:
    printer = args.printer or os.environ.get("KIOSK_TEST_PRINTER", "")
    if printer and shutil.which("lp") is None:
        print("CUPS (lp) is not installed: printing cannot be measured")
        printer = ""
    pdf_dir = args.pdf_dir or os.environ.get("KIOSK_TEST_PDF_DIR", "")
    began = time.monotonic()
    bench = Bench(args, printer)
    print(
        f"interactions: {args.runs} runs after {args.warmup} warm-up of each; window 1920x1080 on "
        f"a 1920x1080 offscreen screen; speech engine {bench.kiosk.speech.engine}; printer "
        f"{printer or 'none'}; languages {', '.join(bench.langs)}; the WAV cache warmed first",
        flush=True,
    )
    failed: dict[str, str] = {}
    try:
        bench.warm_speech()
    except UnfinishedError as exc:
        failed["warming the speech cache"] = str(exc)
    for part in args.parts:
        try:
            getattr(bench, part)()
        except UnfinishedError as exc:
            failed[part] = str(exc)
            print(f"COULD NOT COMPLETE {part}: {exc}", flush=True)
            with contextlib.suppress(UnfinishedError):
                bench.kiosk.visits.reset()
                bench.settle()
    cleanup = delete_pdfs(Path(pdf_dir) if pdf_dir else None, bench.jobs, printer, bench.spin)
    bench.close()
    print(f"printing: {cleanup}")
    for error in bench.errors:
        print(f"unexpected error in the kiosk: {error}")
    for note in bench.notes:
        print(f"note: {note}")
    took = time.monotonic() - began
    print(f"run took {took:.0f} s; aim for each: p95 <= {AIM_MS:g} ms")
    result: dict[str, float | None] = {}
    for part in args.parts:
        for name in PARTS[part]:
            counted = bench.figures[name].counted(args.warmup) if name in bench.figures else []
            if len(counted) < args.runs:
                failed.setdefault(part, f"{name}: only {len(counted)} of {args.runs} measured")
            if not counted:
                result[name] = None
                continue
            median, high = statistics.median(counted) * 1000, p95(counted) * 1000
            over = "  over the aim" if high > AIM_MS else ""
            print(
                f"{name:<40} median {median:7.1f} ms   p95 {high:7.1f} ms   n={len(counted)}{over}"
            )
            result[name] = round(high, 1)
    for part, reason in failed.items():
        print(f"NOT COMPLETED: {part}: {reason}")
    print(json.dumps(result, ensure_ascii=False))
    return 1 if failed else 0


def main() -> None:
    args = arguments()
    run_in_own_folder("kiosk-interactions-", "bench", lambda _folder: run(args))


if __name__ == "__main__":
    main()
