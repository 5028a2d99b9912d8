"""Staff mode: the hidden corner, the PIN pad, and the staff screen with what works, what is
broken and how much the kiosk is used; a test page, a test phrase, a content reload, the exit."""

from __future__ import annotations

import datetime as dt
import logging
import math
import queue
import shlex
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk import __version__, categories, languages, paths
from kiosk.config import Settings, load_settings
from kiosk.flows.guide import GuideFlow
from kiosk.flows.library import Library
from kiosk.flows.visit import VisitFlow
from kiosk.handout.printing import PrintService
from kiosk.logs import log_problem
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.guide import AudioGuide
from kiosk.narration.narrator import Narrator, Problem, State
from kiosk.session import IdleMonitor, Visit
from kiosk.staff import Check, StaffAuth, verify_pin
from kiosk.ui.screens import Screen
from kiosk.ui.staff import UsageRow
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.flows.content import ContentFlow
    from kiosk.metrics import KioskMetrics
    from kiosk.stats import UsageStats

log = logging.getLogger("kiosk.app")

EXIT_STAFF = 75  # staff closed the kiosk on purpose: the service manager leaves it closed
PIN_POLL_MS = 5  # how often the GUI thread looks for the PIN check's answer


class StaffFlow(QObject):
    """The way in (PIN) and the staff screen. Opening it wipes the patient's visit first."""

    def __init__(
        self,
        *,
        settings: Settings,
        config_path: Path | None,
        window: KioskWindow,
        visit: Visit,
        visits: VisitFlow,
        idle: IdleMonitor,
        auth: StaffAuth,
        library: Library,
        services: StaffServices,
        guiding: GuideFlow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._config_path, self._window = settings, config_path, window
        self._visit, self._visits, self._idle, self._auth = visit, visits, idle, auth
        self._library, self._services, self._guiding = library, services, guiding
        self.quit: Callable[[int], None] = lambda _code: None  # the kiosk sets its own
        # A PIN's check (scrypt, 30-40 ms) runs in a thread of its own, so the screen never
        # stands still for it; its answer comes back through this queue, looked for by a timer.
        self._answer: queue.SimpleQueue[bool] | None = None
        self._pin_poll = QTimer(self)
        self._pin_poll.setInterval(PIN_POLL_MS)
        self._pin_poll.timeout.connect(self._pin_checked)
        self._filling = False
        window.corner.held.connect(self.open_pin_pad)
        window.staff_screens_built.connect(self._connect_screens)
        services.printing.status_known.connect(self._printer_status)
        services.speech.ready.connect(lambda _voices: self._speech_changed())
        services.speech.unavailable.connect(lambda _reason: self._speech_changed())
        if services.packs is not None:
            services.packs.changed.connect(self._packs_changed)

    @Slot()
    def _connect_screens(self) -> None:
        w = self._window
        w.pin.pin_entered.connect(self._check_pin)
        w.pin.cancelled.connect(self.close_pin_pad)
        w.staff.back_requested.connect(self._visits.reset)
        w.staff.exit_requested.connect(self.exit_kiosk)
        w.staff.reload_requested.connect(self.reload_content)
        w.staff.test_print_requested.connect(self.test_print)
        w.staff.test_sound_requested.connect(self.test_sound)

    def _reload_pin_hash(self) -> None:
        """A PIN set with `set-pin` works at once: the hash is read from the config afresh."""
        if self._config_path is None or not self._config_path.exists():
            return
        fresh, _problems = load_settings(self._config_path)
        self._auth.pin_hash = fresh.staff_pin_hash

    @Slot()
    def open_pin_pad(self) -> None:
        """The hidden corner press: the PIN pad, over what the patient was doing."""
        if self._window.current_screen in (Screen.PIN, Screen.STAFF):
            return
        narrator = self._services.narrator
        if narrator.state is State.PLAYING:
            narrator.pause()
        self._guiding.silence()  # the pad's keys are never spoken
        self._reload_pin_hash()
        pad, lock = self._window.pin, self._auth.lock
        lock.expire()
        if not self._auth.configured:
            pad.show_no_pin(self.set_pin_command())
        elif lock.seconds_left() > 0:
            pad.show_locked(math.ceil(lock.seconds_left()))
        else:
            pad.show_prompt()
        self._window.show_pin()
        if not self._idle.running:
            self._idle.enable()  # a pad left open goes back to the start like any screen
        log.info("staff PIN pad opened")

    @property
    def checking_pin(self) -> bool:
        """A PIN typed on the pad is being checked (the pad takes no keys meanwhile)."""
        return self._answer is not None

    @Slot(str)
    def _check_pin(self, pin: str) -> None:
        refused = self._auth.refused()
        if refused is not None:
            self._show_check(refused)
            return
        if self._answer is not None:
            return  # one PIN at a time: the pad takes no keys while one is checked
        answer: queue.SimpleQueue[bool] = queue.SimpleQueue()
        stored = self._auth.pin_hash

        def check() -> None:  # in its own thread: no Qt object is touched here
            right = False
            try:
                right = verify_pin(pin, stored)
            finally:
                answer.put(right)

        self._answer = answer
        self._window.pin.set_checking(True)
        threading.Thread(target=check, name="staff-pin-check", daemon=True).start()
        self._pin_poll.start()

    @Slot()
    def _pin_checked(self) -> None:
        if self._answer is None:
            self._pin_poll.stop()
            return
        try:
            right = self._answer.get_nowait()
        except queue.Empty:
            return
        self._answer = None
        self._pin_poll.stop()
        result = self._auth.settle(right)  # a wrong try counts, even if the pad was left
        pad = self._window.pin_if_built
        if pad is not None:
            pad.set_checking(False)
        if self._window.current_screen is Screen.PIN:
            self._show_check(result)

    def _show_check(self, result: Check) -> None:
        pad, lock = self._window.pin, self._auth.lock
        if result is Check.OK:
            self._open_staff_from_pad()
        elif result is Check.WRONG:
            pad.show_wrong(lock.tries_left)
        elif result is Check.LOCKED:
            pad.show_locked(math.ceil(lock.seconds_left()))
        else:
            pad.show_no_pin(self.set_pin_command())

    @Slot()
    def close_pin_pad(self) -> None:
        """Cancel: back to the patient's screen as it was."""
        self._window.close_pin()
        self._guiding.follow(self._visit.choices)

    def open_staff(self) -> None:
        """The staff screen, after the patient's visit is wiped as at an idle reset. The sound
        and the counts come a turn later: the first opening loads the audio back end to look
        for an output, and waits for the counts to be written before it reads them (together
        with the reset and the screen, 60-90 ms in one turn, a stall in the soak)."""
        self._visits.reset()
        self._visits.watch_staff()
        self._show_staff()

    def _open_staff_from_pad(self) -> None:
        """The right PIN: the visit is wiped in this turn, the pad still on show, and the staff
        screen comes in the next (both in one turn took 60-70 ms on a loaded machine)."""
        self._visits.reset(stay=True)
        self._filling = True
        QTimer.singleShot(0, self, self._staff_after_wipe)

    @Slot()
    def _staff_after_wipe(self) -> None:
        if self._window.current_screen is Screen.PIN:
            self._visits.watch_staff()
            self._show_staff()
        else:  # staff left the pad meanwhile: the visit is wiped, the patients' idle time kept
            self._filling = False

    def _show_staff(self) -> None:
        self._window.show_staff()
        self._fill_at_once()
        self._filling = True
        QTimer.singleShot(0, self, self._fill_when_shown)
        log.info("staff screen opened")

    @property
    def filling(self) -> bool:
        """A right PIN just taken: the staff screen, or its sound and counts, still to come."""
        return self._filling

    @Slot()
    def _fill_when_shown(self) -> None:
        self._filling = False
        if self._window.current_screen is Screen.STAFF:  # not if staff left meanwhile
            self._fill_sound_and_usage()

    def refresh(self) -> None:
        """Fill the staff screen: topics, printer, sound, counts, version."""
        self._fill_at_once()
        self._fill_sound_and_usage()

    def _fill_sound_and_usage(self) -> None:
        staff, services = self._window.staff, self._services
        staff.set_sound(*services.sound_status())
        rows, problem = services.usage_rows()
        staff.set_usage(rows, problem)

    def _fill_at_once(self) -> None:
        staff, services = self._window.staff, self._services
        self._show_topics()
        self._show_packs()
        staff.set_printer(None, "")
        services.printing.check()
        about = [f"Version {__version__}"]
        about.append(f"Settings: {self._config_path or 'defaults (no config file)'}")
        if self._config_path is not None:  # what is wrong in it, so nobody needs a terminal
            about += [f"  Problem: {line}" for line in load_settings(self._config_path)[1]]
        problem = log_problem()
        about.append(f"Log: {paths.log_dir()}" + (f" (Problem: {problem})" if problem else ""))
        about.append(f"Usage counts: {services.stats_path}")
        metrics = services.metrics
        if metrics is not None:  # only when metrics_listen is set
            if metrics.address:
                about.append(f"Metrics: http://{metrics.address}/metrics")
            else:
                about.append(f"Metrics: Problem: {metrics.problem or 'not started'}")
        staff.set_about(about)

    def _show_topics(self) -> None:
        content = self._library.content
        loaded: dict[str, int] = {}
        for topic in content.entries:
            loaded[topic.lang] = loaded.get(topic.lang, 0) + 1
        awaiting = [
            f"{t.lang}/{t.id}: {t.title}"
            for t in sorted(content.entries, key=lambda t: (t.lang, t.id))
            if t.awaiting
        ]
        failed = [
            *languages.table().problems,
            *categories.table().problems,
            *map(str, content.errors),
        ]
        self._window.staff.set_topics(loaded, failed, awaiting)

    def _show_packs(self) -> None:
        packs = self._services.packs
        if packs is not None:
            self._window.staff.set_pack(*packs.status())

    def _packs_changed(self) -> None:
        """A pack check ended, or a pack went in use, while staff may be looking."""
        if self._window.current_screen == Screen.STAFF:
            self._show_topics()
            self._show_packs()

    def _speech_changed(self) -> None:
        """The engine became ready, or gave up, while staff look at the screen."""
        if self._window.current_screen == Screen.STAFF:
            self._window.staff.set_sound(*self._services.sound_status())

    @Slot(bool, str)
    def _printer_status(self, ready: bool, detail: str) -> None:
        last = self._services.printing.last_problem
        if last and last not in detail:
            detail += f" (last problem: {last})"
        staff = self._window.staff_if_built
        if staff is not None:  # a check that ends after staff left has nobody to tell
            staff.set_printer(ready, detail)

    @Slot()
    def reload_content(self) -> None:
        """Read the topic folders again without restarting."""
        content = self._library.reload()
        self._show_topics()
        self._window.staff.show_reloaded(len(content.entries), len(content.errors))
        log.info(
            "content reloaded by staff (%d topics, %d skipped)",
            len(content.entries),
            len(content.errors),
        )

    @Slot()
    def set_pin_command(self) -> str:
        """The command that sets the PIN this kiosk reads: for its own config file, by the
        path of this install's command (see `paths.tool_command`)."""
        if self._config_path is None:
            return paths.tool_command("set-pin")
        return paths.tool_command(f"set-pin --config {shlex.quote(str(self._config_path))}")

    def test_print(self) -> None:
        """A page that says it is a test, to the patients' printer."""
        printing = self._services.printing
        if printing.busy:
            self._window.staff.show_print_busy()
            return
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        from kiosk.handout.layout import printer_check_page  # noqa: PLC0415 (loaded when used)

        page = printer_check_page(self._settings, self._settings.printer, when)
        self._window.staff.show_printing()
        job = printing.print_handout(page, "Kiosk printer test page")
        if job is not None:
            job.printed.connect(self._test_page_printed)
            job.failed.connect(self._test_page_failed)

    @Slot(str)
    def _test_page_printed(self, number: str) -> None:
        staff = self._window.staff_if_built
        if staff is not None:  # staff may have left before the print system answered
            staff.show_print_sent(number)

    @Slot(str)
    def _test_page_failed(self, reason: str) -> None:
        staff = self._window.staff_if_built
        if staff is not None:
            staff.show_print_failed(reason)

    @Slot()
    def test_sound(self) -> None:
        """Say one phrase in the kiosk's default language; the phrase says how it went."""
        staff, guide = self._window.staff, self._services.guide
        staff.show_sound_testing()
        guide.lang = self._settings.default_language
        guide.set_volume(self._settings.volume)
        phrase = guide.say(staff.test_phrase())
        phrase.played.connect(self._sound_heard)
        phrase.failed.connect(self._sound_failed)

    @Slot()
    def _sound_heard(self) -> None:
        staff = self._window.staff_if_built
        if staff is not None:
            staff.show_sound_played()

    @Slot(object)
    def _sound_failed(self, problem: Problem) -> None:
        staff = self._window.staff_if_built
        if staff is not None:
            staff.show_sound_failed(self._services.speech.dead_reason or problem.value)

    @Slot()
    def exit_kiosk(self) -> None:
        """Staff close the kiosk on purpose (the service manager leaves it closed)."""
        log.info("kiosk closed by staff")
        self._window.allow_close = True
        self.quit(EXIT_STAFF)


@dataclass(frozen=True, slots=True)
class StaffServices:
    """What the staff screen reports on and tries out: speech, printing and the counts."""

    speech: SpeechEngine
    narrator: Narrator
    guide: AudioGuide
    printing: PrintService
    stats: UsageStats | None
    stats_path: Path
    packs: ContentFlow | None = None
    metrics: KioskMetrics | None = None

    def sound_status(self) -> tuple[bool, str]:
        """Whether speech can be made and heard, and in which languages."""
        if self.speech.dead_reason:
            return False, self.speech.dead_reason
        if not self.speech.is_ready:
            return False, "the speech engine has not started yet"
        voices = {lang: self.narrator.voice(lang) for lang in languages.codes()}
        missing = [lang for lang, voice in voices.items() if not voice]
        found = ", ".join(f"{lang}: {voice}" for lang, voice in voices.items() if voice)
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - only for staff

        if not QMediaDevices.audioOutputs():
            return False, f"no sound output device was found (voices {found or 'none'})"
        if missing:
            return False, f"no voice for {', '.join(missing)} (voices {found or 'none'})"
        return True, f"voices {found}"

    def usage_rows(self) -> tuple[list[UsageRow], str]:
        """Today's and this week's counts, and a problem with the counting if there is one."""
        from kiosk.stats import summary  # noqa: PLC0415 - SQLite only for the staff screen

        if self.stats is not None:
            self.stats.flush(timeout=1.0)
        today, week = summary(self.stats_path, dt.date.today())
        rows = [
            UsageRow(what, getattr(today, what), getattr(week, what))
            for what in ("visits", "topics", "narrations", "prints")
        ]
        return rows, self.stats.problem if self.stats is not None else ""
