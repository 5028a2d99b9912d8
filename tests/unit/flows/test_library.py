"""The library on its own: topics read from the clinic's folder at start and again on reload,
with a broken file skipped and logged in one line."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.config import Settings
from kiosk.flows.library import Library


def test_reload_reads_the_folder_again(
    tmp_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    clinic = tmp_path / "topics"
    (clinic / "en").mkdir(parents=True)
    library = Library(Settings(topics_dir=str(clinic)))
    shipped = {t.id for t in library.content.entries}
    assert shipped  # the shipped topics are always there
    source = next((paths.TOPICS / "en").glob("*.toml"))
    text = source.read_text(encoding="utf-8").replace(f'id = "{source.stem}"', 'id = "extra"')
    (clinic / "en" / "extra.toml").write_text(text, encoding="utf-8")
    (clinic / "en" / "broken.toml").write_text("title = ", encoding="utf-8")
    with (
        caplog.at_level(logging.WARNING, logger="kiosk"),
        qtbot.wait_signal(library.reloaded, timeout=1_000),
    ):
        content = library.reload()
    assert content is library.content
    assert "extra" in {t.id for t in content.entries} - shipped
    assert [e for e in content.errors if "broken.toml" in str(e)]
    skipped = [r.getMessage() for r in caplog.records if "topic skipped" in r.getMessage()]
    assert len(skipped) == 1
    assert "\n" not in skipped[0]
    assert library.find_any("extra", "es") is not None  # found from the other language too
    shutil.rmtree(clinic / "en")
    assert "extra" not in {t.id for t in library.reload().entries}
