"""The metrics' state on its own: counters from a real usage file (going on after a restart),
labels bounded to what the kiosk knows, gauges left out while unknown, scrapes from other
threads, and the real HTTP server: serving, closing, and an address it cannot use."""

from __future__ import annotations

import logging
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from kiosk.metrics import COUNTERS, OTHER, KioskMetrics, build_labels
from kiosk.stats import DB_NAME, EVENT_KINDS, THEME_CODES, UsageStats, report
from tests.conftest import free_port

LANGS = ("en", "es", "zh")
TOPICS = [("ibs-leg-pain", "en"), ("ibs-leg-pain", "es"), ("diarrhea-leg-pain", "en")]

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def make(**kwargs: object) -> KioskMetrics:
    metrics = KioskMetrics(languages=LANGS, build=build_labels("9.8.7", "6.11.3"), **kwargs)  # type: ignore[arg-type]
    metrics.set_topics(TOPICS, failed=0)
    return metrics


def scrape(metrics: KioskMetrics) -> Samples:
    """Every sample of the text format, by name and labels, as Prometheus reads them."""
    registry = CollectorRegistry()
    registry.register(metrics)
    text = generate_latest(registry).decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / DB_NAME


@pytest.fixture
def stats_list() -> Iterator[list[UsageStats]]:
    made: list[UsageStats] = []
    yield made
    for stats in made:
        stats.close()


def a_visit(stats: UsageStats) -> None:
    stats.record("visit")
    stats.record("language", lang="es")
    stats.record("topic", topic="ibs-leg-pain", lang="es")
    stats.record("narration", topic="ibs-leg-pain", lang="es")
    stats.record("print", topic="ibs-leg-pain", lang="es")
    stats.record("text_size", value=170)
    stats.record("theme", value=THEME_CODES["high-contrast"])
    stats.record("audio_guide")


def test_every_usage_kind_has_a_counter_named_by_the_conventions() -> None:
    assert set(COUNTERS) == set(EVENT_KINDS)
    samples = scrape(make())
    for spec in COUNTERS.values():
        assert spec.name.startswith("kiosk_")
        assert not spec.name.endswith("_total")  # the text format adds it
        assert any(name == spec.name + "_total" for name, _ in samples), spec.name


def test_counters_count_what_usage_stats_accepts(
    db: Path, stats_list: list[UsageStats], caplog: pytest.LogCaptureFixture
) -> None:
    metrics = make()
    stats = UsageStats(db, observer=metrics)
    stats_list.append(stats)
    a_visit(stats)
    a_visit(stats)
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        stats.record("topic", topic="Maria Lopez", lang="en")  # refused: not counted anywhere
    assert stats.flush()
    samples = scrape(metrics)
    assert value(samples, "kiosk_visits_total") == 2
    assert value(samples, "kiosk_topic_opens_total", topic="ibs-leg-pain", lang="es") == 2
    assert value(samples, "kiosk_topic_opens_total", topic="ibs-leg-pain", lang="en") == 0
    assert value(samples, "kiosk_narrations_total", topic="ibs-leg-pain", lang="es") == 2
    assert value(samples, "kiosk_prints_total", topic="ibs-leg-pain", lang="es") == 2
    assert value(samples, "kiosk_language_choices_total", lang="es") == 2
    assert value(samples, "kiosk_language_choices_total", lang="zh") == 0
    assert value(samples, "kiosk_text_size_choices_total", percent="170") == 2
    assert value(samples, "kiosk_text_size_choices_total", percent="100") == 0
    assert value(samples, "kiosk_contrast_choices_total", theme="high-contrast") == 2
    assert value(samples, "kiosk_audio_guide_starts_total") == 2
    assert not any("Maria" in str(labels) for _, labels in samples)
    assert value(samples, "kiosk_usage_totals_loaded") == 1


def test_a_restart_goes_on_from_the_files_totals(db: Path, stats_list: list[UsageStats]) -> None:
    first = UsageStats(db)
    for _ in range(3):
        a_visit(first)
    first.record("topic", topic="diarrhea-leg-pain", lang="en")
    first.close()

    metrics = make()
    again = UsageStats(db, observer=metrics)  # the kiosk started again
    stats_list.append(again)
    a_visit(again)  # at once: perhaps before the writer read the totals, never counted twice
    assert again.flush()
    samples = scrape(metrics)
    assert value(samples, "kiosk_visits_total") == 4
    assert value(samples, "kiosk_topic_opens_total", topic="ibs-leg-pain", lang="es") == 4
    assert value(samples, "kiosk_topic_opens_total", topic="diarrhea-leg-pain", lang="en") == 1
    assert value(samples, "kiosk_text_size_choices_total", percent="170") == 4
    # The same totals as the file's own report.
    on_file = {(t.kind, t.topic, t.lang): 0 for t in report(db).tallies}
    for t in report(db).tallies:
        on_file[(t.kind, t.topic, t.lang)] += t.count
    assert on_file[("visit", None, None)] == value(samples, "kiosk_visits_total")
    assert on_file[("print", "ibs-leg-pain", "es")] == value(
        samples, "kiosk_prints_total", topic="ibs-leg-pain", lang="es"
    )


