"""The running kiosk starts in two steps: its first frame (the attract screen, or the dark one)
is painted with as little imported and built as it needs, then systemd is told, and only then
is the rest built and started (the topics, the other screens, speech, the content checks)."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_script

# Not one of these may be loaded before the first frame: they are the rest of the kiosk.
LATER = (
    "hashlib",
    "kiosk.app",
    "kiosk.content.catalog",
    "kiosk.content.loader",
    "kiosk.flows.reading",
    "kiosk.handout.printing",
    "kiosk.narration.narrator",
    "kiosk.staff",
    "kiosk.stats",
    "kiosk.ui.handout",
    "kiosk.ui.home",
    "kiosk.ui.topic",
)

# `run_kiosk` as `main.py` runs it, each step noted: was the window painted yet, and what was
# loaded at its first paint. SETTINGS and AT_FIRST_PAINT are filled in by each test.
_WATCH_THE_START = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import kiosk.start as start
    from kiosk.config import Settings
    from kiosk.watchdog import Watchdog

    LATER = LATER_MODULES
    painted = []
    window = None

    class Paints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(True)
                loaded = sorted(name for name in LATER if name in sys.modules)
                print(f"first paint: {window.current_screen.value}: {loaded}", flush=True)
                AT_FIRST_PAINT
            return False

    paints = Paints()
    made = start.first_screen

    def watched(*args, **kwargs):
        global window
        first = made(*args, **kwargs)
        window = first.window
        window.installEventFilter(paints)
        return first

    start.first_screen = watched

    def noting(name, original):
        def noted(self, *args, **kwargs):
            print(f"{name}: painted before: {bool(painted)}", flush=True)
            return original(self, *args, **kwargs)
        return noted

    built = start._Start._build

    def build(self):
        import kiosk.app
        from kiosk.flows.content import ContentFlow
        from kiosk.narration.render import RenderClient

        BEFORE_BUILDING
        kiosk.app.Kiosk.__init__ = noting("built", kiosk.app.Kiosk.__init__)
        RenderClient.start = noting("speech", RenderClient.start)
        ContentFlow.start = noting("packs", ContentFlow.start)
        built(self)
        print(f"after: {self.kiosk.window.current_screen.value}", flush=True)

    start._Start._build = build
    Watchdog.start = noting("ready", Watchdog.start)
    told = Watchdog.say_status

    def status(self, text):
        print(f"status: {text}", flush=True)
        QTimer.singleShot(500, lambda: QApplication.instance().exit(0))  # the rest has started
        return told(self, text)

    Watchdog.say_status = status
    ended = start.run_kiosk(SETTINGS, windowed=True)
    import gc
    print(f"start-up frozen: {gc.get_freeze_count() > 0}", flush=True)
    sys.exit(ended)
    """
).replace("LATER_MODULES", repr(LATER))


def _script(
    settings: str = "Settings()", at_first_paint: str = "pass", before_building: str = "pass"
) -> str:
    script = _WATCH_THE_START.replace("SETTINGS", settings)
    script = script.replace("AT_FIRST_PAINT", at_first_paint)
    return script.replace("BEFORE_BUILDING", before_building)


