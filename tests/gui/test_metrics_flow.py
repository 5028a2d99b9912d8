"""The kiosk as built with metrics_listen set: the flow keeps the gauges current from the real
parts (library, printer check, speech, resets), and the staff screen says where the metrics
are served, or in one line why they are not."""

from __future__ import annotations

import dataclasses
import socket
import urllib.request

from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import Kiosk
from kiosk.staff import hash_pin
from kiosk.stats import UsageStats
from tests.conftest import enter_pin, free_port
from tests.gui.conftest import FAST, MakeKiosk

PIN = "246810"


def _open_staff(kiosk: Kiosk) -> None:
    kiosk.staff_mode.open_pin_pad()
    enter_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"


def test_no_setting_no_metrics(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(dataclasses.replace(FAST, staff_pin_hash=hash_pin(PIN)))
    assert kiosk.metrics is None
    assert kiosk.metrics_flow is None
    _open_staff(kiosk)
    assert "Metrics" not in kiosk.window.staff.about.text()


def test_served_metrics_follow_the_kiosk(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    port = free_port()
    settings = dataclasses.replace(
        FAST,
        metrics_listen=f"127.0.0.1:{port}",
        staff_pin_hash=hash_pin(PIN),
        printer="kiosk-no-such-printer",
        speech_engine="none",
        idle_timeout_s=60.0,
    )
    kiosk = make_kiosk(settings)
    flow, metrics = kiosk.metrics_flow, kiosk.metrics
    assert flow is not None
    assert metrics is not None
    try:
        assert flow.start()
        # The printer check's answer arrives through the event loop: no such printer.
        qtbot.wait_until(lambda: metrics.snapshot().printer_ready is False, timeout=20_000)
        snap = metrics.snapshot()
        assert snap.speech_ready is None  # speech is turned off: nothing to watch
        entries = kiosk.content.entries
        assert sum(snap.topics_loaded.values()) == len(entries) > 0
        before = snap.last_reset
        kiosk.visits.start()
        kiosk.reading.open_topic(entries[0].id)
        kiosk.visits.reset()
        assert kiosk.stats is not None
        assert kiosk.stats.flush()
        snap = metrics.snapshot()
        assert snap.last_reset >= before
        assert snap.counts["visit"][()] == 1
        assert snap.counts["topic"][(entries[0].id, entries[0].lang)] == 1
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
            text = answer.read().decode()
        assert "kiosk_visits_total 1.0" in text.splitlines()
        assert "kiosk_printer_ready 0.0" in text.splitlines()
        _open_staff(kiosk)
        assert f"Metrics: http://127.0.0.1:{port}/metrics" in kiosk.window.staff.about.text()
    finally:
        flow.stop()


def test_a_port_in_use_is_a_line_on_the_staff_screen(make_kiosk: MakeKiosk) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = dataclasses.replace(
            FAST, metrics_listen=f"127.0.0.1:{port}", staff_pin_hash=hash_pin(PIN)
        )
        kiosk = make_kiosk(settings)
        assert kiosk.metrics_flow is not None
        assert not kiosk.metrics_flow.start()
        _open_staff(kiosk)
        lines = [line for line in kiosk.window.staff.about.text().splitlines() if "Metrics" in line]
        assert lines == [
            f"Metrics: Problem: cannot listen on 127.0.0.1:{port} (Address already in use)"
        ]
        kiosk.visits.start()  # the kiosk goes on
        assert kiosk.visit.active


def test_the_usage_files_topic_totals_go_to_their_topics_not_to_other(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """The totals arrive from the usage writer's thread as soon as the kiosk is built, before
    the metrics flow starts: the listed topics must be known to the metrics by then."""
    earlier = UsageStats(paths.data_dir() / paths.USAGE_DB_NAME)
    for _ in range(3):
        earlier.record("topic", topic="ibs-leg-pain", lang="en")
    earlier.close()
    settings = dataclasses.replace(FAST, metrics_listen=f"127.0.0.1:{free_port()}")
    kiosk = make_kiosk(settings)
    metrics = kiosk.metrics
    assert metrics is not None
    qtbot.wait_until(lambda: metrics.snapshot().seeded, timeout=10_000)
    opens = metrics.snapshot().counts["topic"]
    assert opens.get(("ibs-leg-pain", "en")) == 3, opens
    assert not any(key[0] == "other" for key in opens), opens