def test_the_totals_are_added_once() -> None:
    metrics = make()
    metrics.seeded([("visit", None, None, None, 5)])
    metrics.seeded([("visit", None, None, None, 5)])
    metrics.counted("visit", None, None, None)
    assert value(scrape(metrics), "kiosk_visits_total") == 6


def test_labels_are_bounded_to_what_the_kiosk_knows() -> None:
    metrics = make()
    metrics.seeded(
        [
            ("topic", "old-topic", "en", None, 3),  # a topic the kiosk no longer has
            ("topic", "ibs-leg-pain", "fr", None, 2),  # a language it does not offer
            ("text_size", None, None, 150, 1),
            ("theme", None, None, 7, 1),
        ]
    )
    metrics.counted("topic", "new-topic", "en", None)
    samples = scrape(metrics)
    assert value(samples, "kiosk_topic_opens_total", topic=OTHER, lang="en") == 4
    assert value(samples, "kiosk_topic_opens_total", topic="ibs-leg-pain", lang=OTHER) == 2
    assert value(samples, "kiosk_text_size_choices_total", percent=OTHER) == 1
    assert value(samples, "kiosk_contrast_choices_total", theme=OTHER) == 1
    topics = {dict(labels).get("topic") for name, labels in samples if "topic" in dict(labels)}
    assert topics == {"ibs-leg-pain", "diarrhea-leg-pain", OTHER}

    # A reload lists a new topic: counted under its id from then on. One it drops stays known
    # (its counter must not move to "other" while the kiosk runs).
    metrics.set_topics([("new-topic", "en")], failed=2)
    metrics.counted("topic", "new-topic", "en", None)
    metrics.counted("topic", "ibs-leg-pain", "en", None)
    samples = scrape(metrics)
    assert value(samples, "kiosk_topic_opens_total", topic="new-topic", lang="en") == 1
    assert value(samples, "kiosk_topic_opens_total", topic=OTHER, lang="en") == 4
    assert value(samples, "kiosk_topic_opens_total", topic="ibs-leg-pain", lang="en") == 1
    assert value(samples, "kiosk_topics_loaded", lang="en") == 1
    assert value(samples, "kiosk_topics_loaded", lang="es") is None
    assert value(samples, "kiosk_topics_failed") == 2


def test_health_gauges_are_left_out_while_unknown() -> None:
    metrics = make()
    samples = scrape(metrics)
    for name in (
        "kiosk_printer_ready",
        "kiosk_speech_ready",
        "kiosk_content_pack_version",
        "kiosk_content_last_check_timestamp_seconds",
    ):
        assert value(samples, name) is None, name
    assert value(samples, "kiosk_topics_loaded", lang="en") == 2
    assert value(samples, "kiosk_topics_loaded", lang="es") == 1

    metrics.set_printer(True)
    metrics.set_speech(False)
    metrics.set_content(12, 1_790_000_000.5)
    samples = scrape(metrics)
    assert value(samples, "kiosk_printer_ready") == 1
    assert value(samples, "kiosk_speech_ready") == 0
    assert value(samples, "kiosk_content_pack_version") == 12
    assert value(samples, "kiosk_content_last_check_timestamp_seconds") == 1_790_000_000.5

    metrics.set_printer(False)
    metrics.set_speech(None)  # speech turned off: nothing to watch
    metrics.set_content(None, 1_790_000_100.0)  # checked, but no pack installed
    samples = scrape(metrics)
    assert value(samples, "kiosk_printer_ready") == 0
    assert value(samples, "kiosk_speech_ready") is None
    assert value(samples, "kiosk_content_pack_version") is None
    assert value(samples, "kiosk_content_last_check_timestamp_seconds") == 1_790_000_100.0


