"""The running kiosk paints its first frame before it starts what that frame does not need:
telling systemd it is ready, the speech process, the content checks."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from tests.conftest import run_script

# `run_kiosk` as `main.py` runs it, with each later start noted: was the window painted yet?
_WATCH_THE_START = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    import kiosk.app as app_module
    from kiosk.config import Settings
    from kiosk.flows.content import ContentFlow
    from kiosk.narration.render import RenderClient
    from kiosk.watchdog import Watchdog

    painted = []

    class Paints(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    paints = Paints()
    made = app_module.Kiosk.__init__

    def watch(self, *args, **kwargs):
        made(self, *args, **kwargs)
        self.window.installEventFilter(paints)

    app_module.Kiosk.__init__ = watch

    def noting(name, start):
        def noted(self, *args, **kwargs):
            print(f"{name}: painted before: {bool(painted)}", flush=True)
            return start(self, *args, **kwargs)
        return noted

    def ready_then_leave(self):
        QTimer.singleShot(1000, lambda: QApplication.instance().exit(0))  # the rest has started
        return noting("ready", told)(self)

    told = Watchdog.start
    Watchdog.start = ready_then_leave
    RenderClient.start = noting("speech", RenderClient.start)
    ContentFlow.start = noting("packs", ContentFlow.start)
    sys.exit(app_module.run_kiosk(Settings(), windowed=True))
    """
)


def starts(script: str, folder: Path) -> tuple[dict[str, bool], str]:
    """Run `script`: for each later start, whether the window had painted by then; the log."""
    done = run_script(script, folder)
    assert done.returncode == 0, done.stderr
    noted = dict(
        line.split(": painted before: ") for line in done.stdout.splitlines() if "painted" in line
    )
    log = (Path(os.environ["KIOSK_LOG_DIR"]) / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk started" in log
    return {name: value == "True" for name, value in noted.items()}, log


def test_the_first_frame_is_painted_before_the_services_start(tmp_path: Path) -> None:
    painted, log = starts(_WATCH_THE_START, tmp_path)
    assert painted == {"ready": True, "speech": True, "packs": True}
    assert "not painted" not in log


# The same, on a display server that never shows the window, so it is never painted.
_NEVER_SHOWN = _WATCH_THE_START.replace(
    "app_module.Kiosk.__init__ = watch\n",
    "app_module.Kiosk.__init__ = watch\n"
    "from kiosk.ui.window import KioskWindow\n"
    "KioskWindow.show = lambda self: None\n",
)


def test_a_window_never_painted_still_gets_the_services_started(tmp_path: Path) -> None:
    """No first frame within the wait: the services start anyway, systemd is told, and the
    log says the window was not painted."""
    assert _NEVER_SHOWN != _WATCH_THE_START
    painted, log = starts(_NEVER_SHOWN, tmp_path)
    assert painted == {"ready": False, "speech": False, "packs": False}
    assert "the window was not painted within 3 s of being shown; starting anyway" in log
