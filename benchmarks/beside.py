"""What runs beside the patients' visits on a deployed kiosk, for the soak: a real Prometheus
scraping the kiosk's /metrics every second, content packs published on a web server (a process
of its own, as a clinic group's server is) and taken by the kiosk, and which of the kiosk's own
services was at work during each stall of the GUI thread.

The kiosk checks for a pack every few seconds here (deployed: every 15 minutes), so that many
checks, most finding nothing new, run while patients tap; a new version is published every few
visits, and the kiosk puts it in use once the attract screen is on show, as it does deployed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PACK_NAME = "pack.kpack"
CHECK_EVERY_S = 5.0
# The pack server and Prometheus stand for machines of the clinic group's own; here they share
# the kiosk's 2 cores, so they run at a lower CPU priority, as if they were elsewhere, and the
# stall probe sees the kiosk's own work and not theirs.
ELSEWHERE = ["nice", "-n", "10"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str, timeout_s: float = 20.0) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2):
            return True
        time.sleep(0.1)
    return False


class PackServer:
    """Signed packs of the shipped topics, published one version after another on a static web
    server (Python's http.server, in its own process)."""

    def __init__(self, folder: Path) -> None:
        from tests.pack_samples import make_keys

        self.folder = folder
        self.site = folder / "site"
        self.site.mkdir(parents=True)
        self.private, self.public = make_keys(folder / "keys")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/{PACK_NAME}"
        self.version = 0
        self.publish()  # one there from the start, as on a real server
        serve = [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1"]
        self._server = subprocess.Popen(
            [*ELSEWHERE, *serve],
            cwd=self.site,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not _answers(self.url):
            self.stop()
            raise SystemExit(f"soak: the pack server on port {self.port} did not answer")

    def publish(self) -> int:
        """The next version, swapped in whole (a download never sees half a file)."""
        from tests.pack_samples import make_pack, shipped_copy

        self.version += 1
        topics = self.folder / f"topics-{self.version}"
        shipped_copy(topics)
        built = make_pack(topics, self.private, self.folder / "next.kpack", self.version)
        os.replace(built, self.site / PACK_NAME)
        shutil.rmtree(topics)
        return self.version

    def stop(self) -> None:
        self._server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._server.wait(timeout=10)


class Prometheus:
    """A real Prometheus scraping the kiosk's /metrics every second (Debian's package)."""

    def __init__(self, folder: Path, target: str) -> None:
        self.api = f"http://127.0.0.1:{free_port()}"
        config = folder / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n"
            "scrape_configs:\n  - job_name: kiosk\n"
            f"    static_configs:\n      - targets: ['{target}']\n",
            encoding="utf-8",
        )
        self.log = folder / "prometheus.log"
        with self.log.open("wb") as sink:
            self._server = subprocess.Popen(
                [
                    *ELSEWHERE,
                    "prometheus",
                    f"--config.file={config}",
                    f"--storage.tsdb.path={folder / 'tsdb'}",
                    f"--web.listen-address={self.api.removeprefix('http://')}",
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        self.started = time.monotonic()
        if not _answers(f"{self.api}/-/ready", 60):
            self.stop()
            raise SystemExit(f"soak: Prometheus did not start:\n{self.log.read_text()[-2000:]}")

    def scrapes(self) -> tuple[int, int]:
        """(scrapes made, scrapes that succeeded) since it started."""
        minutes = int((time.monotonic() - self.started) / 60) + 2
        counts = []
        for expr in (f"count_over_time(up[{minutes}m])", f"sum_over_time(up[{minutes}m])"):
            query = urllib.parse.urlencode({"query": expr})
            with urllib.request.urlopen(f"{self.api}/api/v1/query?{query}", timeout=10) as got:
                result = json.loads(got.read())["data"]["result"]
            counts.append(int(float(result[0]["value"][1])) if result else 0)
        return counts[0], counts[1]

    def stop(self) -> None:
        self._server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._server.wait(timeout=10)


@dataclass
class Busy:
    """One of the kiosk's services: at work now (`now()`), or at some moment since the last
    look (`touched`, set by a wrapper round a short piece of work)."""

    name: str
    now: Callable[[], bool] = lambda: False
    touched: bool = False
    times: int = 0  # how many times it ran (or was seen starting)
    longest: float = 0.0  # the longest GUI-thread stall while it was at work (s)
    longest_in: str = ""  # the patient's step (or staff's) that stall came in
    over_50: int = 0
    tap_longest: float = 0.0  # the longest gap that held a patient's tap, while at work (s)
    was: bool = False  # at work at the last look

    def wrap(self, work: Callable[..., object]) -> Callable[..., object]:
        """`work`, noted each time it runs."""

        def noted(*args: object, **kwargs: object) -> object:
            self.touched = True
            self.times += 1
            try:
                return work(*args, **kwargs)
            finally:
                self.touched = True

        return noted


@dataclass
class Beside:
    """Which services were at work during each gap the stall probe measures."""

    services: list[Busy] = field(default_factory=list)

    def add(self, service: Busy) -> Busy:
        self.services.append(service)
        return service

    def gap(self, seconds: float, where: str, tap: bool = False) -> None:
        """A gap of the GUI thread just ended, in the step `where`: charge it to every service
        at work in it (which does not say that service caused it: the step may have). A gap
        that held a patient's tap (`tap`: its handling and its frame) is kept apart."""
        for service in self.services:
            now = service.now()
            if now and not service.was:
                service.times += 1
            if (service.was or service.touched or now) and tap:
                service.tap_longest = max(service.tap_longest, seconds)
            elif service.was or service.touched or now:
                if seconds > service.longest:
                    service.longest, service.longest_in = seconds, where
                service.over_50 += seconds > 0.050
            service.was, service.touched = now, False

    def lines(self) -> list[str]:
        return [
            f"  {s.name:<42} longest {s.longest * 1000:6.1f} ms ({s.longest_in or '-'}),"
            f" {s.over_50} over 50 ms; a tap while at work: longest {s.tap_longest * 1000:.1f} ms"
            f"   ({s.times} times)"
            for s in self.services
        ]