def test_times_come_from_the_clocks() -> None:
    now = [1_800_000_000.0]
    ticks = [50.0]
    metrics = make(clock=lambda: now[0], monotonic=lambda: ticks[0])
    now[0] += 30
    ticks[0] += 30
    samples = scrape(metrics)
    assert value(samples, "kiosk_start_timestamp_seconds") == 1_800_000_000.0
    assert value(samples, "kiosk_last_reset_timestamp_seconds") == 1_800_000_000.0
    assert value(samples, "kiosk_uptime_seconds") == 30
    metrics.visit_reset()
    now[0] = 1_700_000_000.0  # the wall clock set back: uptime does not care
    ticks[0] += 10
    samples = scrape(metrics)
    assert value(samples, "kiosk_last_reset_timestamp_seconds") == 1_800_000_030.0
    assert value(samples, "kiosk_uptime_seconds") == 40
    info = [
        (dict(labels), v) for (name, labels), v in samples.items() if name == "kiosk_build_info"
    ]
    assert len(info) == 1
    labels, one = info[0]
    assert one == 1
    assert labels["version"] == "9.8.7"
    assert labels["pyside6"] == "6.11.3"
    assert labels["python"].count(".") == 2


def test_counting_goes_on_when_the_file_cannot_be_written(
    tmp_path: Path, stats_list: list[UsageStats], caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    metrics = make()
    with caplog.at_level(logging.WARNING, logger="kiosk.stats"):
        stats = UsageStats(blocker / DB_NAME, observer=metrics)
        stats_list.append(stats)
        a_visit(stats)
        assert stats.flush()
    assert stats.problem.startswith("usage counting stopped: cannot write")
    samples = scrape(metrics)
    assert value(samples, "kiosk_visits_total") == 1
    assert value(samples, "kiosk_usage_totals_loaded") == 1  # nothing to read: zero is right


def test_scrapes_on_other_threads_see_consistent_counts() -> None:
    metrics = make()
    per_thread = 2000
    seen: list[float] = []

    def count() -> None:
        for _ in range(per_thread):
            metrics.counted("visit", None, None, None)

    def scrape_often() -> None:
        for _ in range(50):
            got = value(scrape(metrics), "kiosk_visits_total")
            assert got is not None
            seen.append(got)

    threads = [threading.Thread(target=count) for _ in range(4)]
    threads.append(threading.Thread(target=scrape_often))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert value(scrape(metrics), "kiosk_visits_total") == 4 * per_thread
    assert seen == sorted(seen)  # a counter seen from outside only goes up


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers["Content-Type"], response.read().decode()


def test_serves_real_http_and_frees_the_port_on_close() -> None:
    metrics = make()
    port = free_port()
    assert metrics.serve(f"127.0.0.1:{port}")
    try:
        assert metrics.address == f"127.0.0.1:{port}"
        assert metrics.problem == ""
        metrics.counted("visit", None, None, None)
        kind, text = _get(f"http://127.0.0.1:{port}/metrics")
        assert kind.startswith("text/plain")
        assert "kiosk_visits_total 1.0" in text.splitlines()
        assert any(line.startswith("process_start_time_seconds ") for line in text.splitlines())
    finally:
        metrics.close()
    metrics.close()  # again: nothing
    with pytest.raises(urllib.error.URLError, match="Connection refused"):  # nobody answers
        _get(f"http://127.0.0.1:{port}/metrics")
    again = make()  # and the port can be served again at once (a restart)
    assert again.serve(f"127.0.0.1:{port}")
    again.close()


def test_a_port_in_use_is_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        metrics = make()
        with caplog.at_level(logging.INFO, logger="kiosk.metrics"):
            assert not metrics.serve(f"127.0.0.1:{port}")
    assert metrics.problem == f"cannot listen on 127.0.0.1:{port} (Address already in use)"
    lines = [r.getMessage() for r in caplog.records if r.name == "kiosk.metrics"]
    assert lines == [f"metrics not served: {metrics.problem}"]
    assert metrics.address == ""
    metrics.close()  # nothing to close


@pytest.mark.parametrize(
    ("listen", "reason"),
    [
        ("192.0.2.1:{port}", "Cannot assign requested address"),  # not this machine's
        ("no-such-host.invalid:{port}", ""),  # no such host (the resolver's own words)
    ],
)
def test_an_address_it_cannot_use_is_one_line(
    listen: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    address = listen.format(port=free_port())
    metrics = make()
    with caplog.at_level(logging.INFO, logger="kiosk.metrics"):
        assert not metrics.serve(address)
    assert metrics.problem.startswith(f"cannot listen on {address} (")
    assert reason in metrics.problem
    assert "\n" not in metrics.problem
    assert len([r for r in caplog.records if r.name == "kiosk.metrics"]) == 1