def starts(script: str, folder: Path) -> tuple[list[str], str]:
    """Run `script`: the lines it said, in order, and the kiosk's log."""
    done = run_script(script, folder)
    assert done.returncode == 0, done.stderr
    log = (Path(os.environ["KIOSK_LOG_DIR"]) / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk started" in log
    return done.stdout.splitlines(), log


def test_the_first_frame_comes_before_the_rest_is_loaded_built_or_started(
    tmp_path: Path,
) -> None:
    said, log = starts(_script(), tmp_path)
    assert said == [
        "first paint: attract: []",  # nothing of the rest was loaded for the first frame
        "ready: painted before: True",  # systemd hears of it at once
        "built: painted before: True",
        "speech: painted before: True",
        "packs: painted before: True",
        "status: Showing patients the topics",
        "after: attract",
        "start-up frozen: True",  # once warmed up: what the start left collected, the rest frozen
    ]
    assert "not painted" not in log
    assert "start-up settled" in log


def test_the_rest_of_the_kiosk_is_what_the_first_frame_did_not_load(tmp_path: Path) -> None:
    """The list of modules that must wait is not empty words: after the start, every one of
    them is loaded."""
    script = _script().replace(
        'print(f"after: {self.kiosk.window.current_screen.value}", flush=True)',
        "print(sorted(name for name in LATER if name not in sys.modules), flush=True)",
    )
    said, _log = starts(script, tmp_path)
    assert said[-2:] == ["[]", "start-up frozen: True"]


def test_a_touch_on_the_first_frame_before_the_rest_is_built_starts_a_visit(
    tmp_path: Path,
) -> None:
    """A patient who touches the attract screen in the moment between its first frame and
    the rest being built is not ignored: the visit starts once the kiosk can start it."""
    touch = "window.attract.start_requested.emit()"
    said, _log = starts(_script(at_first_paint=touch), tmp_path)
    assert said[0] == "first paint: attract: []"
    assert said[-2:] == ["after: home", "start-up frozen: True"]


def test_outside_opening_hours_the_first_frame_is_the_dark_screen(tmp_path: Path) -> None:
    """And the line said about it before the log file was opened is in the log file."""
    now = dt.datetime.now()
    off = f"{(now - dt.timedelta(hours=1)):%H:%M}-{(now + dt.timedelta(hours=1)):%H:%M}"
    said, log = starts(_script(settings=f"Settings(screen_off={off!r})"), tmp_path)
    assert said[0] == "first paint: dark: []"
    assert said[-2:] == ["after: dark", "start-up frozen: True"]
    assert "INFO kiosk.app: screen dark (outside opening hours)" in log
    assert log.index("screen dark") < log.index("kiosk started")


def test_a_kiosk_whose_rest_cannot_be_built_ends_for_its_service_to_restart_it(
    tmp_path: Path,
) -> None:
    """An error while the rest is built does not leave a first frame on screen that answers
    no touch: the process ends with status 1, and the log says why."""
    broken = (
        "def broken(self, *args, **kwargs):\n"
        "        raise RuntimeError('broken for the test')\n"
        "    kiosk.app.Kiosk.__init__ = broken\n"
        "    return built(self)"
    )
    done = run_script(_script(before_building=broken), tmp_path)
    assert done.returncode == 1, done.stderr
    log = (Path(os.environ["KIOSK_LOG_DIR"]) / "kiosk.log").read_text(encoding="utf-8")
    assert "ERROR kiosk.app: the kiosk could not be started" in log
    assert "RuntimeError: broken for the test" in log


def test_a_window_never_painted_still_gets_the_rest_started(tmp_path: Path) -> None:
    """No first frame within the wait: the rest is built and started anyway, systemd is told,
    and the log says the window was not painted."""
    never_shown = _script().replace(
        "start.first_screen = watched\n",
        "start.first_screen = watched\n"
        "from kiosk.ui.window import KioskWindow\n"
        "KioskWindow.show = lambda self: None\n",
    )
    said, log = starts(never_shown, tmp_path)
    assert said[:3] == [
        "ready: painted before: False",
        "built: painted before: False",
        "speech: painted before: False",
    ]
    assert "the window was not painted within 3 s of being shown; starting anyway" in log


@pytest.mark.parametrize("windowed", [True, False], ids=["windowed", "fullscreen"])
def test_the_first_frame_builds_no_enum_of_the_qt_namespace(tmp_path: Path, windowed: bool) -> None:
    """PySide builds all 93 enum classes of the `Qt` namespace at its first use (44 ms on a
    slow machine, a third of a bare page's start). The first frame sets its flags by name
    (kiosk/lazy_qt.py): windowed, and as deployed, fullscreen and frameless with the pointer
    hidden. That the window is frameless and the pointer hidden is checked once it runs."""
    made = (
        "import PySide6.QtCore; "
        "print(f\"Qt namespace made: {'Qt' in vars(PySide6.QtCore)}\", flush=True)"
    )
    looks = (
        "from PySide6.QtCore import Qt\n"
        "    handle = self.kiosk.window.windowHandle()\n"
        "    flags = handle.flags() if handle is not None else Qt.WindowType.Widget\n"
        "    frameless = bool(flags & Qt.WindowType.FramelessWindowHint)\n"
        "    cursor = QApplication.overrideCursor()\n"
        "    picture = cursor.pixmap().toImage() if cursor is not None else None\n"
        "    blank = picture is not None and not picture.isNull() and all(\n"
        "        picture.pixelColor(x, y).alpha() == 0\n"
        "        for x in range(picture.width()) for y in range(picture.height()))\n"
        '    print(f"frameless: {frameless}; pointer hidden: {blank}", flush=True)\n'
        '    print(f"after: {self.kiosk.window.current_screen.value}", flush=True)'
    )
    script = _script(at_first_paint=made).replace(
        'print(f"after: {self.kiosk.window.current_screen.value}", flush=True)', looks
    )
    if not windowed:
        script = script.replace("windowed=True)", "windowed=False)")
    said, log = starts(script, tmp_path)
    assert said[:2] == ["first paint: attract: []", "Qt namespace made: False"]
    deployed = not windowed
    assert f"frameless: {deployed}; pointer hidden: {deployed}" in said
    assert "after: attract" in said
    if deployed:
        assert "window covers the screen" in log
