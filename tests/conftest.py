"""Test setup shared by every test: offscreen Qt, and no test touches the user's own folders."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from kiosk.app import Kiosk

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _route_qt_messages_for_good() -> None:
    """Give Qt a Python message handler for the whole run, before pytest-qt's first test.

    pytest-qt installs its own handler for each test and puts the previous one back after it.
    Were there none before, it would put back None, and PySide then clears the callable its C++
    trampoline calls while Qt's own threads may be inside that trampoline, waiting for the GIL
    (QtMultimedia's audio threads say "No audio device detected" at any moment): the thread
    then calls a null object and the whole run dies with a segmentation fault. With a handler
    of the kiosk's own in place, every handler put back is a real callable.
    """
    from kiosk.logs import route_qt_messages  # noqa: PLC0415

    route_qt_messages()


_route_qt_messages_for_good()

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on just now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def enter_pin(kiosk: Kiosk, pin: str, timeout_s: float = 10.0) -> None:
    """Type a PIN on the open pad and tap OK, as staff do, then wait for its answer: the PIN
    is checked in a thread of its own (kiosk/flows/staff.py)."""
    for digit in pin:
        kiosk.window.pin.keys[digit].click()
    kiosk.window.pin.ok.click()
    pin_checked(kiosk, timeout_s)


def pin_checked(kiosk: Kiosk, timeout_s: float = 10.0) -> None:
    """Wait until the PIN typed last has been checked and its answer shown (the staff screen
    whole, if it opened: its sound and counts come a turn after it)."""
    import time  # noqa: PLC0415

    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    end = time.monotonic() + timeout_s
    while kiosk.staff_mode.checking_pin or kiosk.staff_mode.filling:
        assert time.monotonic() < end, "the PIN was not checked in time"
        QApplication.processEvents()
        time.sleep(0.001)


def run_main(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` in a separate process, as a user runs it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env or dict(os.environ),
    )


def run_script(text: str, folder: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A Python script (the kiosk's own code, driven or patched by it) run in a process of its
    own from `folder`, with the checkout importable and Qt offscreen."""
    script = folder / "script.py"
    script.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT)),
        cwd=folder,
    )


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """Each test leaves the application's words as it found them: the translators a kiosk it
    built installed are taken out, and the default locale put back, so a test that runs after
    one in Spanish still reads English (whatever order the tests run in)."""
    from PySide6.QtCore import QCoreApplication, QLocale  # noqa: PLC0415

    from kiosk.i18n import uninstall_all  # noqa: PLC0415

    locale = QLocale()
    yield
    app = QCoreApplication.instance()
    if app is not None:
        uninstall_all(app)
    QLocale.setDefault(locale)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point data, cache and log folders at a per-test temporary folder."""
    base = tmp_path_factory.mktemp("kiosk-home")
    names = ("KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_LOG_DIR", "KIOSK_CONFIG")
    saved = {k: os.environ.get(k) for k in names}
    os.environ["KIOSK_DATA_DIR"] = str(base / "data")
    os.environ["KIOSK_CACHE_DIR"] = str(base / "cache")
    os.environ["KIOSK_LOG_DIR"] = str(base / "log")
    os.environ["KIOSK_CONFIG"] = str(base / "config" / "config.toml")  # none there at first
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
