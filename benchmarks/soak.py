"""Soak: thousands of whole patient visits through the real kiosk, checking after each idle reset
that nothing of the visit is left, and watching for slow growth. Prints figures (medians where
there are samples) with their aims; asserts nothing about speed.

    python benchmarks/soak.py [--visits 5000] [--warmup 200] [--printer NAME] [--topics N]

With --topics N the kiosk also has a clinic library of N generated topics in English and Spanish
(tests/library_samples.py): its home screen offers groups, and each visit first taps the group
of the topic it opens.

What runs: the real kiosk window (Kiosk, windowed, 1920x1080 on a 1920x1080 offscreen
screen), the real speech engine (a started render process: espeak-ng through pyttsx3, a real WAV
cache on disk), the real print path (CUPS `lpstat` and `lp`, to the queue named by --printer or
KIOSK_TEST_PRINTER; with neither, printing is skipped and the run says so), usage counting on,
and the real settings except a tiny idle time and countdown (0.05 s each). Data, cache and log
folders are in a temporary folder for the run; the PDFs the queue writes for this run's jobs are
deleted as the run goes (from --pdf-dir or KIOSK_TEST_PDF_DIR).

Each visit, as a patient makes it, by taps on the real buttons: the attract screen's start ->
home -> (for half the visits, "Español" first) a topic tile, in turn every topic in both
languages -> Listen, until sentence 0 plays; Next twice, until sentence 2 plays -> Stop -> Print
a summary -> Print this page, until the print system has taken the page -> on the preview, the
topic or the home screen (in turn) the other language, a bigger text size and Contrast -> nobody
touches anything more: the idle warning and the reset to the attract screen come for real.
Every tenth visit also turns the audio guide on; every fiftieth (from the second) also holds the
staff corner for 3 s and types two digits on the PIN pad before walking away.

Beside the visits, as on a deployed kiosk (benchmarks/beside.py; --no-services leaves them out):
the kiosk serves its metrics, and a real Prometheus scrapes them every second; it checks a
web server (a process of its own) for a signed content pack every 5 s, and a new version is
published every --pack-every visits, which the kiosk takes once the attract screen is on show;
and every --reload-every visits staff end the visit instead of the idle reset: they hold the
corner, type the PIN, tap Reload topics, then Back. The stall probe also says, for each of
the kiosk's services (narration, printing, a pack check, a pack put in use, a staff reload, a
scrape), the longest stall while it was at work and the step it came in; a gap that holds a
patient's tap (its handling and frame, the interaction's own time) is counted apart. While
the patient is at the screen the idle clock is held (as reading aloud holds it), so a slow step
is not taken for leaving.

After each reset the run checks that nothing of the visit is left (see `leftovers`): the attract
screen, no topic, no handout page, the default choices, nothing being read or said, audio guide
off, no overlay, no visit, the home screen at its top, no PIN digits typed, and a few more.

Figures after --warmup visits (of --visits in all):
- visits per minute, and the median time of each step;
- peak resident memory of the kiosk and of the render process (VmHWM);
- memory growth per 1,000 visits: least-squares slope of RSS sampled every 100 visits.
  Aim: under 5 MiB (reported only: memory is noisy);
- open file descriptors, threads (the OS's and Python's), child processes and Qt objects (the
  window's, the kiosk's, the application's, all widgets), at warm-up end and at the end.
  Aim: no growth beyond a small fixed tolerance;
- render jobs pending, the WAV cache, memory mappings; the usage counts against the visits run.

Exit status 1 if a visit left anything behind, a step got stuck or failed, the usage counts
disagree with the visits run, or an aim on descriptors, threads, processes or Qt objects is
broken. A visit not over after 5 minutes is taken as frozen: every thread's stack is printed
and the run ends with status 1. --tracemalloc adds the Python allocation sites that grew most
after warm-up.
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
import faulthandler
import gc
import re
import shutil
import signal
import statistics
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller, QWidget

from benchmarks.beside import CHECK_EVERY_S, Beside, Busy, PackServer, Prometheus, free_port
from benchmarks.driving import Spinner, queue_jobs, run_in_own_folder, start_kiosk
from benchmarks.driving import UnfinishedError as StepFailedError
from kiosk import categories, paths
from kiosk.app import Kiosk, application
from kiosk.config import Settings
from kiosk.logs import setup_logging
from kiosk.narration.narrator import State
from kiosk.session import VisitChoices
from kiosk.staff import hash_pin
from kiosk.start import CACHE_TRIM_DELAY_MS
from kiosk.stats import report
from kiosk.ui.controls import ComfortControls
from kiosk.ui.home import in_reading_order

IDLE_S = 0.05  # idle time and countdown: the reset comes for real, just fast
HOLD = "soak: the patient is at the screen"
STAFF_PIN = "24681357"
SAMPLE_EVERY = 100
TAP_WAIT_S = 10.0
# The event loop runs at least this long before each tap, and each tap comes at least
# TAP_INTERVAL_S after the one before: a finger tapping as fast as it can taps 5 to 7 times a
# second, and a patient who looks at what a tap brought, or moves to another button, is slower
# still. Taps 20 ms apart ran into the work the last one had left for after its frame (the
# rest of a page, the hidden home screen's tiles) and the stall probe took both for one stall.
# Left out of the steps' times.
TAP_GAP_S = 0.02
TAP_INTERVAL_S = 0.15
NARRATION_WAIT_S = 40.0  # above the render client's own job timeout and one restart
PRINT_WAIT_S = 60.0
RESET_WAIT_S = 10.0
# A visit that has not ended by then is frozen (a step that waits too long fails sooner, but a
# GUI thread stuck in C++ never comes back to check): all threads' stacks are dumped and the run
# ends, from faulthandler's own thread.
FROZEN_S = 300.0
PDF_MIN_AGE_S = 10.0  # a PDF this old is complete (cups-pdf has finished writing it)
MEMORY_AIM_MIB = 5.0
TOLERANCE = {"fds": 2, "threads (OS)": 2, "threads (Python)": 2, "child processes": 0}
QT_TOLERANCE = 5  # Qt objects: a handful either way, never one per visit


# -- /proc ----------------------------------------------------------------------------------------


def status_kib(pid: int, field: str) -> int:
    """A field of /proc/PID/status in KiB (VmRSS, VmHWM); 0 if the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def children_of(pid: int) -> list[str]:
    """This process's children, as "pid name (state)"."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        end = stat.rfind(")")
        fields = stat[end + 2 :].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(f"{entry.name} {stat[stat.find('(') + 1 : end]} ({fields[0]})")
    return sorted(found)


def count_entries(folder: str) -> int:
    try:
        return len(os.listdir(folder))
    except OSError:
        return 0


def count_lines(path: str) -> int:
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            return sum(1 for _ in file)
    except OSError:
        return 0


def mapped_files() -> tuple[Counter[str], Counter[str]]:
    """Per mapped file (or [heap], [anon]...): how many mappings, and their resident KiB."""
    count: Counter[str] = Counter()
    resident: Counter[str] = Counter()
    name = ""
    try:
        with open("/proc/self/smaps", encoding="utf-8", errors="replace") as file:
            for line in file:
                head = line.split(maxsplit=5)
                if re.fullmatch(r"[0-9a-f]+-[0-9a-f]+", head[0]):
                    name = head[5].strip() if len(head) > 5 else "[anon]"
                    count[name] += 1
                elif head[0] == "Rss:":
                    resident[name] += int(head[1])
    except OSError:
        pass
    return count, resident


def mib(kib: float) -> str:
    return f"{kib / 1024:.1f} MiB"


# -- the event loop -------------------------------------------------------------------------------


# -- the print queue's output ---------------------------------------------------------------------


class PdfSweeper:
    """Deletes the PDFs that cups-pdf writes for this run's jobs, and only those."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder if folder is not None and folder.is_dir() else None
        self.jobs: set[int] = set()  # job numbers sent, their PDF not yet seen
        self.sent = 0
        self.deleted = 0
        self.bytes = 0

    def add(self, job: str) -> None:
        match = re.search(r"-(\d+)$", job)
        if match:
            self.jobs.add(int(match.group(1)))
        self.sent += 1

    def sweep(self, min_age_s: float = PDF_MIN_AGE_S) -> None:
        if self.folder is None or not self.jobs:
            return
        now = time.time()
        with os.scandir(self.folder) as entries:
            for entry in entries:
                match = re.search(r"-job_(\d+)\.pdf$", entry.name)
                if not match or int(match.group(1)) not in self.jobs:
                    continue
                try:
                    info = entry.stat()
                    if now - info.st_mtime < min_age_s:
                        continue
                    os.unlink(entry.path)
                except OSError:
                    continue
                self.jobs.discard(int(match.group(1)))
                self.deleted += 1
                self.bytes += info.st_size


