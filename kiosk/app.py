"""The one place that builds the kiosk: settings, content, services and screens, connected."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import os
import signal
import socket
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QEventLoop, QObject, QSocketNotifier, Qt, QTimer, Slot
from PySide6.QtGui import QCursor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__, paths
from kiosk.config import Settings, load_settings, topic_roots
from kiosk.content import LoadResult, Topic, load_topics
from kiosk.content.model import SUPPORTED_LANGUAGES
from kiosk.flows.hours import OpeningHours
from kiosk.fonts import load_fonts
from kiosk.handout.layout import Handout, build_handout, printer_check_page, render_preview
from kiosk.handout.printing import PrintJob, PrintService
from kiosk.i18n import Translations
from kiosk.logs import log_problem, setup_logging
from kiosk.narration.cache import WavCache
from kiosk.narration.engine import SpeechEngine
from kiosk.narration.guide import AudioGuide
from kiosk.narration.narrator import Narrator, Problem, State
from kiosk.narration.render import RenderClient
from kiosk.narration.script import flatten, reading_blocks
from kiosk.session import IdleMonitor, Visit, VisitChoices
from kiosk.staff import LOCK_FILE, Check, PinLock, StaffAuth
from kiosk.stats import DB_NAME, UsageStats, summary
from kiosk.theme import PALETTES, metrics, screen_scale, stylesheet
from kiosk.ui import guide_words
from kiosk.ui.screens import Screen
from kiosk.ui.staff import UsageRow
from kiosk.ui.window import KioskWindow
from kiosk.watchdog import Watchdog

log = logging.getLogger("kiosk.app")


CACHE_TRIM_DELAY_MS = 10_000
EXIT_STAFF = 75  # staff closed the kiosk on purpose: the service manager leaves it closed

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class KioskApp(QObject):
    """Owns the services and the window and wires them together."""

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
    ) -> None:
        """`speech` is the render client to use; None builds the real one (not yet started).
        `config_path` is the file the settings came from: the PIN is read from it afresh.
        `count_usage` False: nothing is counted (screenshots and other tools)."""
        super().__init__()
        self.app = app
        self.settings = settings
        self.config_path = config_path
        self.quit: Callable[[int], None] = app.exit
        load_fonts()
        self.content = content if content is not None else load_topics(topic_roots(settings))
        for error in self.content.errors:
            log.warning("topic skipped: %s", error)
        self.translations = Translations(app)
        self.visit = Visit(settings, self)
        self.idle = IdleMonitor(settings, self)
        self.window = KioskWindow(settings.clinic_name, settings.attract_rotate_s, windowed)
        # Application filters run newest first: the guard, then the key router (which tells the
        # idle clock about the keys it takes), then the idle clock.
        app.installEventFilter(self.idle)
        app.installEventFilter(self.window.keys)
        app.installEventFilter(self.window.guard)
        app.installEventFilter(self.window.corner)  # first of all: it sees every press
        self.speech = speech if speech is not None else RenderClient(parent=self)
        self.cache = WavCache(paths.cache_dir() / "speech")
        self.narrator = Narrator(self.speech, self.cache, self)
        self.guide = AudioGuide(self.speech, self.cache, self.narrator, self)
        self.printing = PrintService(settings.printer, self)
        self.stats_path = paths.data_dir() / DB_NAME
        self.stats = UsageStats(self.stats_path) if count_usage else None
        self.auth = StaffAuth(settings.staff_pin_hash, PinLock(paths.data_dir() / LOCK_FILE))
        self.watchdog = Watchdog(self)
        self._patient_print: PrintJob | None = None  # the visit's page being handed over
        self._sound_test = False
        self._reading_state = State.IDLE
        self._handout: Handout | None = None
        self._style_key: tuple[str, int, float] | None = None
        self._previous_hook: ExceptHook | None = None
        self._shut_down = False

        self.hours = OpeningHours(settings, self.window, self.visit, self.narrator, self)
        self._connect_screens()
        self._connect_narration()
        self._connect_guide()
        self._connect_staff()
        self._apply_choices(self.visit.choices)
        self.window.show_attract()

    def _connect_screens(self) -> None:
        w = self.window
        w.attract.start_requested.connect(self.start_visit)
        w.topic_requested.connect(self.open_topic)
        w.resized.connect(self.restyle)
        w.topic.print_requested.connect(self.preview_handout)
        w.handout.print_requested.connect(self.print_handout)
        self.idle.warning_started.connect(w.overlay.show_warning)
        self.idle.countdown_changed.connect(w.overlay.set_seconds)
        self.idle.warning_cancelled.connect(w.overlay.hide)
        self.idle.timed_out.connect(self.reset)
        w.overlay.keep_going.connect(self.idle.poke)
        w.choice_requested.connect(self._choice_requested)
        w.keys.used.connect(self.idle.poke)
        w.keys.volume_step.connect(self._volume_step)
        w.keys.reading_toggled.connect(self._toggle_reading)
        w.keys.guide_toggled.connect(self.toggle_guide)
        w.set_languages(list(SUPPORTED_LANGUAGES))
        self.visit.changed.connect(self._apply_choices)

    def _connect_narration(self) -> None:
        bar, narrator = self.window.topic.narration, self.narrator
        bar.toggle_requested.connect(narrator.toggle)
        bar.stop_requested.connect(narrator.stop)
        bar.back_requested.connect(narrator.back)
        bar.forward_requested.connect(narrator.forward)
        bar.slower_toggled.connect(lambda slow: self.visit.update(slow_speech=slow))
        bar.volume_step.connect(self._volume_step)
        narrator.sentence_started.connect(self.window.topic.highlight)
        narrator.state_changed.connect(bar.show_state)
        narrator.state_changed.connect(self._hold_idle)
        narrator.finished.connect(lambda: self.window.topic.highlight(None))
        narrator.problem.connect(bar.show_problem)
        self.speech.ready.connect(lambda _voices: self._update_speech_availability())
        self.window.screen_changed.connect(self._screen_changed)

    def _connect_staff(self) -> None:
        self.window.corner.held.connect(self.open_pin_pad)
        self.window.staff_screens_built.connect(self._connect_staff_screens)
        self.printing.status_known.connect(self._printer_status)
        self.guide.spoken.connect(self._sound_heard)
        self.guide.narrator.problem.connect(self._sound_failed)
        self.narrator.state_changed.connect(self._count_narration)
        self.speech.ready.connect(lambda _voices: self._speech_changed())
        self.speech.unavailable.connect(lambda _reason: self._speech_changed())

    @Slot()
    def _connect_staff_screens(self) -> None:
        w = self.window
        w.pin.pin_entered.connect(self._check_pin)
        w.pin.cancelled.connect(self.close_pin_pad)
        w.staff.back_requested.connect(self.reset)
        w.staff.exit_requested.connect(self.exit_kiosk)
        w.staff.reload_requested.connect(self.reload_content)
        w.staff.test_print_requested.connect(self.test_print)
        w.staff.test_sound_requested.connect(self.test_sound)

    def _connect_guide(self) -> None:
        w, guide = self.window, self.guide
        self.app.focusChanged.connect(self._focus_changed)
        w.handout.status_shown.connect(guide.announce)
        self.idle.warning_started.connect(lambda _s: guide.announce(w.overlay.spoken_text()))

    @Slot(QWidget, QWidget)
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """With the audio guide on, the control that gets the focus is said aloud."""
        if self.guide.enabled and new is not None and new.window() is self.window:
            self.guide.describe(guide_words.describe(new))

    @Slot()
    def toggle_guide(self) -> None:
        """The audio-guide key: on or off (from the attract screen it also starts a visit)."""
        if not self.visit.active:
            self.start_visit()
        turn_on = not self.visit.choices.audio_guide
        self.visit.update(audio_guide=turn_on)
        self._count_choice("audio_guide", turn_on)

    @Slot(str, object)
    def _choice_requested(self, name: str, value: object) -> None:
        self.visit.update(**{name: value})
        self._count_choice(name, value)

    def _count(
        self,
        kind: str,
        *,
        topic: str | None = None,
        lang: str | None = None,
        value: int | None = None,
    ) -> None:
        """One anonymous usage event (nothing when this kiosk does not count)."""
        if self.stats is not None:
            self.stats.record(kind, topic=topic, lang=lang, value=value)

    def _count_choice(self, name: str, value: object) -> None:
        """A patient's own choice of language, text size, contrast or the audio guide."""
        if name == "language" and isinstance(value, str):
            self._count("language", lang=value)
        elif name == "text_size" and isinstance(value, int):
            self._count("text_size", value=value)
        elif name == "theme" and isinstance(value, str):
            self._count("theme", value=int(value != "light"))
        elif name == "audio_guide" and value is True:
            self._count("audio_guide")

    @Slot()
    def _toggle_reading(self) -> None:
        if self.window.topic.topic is not None and self.window.topic.narration.listen.isEnabled():
            self.narrator.toggle()

    def _follow_guide(self, choices: VisitChoices) -> None:
        guide = self.guide
        guide.lang = choices.language
        guide.set_volume(choices.volume)
        guide.set_slow(choices.slow_speech)
        if choices.audio_guide == guide.enabled:
            return
        guide.set_enabled(choices.audio_guide)
        if not choices.audio_guide:
            guide.say(guide_words.guide_off())
            return
        self.window.guard.keyboard_mode = True
        guide.announce(guide_words.guide_on())
        guide.announce(guide_words.keys_help())
        focused = self.app.focusWidget()
        if guide_words.describe(focused):
            guide.describe(guide_words.describe(focused))
        else:
            self.window.focus_first()

    @Slot(object)
    def _hold_idle(self, state: State) -> None:
        """The idle clock does not run out while the kiosk is reading aloud."""
        if state in (State.PLAYING, State.LOADING):
            self.idle.hold("narration")
        else:
            self.idle.release("narration")

    @Slot(int)
    def _volume_step(self, step: int) -> None:
        volume = max(10, min(100, self.visit.choices.volume + 10 * step))
        self.visit.update(volume=volume)

    @Slot(object)
    def _screen_changed(self, screen: Screen) -> None:
        if screen != Screen.TOPIC:
            self.narrator.stop()
            self.window.topic.highlight(None)
        if self.guide.enabled:
            topic = self.window.topic.topic
            words = {
                Screen.HOME: guide_words.home_screen(len(self.window.home.tiles)),
                Screen.TOPIC: guide_words.topic_screen(topic.title) if topic else "",
                Screen.HANDOUT: guide_words.handout_screen(),
            }
            self.guide.announce(words.get(screen, ""))

    def _update_speech_availability(self) -> None:
        """Listen is offered only where a voice for the visit's language exists."""
        if self.speech.dead_reason:
            return
        if self.speech.is_ready and not self.narrator.available(self.visit.choices.language):
            log.warning("no voice for language %s", self.visit.choices.language)
            self.window.topic.narration.show_problem(Problem.UNAVAILABLE)
        else:
            self.window.topic.narration.set_available(True)

    def topics(self) -> list[Topic]:
        """The topics for the visit's language: its own, then those only in another language."""
        return self.content.for_screen(self.visit.choices.language)

    def _show_topics(self) -> None:
        topics = self.topics()
        self.window.home.set_topics(topics, self.visit.choices.language)
        self.window.attract.set_topics(topics)
        self.window.topic.prepare(topics)
        self.window.order_focus()

    @Slot()
    def start_visit(self) -> None:
        """A touch on the attract screen: the visit begins at the home screen."""
        if not self.visit.active:
            self._count("visit")
        self.visit.start()
        self.idle.enable()
        self.window.show_home()

    @Slot(str)
    def open_topic(self, topic_id: str) -> None:
        """Open a topic in the visit's language (or the one language it is written in)."""
        lang = self.visit.choices.language
        topic = self.content.find_any(topic_id, lang)
        if topic is None:
            log.warning("topic %s not found", topic_id)
            return
        self.window.open_topic(topic, lang)
        self._load_reading(topic)
        self._count("topic", topic=topic.id, lang=topic.lang)

    def _load_reading(self, topic: Topic) -> None:
        sentences, _ = flatten(reading_blocks(topic))
        self.narrator.load(sentences, topic.lang)

    def _switch_topic_language(self, topic_id: str, screen: Screen, reading: bool) -> None:
        """After a language change: the same topic, on the same screen, in the new language."""
        lang = self.visit.choices.language
        topic = self.content.find_any(topic_id, lang)
        if topic is None:
            return
        self.window.topic.show_topic(topic, lang)
        self._load_reading(topic)
        if reading:
            self.narrator.play(0)  # the new voice reads from the top of the new text
        if screen == Screen.HANDOUT:
            self._show_preview(topic, fresh=False)  # the print news stays, in the new language

    @Slot()
    def preview_handout(self) -> None:
        """Show the page for the topic on screen, as it will print."""
        topic = self.window.topic.topic
        if topic is None:
            return
        self._show_preview(topic)
        self.window.show_handout()

    @property
    def previewed(self) -> Handout | None:
        """The page on the preview screen (and the one Print this page sends)."""
        return self._handout

    def _show_preview(self, topic: Topic, fresh: bool = True) -> None:
        self._handout = build_handout(topic, self.settings)
        width = min(self.window.width() - 120, round(self.window.height() * 1.1))
        self.window.handout.show_page(render_preview(self._handout, max(400, width)))
        if fresh:
            self.window.handout.show_ready(self.visit.choices.prints_left)

    @Slot()
    def print_handout(self) -> None:
        """Print the previewed page, if this visit may print another."""
        if self._handout is None or self.printing.busy:
            return
        if self.visit.choices.prints_left <= 0:
            self.window.handout.show_limit()
            return
        topic = self.window.topic.topic
        self.window.handout.show_printing()
        job = self.printing.print_handout(self._handout, topic.title if topic else "handout")
        if job is None:
            return
        self._patient_print = job
        job.printed.connect(lambda _number: self._printed(job, topic))
        job.failed.connect(lambda _reason: self._print_failed(job))

    def _printed(self, job: PrintJob, topic: Topic | None) -> None:
        if topic is not None:
            self._count("print", topic=topic.id, lang=topic.lang)  # a page went out, whoever waits
        if job is not self._patient_print:
            return  # the visit ended meanwhile: the next patient's allowance is their own
        self._patient_print = None
        left = max(0, self.visit.choices.prints_left - 1)
        self.visit.update(prints_left=left)
        self.window.handout.show_printed(left)

    def _print_failed(self, job: PrintJob) -> None:
        if job is self._patient_print:
            self._patient_print = None
            self.window.handout.show_failed()

    @Slot(object)
    def _count_narration(self, state: State) -> None:
        """Each start of reading aloud (not each resume) counts once."""
        started = self._reading_state is State.IDLE and state in (State.LOADING, State.PLAYING)
        self._reading_state = state
        topic = self.window.topic.topic
        if started and topic is not None:
            self._count("narration", topic=topic.id, lang=topic.lang)

    @Slot()
    def reset(self) -> None:
        """The idle time ran out: nothing of this visit stays on screen or in the choices."""
        self.idle.disable()
        self.idle.set_timeout(self.settings.idle_timeout_s)
        self._patient_print = None
        self._sound_test = False
        self.narrator.stop()
        self.guide.set_enabled(False)  # silently: the next patient turns it on if they need it
        self._handout = None
        self.window.reset()
        self.window.topic.narration.reset()
        self.visit.reset()
        log.info("visit reset")

    def restyle(self) -> None:
        """Apply the theme and text size for the window's current size (call after resizing).

        The stylesheet is rebuilt only when theme, text size or screen scale really changed:
        parsing it is the costliest step of start-up.
        """
        self._apply_choices(self.visit.choices)

    @Slot(object)
    def _apply_choices(self, choices: VisitChoices) -> None:
        self.narrator.set_volume(choices.volume)
        self.narrator.set_slow(choices.slow_speech)
        if choices.language != self.translations.language:
            screen, shown = self.window.current_screen, self.window.topic.topic
            reading = self.narrator.state is not State.IDLE
            self.translations.use(choices.language)
            self.window.retranslate()
            self._show_topics()
            self._update_speech_availability()
            if shown is not None and screen in (Screen.TOPIC, Screen.HANDOUT):
                self._switch_topic_language(shown.id, screen, reading)
        self.window.show_choices(choices)
        self._follow_guide(choices)
        self._apply_look(choices)

    def _apply_look(self, choices: VisitChoices) -> None:
        size = self.window.size()
        scale = screen_scale(size.width(), size.height())
        key = (choices.theme, choices.text_size, scale)
        if key == self._style_key:
            return
        self._style_key = key
        palette = PALETTES[choices.theme]
        sizes = metrics(choices.text_size, scale)
        self.window.topic.set_aside()  # fewer widgets for the stylesheet to polish
        self.app.setStyleSheet(stylesheet(palette, sizes))
        self.window.apply(sizes, palette)
        self.window.order_focus()
        self.window.topic.prepare(self.topics())

    # -- staff mode ---------------------------------------------------------------------------

    def _reload_pin_hash(self) -> None:
        """A PIN set with `set-pin` works at once: the hash is read from the config afresh."""
        if self.config_path is None or not self.config_path.exists():
            return
        fresh, _problems = load_settings(self.config_path)
        self.auth.pin_hash = fresh.staff_pin_hash

    @Slot()
    def open_pin_pad(self) -> None:
        """The hidden corner press: the PIN pad, over what the patient was doing."""
        if self.window.current_screen in (Screen.PIN, Screen.STAFF):
            return
        if self.narrator.state is State.PLAYING:
            self.narrator.pause()
        self.guide.set_enabled(False)  # the pad's keys are never spoken
        self._reload_pin_hash()
        pad, lock = self.window.pin, self.auth.lock
        lock.expire()
        if not self.auth.configured:
            pad.show_no_pin()
        elif lock.seconds_left() > 0:
            pad.show_locked(math.ceil(lock.seconds_left()))
        else:
            pad.show_prompt()
        self.window.show_pin()
        if not self.idle.running:
            self.idle.enable()  # a pad left open goes back to the start like any screen
        log.info("staff PIN pad opened")

    @Slot(str)
    def _check_pin(self, pin: str) -> None:
        result = self.auth.check(pin)
        pad, lock = self.window.pin, self.auth.lock
        if result is Check.OK:
            self.open_staff()
        elif result is Check.WRONG:
            pad.show_wrong(lock.tries_left)
        elif result is Check.LOCKED:
            pad.show_locked(math.ceil(lock.seconds_left()))
        else:
            pad.show_no_pin()

    @Slot()
    def close_pin_pad(self) -> None:
        """Cancel: back to the patient's screen as it was."""
        self.window.close_pin()
        self._follow_guide(self.visit.choices)

    def open_staff(self) -> None:
        """The staff screen, after the patient's visit is wiped as at an idle reset."""
        self.reset()
        self.idle.set_timeout(self.settings.staff_idle_s)
        self.idle.enable()
        self.window.show_staff()
        self.refresh_staff()
        log.info("staff screen opened")

    def refresh_staff(self) -> None:
        """Fill the staff screen: topics, printer, sound, counts, version."""
        staff = self.window.staff
        self._show_staff_topics()
        staff.set_printer(None, "")
        self.printing.check()
        staff.set_sound(*self.sound_status())
        if self.stats is not None:
            self.stats.flush(timeout=1.0)
        today, week = summary(self.stats_path, dt.date.today())
        rows = [
            UsageRow(what, getattr(today, what), getattr(week, what))
            for what in ("visits", "topics", "narrations", "prints")
        ]
        staff.set_usage(rows, self.stats.problem if self.stats is not None else "")
        about = [f"Version {__version__}"]
        about.append(f"Settings: {self.config_path or 'defaults (no config file)'}")
        if self.config_path is not None:  # what is wrong in it, so nobody needs a terminal
            about += [f"  Problem: {line}" for line in load_settings(self.config_path)[1]]
        problem = log_problem()
        about.append(f"Log: {paths.log_dir()}" + (f" (Problem: {problem})" if problem else ""))
        about.append(f"Usage counts: {self.stats_path}")
        staff.set_about(about)

    def _show_staff_topics(self) -> None:
        loaded: dict[str, int] = {}
        for topic in self.content.topics:
            loaded[topic.lang] = loaded.get(topic.lang, 0) + 1
        awaiting = [
            f"{t.lang}/{t.id}: {t.title}"
            for t in sorted(self.content.topics, key=lambda t: (t.lang, t.id))
            if t.review.awaiting
        ]
        self.window.staff.set_topics(loaded, [str(e) for e in self.content.errors], awaiting)

    def _speech_changed(self) -> None:
        """The engine became ready, or gave up, while staff look at the screen."""
        if self.window.current_screen == Screen.STAFF:
            self.window.staff.set_sound(*self.sound_status())

    def sound_status(self) -> tuple[bool, str]:
        """Whether speech can be made and heard, and in which languages."""
        if self.speech.dead_reason:
            return False, self.speech.dead_reason
        if not self.speech.is_ready:
            return False, "the speech engine has not started yet"
        voices = {lang: self.narrator.voice(lang) for lang in SUPPORTED_LANGUAGES}
        missing = [lang for lang, voice in voices.items() if not voice]
        found = ", ".join(f"{lang}: {voice}" for lang, voice in voices.items() if voice)
        from PySide6.QtMultimedia import QMediaDevices  # noqa: PLC0415 - only for staff

        if not QMediaDevices.audioOutputs():
            return False, f"no sound output device was found (voices {found or 'none'})"
        if missing:
            return False, f"no voice for {', '.join(missing)} (voices {found or 'none'})"
        return True, f"voices {found}"

    @Slot(bool, str)
    def _printer_status(self, ready: bool, detail: str) -> None:
        last = self.printing.last_problem
        if last and last not in detail:
            detail += f" (last problem: {last})"
        staff = self.window.staff_if_built
        if staff is not None:  # a check that ends after staff left has nobody to tell
            staff.set_printer(ready, detail)

    @Slot()
    def reload_content(self) -> None:
        """Read the topic folders again without restarting."""
        self.content = load_topics(topic_roots(self.settings))
        for error in self.content.errors:
            log.warning("topic skipped: %s", error)
        self._show_topics()
        self._show_staff_topics()
        self.window.staff.show_reloaded(len(self.content.topics), len(self.content.errors))
        log.info(
            "content reloaded by staff (%d topics, %d skipped)",
            len(self.content.topics),
            len(self.content.errors),
        )

    @Slot()
    def test_print(self) -> None:
        """A page that says it is a test, to the patients' printer."""
        if self.printing.busy:
            self.window.staff.show_print_busy()
            return
        when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        page = printer_check_page(self.settings, self.settings.printer, when)
        self.window.staff.show_printing()
        job = self.printing.print_handout(page, "Kiosk printer test page")
        if job is not None:
            job.printed.connect(self._test_page_printed)
            job.failed.connect(self._test_page_failed)

    @Slot(str)
    def _test_page_printed(self, number: str) -> None:
        staff = self.window.staff_if_built
        if staff is not None:  # staff may have left before the print system answered
            staff.show_print_sent(number)

    @Slot(str)
    def _test_page_failed(self, reason: str) -> None:
        staff = self.window.staff_if_built
        if staff is not None:
            staff.show_print_failed(reason)

    @Slot()
    def test_sound(self) -> None:
        """Say one phrase in the kiosk's default language."""
        self._sound_test = True
        self.window.staff.show_sound_testing()
        self.guide.lang = self.settings.default_language
        self.guide.set_volume(self.settings.volume)
        self.guide.say(self.window.staff.test_phrase())

    @Slot(str)
    def _sound_heard(self, _text: str) -> None:
        if self._sound_test:
            self._sound_test = False
            self.window.staff.show_sound_played()

    @Slot(object)
    def _sound_failed(self, problem: Problem) -> None:
        if self._sound_test:
            self._sound_test = False
            reason = self.speech.dead_reason or problem.value
            self.window.staff.show_sound_failed(reason)

    @Slot()
    def exit_kiosk(self) -> None:
        """Staff close the kiosk on purpose (the service manager leaves it closed)."""
        log.info("kiosk closed by staff")
        self.window.allow_close = True
        self.quit(EXIT_STAFF)

    def shutdown(self) -> None:
        """Stop everything the kiosk runs, once and in one order: the clocks, the watchdog,
        speech, printing and counting, the exception hook and the application-wide filters.
        The same for the running kiosk, the screenshot tool and the tests; the window may be
        closed after it."""
        if self._shut_down:
            return
        self._shut_down = True
        self.hours.stop()
        self.idle.disable()
        self.watchdog.stop()
        self.guide.stop()
        self.narrator.stop()
        self.speech.stop()
        self.cache.close()
        self.printing.close()
        if self.stats is not None:
            self.stats.close()
        self.remove_exception_hook()
        w = self.window
        for watcher in (self.idle, w.keys, w.guard, w.corner):
            self.app.removeEventFilter(watcher)
        w.allow_close = True

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
        QTimer.singleShot(0, self.recover)

    @Slot()
    def recover(self) -> None:
        """Back to the home screen (or attract, if no visit is on), overlays closed."""
        self.window.overlay.hide()
        if self.visit.active:
            self.window.show_home()
        else:
            self.window.show_attract()


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
    kiosk = KioskApp(app, settings, content=content, windowed=True, count_usage=False)
    try:
        choices = {"language": language, "theme": theme, "text_size": text_size}
        kiosk.visit.update(**{k: v for k, v in choices.items() if v is not None})
        kiosk.window.resize(*size)
        kiosk.window.show()
        kiosk.restyle()
        if screen == Screen.STAFF:
            kiosk.speech.start()  # the sound status is real: voices found, or why not
            kiosk.open_staff()
            waiting = QTimer()
            waiting.setSingleShot(True)
            waiting.start(20_000)  # the print system and the speech engine answer well before
            while waiting.isActive() and (
                kiosk.printing.checking or not (kiosk.speech.is_ready or kiosk.speech.dead_reason)
            ):
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        elif screen == Screen.PIN:
            kiosk.open_pin_pad()
        elif screen == Screen.DARK:
            kiosk.window.show_dark()
        elif screen != Screen.ATTRACT:
            kiosk.start_visit()
        if screen in (Screen.TOPIC, Screen.HANDOUT):
            topics = kiosk.topics()
            wanted = topic_id or (topics[0].id if topics else "")
            if kiosk.content.find(wanted, kiosk.visit.choices.language) is None:
                raise LookupError(
                    f"no topic '{wanted}' in language '{kiosk.visit.choices.language}'"
                )
            kiosk.open_topic(wanted)
        if screen == Screen.HANDOUT:
            kiosk.preview_handout()
        for _ in range(3):
            app.processEvents()
        if full_page and screen == Screen.TOPIC:
            page = kiosk.window.topic.page
            assert page is not None
            extra = page.body.heightForWidth(page.body.width())
            extra -= page.scroll_area.viewport().height()
            if extra > 0:
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
        app.exit(0)  # not quit(): in Qt 6 the kiosk window's refusal to close would cancel it

    notifier.activated.connect(woken)
    notifier.setProperty("sockets", (reader, writer))  # kept alive with the notifier
    app.setProperty("kiosk_signal_sockets", [reader, writer])
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, stop)
    return notifier


