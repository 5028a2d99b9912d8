"""The kiosk's metrics for Prometheus: usage counts and health, served at /metrics.

`KioskMetrics` holds plain numbers behind one lock. The GUI thread (through `MetricsFlow` in
`kiosk/flows/metrics.py`) and the usage writer put numbers in; a scrape, on the HTTP server's
own thread (prometheus_client's), copies them out under the lock and never touches Qt, so a
scrape cannot block or crash the screen, and a frozen screen still answers (its health gauges
then stop changing, and the watchdog restarts the kiosk).

The counters go on from the usage database: the writer reads its totals before it writes
anything (`seeded`), and each event recorded after that is added (`counted`), so a restart
does not send them back to zero. Labels are fixed words, topic ids and language codes only,
and only the kiosk's own: a topic id the kiosk has not listed, or a language it does not offer,
is counted as "other", so no label can carry free text and the number of series is bounded.

A value not known yet (the printer before its first check, the content pack before the
content updater says anything) has no sample, rather than 0 or NaN: its HELP and TYPE lines
are there, so the name is documented, and `absent()` in an alert rule tells "not known" from
"down".
"""

from __future__ import annotations

import logging
import platform
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, InfoMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector

from kiosk.address import parse_listen
from kiosk.config import TEXT_SIZES
from kiosk.stats import EVENT_KINDS, THEME_NAMES, Total

log = logging.getLogger("kiosk.metrics")

OTHER = "other"  # a label value the kiosk does not know (a removed topic, a language not offered)
TOPIC_KINDS = ("topic", "narration", "print")


@dataclass(frozen=True, slots=True)
class CounterSpec:
    """How one kind of usage event is exported."""

    name: str  # without `_total`, which the text format adds
    help: str
    labels: tuple[str, ...]


COUNTERS: dict[str, CounterSpec] = {
    "visit": CounterSpec("kiosk_visits", "Visits, from the first touch to the reset.", ()),
    "topic": CounterSpec("kiosk_topic_opens", "Topics opened.", ("topic", "lang")),
    "narration": CounterSpec(
        "kiosk_narrations", "Readings aloud started, by topic.", ("topic", "lang")
    ),
    "print": CounterSpec("kiosk_prints", "Summary pages printed, by topic.", ("topic", "lang")),
    "language": CounterSpec("kiosk_language_choices", "Languages chosen by patients.", ("lang",)),
    "text_size": CounterSpec(
        "kiosk_text_size_choices", "Text sizes chosen by patients, in percent.", ("percent",)
    ),
    "theme": CounterSpec(
        "kiosk_contrast_choices", "Colour themes (contrast) chosen by patients.", ("theme",)
    ),
    "audio_guide": CounterSpec(
        "kiosk_audio_guide_starts", "Times a patient turned the audio guide on.", ()
    ),
}
assert set(COUNTERS) == set(EVENT_KINDS), "every usage event kind has its counter"