# -- the soak -------------------------------------------------------------------------------------


@dataclasses.dataclass
class Snapshot:
    """What is measured at a sample point."""

    visits: int
    rss_kib: int
    render_rss_kib: int
    fds: int
    threads: int
    py_threads: int
    children: list[str]
    maps: int
    pending_jobs: int
    qt: dict[str, int] = dataclasses.field(default_factory=dict)
    qt_classes: Counter[str] = dataclasses.field(default_factory=Counter)
    py_types: Counter[str] = dataclasses.field(default_factory=Counter)
    py_thread_names: list[str] = dataclasses.field(default_factory=list)
    map_count: Counter[str] = dataclasses.field(default_factory=Counter)
    map_kib: Counter[str] = dataclasses.field(default_factory=Counter)
    gesture_type: int = 0


class StallProbe:
    """A 5 ms timer on the GUI thread: the longest it waited beyond its interval is the event
    loop's longest stall, named by the steps it began and ended in. The soak's own checks
    between visits (snapshots, left-over checks) are left out: `skip()` after each, and the loop
    runs TAP_GAP_S before each tap, so taps are not run back to back as no patient could."""

    INTERVAL_S = 0.005

    def __init__(self) -> None:
        self._tap = False  # a patient's tap was handled in the gap now running
        self.tap_gaps: list[float] = []  # the gaps that held a tap: its handling and its frame
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(int(self.INTERVAL_S * 1000))
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self._last_label = "between steps"
        self.label = "between steps"
        self.longest = 0.0
        self.longest_in = ""
        self.over_50 = 0
        self.over_50_in: Counter[str] = Counter()
        self.gaps: list[float] = []
        self.beside: Beside | None = None  # the kiosk's services at work in each gap

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def tapped(self) -> None:
        """A patient's tap is handled now: the gap that holds it is the tap's own handling and
        frame (the interaction's time, as benchmarks/interactions.py measures it), not a
        stall; it is counted apart."""
        self._tap = True

    def skip(self) -> None:
        """The soak itself held the loop until now: not the kiosk's stall."""
        self._last = time.perf_counter()
        self._last_label = self.label

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = max(0.0, now - self._last - self.INTERVAL_S)
        self._last = now
        began, self._last_label = self._last_label, self.label
        where = began if began == self.label else f"{began} .. {self.label}"
        tap, self._tap = self._tap, False
        if self.beside is not None:
            self.beside.gap(gap, where, tap)
        if tap:
            self.tap_gaps.append(gap)
            return
        self.gaps.append(gap)
        if gap > 0.050:
            self.over_50 += 1
            self.over_50_in[where] += 1
        if gap > self.longest:
            self.longest, self.longest_in = gap, where