def run_kiosk(settings: Settings, windowed: bool = False, config_path: Path | None = None) -> int:
    """Run the kiosk until staff (or, windowed, the developer) close it."""
    setup_logging(paths.log_dir())
    if config_path is not None:
        for line in load_settings(config_path)[1]:
            log.warning("config: %s", line)
    app = application()
    kiosk = KioskApp(app, settings, windowed=windowed, config_path=config_path)
    kiosk.speech.start()
    QTimer.singleShot(CACHE_TRIM_DELAY_MS, kiosk.cache.trim)  # after start-up, not during it
    kiosk.install_exception_hook()
    signals = quit_on_signals(app)
    hide_pointer = settings.cursor == "hidden" or (settings.cursor == "" and not windowed)
    if hide_pointer:
        # A touchscreen has no pointer; an arrow left in the middle looks broken to a patient.
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    if kiosk.window.cover is None:
        kiosk.window.resize(1280, 800)
        kiosk.window.show()
    else:
        kiosk.window.cover.show()
    kiosk.restyle()
    kiosk.hours.start()
    kiosk.watchdog.start()
    log.info(
        "kiosk started (%d topics, %d skipped; pointer %s; screen dark %s)",
        len(kiosk.content.topics),
        len(kiosk.content.errors),
        "hidden" if hide_pointer else "shown",
        settings.screen_off or "never",
    )
    try:
        return app.exec()
    finally:
        if signals is not None:
            signal.set_wakeup_fd(-1)
        kiosk.shutdown()
