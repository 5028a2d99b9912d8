"""`speech_engine = "none"`: a kiosk with no speakers offers nothing to be read aloud, and
staff see why, in the kiosk as it is built from its settings."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from kiosk.narration.engines import OFF_REASON
from kiosk.staff import hash_pin
from tests.conftest import enter_pin
from tests.gui.conftest import FAST, MakeKiosk

PIN = "8642097531"


def test_no_speech_offers_no_listen_and_tells_staff(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    settings = dataclasses.replace(
        FAST, speech_engine="none", idle_timeout_s=30.0, staff_pin_hash=hash_pin(PIN)
    )
    kiosk = make_kiosk(settings)
    with qtbot.wait_signal(kiosk.speech.unavailable, timeout=2_000):
        kiosk.speech.start()
    kiosk.visits.start()
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    bar = kiosk.window.topic.narration
    assert not bar.listen.isEnabled()
    assert "not available" in bar.status.text()
    kiosk.staff_mode.open_pin_pad()
    enter_pin(kiosk, PIN)
    staff = kiosk.window.staff
    assert staff.sound_status.text().startswith("Problem")
    assert OFF_REASON in staff.sound_status.text()
    staff.test_sound.click()
    qtbot.wait_until(lambda: OFF_REASON in staff.sound_result.text(), timeout=2_000)
