"""Staff mode with the real parts: a CUPS queue for the test page, espeak-ng for the test
phrase, and the kiosk as a real process for the watchdog, a clean stop, the staff exit status
and counts that survive the process being killed in the middle of a visit."""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import EXIT_STAFF, Kiosk
from kiosk.config import Settings
from kiosk.narration.render import RenderClient
from kiosk.staff import hash_pin
from kiosk.stats import report
from tests.conftest import ROOT, enter_pin, run_script
from tests.gui.conftest import FAST, MakeKiosk
from tests.integration.test_handout_pdf import pdf_text
from tests.integration.test_printing import queue, wait_for_pdf

PIN = "246810"


def _staff(make_kiosk: MakeKiosk, settings: Settings, speech: RenderClient | None = None) -> Kiosk:
    kiosk = make_kiosk(settings, speech=speech)
    kiosk.visits.start()
    kiosk.staff_mode.open_pin_pad()
    enter_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"
    return kiosk


STAFF = dataclasses.replace(FAST, staff_pin_hash=hash_pin(PIN), idle_timeout_s=60.0)


def test_test_page_prints_through_cups(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    """The printer shows as ready, and the test page comes out of the real queue."""
    kiosk = _staff(make_kiosk, dataclasses.replace(STAFF, printer=queue("KIOSK_TEST_PRINTER")))
    staff = kiosk.window.staff
    qtbot.wait_until(lambda: staff.printer_status.text().startswith("Working"), timeout=20_000)
    started = time.time() - 1
    staff.test_print.click()
    qtbot.wait_until(lambda: staff.print_result.text().startswith("Working"), timeout=20_000)
    assert kiosk.visit.choices.prints_left == STAFF.prints_per_visit  # not a patient's print
    # Other pages may land in the same folder meanwhile (a print from another test finishing
    # late): the test page is the new PDF that says it is one.
    folder = Path(queue("KIOSK_TEST_PDF_DIR"))
    deadline = time.monotonic() + 30
    found = ""
    while not found and time.monotonic() < deadline:
        wait_for_pdf(folder, started)
        for pdf in folder.glob("*.pdf"):
            if pdf.stat().st_mtime < started:
                continue
            try:
                text = pdf_text(pdf)
            except subprocess.CalledProcessError:
                continue  # still being written
            if "Kiosk printer test page" in text:
                found = text
        qtbot.wait(200)
    assert "Kiosk printer test page" in found
    assert STAFF.clinic_name in found


def test_stopped_printer_shows_the_reason(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    """A stopped queue is a problem with its reason; the test page fails with it too."""
    stopped = queue("KIOSK_TEST_STOPPED_PRINTER")
    kiosk = _staff(make_kiosk, dataclasses.replace(STAFF, printer=stopped))
    staff = kiosk.window.staff
    qtbot.wait_until(lambda: staff.printer_status.text().startswith("Problem"), timeout=20_000)
    assert "stopped" in staff.printer_status.text()
    staff.test_print.click()
    qtbot.wait_until(lambda: staff.print_result.text().startswith("Problem"), timeout=20_000)
    assert stopped in staff.print_result.text()


def test_missing_printer_is_named(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    """A printer name that CUPS does not know is reported as such."""
    kiosk = _staff(make_kiosk, dataclasses.replace(STAFF, printer="no-such-printer"))
    staff = kiosk.window.staff
    qtbot.wait_until(lambda: staff.printer_status.text().startswith("Problem"), timeout=20_000)
    assert "'no-such-printer' does not exist" in staff.printer_status.text()


def test_sound_status_and_test_phrase_with_the_real_engine(
    make_kiosk: MakeKiosk, qtbot: QtBot, client: RenderClient
) -> None:
    """The voices for both languages are listed, and the test phrase is made and played."""
    kiosk = _staff(make_kiosk, STAFF, speech=client)
    staff = kiosk.window.staff
    assert "en: " in staff.sound_status.text()
    assert "es: " in staff.sound_status.text()
    with qtbot.wait_signal(kiosk.guide.spoken, timeout=20_000) as spoken:
        staff.test_sound.click()
    assert spoken.args == [staff.test_phrase()]
    qtbot.wait_until(lambda: "Working" in staff.sound_result.text(), timeout=2_000)


def test_dead_speech_is_a_problem_on_the_staff_screen(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    """The speech program cannot start: staff see why, and the test phrase fails with the
    reason instead of hanging."""
    speech = RenderClient(command=[str(tmp_path / "no-such-program")])
    with qtbot.wait_signal(speech.unavailable, timeout=30_000):
        speech.start()
    try:
        kiosk = _staff(make_kiosk, STAFF, speech=speech)
        staff = kiosk.window.staff
        assert staff.sound_status.text().startswith("Problem")
        staff.test_sound.click()
        qtbot.wait_until(lambda: staff.sound_result.text().startswith("Problem"), timeout=10_000)
    finally:
        speech.stop()


# -- the kiosk as a real process -----------------------------------------------------------------


@pytest.fixture
def notify_socket() -> Iterator[tuple[socket.socket, str]]:
    """A datagram socket standing in for systemd's notify socket (a real unix socket)."""
    folder = tempfile.mkdtemp(prefix="kn-", dir="/tmp")  # short: unix socket paths are limited
    path = os.path.join(folder, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(30)
    yield sock, path
    sock.close()
    os.unlink(path)
    os.rmdir(folder)


def _receive(sock: socket.socket, wanted: str, seen: list[str]) -> None:
    deadline = time.monotonic() + 60
    while wanted not in seen:
        assert time.monotonic() < deadline, f"no {wanted} in {len(seen)} messages"
        seen.append(sock.recv(4096).decode())


def _kiosk_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def test_the_running_kiosk_tells_systemd_it_is_alive_and_stops_cleanly(
    notify_socket: tuple[socket.socket, str],
) -> None:
    """`python main.py` says READY, keeps pinging the watchdog from its event loop, and on
    SIGTERM (systemctl stop) says STOPPING and exits 0."""
    sock, path = notify_socket
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--windowed"],
        env=_kiosk_env(NOTIFY_SOCKET=path, WATCHDOG_USEC="400000"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        seen: list[str] = []
        _receive(sock, "WATCHDOG=1", seen)
        assert seen[0].startswith("READY=1")
        pings = seen.count("WATCHDOG=1")
        while pings < 4:
            seen.append(sock.recv(4096).decode())
            pings = seen.count("WATCHDOG=1")
        process.send_signal(signal.SIGTERM)
        _receive(sock, "STOPPING=1", seen)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        _out, err = process.communicate(timeout=30)
    assert "Traceback" not in err


# `run_kiosk` as `main.py` runs it, sent SIGTERM by itself once it can take signals and before
# its event loop runs (as when systemd stops a kiosk that is still starting).
_STOPPED_WHILE_STARTING = textwrap.dedent(
    """
    import os, signal, sys

    import kiosk.start as start
    from kiosk.config import Settings

    quitting = start.quit_on_signals

    def stop_now(app):
        notifier = quitting(app)
        os.kill(os.getpid(), signal.SIGTERM)  # its handler runs at once, with no loop yet
        return notifier

    start.quit_on_signals = stop_now
    sys.exit(start.run_kiosk(Settings(), windowed=True))
    """
)


def test_a_stop_while_the_kiosk_is_starting_still_stops_it(tmp_path: Path) -> None:
    """SIGTERM before the event loop runs, where Qt ignores a request to leave it: the kiosk
    still stops, with status 0, instead of running on until systemd kills it."""
    try:
        done = run_script(_STOPPED_WHILE_STARTING, tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the kiosk ran on after SIGTERM")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    log = (Path(os.environ["KIOSK_LOG_DIR"]) / "kiosk.log").read_text(encoding="utf-8")
    assert "stopping on signal 15" in log


_VISIT_THEN_WAIT = textwrap.dedent(
    """
    import sys
    from kiosk.app import Kiosk, application
    from kiosk.config import Settings

    app = application()
    kiosk = Kiosk(app, Settings(idle_timeout_s=600), windowed=True)
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    kiosk.window.topic.controls.sizes[170].click()
    assert kiosk.stats.flush(10)
    print("in the middle of a visit", flush=True)
    app.exec()
    """
)


def test_counts_survive_the_kiosk_being_killed_mid_visit() -> None:
    """SIGKILL in the middle of a visit (a power cut, as far as the process knows): the file
    is sound and every event written before the kill is there."""
    env = _kiosk_env(PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-c", _VISIT_THEN_WAIT],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "in the middle of a visit", (
            process.stderr.read() if process.stderr else ""
        )
        process.kill()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)
    database = Path(env["KIOSK_DATA_DIR"]) / "usage.sqlite3"
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    kinds = {(t.kind, t.topic, t.value): t.count for t in report(database).tallies}
    assert kinds == {
        ("visit", None, None): 1,
        ("topic", "ibs-leg-pain", None): 1,
        ("text_size", None, 170): 1,
    }


_STAFF_EXIT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from kiosk.app import Kiosk, application
    from kiosk.config import Settings
    from kiosk.staff import hash_pin

    app = application()
    kiosk = Kiosk(app, Settings(staff_pin_hash=hash_pin("246810")), windowed=True)
    kiosk.window.show()

    def as_staff():
        kiosk.visits.start()
        kiosk.staff_mode.open_pin_pad()
        for digit in "246810":
            kiosk.window.pin.keys[digit].click()
        kiosk.window.pin.ok.click()
        exit_once_in()

    def exit_once_in():  # the PIN is checked in a thread of its own
        if kiosk.window.current_screen == "staff":
            kiosk.window.staff.exit.click()
        else:
            QTimer.singleShot(5, exit_once_in)

    QTimer.singleShot(0, as_staff)
    sys.exit(app.exec())
    """
)


def test_staff_exit_ends_the_process_with_the_status_the_unit_keeps_stopped() -> None:
    """Exit on the staff screen ends the real event loop with status 75."""
    result = subprocess.run(
        [sys.executable, "-c", _STAFF_EXIT],
        env=_kiosk_env(PYTHONPATH=str(ROOT)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == EXIT_STAFF, result.stderr