class Soak:
    """The kiosk, built and started as `run_kiosk` does, and the patient who uses it."""

    def __init__(self, args: argparse.Namespace, printer: str, pdf_dir: str) -> None:
        self.args = args
        self.printer = printer
        self.sweeper = PdfSweeper(Path(pdf_dir) if pdf_dir else None)
        self.app = application()
        self.spin = Spinner()
        setup_logging(paths.log_dir())
        clinic = ""
        if args.topics:  # a clinic's library of copies of a shipped topic, made for the run
            from tests.library_samples import make_library

            clinic = str(make_library(Path(paths.data_dir()).parent / "clinic", args.topics))
        self.settings = dataclasses.replace(
            Settings(),
            topics_dir=clinic,
            idle_timeout_s=IDLE_S,
            countdown_s=IDLE_S,
            printer=printer,
            staff_pin_hash=hash_pin(STAFF_PIN),
        )
        self.packs: PackServer | None = None
        self.prometheus: Prometheus | None = None
        if args.services:  # content packs from a web server, metrics served (benchmarks/beside.py)
            self.packs = PackServer(Path(paths.data_dir()).parent / "pack-server")
            self.settings = dataclasses.replace(
                self.settings,
                content_url=self.packs.url,
                content_public_key=str(self.packs.public),
                content_check_s=CHECK_EVERY_S,
                metrics_listen=f"127.0.0.1:{free_port()}",
            )
        self.defaults = VisitChoices.defaults(self.settings)
        self.kiosk = k = Kiosk(self.app, self.settings, windowed=True)
        k.speech.start()
        QTimer.singleShot(CACHE_TRIM_DELAY_MS, k.cache.trim)
        self.errors: list[str] = []
        start_kiosk(k, self.spin, self.errors, "soak: ")
        self.beside = self._watch_services() if args.services else None

        self.started: list[int] = []
        self.speech_problems: list[str] = []
        self.print_result: tuple[str, str] | None = None
        self.warned = False
        k.narrator.sentence_started.connect(self.started.append)
        k.narrator.problem.connect(lambda p: self.speech_problems.append(str(p.value)))
        k.printing.printed.connect(lambda job: self._printed("printed", job))
        k.printing.failed.connect(lambda reason: self._printed("failed", reason))
        k.idle.warning_started.connect(self._warning)
        self.render_pids: dict[int, int] = {}  # pid -> peak RSS (KiB)
        self.langs = sorted({t.lang for t in k.content.entries})
        self.schedule = [
            (lang, index) for lang in self.langs for index in range(len(k.content.for_screen(lang)))
        ]
        self.steps: dict[str, list[float]] = {}
        self.expected: Counter[str] = Counter()
        self.home_scrolled = 0
        self.measuring = False
        self.probe, self.tap_gaps_s = StallProbe(), 0.0  # tap_gaps_s: the loop run between taps
        self.last_tap = 0.0  # when the last tap was made (perf_counter)
        self.probe.beside = self.beside

    def _watch_services(self) -> Beside:
        """Start the content packs and the metrics as `run_kiosk` does, a real Prometheus
        scraping them, and note when each of the kiosk's services is at work."""
        k = self.kiosk
        beside = Beside()
        beside.add(Busy("narration (reading aloud)", lambda: k.narrator.state is not State.IDLE))
        beside.add(Busy("printing (a page handed to CUPS)", lambda: k.printing.busy))
        beside.add(Busy("a content pack check (its own thread)", lambda: k.packs.checking))
        applied = beside.add(Busy("a content pack put in use (GUI thread)"))
        k.packs.apply_pending = applied.wrap(k.packs.apply_pending)
        reload = beside.add(Busy("staff: Reload topics (GUI thread)"))
        k.staff_mode.reload_content = reload.wrap(k.staff_mode.reload_content)
        k.packs.start()
        assert k.metrics is not None
        assert k.metrics_flow is not None
        scrape = beside.add(Busy("a metrics scrape (Prometheus, every 1 s)"))
        k.metrics.collect = scrape.wrap(k.metrics.collect)
        k.metrics_flow.start()
        if shutil.which("prometheus"):
            folder = Path(paths.data_dir()).parent / "prometheus"
            folder.mkdir()
            try:
                self.prometheus = Prometheus(folder, self.settings.metrics_listen)
            except SystemExit:
                if self.packs is not None:
                    self.packs.stop()  # no server is left behind
                raise
        else:
            print("soak: prometheus is not installed: /metrics is served but not scraped")
        return beside

    def _printed(self, outcome: str, detail: str) -> None:
        self.print_result = (outcome, detail)

    def _warning(self, _seconds: int) -> None:
        self.warned = True

    # -- patient's actions ---------------------------------------------------------------------

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        start, gaps_before = time.perf_counter(), self.tap_gaps_s
        self.probe.label = name
        yield
        self.probe.label = "between steps"
        if self.measuring:
            took = time.perf_counter() - start - (self.tap_gaps_s - gaps_before)
            self.steps.setdefault(name, []).append(took)

    def tappable(self, widget: QWidget) -> bool:
        w = self.kiosk.window
        screen = w.stack.currentWidget()
        return (
            widget.isVisible()
            and widget.isEnabled()
            and widget.width() > 0
            and screen is not None
            and (screen is widget or screen.isAncestorOf(widget))
            and w.overlay.isHidden()
        )

    def choose_language(self, controls: ComfortControls, code: str) -> None:
        """As a patient changes language: the one button of a two-language kiosk, or the
        picker of three or more (opened, then the language touched)."""
        if controls.picker is None:
            self.tap(controls.languages[code], f"the {code} button")
            return
        self.tap(controls.language_menu, "the language picker")
        picker = controls.picker
        self.wait(lambda: picker.is_open, "the language picker to open")
        self.tap(picker.entries[code], f"{code} in the language picker")

    def tap(self, widget: QWidget, what: str) -> None:
        """A finger on a control the patient can see (waiting while the screen settles)."""
        self.spin.until(
            lambda: self.tappable(widget),
            TAP_WAIT_S,
            f"{what} to be shown and enabled (on {self.kiosk.window.current_screen})",
        )
        gap_start = time.perf_counter()
        self.spin.pause(max(TAP_GAP_S, self.last_tap + TAP_INTERVAL_S - gap_start))
        self.last_tap = time.perf_counter()
        self.tap_gaps_s += self.last_tap - gap_start
        self.probe.tapped()
        QTest.mouseClick(
            widget,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            widget.rect().center(),
        )

    def wait(self, condition: Callable[[], bool], what: str, timeout_s: float = TAP_WAIT_S) -> None:
        self.spin.until(condition, timeout_s, what)

    def wait_for_reading(self, condition: Callable[[], bool], what: str) -> None:
        """As `wait`, for the reading aloud; a reading that does not get there says where it
        stands (the narrator, its player and the render process's work)."""
        try:
            self.spin.until(condition, NARRATION_WAIT_S, what)
        except StepFailedError as exc:
            raise StepFailedError(f"{exc}; {self.reading_report()}") from exc

    def reading_report(self) -> str:
        """Where the reading aloud stands, in one line."""
        narrator = self.kiosk.narrator
        client = narrator.client
        sound = narrator.player
        current = getattr(client, "_current", None)
        queued = getattr(client, "_queue", ())
        waiting = getattr(narrator, "_jobs", {})
        return (
            f"reading {narrator.state.name} at sentence {narrator.index} of "
            f"{len(narrator.sentences)}, started {self.started}, waiting for jobs "
            f"{sorted(waiting)}; player {sound.playbackState().name} "
            f"{sound.mediaStatus().name} at {sound.position()}/{sound.duration()} ms; render "
            f"process ready {client.is_ready}, rendering "
            f"{f'job {current.id} ({current.text[:40]!r})' if current else 'nothing'}, "
            f"{len(queued)} queued (jobs {[j.id for j in queued][:8]})"
        )

    def visit(self, n: int) -> None:  # noqa: PLR0915 - one visit, read top to bottom
        """One patient, from the attract screen to the idle reset."""
        k, w = self.kiosk, self.kiosk.window
        lang, index = self.schedule[n % len(self.schedule)]
        round_ = n // len(self.schedule)
        where = ("handout", "topic", "home")[round_ % 3]
        size = (130, 170)[(round_ // 3) % 2]
        guide = (
            self.args.guide_every > 0 and n % self.args.guide_every == self.args.guide_every // 2
        )
        # From the second visit on, so the PIN pad and the staff screens (built on first use)
        # are built within the warm-up, not counted as growth.
        pin = self.args.pin_every > 0 and n % self.args.pin_every == 1
        # Staff come by now and then and reload the topics (with the services on).
        every = self.args.reload_every
        staff = self.beside is not None and every > 0 and n % every == every * 3 // 4 and not pin
        if self.packs is not None and n and n % self.args.pack_every == 0:
            self.packs.publish()  # the kiosk's next check finds it, and takes it between visits
            self.probe.skip()  # building the pack was the soak's work, not the kiosk's

        if w.current_screen != "attract":
            raise StepFailedError(f"the visit began on the {w.current_screen} screen")
        with self.step("touch to start -> home"):
            self.tap(w.attract.start, "Touch to start")
            self.wait(lambda: w.current_screen == "home" and k.visit.active, "the home screen")
        k.idle.hold(HOLD)
        self.expected["visit"] += 1
        if lang != self.defaults.language:
            with self.step("language on home"):
                self.choose_language(w.home.controls, lang)
                self.wait(lambda: k.visit.choices.language == lang, f"the home screen in {lang}")
            self.expected["language"] += 1
        if guide:
            assert w.home.controls.guide is not None
            self.tap(w.home.controls.guide, "Audio guide")
            self.wait(lambda: k.guide.enabled, "the audio guide to turn on")
            self.expected["audio_guide"] += 1

        if w.home.browsing:  # many topics: the patient first taps the topic's group
            entry = in_reading_order(k.topics(), lang)[index]
            group = categories.table().of(entry.categories)[0]
            group_tile = next(t for t in w.home.group_tiles if t.category_id == group)
            w.home.groups_area.ensureWidgetVisible(group_tile)
            with self.step("group -> its list"):
                self.tap(group_tile, f"the group {group}")
                self.wait(lambda: w.home.group == ("category", group), f"the list of {group}")
            self.wait(
                lambda: any(t.topic_id == entry.id for t in w.home.tiles), f"the tile of {entry.id}"
            )
            tile = next(t for t in w.home.tiles if t.topic_id == entry.id)
        else:
            self.wait(lambda: len(w.home.tiles) > index, f"tile {index} on the home screen")
            tile = w.home.tiles[index]
        topic_id = tile.topic_id
        w.home.scroll_area.ensureWidgetVisible(tile)  # the patient scrolls to it if need be
        with self.step("tile -> topic"):
            self.tap(tile, f"the tile of {topic_id}")
            self.wait(
                lambda: (
                    w.current_screen == "topic" and getattr(w.topic.topic, "id", "") == topic_id
                ),
                f"the topic screen showing {topic_id}",
            )
        self.expected["topic"] += 1

        bar = w.topic.narration
        self.started.clear()
        with self.step("Listen -> sentence 0 playing"):
            self.tap(bar.listen, "Listen")
            self.wait_for_reading(lambda: 0 in self.started, "sentence 0 to play")
        self.expected["narration"] += 1
        with self.step("Next twice -> sentence 2 playing"):
            self.started.clear()
            self.tap(bar.forward, "Next")
            self.tap(bar.forward, "Next (again)")
            self.wait_for_reading(lambda: 2 in self.started, "sentence 2 to play")
        with self.step("Stop"):
            self.tap(bar.stop, "Stop")
            self.wait(lambda: k.narrator.state is State.IDLE, "the reading to stop")

        with self.step("Print a summary -> preview"):
            self.tap(w.topic.print_button, "Print a summary")
            self.wait(
                lambda: w.current_screen == "handout" and not w.handout.page.pixmap().isNull(),
                "the page preview",
            )
        if self.printer:
            self.print_result = None
            with self.step("Print this page -> sent"):
                self.tap(w.handout.print_button, "Print this page")
                self.wait(lambda: self.print_result is not None, "the print", PRINT_WAIT_S)
            assert self.print_result is not None
            outcome, detail = self.print_result
            if outcome != "printed":
                raise StepFailedError(f"printing failed: {detail}")
            self.sweeper.add(detail)
            self.expected["print"] += 1

        with self.step("language, size, contrast"):
            self.comfort(where, size, topic_id)
        if pin:
            self.walk_away_from_pin_pad()
        if staff:
            self.reload_as_staff()
            return

        self.warned = False
        with self.step("idle -> warning -> attract"):
            k.idle.release(HOLD)
            self.wait(
                lambda: not k.visit.active and w.current_screen == "attract",
                "the idle reset to the attract screen",
                RESET_WAIT_S,
            )
        if not self.warned:
            raise StepFailedError("the kiosk reset without the idle warning")

    def comfort(self, where: str, size: int, topic_id: str) -> None:
        """The other language, a bigger text size and Contrast, on one screen."""
        k, w = self.kiosk, self.kiosk.window
        if where in ("topic", "home"):
            self.tap(w.handout.back, "Back (on the preview)")
            self.wait(lambda: w.current_screen == "topic", "the topic screen")
        if where == "home":
            self.tap(w.topic.home, "All topics")
            self.wait(lambda: w.current_screen == "home", "the home screen")
        controls = {"home": w.home, "topic": w.topic, "handout": w.handout}[where].controls
        other = next(lang for lang in self.langs if lang != k.visit.choices.language)
        self.choose_language(controls, other)
        self.wait(lambda: k.visit.choices.language == other, f"the screen in {other}")
        self.tap(controls.sizes[size], f"text size {size}")
        self.wait(lambda: k.visit.choices.text_size == size, f"text size {size}")
        self.tap(controls.contrast, "Contrast")
        self.wait(lambda: k.visit.choices.theme == "high-contrast", "high contrast")
        self.expected.update(language=1, text_size=1, theme=1)
        if w.current_screen != where:
            raise StepFailedError(
                f"changing the look left the {where} screen for {w.current_screen}"
            )
        if where != "home" and getattr(w.topic.topic, "id", "") != topic_id:
            raise StepFailedError(f"changing the language lost topic {topic_id}")
        if where == "home":
            scroll = w.home.scroll_area.verticalScrollBar()
            if scroll.maximum() > 0:
                scroll.setValue(scroll.maximum())  # the patient scrolls down the bigger tiles
                self.home_scrolled += 1

    def walk_away_from_pin_pad(self) -> None:
        """Hold the staff corner until the PIN pad opens, type two digits, leave."""
        w = self.kiosk.window
        corner = QPoint(8, 8)
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(w, button, none, corner)
        self.wait(lambda: w.current_screen == "pin", "the PIN pad after holding the corner", 10)
        QTest.mouseRelease(w, button, none, corner)
        self.tap(w.pin.keys["1"], "PIN key 1")
        self.tap(w.pin.keys["2"], "PIN key 2")
        if w.pin.typed != 2:
            raise StepFailedError(f"the PIN pad took {w.pin.typed} digits of 2")

    def reload_as_staff(self) -> None:
        """Staff take over the screen: the corner held, the PIN, Reload topics, then Back,
        which ends the visit."""
        k, w = self.kiosk, self.kiosk.window
        corner = QPoint(8, 8)
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(w, button, none, corner)
        self.wait(lambda: w.current_screen == "pin", "the PIN pad after holding the corner", 10)
        QTest.mouseRelease(w, button, none, corner)
        with self.step("staff: PIN -> staff screen"):
            for digit in STAFF_PIN:
                self.tap(w.pin.keys[digit], f"PIN key {digit}")
            self.tap(w.pin.ok, "the PIN pad's OK")
            self.wait(lambda: w.current_screen == "staff", "the staff screen")
        staff = w.staff
        with self.step("staff: Reload topics"):
            self.tap(staff.reload, "Reload topics")
            self.wait(lambda: bool(staff.reload_result.text()), "the reload's result")
        k.idle.release(HOLD)
        with self.step("staff: Back -> attract"):
            self.tap(staff.back, "Back (staff)")
            self.wait(
                lambda: not k.visit.active and w.current_screen == "attract",
                "the attract screen after staff",
                RESET_WAIT_S,
            )

    # -- checks --------------------------------------------------------------------------------

    def leftovers(self) -> list[str]:
        """What of the last visit is still there after the reset (nothing, if all is well)."""
        k, w = self.kiosk, self.kiosk.window
        found: list[str] = []

        def want(ok: bool, what: str) -> None:
            if not ok:
                found.append(what)

        want(w.current_screen == "attract", f"the {w.current_screen} screen shows, not attract")
        want(w.topic.topic is None, f"the topic screen holds {getattr(w.topic.topic, 'id', '')}")
        want(w.handout.page.pixmap().isNull(), "the preview still holds a page")
        want(not w.handout.status.text(), f"the preview says {w.handout.status.text()!r}")
        want(k.handouts.previewed is None, "the kiosk still holds the built handout")
        want(k.visit.choices == self.defaults, f"choices {k.visit.choices} are not the defaults")
        want(k.narrator.state is State.IDLE, f"the narrator is {k.narrator.state.value}")
        want(k.guide.narrator.state is State.IDLE, "the audio guide is still speaking")
        want(not k.guide.enabled, "the audio guide is on")
        want(w.overlay.isHidden(), "the idle overlay shows")
        want(not k.visit.active, "the visit is still active")
        want(not k.idle.running, "the idle clock still runs")
        value = w.home.scroll_area.verticalScrollBar().value()
        want(value == 0, f"the home screen is scrolled to {value}, not the top")
        pad = w._pin
        want(pad is None or pad.typed == 0, f"the PIN pad holds {pad.typed if pad else 0} digits")
        # And a little more than the brief: the look, the words and the reading controls.
        want(k.translations.language == self.defaults.language, "the words are not the default")
        key = k.look.shown
        look = (self.defaults.theme, self.defaults.text_size)
        want(key is not None and key[:2] == look, f"the look is {key}, not {look}")
        want(w.topic.language_note.isHidden(), "the topic's language note shows")
        want(w.topic.narration.state is State.IDLE, "the reading controls are not at Listen")
        want(not w.topic.narration.slower.isChecked(), "Slower is still on")
        want(not w.guard.keyboard_mode, "the focus ring (keyboard mode) is still on")
        want(not w.topic.kept, f"topic pages outlived the visit: {w.topic.kept}")
        if w.home.browsing:
            want(not w.home.tiles, f"{len(w.home.tiles)} tiles of the last list are left")
        for controls in w.all_controls():
            want(not controls.contrast.isChecked(), "a Contrast button is still on")
            want(controls.sizes[self.defaults.text_size].isChecked(), "a size is not the default")
        return found

    # -- measuring -----------------------------------------------------------------------------

    def settle(self) -> None:
        """Let the kiosk finish its idle-time work (spare tiles, deferred deletes)."""
        self.spin.pause(0.05)
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def snapshot(self, visits: int, deep: bool = False) -> Snapshot:
        self.settle()
        k = self.kiosk
        pid = k.speech.pid
        render = status_kib(pid, "VmRSS") if pid else 0
        if pid:
            self.render_pids[pid] = max(self.render_pids.get(pid, 0), status_kib(pid, "VmHWM"))
        snap = Snapshot(
            visits=visits,
            rss_kib=status_kib(os.getpid(), "VmRSS"),
            render_rss_kib=render,
            fds=count_entries("/proc/self/fd"),
            threads=count_entries("/proc/self/task"),
            py_threads=threading.active_count(),
            children=children_of(os.getpid()),
            maps=count_lines("/proc/self/maps"),
            pending_jobs=k.speech.pending(),
        )
        if deep:
            gc.collect()
            scopes = {
                "window": k.window.findChildren(QObject),
                "kiosk": k.findChildren(QObject),
                "application": self.app.findChildren(QObject),
                "all widgets": QApplication.allWidgets(),
            }
            for scope, objects in scopes.items():
                snap.qt[scope] = len(objects)
                for obj in objects:
                    snap.qt_classes[f"{scope}: {obj.metaObject().className()}"] += 1
            snap.py_types = Counter(
                f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects()
            )
            snap.py_thread_names = sorted(t.name for t in threading.enumerate())
            snap.map_count, snap.map_kib = mapped_files()
            pages = list(k.window.topic._pages.values())
            if pages:  # Qt gives each QScroller.grabGesture a new gesture type, never reused
                viewport = pages[-1].scroll_area.viewport()
                snap.gesture_type = int(QScroller.grabbedGesture(viewport).value)
        return snap

    def close(self) -> None:
        """As `run_kiosk` ends; then the pack server and Prometheus."""
        self.kiosk.shutdown()
        for server in (self.packs, self.prometheus):
            if server is not None:
                server.stop()


# -- figures --------------------------------------------------------------------------------------


def growth_lines(
    before: Counter[str], after: Counter[str], limit: int = 8, least: int = 1
) -> list[str]:
    grown = [(after[key] - before[key], key) for key in set(before) | set(after)]
    grown = sorted((g for g in grown if g[0] >= least), reverse=True)[:limit]
    return [f"      {key}: {before[key]} -> {after[key]} ({delta:+d})" for delta, key in grown]


def print_memory(soak: Soak, samples: list[Snapshot], first: Snapshot, last: Snapshot) -> None:
    """Peak and growth of memory (reported only: memory is noisy)."""
    k = soak.kiosk
    print("\nMemory")
    print(
        f"  peak RSS, kiosk process           {mib(status_kib(os.getpid(), 'VmHWM'))}"
        f"   (now {mib(last.rss_kib)})"
    )
    pid = k.speech.pid
    if pid:
        soak.render_pids[pid] = max(soak.render_pids.get(pid, 0), status_kib(pid, "VmHWM"))
    peak_render = max(soak.render_pids.values(), default=0)
    print(
        f"  peak RSS, render process          {mib(peak_render)}   (now {mib(last.render_rss_kib)};"
        f" {len(soak.render_pids)} render process(es) seen)"
    )
    for label, field in (("kiosk", "rss_kib"), ("render process", "render_rss_kib")):
        xs = [s.visits for s in samples]
        ys = [getattr(s, field) / 1024 for s in samples]
        per_1000 = statistics.linear_regression(xs, ys).slope * 1000 if len(set(xs)) > 1 else 0.0
        verdict = "over the aim" if per_1000 >= MEMORY_AIM_MIB else "within the aim"
        print(
            f"  RSS growth per 1,000 visits, {label:<15} {per_1000:+6.2f} MiB   (aim < "
            f"{MEMORY_AIM_MIB:g} MiB: {verdict}; {len(samples)} samples every {SAMPLE_EVERY} "
            f"visits, first {ys[0]:.1f} MiB at visit {xs[0]}, last {ys[-1]:.1f} MiB at visit "
            f"{xs[-1]})"
        )
    print(
        f"  memory mappings                   {first.maps} -> {last.maps}"
        f"   ({last.maps - first.maps:+d}; for information)"
    )
    grown = growth_lines(first.map_count, last.map_count, limit=6)
    if grown:
        print("    mapped files with more mappings:")
        print("\n".join(grown))
    grown = growth_lines(first.map_kib, last.map_kib, limit=6, least=1024)
    if grown:
        print("    mappings whose resident KiB grew by 1 MiB or more:")
        print("\n".join(grown))
    if first.gesture_type and last.gesture_type:
        print(
            f"  Qt gesture types (one per QScroller.grabGesture) {first.gesture_type} -> "
            f"{last.gesture_type}   ({last.gesture_type - first.gesture_type:+d}; for information)"
        )


def print_resources(soak: Soak, first: Snapshot, last: Snapshot) -> bool:
    """What must not grow; False if an aim is broken."""
    ok = True
    k = soak.kiosk
    print(f"\nResources, warm-up end (visit {first.visits}) -> end (visit {last.visits})")
    pairs = {
        "fds": (first.fds, last.fds),
        "threads (OS)": (first.threads, last.threads),
        "threads (Python)": (first.py_threads, last.py_threads),
        "child processes": (len(first.children), len(last.children)),
    }
    for name, (before, after) in pairs.items():
        tolerance = TOLERANCE[name]
        good = after - before <= tolerance
        ok &= good
        print(
            f"  {name:<33} {before} -> {after}   (aim: no growth beyond +{tolerance}: "
            f"{'ok' if good else 'BROKEN'})"
        )
    print(f"      children now: {', '.join(last.children) or 'none'}")
    if first.py_thread_names != last.py_thread_names:
        print(f"      Python threads at warm-up end: {', '.join(first.py_thread_names)}")
        print(f"      Python threads now: {', '.join(last.py_thread_names)}")
    for scope in first.qt:
        before, after = first.qt[scope], last.qt[scope]
        good = after - before <= QT_TOLERANCE
        ok &= good
        print(
            f"  Qt objects, {scope:<22}{before} -> {after}   (aim: no growth beyond "
            f"+{QT_TOLERANCE}: {'ok' if good else 'BROKEN'})"
        )
    grown = growth_lines(first.qt_classes, last.qt_classes, least=2)
    if grown:
        print("    Qt classes that grew:")
        print("\n".join(grown))
    grown = growth_lines(first.py_types, last.py_types, least=50)
    if grown:
        print("    Python object types that grew by 50 or more (after gc.collect):")
        print("\n".join(grown))
    print(f"  render jobs pending               {first.pending_jobs} -> {last.pending_jobs}")
    wavs = list(k.cache.folder.glob("*.wav"))
    size = sum(p.stat().st_size for p in wavs)
    print(f"  WAV cache                         {len(wavs)} files, {mib(size / 1024)}")
    return ok


def check_usage(soak: Soak) -> bool:
    """The usage counts hold exactly what the visits did."""
    k = soak.kiosk
    if k.stats is None:
        print("\nUsage counts: not counted (stats off)")
        return False
    k.stats.flush(timeout=30)
    recorded: Counter[str] = Counter()
    for tally in report(k.stats_path).tallies:
        recorded[tally.kind] += tally.count
    print(f"\nUsage counts in {k.stats_path.name}: recorded / expected")
    ok = True
    for kind in sorted(set(recorded) | set(soak.expected)):
        good = recorded[kind] == soak.expected[kind]
        ok &= good
        print(
            f"  {kind:<12} {recorded[kind]:>7} / {soak.expected[kind]:<7} "
            f"{'ok' if good else 'MISMATCH'}"
        )
    if k.stats.problem:
        print(f"  counting stopped: {k.stats.problem}")
        ok = False
    return ok


def print_steps(soak: Soak, measured: int, minutes: float) -> None:
    print(
        f"\nVisits per minute (after warm-up)    {measured / minutes:.1f}"
        f"   ({measured} visits in {minutes:.1f} min, sampling included)"
    )
    print("Median time of each step (after warm-up):")
    for name, times in soak.steps.items():
        print(f"  {name:<36} {statistics.median(times) * 1000:8.1f} ms   ({len(times)})")
    probe = soak.probe
    probe.stop()
    if probe.gaps:
        gaps = sorted(probe.gaps)
        p99 = gaps[int(0.99 * (len(gaps) - 1))]
        print(
            f"GUI thread stalls (a 5 ms timer, after warm-up): longest "
            f"{probe.longest * 1000:.1f} ms (in: {probe.longest_in}), "
            f"99th percentile {p99 * 1000:.1f} ms, {probe.over_50} over 50 ms in {len(gaps)} ticks"
        )
        for label, count in probe.over_50_in.most_common():
            print(f"  stalls over 50 ms in {label}: {count}")
    if probe.tap_gaps:
        taps = sorted(probe.tap_gaps)
        print(
            f"A tap's own handling and frame, everything else running (counted apart from the "
            f"stalls): median {statistics.median(taps) * 1000:.1f} ms, 95th percentile "
            f"{taps[int(0.95 * (len(taps) - 1))] * 1000:.1f} ms, longest {taps[-1] * 1000:.1f} ms,"
            f" {sum(t > 0.050 for t in taps)} over 50 ms in {len(taps)} taps"
        )
    if soak.beside is not None:
        print("GUI thread stalls while each of the kiosk's services was at work (after warm-up):")
        for line in soak.beside.lines():
            print(line)
    if soak.packs is not None:
        active = soak.kiosk.packs.store.active()
        print(
            f"Content packs: {soak.packs.version} published; version {active} in use at the end"
            f" (checks every {CHECK_EVERY_S:g} s)"
        )
    if soak.prometheus is not None:
        try:
            made, good = soak.prometheus.scrapes()
        except (OSError, ValueError, KeyError) as exc:  # it stopped, or answered nonsense
            print(f"Prometheus: could not be asked how often it scraped ({exc})")
        else:
            print(f"Prometheus: {made} scrapes of /metrics, {good} of them answered")


# -- main -----------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--visits", type=int, default=5000, help="visits in all, warm-up included")
    parser.add_argument("--warmup", type=int, default=200, help="visits before measuring")
    parser.add_argument("--printer", default="", help="CUPS queue (else KIOSK_TEST_PRINTER)")
    parser.add_argument("--pdf-dir", default="", help="where the queue writes PDFs")
    parser.add_argument("--guide-every", type=int, default=10, help="audio guide visits (0: none)")
    parser.add_argument("--pin-every", type=int, default=50, help="PIN pad visits (0: none)")
    parser.add_argument("--max-problems", type=int, default=10, help="stop after this many")
    parser.add_argument("--tracemalloc", action="store_true", help="where Python memory grew")
    parser.add_argument(
        "--topics", type=int, default=0, help="a clinic library of this many topics (en + es)"
    )
    parser.add_argument(
        "--no-services",
        dest="services",
        action="store_false",
        help="no content packs, metrics, Prometheus or staff reloads beside the visits",
    )
    parser.add_argument("--pack-every", type=int, default=25, help="visits between new packs")
    parser.add_argument("--reload-every", type=int, default=50, help="visits between reloads")
    args = parser.parse_args()
    if args.visits <= args.warmup:
        parser.error("--visits must be more than --warmup")
    return args


def run(args: argparse.Namespace, folder: Path) -> int:  # noqa: PLR0912, PLR0915 - the run
    printer = args.printer or os.environ.get("KIOSK_TEST_PRINTER", "")
    pdf_dir = args.pdf_dir or os.environ.get("KIOSK_TEST_PDF_DIR", "")
    if not printer:
        print("soak: no printer (--printer or KIOSK_TEST_PRINTER): printing is SKIPPED")
    elif shutil.which("lp") is None:
        print("soak: CUPS (lp) is not installed: printing is SKIPPED")
        printer = ""
    began = time.monotonic()
    soak = Soak(args, printer, pdf_dir)
    if printer and soak.sweeper.folder is None:
        print("soak: the queue's PDF folder is not known (--pdf-dir): its PDFs are left")
    engine = soak.kiosk.speech.engine
    print(
        f"soak: {args.visits} visits ({args.warmup} warm-up), printer {printer or 'none'}, "
        f"speech engine {engine}, window 1920x1080 on a 1920x1080 offscreen screen, "
        f"idle {IDLE_S} s + {IDLE_S} s, files in {folder}",
        flush=True,
    )
    problems: list[str] = []
    leftover_visits = 0
    samples: list[Snapshot] = []
    first: Snapshot | None = None
    measure_start = 0.0
    traced: tracemalloc.Snapshot | None = None
    n = 0
    for n in range(args.visits):
        faulthandler.dump_traceback_later(FROZEN_S, exit=True)
        try:
            soak.visit(n)
        except StepFailedError as exc:
            problems.append(f"visit {n + 1}: {exc}")
            print(f"PROBLEM visit {n + 1}: {exc}", flush=True)
            recover(soak)
        soak.spin.pause(0.01)  # the attract screen, as the next patient finds it
        faulthandler.cancel_dump_traceback_later()
        left = soak.leftovers()
        soak.probe.skip()
        if left:
            leftover_visits += 1
            problems.append(f"visit {n + 1} left: " + "; ".join(left))
            print(f"LEFT OVER after visit {n + 1}: " + "; ".join(left), flush=True)
        for error in soak.errors:
            problems.append(f"visit {n + 1}: unexpected error in the kiosk: {error}")
            print(f"ERROR in visit {n + 1}: {error}", flush=True)
        soak.errors.clear()
        soak.speech_problems.clear()
        if n % 10 == 9:
            soak.sweeper.sweep()
        done = n + 1
        if done == args.warmup:
            first = soak.snapshot(done, deep=True)
            samples.append(first)
            soak.measuring = True
            measure_start = time.monotonic()
            soak.probe.start()
            if args.tracemalloc:
                tracemalloc.start(10)
                traced = tracemalloc.take_snapshot()
        elif done > args.warmup and (done - args.warmup) % SAMPLE_EVERY == 0:
            samples.append(soak.snapshot(done))
        soak.probe.skip()
        if done % SAMPLE_EVERY == 0 or done == args.warmup:
            s = samples[-1] if samples and samples[-1].visits == done else soak.snapshot(done)
            rate = done / ((time.monotonic() - began) / 60)
            print(
                f"  visit {done:>6}/{args.visits}  RSS {mib(s.rss_kib)}  render "
                f"{mib(s.render_rss_kib)}  fds {s.fds}  threads {s.threads}  "
                f"children {len(s.children)}  maps {s.maps}  {rate:.1f} visits/min",
                flush=True,
            )
        if len(problems) >= args.max_problems:
            print(f"soak: stopping after {len(problems)} problems", flush=True)
            break
    done = n + 1
    measured_minutes = (time.monotonic() - measure_start) / 60 if soak.measuring else 0.0
    last = soak.snapshot(done, deep=True)
    if samples and samples[-1].visits != done:
        samples.append(last)

    ok = not problems
    if first is not None:
        print_steps(soak, done - args.warmup, measured_minutes)
        print_memory(soak, samples, first, last)
        ok &= print_resources(soak, first, last)
    if traced is not None:
        stats = tracemalloc.take_snapshot().compare_to(traced, "lineno")
        print("\nPython allocation sites that grew most after warm-up (tracemalloc):")
        for stat in stats[:12]:
            print(f"  {stat}")
    ok &= check_usage(soak)
    if printer:
        finish_printing(soak, printer)
    soak.close()
    print(
        f"\nLeft-over state after reset: {leftover_visits} of {done} visits"
        f"   (aim: none)  home screen scrolled before the reset in {soak.home_scrolled} visits"
    )
    if problems:
        print(f"Problems ({len(problems)}):")
        for problem in problems[:20]:
            print(f"  {problem}")
    if not ok:
        log_tail(paths.log_dir() / "kiosk.log")
    took = time.monotonic() - began
    print(f"Run took {int(took // 3600)}h{int(took % 3600 // 60):02d}m{int(took % 60):02d}s")
    print("RESULT: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def log_tail(path: Path, lines: int = 15) -> None:
    """The kiosk's last warnings and errors (its log goes with the run's folder)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    worrying = [line for line in text if " WARNING " in line or " ERROR " in line]
    if worrying:
        print(f"Last warnings and errors in the kiosk's log ({len(worrying)} in all):")
        for line in worrying[-lines:]:
            print(f"  {line}")


def recover(soak: Soak) -> None:
    """After a failed step: back to the attract screen the way the kiosk itself would."""
    k = soak.kiosk
    k.idle.release(HOLD)
    with contextlib.suppress(StepFailedError):
        soak.wait(lambda: not k.visit.active and k.window.current_screen == "attract", "a reset")
    if k.visit.active or k.window.current_screen != "attract":
        k.visits.reset()


def finish_printing(soak: Soak, printer: str) -> None:
    """Wait for the queue to write the last PDFs, delete them, and say how many there were."""
    end = time.monotonic() + 120
    soak.spin.until(
        lambda: time.monotonic() > end or queue_jobs(printer) == 0,
        130,
        "the print queue to empty",
    )
    soak.spin.pause(2)
    soak.sweeper.sweep(min_age_s=0)
    sweeper = soak.sweeper
    print(
        f"\nPrinting: {sweeper.sent} pages sent to {printer}; {sweeper.deleted} PDFs written by "
        f"the queue and deleted ({mib(sweeper.bytes / 1024)}); {len(sweeper.jobs)} not found"
        f"{'' if sweeper.folder else ' (PDF folder unknown)'}"
    )


def main() -> None:
    args = arguments()
    faulthandler.enable()  # a crash in Qt prints where Python was, instead of nothing
    faulthandler.register(signal.SIGTERM, chain=True)  # and so does being stopped
    run_in_own_folder("kiosk-soak-", "soak", lambda folder: run(args, folder))


if __name__ == "__main__":
    main()
