"""Fixtures for screen tests: the real kiosk, built as the app builds it, offscreen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import Kiosk, application
from kiosk.config import Settings
from kiosk.content import LoadResult, load_topics
from kiosk.narration.render import RenderClient
from kiosk.ui.controls import ComfortControls

# Millisecond clocks, for the tests of the idle reset and the attract screen (passed to
# `make_kiosk` by those tests).
FAST = Settings(idle_timeout_s=0.15, countdown_s=0.3, attract_rotate_s=0.05)
# The kiosk every other test builds: its idle clock never runs out within a test. With FAST's
# 0.15 s as everyone's default, a loaded machine put "Are you still there?" over the screen,
# or reset the visit, in the middle of tests about other things.
CALM = Settings(idle_timeout_s=600)

MakeKiosk = Callable[..., Kiosk]


@pytest.fixture
def make_kiosk(qtbot: QtBot) -> Iterator[MakeKiosk]:
    """Build a kiosk (shown, 1920x1080 unless told; CALM unless told) and tear it down after
    the test."""
    built: list[Kiosk] = []

    def make(
        settings: Settings = CALM,
        content: LoadResult | None = None,
        size: tuple[int, int] = (1920, 1080),
        speech: RenderClient | None = None,
        config_path: Path | None = None,
        *,
        listed: bool = False,
    ) -> Kiosk:
        """`listed`: the topics of the settings' folders, listed as the running kiosk lists
        them (through the content index), instead of the shipped ones read in full."""
        kiosk = Kiosk(
            application(),
            settings,
            content=None if listed else content or load_topics(paths.TOPICS),
            windowed=True,
            speech=speech,
            config_path=config_path,
        )
        qtbot.add_widget(kiosk.window, before_close_func=lambda _window: stop([kiosk]))
        kiosk.window.resize(*size)
        kiosk.window.show()
        qtbot.wait_exposed(kiosk.window)
        kiosk.window.activateWindow()  # keys and focus go to the active window, as on a kiosk
        qtbot.wait_until(kiosk.window.isActiveWindow)
        kiosk.look.restyle()
        built.append(kiosk)
        return kiosk

    def stop(kiosks: list[Kiosk]) -> None:
        """Shut the kiosks down before their windows go. pytest-qt closes and deletes the
        windows it was given before this fixture's own teardown runs, and an answer still on
        its way (the printer check of a staff screen left open) then came to screens already
        deleted. Reading aloud is stopped first, and the players' threads let settle, before
        the kiosks are shut down: QtMultimedia's audio thread was seen to crash when a player
        was stopped and let go at once while it still played (an intermittent segfault at
        teardown). The clocks stop first, so nothing else happens while they settle."""
        running = [k for k in kiosks if k not in stopped]
        stopped.extend(running)
        for kiosk in running:
            kiosk.idle.disable()
            kiosk.hours.stop()
            kiosk.guide.stop()
            kiosk.narrator.stop()
        if running:
            qtbot.wait(50)
        for kiosk in running:
            kiosk.shutdown()

    stopped: list[Kiosk] = []
    yield make
    stop(built)
    # Deleted now, while nothing else runs. A kiosk left to Python is held by reference cycles
    # (the lambdas its flows connect), so the next collection deletes it, and with it its
    # players and timers: that collection runs in a later test, inside its event loop. The GUI
    # tests crashed once while Python collected garbage inside a later test's `make_kiosk`.
    for kiosk in built:
        shiboken6.delete(kiosk)


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> Kiosk:
    """A kiosk with the shipped topics at 1920x1080, its idle clock out of the way."""
    return make_kiosk()


def choose_language(qtbot: QtBot, controls: ComfortControls, code: str) -> None:
    """Switch the visit's language as a patient does, whatever the language table offers: the
    one-tap button of a two-language kiosk, or the picker of three or more (opened, then the
    language touched)."""
    if controls.picker is None:
        button = controls.languages[code]
    else:
        assert controls.language_menu.isVisible()
        qtbot.mouseClick(controls.language_menu, Qt.MouseButton.LeftButton)
        assert controls.picker.is_open
        button = controls.picker.entries[code]
    assert button.isVisible(), code
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert controls.picker is None or not controls.picker.is_open


def offered_language(controls: ComfortControls) -> list[str]:
    """What the language control says: with one tap, the other language (its button in its own
    words); with the picker, the visit's language, which opens it."""
    if controls.picker is None:
        return [b.text() for b in controls.languages.values() if b.isVisible()]
    return [controls.language_menu.text()] if controls.language_menu.isVisible() else []
