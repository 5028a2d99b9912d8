"""The screen's scale changes while a topic is shown (a bigger screen plugged in, a window
made very tall): the topic's pages are rebuilt at the new scale after the resize, not inside
it (deleting the pages while Qt was still resizing them crashed the kiosk)."""

from __future__ import annotations

import dataclasses

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import FAST, MakeKiosk


@pytest.mark.parametrize("size", [(3840, 2160), (1920, 7000)])
def test_a_new_scale_with_a_topic_shown_rebuilds_the_page(
    make_kiosk: MakeKiosk, qtbot: QtBot, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk(dataclasses.replace(FAST, idle_timeout_s=60.0, default_language="es"))
    kiosk.visits.start()
    kiosk.visits.choose("text_size", 170)
    kiosk.reading.open_topic("ibs-leg-pain")
    before = kiosk.window.topic.page
    assert before is not None
    assert kiosk.look.shown is not None
    assert kiosk.look.shown[2] == 1.0
    kiosk.window.resize(*size)
    qtbot.wait_until(lambda: kiosk.look.shown is not None and kiosk.look.shown[2] > 1.0)
    page = kiosk.window.topic.page
    assert page is not None
    assert page is not before  # built again for the new scale, the same topic
    assert kiosk.window.topic.topic is not None
    assert kiosk.window.topic.topic.id == "ibs-leg-pain"
    qtbot.wait_until(page.isVisible)
