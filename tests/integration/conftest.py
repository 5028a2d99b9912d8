"""Fixtures for tests of the real speech engine: the render process with espeak-ng."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.narration.cache import WavCache
from kiosk.narration.narrator import Narrator
from kiosk.narration.render import RenderClient
from tests.gui.conftest import make_kiosk  # noqa: F401 - shared fixture: the kiosk as built

if shutil.which("espeak-ng") is None:  # the set-up installs it; say so plainly if it did not
    pytest.exit("espeak-ng is not installed: run scripts/run-tests to set up", returncode=3)


@pytest.fixture
def client(qtbot: QtBot) -> Iterator[RenderClient]:
    """The real render process, started and ready."""
    speech = RenderClient()
    with qtbot.wait_signal(speech.ready, timeout=20_000):
        speech.start()
    yield speech
    speech.stop()


@pytest.fixture
def narrator(client: RenderClient, tmp_path: Path) -> Iterator[Narrator]:
    """A narrator on the real engine with a fresh cache."""
    reader = Narrator(client, WavCache(tmp_path / "speech"))
    reader.sound.stall_ms = 1000
    yield reader
    reader.stop()
