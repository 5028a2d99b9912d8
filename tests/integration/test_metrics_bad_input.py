"""The running kiosk with a metrics address it cannot use: a port another program holds, an
address that is not this machine's, and a value that is not host:port at all. Each is one line
in the log, and the kiosk runs on (it answers SIGTERM with a clean stop)."""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port
from tests.display.screens import Kiosk, kiosk_env, write_config


@pytest.fixture
def port_in_use() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def run_with(tmp_path: Path, listen: str) -> list[str]:
    """Start the kiosk with `metrics_listen = listen`; its log lines about metrics once it has
    been running a while, after checking it still runs and stops cleanly."""
    config = write_config(tmp_path, f'metrics_listen = "{listen}"\nspeech_engine = "none"\n')
    kiosk = Kiosk(
        [sys.executable, str(ROOT / "main.py"), "--windowed", "--config", str(config)],
        kiosk_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
        tmp_path / "log",
        tmp_path / "output.txt",
    )
    try:
        kiosk.wait_log(r"kiosk started")
        time.sleep(2)
        assert kiosk.process.poll() is None, kiosk.details()
    finally:
        code = kiosk.stop()
    assert code == 0, kiosk.details()
    assert "Traceback" not in kiosk.log() + kiosk.output.read_text(errors="replace")
    return [line for line in kiosk.log().splitlines() if "metrics" in line]


def test_a_port_in_use(tmp_path: Path, port_in_use: int) -> None:
    lines = run_with(tmp_path, f"127.0.0.1:{port_in_use}")
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        f"WARNING kiosk.metrics: metrics not served: cannot listen on 127.0.0.1:{port_in_use}"
        " (Address already in use)"
    )


def test_an_address_that_is_not_this_machines(tmp_path: Path) -> None:
    listen = f"192.0.2.1:{free_port()}"  # TEST-NET-1: never a local address
    lines = run_with(tmp_path, listen)
    assert len(lines) == 1, lines
    assert lines[0].endswith(
        f"metrics not served: cannot listen on {listen} (Cannot assign requested address)"
    )


def test_a_value_that_is_not_host_and_port(tmp_path: Path) -> None:
    lines = run_with(tmp_path, "127.0.0.1:99999")
    assert len(lines) == 1, lines
    assert "WARNING kiosk.app: config: " in lines[0]
    assert lines[0].endswith(
        "metrics_listen: the port must be a number from 1 to 65535, like 127.0.0.1:9464"
        " (empty: no metrics); using the default ''"
    )
