"""The kiosk scraped by a real Prometheus server.

The kiosk runs as deployed (`main.py --config FILE`) on a virtual X screen, with a usage file
from an earlier run already in its data folder; a patient's touch and the audio guide key come
as real X input. Prometheus (Debian's `prometheus` package) scrapes it every second with the
shipped alert rules loaded, and its HTTP API must give back the earlier counts plus the new
ones. `promtool` lints the kiosk's /metrics and checks the files in deploy/prometheus/, and the
Grafana dashboard's every expression runs against the real server."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk import __version__
from kiosk.stats import DB_NAME, UsageStats
from tests.conftest import ROOT, free_port
from tests.display.screens import Kiosk, kiosk_on_x, missing, wait_for, xdotool, xvfb

PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
DASHBOARD = ROOT / "deploy" / "grafana" / "kiosk-dashboard.json"

if missing(("prometheus", "promtool")):
    pytest.skip(
        "prometheus is not installed (apt-get install prometheus; scripts/run-tests does)",
        allow_module_level=True,
    )


def promtool(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["promtool", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return str(answer.read().decode())


@dataclass
class Live:
    kiosk: Kiosk
    metrics_url: str
    api: str
    printer_ready: float
    prometheus_log: Path

    def query(self, expr: str) -> dict[str, Any]:
        url = f"{self.api}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
        try:
            answer = json.loads(get(url))
        except OSError as exc:
            pytest.fail(f"Prometheus did not answer {expr!r}: {exc}\n{self.details()}")
        assert isinstance(answer, dict)
        return answer

    def value(self, expr: str) -> float | None:
        """The single value of an instant query, or None while it has no result."""
        answer = self.query(expr)
        assert answer["status"] == "success", answer
        result = answer["data"]["result"]
        if not result:
            return None
        assert len(result) == 1, result
        return float(result[0]["value"][1])

    def details(self) -> str:
        return f"{self.kiosk.details()}\n--- prometheus\n{self.prometheus_log.read_text()[-3000:]}"


def seed_usage_file(data: Path) -> None:
    """What an earlier run of the kiosk counted: 3 visits, 3 topics opened, 1 page printed."""
    stats = UsageStats(data / DB_NAME)
    for _ in range(3):
        stats.record("visit")
    stats.record("topic", topic="ibs-leg-pain", lang="en")
    stats.record("topic", topic="ibs-leg-pain", lang="en")
    stats.record("topic", topic="diarrhea-leg-pain", lang="es")
    stats.record("print", topic="ibs-leg-pain", lang="en")
    stats.record("language", lang="es")
    stats.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    if missing(("Xvfb", "xdotool")):
        reason = f"not installed: {' '.join(missing(('Xvfb', 'xdotool')))}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("prometheus-live")
    seed_usage_file(base / "kiosk" / "data")
    port, api_port = free_port(), free_port()
    # A real queue when the test print queues are set up (scripts/run-tests), else one that
    # does not exist: the gauge is the print system's real answer either way.
    printer = os.environ.get("KIOSK_TEST_PRINTER", "")
    config = f'metrics_listen = "127.0.0.1:{port}"\nidle_timeout_s = 600\n'
    config += f'printer = "{printer or "kiosk-no-such-printer"}"\n'
    scrape = base / "prometheus.yml"
    scrape.write_text(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        f"rule_files:\n  - {PROMETHEUS_DIR / 'kiosk-alerts.yml'}\n"
        "scrape_configs:\n  - job_name: kiosk\n"
        f"    static_configs:\n      - targets: ['127.0.0.1:{port}']\n"
    )
    log = base / "prometheus.log"
    with contextlib.ExitStack() as stack:
        display = stack.enter_context(xvfb(1280, 800))
        kiosk = stack.enter_context(kiosk_on_x(display, base / "kiosk", config))
        kiosk.wait_log(r"metrics served at http://127\.0\.0\.1:\d+/metrics")
        kiosk.wait_log(r"window covers the screen")
        sink = stack.enter_context(log.open("wb"))
        server = subprocess.Popen(
            [
                "prometheus",
                f"--config.file={scrape}",
                f"--storage.tsdb.path={base / 'tsdb'}",
                f"--web.listen-address=127.0.0.1:{api_port}",
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )

        def stop_server() -> None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)

        stack.callback(stop_server)
        # A patient touches the attract screen (a visit), then turns the audio guide on (F1).
        time.sleep(1)
        xdotool(display, "mousemove", "640", "400", "click", "1")
        metrics_url = f"http://127.0.0.1:{port}/metrics"
        wait_for(
            "the touch counted as a visit",
            lambda: "kiosk_visits_total 4.0" in get(metrics_url).splitlines(),
            30,
        )
        xdotool(display, "key", "F1")
        yield Live(
            kiosk=kiosk,
            metrics_url=metrics_url,
            api=f"http://127.0.0.1:{api_port}",
            printer_ready=1.0 if printer else 0.0,
            prometheus_log=log,
        )


def wait_value(live: Live, expr: str, wanted: float, timeout: float = 90) -> None:
    def right() -> bool:
        return live.value(expr) == wanted

    try:
        wait_for(f"{expr} == {wanted}", right, timeout, every=0.5)
    except pytest.fail.Exception:
        got = live.value(expr)
        pytest.fail(f"{expr}: {got}, not {wanted}\n{live.details()}")


def test_prometheus_reads_back_the_counts_and_health(live: Live) -> None:
    wait_value(live, 'up{job="kiosk"}', 1)
    # The earlier run's counts, and this run's visit and audio guide on top.
    wait_value(live, "kiosk_visits_total", 4)
    wait_value(live, "kiosk_audio_guide_starts_total", 1)
    wait_value(live, 'kiosk_topic_opens_total{topic="ibs-leg-pain", lang="en"}', 2)
    wait_value(live, 'kiosk_topic_opens_total{topic="diarrhea-leg-pain", lang="es"}', 1)
    wait_value(live, 'kiosk_topic_opens_total{topic="ibs-leg-pain", lang="es"}', 0)
    wait_value(live, 'kiosk_prints_total{topic="ibs-leg-pain", lang="en"}', 1)
    wait_value(live, 'kiosk_language_choices_total{lang="es"}', 1)
    wait_value(live, "kiosk_usage_totals_loaded", 1)
    wait_value(live, "kiosk_printer_ready", live.printer_ready)
    wait_value(live, "kiosk_speech_ready", 1)  # espeak-ng through the render process
    wait_value(live, "kiosk_topics_failed", 0)
    wait_value(live, f'kiosk_build_info{{version="{__version__}"}}', 1)
    wait_value(live, "sum(kiosk_topics_loaded)", 6)
    uptime = live.value("kiosk_uptime_seconds")
    assert uptime is not None
    assert 0 < uptime < 600
    # Not known yet: left out, not zero (the content updater has said nothing).
    assert live.value("kiosk_content_pack_version") is None
    assert live.value("kiosk_content_last_check_timestamp_seconds") is None
    assert live.kiosk.process.poll() is None


def test_promtool_accepts_the_kiosks_metrics(live: Live) -> None:
    text = get(live.metrics_url)
    assert "kiosk_visits_total" in text
    checked = promtool("check", "metrics", stdin=text)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip() == ""
    assert checked.stderr.strip() == ""


def test_the_shipped_alert_rules_load_in_the_server(live: Live) -> None:
    def rules() -> list[dict[str, Any]]:
        answer = json.loads(get(f"{live.api}/api/v1/rules"))
        groups = answer["data"]["groups"]
        return [rule for group in groups for rule in group["rules"]]

    found = wait_for("the alert rules", rules, 30)
    assert isinstance(found, list)
    names = {rule["name"] for rule in found}
    assert {"KioskDown", "KioskPrinterDown", "KioskSpeechDown"} <= names
    assert {"KioskContentNotChecked", "KioskContentNeverChecked"} <= names
    wait_for(
        "the rules evaluated cleanly",
        lambda: all(rule.get("health") == "ok" for rule in rules()),
        30,
    )


# -- the Grafana dashboard --------------------------------------------------------------------

PROMQL_WORDS = {
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "and",
    "or",
    "unless",
    "bool",
    "offset",
}


def dashboard_expressions() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    assert exprs, "the dashboard has no queries"
    return exprs


def metric_names(expr: str) -> set[str]:
    """The metric names an expression reads: its words, less label matchers, ranges, grouping
    labels, functions and PromQL's own words."""
    bare = re.sub(r'"[^"]*"', "", expr)
    bare = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", bare)
    bare = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", bare)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", bare):
        following = bare[match.end() :].lstrip()[:1]
        if following == "(" or match.group() in PROMQL_WORDS:
            continue
        names.add(match.group())
    return names