Labels = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything a scrape shows, copied out at one moment."""

    counts: Mapping[str, Mapping[Labels, int]]  # event kind -> label values -> count
    seeded: bool  # the database's totals are in the counts
    printer_ready: bool | None
    speech_ready: bool | None
    topics_loaded: Mapping[str, int]  # language -> topics listed
    topics_failed: int
    content_version: int | None
    content_last_check: float | None
    content_enabled: bool
    last_reset: float
    started: float
    uptime: float
    build: Mapping[str, str] = field(default_factory=dict)


class KioskMetrics(Collector):
    """The numbers behind /metrics, safe to set from any thread; a `CountObserver` for
    `UsageStats`, and a prometheus_client collector for its HTTP server."""

    def __init__(
        self,
        *,
        languages: Sequence[str],
        build: Mapping[str, str],
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._languages = frozenset(languages)
        self._build = dict(build)
        self._clock, self._monotonic = clock, monotonic
        self._started = clock()
        self._started_mono = monotonic()
        self._known_topics: set[str] = set()
        self._counts: dict[str, dict[Labels, int]] = {kind: {} for kind in COUNTERS}
        for code in sorted(self._languages):
            self._counts["language"][(code,)] = 0
        for size in TEXT_SIZES:
            self._counts["text_size"][(str(size),)] = 0
        for name in THEME_NAMES.values():
            self._counts["theme"][(name,)] = 0
        self._counts["visit"][()] = 0
        self._counts["audio_guide"][()] = 0
        self._seeded = False
        self._printer: bool | None = None
        self._speech: bool | None = None
        self._loaded: dict[str, int] = {}
        self._failed = 0
        self._content_version: int | None = None
        self._content_check: float | None = None
        self._content_enabled = False
        self._last_reset = self._started  # the kiosk starts as a reset leaves it
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.address = ""  # host:port served, once `serve` succeeded
        self.problem = ""  # why metrics are not served, in one line

    # -- what the kiosk tells it (any thread) -------------------------------------------------

    def _labels(self, kind: str, topic: str | None, lang: str | None, value: int | None) -> Labels:
        """The label values of one event, bounded to what the kiosk knows (lock held)."""
        spec = COUNTERS[kind]
        lang_label = lang if lang in self._languages else OTHER
        if kind in TOPIC_KINDS:
            return (topic if topic in self._known_topics else OTHER, lang_label)
        if spec.labels == ("lang",):
            return (lang_label,)
        if kind == "text_size":
            return (str(value) if value in TEXT_SIZES else OTHER,)
        if kind == "theme":
            return (THEME_NAMES.get(value, OTHER) if value is not None else OTHER,)
        return ()

    def _add(
        self, kind: str, topic: str | None, lang: str | None, value: int | None, n: int
    ) -> None:
        if kind not in COUNTERS or n <= 0:
            return
        series = self._counts[kind]
        key = self._labels(kind, topic, lang, value)
        series[key] = series.get(key, 0) + n

    def counted(self, kind: str, topic: str | None, lang: str | None, value: int | None) -> None:
        """One usage event, as `UsageStats.record` accepted it."""
        with self._lock:
            self._add(kind, topic, lang, value, 1)

    def seeded(self, totals: Sequence[Total]) -> None:
        """The usage database's totals from before this start (once; a second call is
        ignored, so nothing is counted twice)."""
        with self._lock:
            if self._seeded:
                return
            self._seeded = True
            for kind, topic, lang, value, n in totals:
                self._add(kind, topic, lang, value, n)

    def set_topics(self, entries: Iterable[tuple[str, str]], failed: int) -> None:
        """The topics listed now, as (id, language), and how many files failed to load. Ids
        once known stay known, so a topic's counts never move to "other" while the kiosk
        runs (a counter must only go up); each listed topic's counters start at 0."""
        loaded: dict[str, int] = {}
        with self._lock:
            for topic_id, lang in entries:
                self._known_topics.add(topic_id)
                lang_label = lang if lang in self._languages else OTHER
                loaded[lang_label] = loaded.get(lang_label, 0) + 1
                for kind in TOPIC_KINDS:
                    self._counts[kind].setdefault((topic_id, lang_label), 0)
            self._loaded = loaded
            self._failed = max(0, failed)

    def set_printer(self, ready: bool | None) -> None:
        """Whether the printer is there and ready (None: not known yet)."""
        with self._lock:
            self._printer = ready

    def set_speech(self, ready: bool | None) -> None:
        """Whether reading aloud can be had (None: not exported, as with speech turned off)."""
        with self._lock:
            self._speech = ready

    def set_content(
        self, version: int | None, last_check: float | None, enabled: bool = True
    ) -> None:
        """The content pack in use (its version number), when the kiosk last checked for a new
        one (unix seconds), and whether it takes packs at all (`content_url` set). None leaves
        that gauge out of the output: no pack in use, or never checked since start."""
        with self._lock:
            self._content_version = version
            self._content_check = last_check
            self._content_enabled = enabled

    def visit_reset(self, at: float | None = None) -> None:
        """The kiosk started over for the next patient (unix seconds; None: now)."""
        when = self._clock() if at is None else at
        with self._lock:
            self._last_reset = when

    def snapshot(self) -> Snapshot:
        """A copy of every number, taken under the lock."""
        with self._lock:
            return Snapshot(
                counts={kind: dict(series) for kind, series in self._counts.items()},
                seeded=self._seeded,
                printer_ready=self._printer,
                speech_ready=self._speech,
                topics_loaded=dict(self._loaded),
                topics_failed=self._failed,
                content_version=self._content_version,
                content_last_check=self._content_check,
                content_enabled=self._content_enabled,
                last_reset=self._last_reset,
                started=self._started,
                uptime=max(0.0, self._monotonic() - self._started_mono),
                build=dict(self._build),
            )

    # -- what a scrape reads (the HTTP server's thread) ---------------------------------------

    def describe(self) -> Iterable[Metric]:
        """Nothing: the registry then asks `collect` only when scraped."""
        return []

    def collect(self) -> Iterator[Metric]:
        """The metric families of one snapshot."""
        snap = self.snapshot()
        for kind, spec in COUNTERS.items():
            family = CounterMetricFamily(spec.name, spec.help, labels=spec.labels)
            for labels, count in sorted(snap.counts[kind].items()):
                family.add_metric(labels, count)
            yield family

        def gauge(name: str, text: str, value: float | None) -> Iterator[Metric]:
            # A value not known is declared (HELP and TYPE) with no sample: absent in PromQL.
            family = GaugeMetricFamily(name, text)
            if value is not None:
                family.add_metric((), value)
            yield family

        def flag(value: bool | None) -> float | None:
            return None if value is None else float(value)

        yield from gauge(
            "kiosk_printer_ready",
            "1 if the printer is there and ready, else 0.",
            flag(snap.printer_ready),
        )
        yield from gauge(
            "kiosk_speech_ready",
            "1 if reading aloud can be had, else 0 (absent: speech is turned off).",
            flag(snap.speech_ready),
        )
        loaded = GaugeMetricFamily(
            "kiosk_topics_loaded", "Topics listed, by language.", labels=("lang",)
        )
        for lang, n in sorted(snap.topics_loaded.items()):
            loaded.add_metric((lang,), n)
        yield loaded
        yield from gauge(
            "kiosk_topics_failed", "Topic files that could not be loaded.", snap.topics_failed
        )
        yield from gauge(
            "kiosk_content_packs_enabled",
            "1 if the kiosk takes content packs (content_url is set), else 0.",
            float(snap.content_enabled),
        )
        yield from gauge(
            "kiosk_content_pack_version",
            "Version of the content pack installed (absent: none).",
            snap.content_version,
        )
        yield from gauge(
            "kiosk_content_last_check_timestamp_seconds",
            "When the content updater last checked for a new pack (absent: not since start).",
            snap.content_last_check,
        )
        yield from gauge(
            "kiosk_last_reset_timestamp_seconds",
            "When the kiosk last started over for the next patient (or started).",
            snap.last_reset,
        )
        yield from gauge("kiosk_start_timestamp_seconds", "When the kiosk started.", snap.started)
        yield from gauge("kiosk_uptime_seconds", "Seconds since the kiosk started.", snap.uptime)
        yield from gauge(
            "kiosk_usage_totals_loaded",
            "1 once the counters include the usage database's totals from before this start.",
            float(snap.seeded),
        )
        info = InfoMetricFamily("kiosk_build", "The kiosk's version and what it runs on.")
        info.add_metric((), dict(snap.build))
        yield info

    # -- the HTTP server ----------------------------------------------------------------------

    def serve(self, listen: str) -> bool:
        """Serve /metrics on `host:port` from a background thread. False, with one warning
        line and `problem` set, if it cannot (address in use, not this machine's, unknown
        host); the kiosk goes on without metrics."""
        try:
            host, port = parse_listen(listen)
            registry = CollectorRegistry()
            registry.register(self)
            ProcessCollector(registry=registry)  # process_* (memory, CPU, open files; Linux)
            PlatformCollector(registry=registry)  # python_info
            self._server, self._thread = start_http_server(port, host, registry=registry)
        except (OSError, ValueError) as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            self.problem = f"cannot listen on {listen} ({' '.join(reason.split())})"
            log.warning("metrics not served: %s", self.problem)
            return False
        bound_port = self._server.server_port
        self.address = f"[{host}]:{bound_port}" if ":" in host else f"{host}:{bound_port}"
        self._thread.name = "kiosk-metrics-http"
        log.info("metrics served at http://%s/metrics", self.address)
        return True

    def close(self, timeout: float = 5.0) -> None:
        """Stop serving and free the port (calling it again does nothing)."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout)


def build_labels(version: str, pyside: str) -> dict[str, str]:
    """The labels of `kiosk_build_info`."""
    return {"version": version, "python": platform.python_version(), "pyside6": pyside}