def test_the_dashboard_reads_only_metrics_the_kiosk_exports(live: Live) -> None:
    text = get(live.metrics_url)
    exported = set(re.findall(r"^# TYPE (\S+) ", text, re.MULTILINE))
    exported |= {line.split("{")[0].split(" ")[0] for line in text.splitlines() if line[:1] != "#"}
    used: set[str] = set()
    for expr in dashboard_expressions():
        names = metric_names(expr)
        assert names, expr
        used |= names
    assert used - {"up"} <= exported, sorted(used - {"up"} - exported)
    assert {"kiosk_visits_total", "kiosk_topic_opens_total", "kiosk_printer_ready"} <= used
    assert {"kiosk_speech_ready", "kiosk_content_pack_version", "kiosk_uptime_seconds"} <= used
    # Every query runs on the real server, with Grafana's variables filled in.
    for expr in dashboard_expressions():
        filled = expr.replace("$instance", ".*").replace("$__range", "1h")
        answer = live.query(filled)
        assert answer["status"] == "success", (expr, answer)


def test_the_dashboard_is_grafana_json() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert dashboard["title"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in dashboard["panels"]:
        assert {"type", "title", "gridPos", "targets"} <= set(panel), panel
        refs = [target["refId"] for target in panel["targets"]]
        assert len(refs) == len(set(refs)), panel["title"]


# -- the shipped Prometheus files -------------------------------------------------------------


def test_promtool_accepts_the_shipped_config_and_rules(tmp_path: Path) -> None:
    copy = tmp_path / "prometheus"
    shutil.copytree(PROMETHEUS_DIR, copy)  # promtool reads the files the config names
    for args in (
        ("check", "config", str(copy / "prometheus.yml")),
        ("check", "rules", str(copy / "kiosk-alerts.yml")),
    ):
        done = promtool(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "SUCCESS" in done.stdout


def test_the_alert_rules_pass_their_unit_tests() -> None:
    """kiosk-alerts.test.yml: the printer alert fires after 15 minutes down and not before,
    the kiosk-down alert after 5, the content alerts after a day."""
    done = promtool("test", "rules", str(PROMETHEUS_DIR / "kiosk-alerts.test.yml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout
