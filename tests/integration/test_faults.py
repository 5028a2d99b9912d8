"""One test per fault, on the real kiosk: the fault is caused the way it happens in life, the
patient sees one calm line (or nothing at all), staff can see the reason, and the kiosk is still
usable afterwards."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import random
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk import languages, logs, paths
from kiosk.app import Kiosk
from kiosk.config import Settings, load_settings, topic_roots
from kiosk.content import LoadResult, load_topics
from kiosk.logs import log_problem, setup_logging
from kiosk.narration.narrator import State
from kiosk.narration.render import WORKER_COMMAND, RenderClient
from kiosk.staff import hash_pin
from kiosk.stats import DB_NAME, UsageStats
from tests.conftest import ROOT, enter_pin, run_main
from tests.gui.conftest import MakeKiosk
from tests.integration.test_handout_pdf import pdf_text
from tests.integration.test_printing import queue
from tests.topic_samples import write_topic

PIN = "246810"
# The shipped topics, as staff see them counted: two in each language of the table.
SHIPPED_TOPICS = load_topics(paths.TOPICS).topics
SHIPPED_BY_LANGUAGE = ", ".join(
    f"{code}: {n}"
    for code in languages.codes()
    if (n := sum(t.lang == code for t in SHIPPED_TOPICS))
)
# Long enough that no idle reset comes in the middle of a fault; the end of each test shortens it
# to see the real idle reset take the kiosk back to the attract screen.
CALM = Settings(
    idle_timeout_s=120.0,
    countdown_s=0.3,
    attract_rotate_s=0.05,
    staff_pin_hash=hash_pin(PIN),
)
NOT_AVAILABLE = "Reading aloud is not available right now. Please ask the front desk."
PRINTER_DOWN = "The printer is not working right now. Please ask the front desk."


@pytest.fixture(autouse=True)
def _log_everything(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)


def build(
    make_kiosk: MakeKiosk,
    settings: Settings = CALM,
    speech: RenderClient | None = None,
    content: LoadResult | None = None,
    config_path: Path | None = None,
) -> Kiosk:
    """The kiosk as the app builds it, with its own error hook as in production: an error that
    escapes a slot is logged as "unexpected error" (checked by `assert_usable`)."""
    kiosk = make_kiosk(settings, speech=speech, content=content, config_path=config_path)
    kiosk.install_exception_hook()
    return kiosk


def staff_screen(kiosk: Kiosk) -> None:
    """Staff open their screen the way staff do: the corner, then the PIN."""
    kiosk.staff_mode.open_pin_pad()
    enter_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"


def unexpected(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "unexpected error" in r.getMessage()]


def assert_usable(kiosk: Kiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    """After the fault a new patient can start a visit, open a topic, go back, preview the page
    and be taken back to the attract screen by the idle reset; no error escaped anywhere."""
    click = Qt.MouseButton.LeftButton
    w = kiosk.window
    if w.current_screen == "staff":
        qtbot.mouseClick(w.staff.back, click)
    else:
        kiosk.visits.reset()
    assert w.current_screen == "attract"
    qtbot.mouseClick(w.attract.start, click)
    assert w.current_screen == "home"
    assert w.home.tiles, "no topic is offered"
    qtbot.mouseClick(w.home.tiles[0], click)
    assert w.current_screen == "topic"
    assert w.topic.page is not None
    qtbot.mouseClick(w.topic.back, click)
    assert w.current_screen == "home"
    qtbot.mouseClick(w.home.tiles[-1], click)
    qtbot.mouseClick(w.topic.print_button, click)
    assert w.current_screen == "handout"
    assert not w.handout.page.pixmap().isNull()
    kiosk.idle.set_timeout(0.1)
    with qtbot.wait_signal(
        kiosk.idle.timed_out, timeout=10_000 + round(kiosk.settings.countdown_s * 1000)
    ):
        kiosk.idle.poke()
    assert w.current_screen == "attract"
    assert not kiosk.visit.active
    assert unexpected(caplog) == []


# -- speech ---------------------------------------------------------------------------------------


def listen(kiosk: Kiosk, qtbot: QtBot, topic: str = "ibs-leg-pain") -> None:
    kiosk.visits.start()
    kiosk.reading.open_topic(topic)
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=30_000):
        qtbot.mouseClick(kiosk.window.topic.narration.listen, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("kills", [1, 2])
def test_render_process_killed_mid_topic(
    make_kiosk: MakeKiosk,
    client: RenderClient,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    kills: int,
) -> None:
    """SIGKILL to the render process while a topic is read and more sentences are being made:
    once, it is started again and the reading goes on to the end with no message; a second
    time, speech is given up: one calm line, Listen off, and staff see why."""
    kiosk = build(make_kiosk, speech=client)
    listen(kiosk, qtbot)
    bar = kiosk.window.topic.narration
    first = client.pid
    assert client.pending() > 0  # sentences ahead are still being made
    os.kill(first, signal.SIGKILL)
    qtbot.wait_until(lambda: client.is_ready and client.pid not in (0, first), timeout=20_000)
    if kills == 1:
        last = len(kiosk.narrator.sentences) - 1
        with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=40_000) as started:
            kiosk.narrator.play(last)  # a sentence made after the restart
        assert started.args == [last]
        with qtbot.wait_signal(kiosk.narrator.finished, timeout=40_000):
            pass
        assert bar.listen.isEnabled()
        assert bar.status.text() != NOT_AVAILABLE
    else:
        with qtbot.wait_signal(client.unavailable, timeout=20_000):
            os.kill(client.pid, signal.SIGKILL)
        assert kiosk.narrator.state is State.IDLE
        assert bar.status.text() == NOT_AVAILABLE
        assert not bar.listen.isEnabled()
    staff_screen(kiosk)
    sound = kiosk.window.staff.sound_status.text()
    if kills == 1:  # the engine is back with its voices (this machine may have no speaker)
        assert "voices en: gmw/en-us, es: roa/es-419" in sound, sound
        assert "speech program" not in sound
    else:
        assert sound.startswith("Problem"), sound
        assert "the speech program stopped" in sound
    assert any("the speech program stopped" in r.getMessage() for r in caplog.records)
    assert_usable(kiosk, qtbot, caplog)
    if kills == 2:  # the next patient is told too, not offered a Listen that cannot work
        kiosk.visits.start()
        kiosk.reading.open_topic("diarrhea-leg-pain")
        assert bar.status.text() == NOT_AVAILABLE
        assert not bar.listen.isEnabled()


def assert_speech_stays_off(kiosk: Kiosk) -> None:
    """Each later patient is told too, and not offered a Listen that cannot work."""
    bar = kiosk.window.topic.narration
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    assert bar.status.text() == NOT_AVAILABLE
    assert not bar.listen.isEnabled()
    kiosk.visits.reset()


def _espeak_library() -> Path:
    """The file the dynamic loader opens for libespeak-ng.so.1."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True)
    for line in listing.stdout.splitlines():
        if line.strip().startswith("libespeak-ng.so.1 ") and "=>" in line:
            return Path(line.split("=>")[1].strip()).resolve()
    pytest.fail("libespeak-ng.so.1 is not known to the dynamic loader")


@pytest.fixture
def worker_without_espeak(tmp_path: Path) -> list[str]:
    """The real render process, in a mount namespace of its own where libespeak-ng is an empty
    file (as after a broken update): dlopen fails exactly as when the library is not there.
    Nothing outside that one process sees the change."""
    if os.geteuid() != 0:
        pytest.skip("hiding a system library for one process needs root (the CI runs as root)")
    if subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False).returncode:
        pytest.skip("unshare -m is not allowed here")
    empty = tmp_path / "empty-library"
    empty.write_bytes(b"")
    script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
    return [
        "unshare",
        "-m",
        "sh",
        "-c",
        script,
        "sh",
        str(empty),
        str(_espeak_library()),
        *WORKER_COMMAND,
    ]


def test_espeak_ng_missing(
    make_kiosk: MakeKiosk,
    worker_without_espeak: list[str],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The kiosk starts and its render process cannot load espeak-ng: speech is given up
    with the engine's own reason for staff; patients get the text and one calm line."""
    speech = RenderClient(command=worker_without_espeak)
    kiosk = build(make_kiosk, speech=speech)
    with qtbot.wait_signal(speech.unavailable, timeout=20_000) as gone:
        speech.start()
    reason = gone.args[0]
    assert reason.startswith("speech engine failed to start: ")
    assert "eSpeak" in reason  # pyttsx3's own words: the library was not found
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    bar = kiosk.window.topic.narration
    assert bar.status.text() == NOT_AVAILABLE
    assert not bar.listen.isEnabled()
    page = kiosk.window.topic.page
    assert page is not None
    assert page.readings[0].text() == "Leg pain and IBS"  # the text is all there
    staff_screen(kiosk)
    assert kiosk.window.staff.sound_status.text() == f"Problem: {reason}"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"speech unavailable: {reason}"
    ]
    assert_usable(kiosk, qtbot, caplog)
    assert_speech_stays_off(kiosk)


@pytest.fixture
def espeak_data() -> Path:
    """espeak-ng's own data folder (phoneme tables, dictionaries, voices)."""
    for candidate in (
        Path("/usr/lib/x86_64-linux-gnu/espeak-ng-data"),
        Path("/usr/lib/aarch64-linux-gnu/espeak-ng-data"),
        Path("/usr/share/espeak-ng-data"),
    ):
        if (candidate / "phontab").is_file():
            return candidate
    pytest.fail("espeak-ng's data folder was not found")


@pytest.mark.parametrize("data", ["empty folder", "voice folders gone"])
def test_every_voice_missing(
    make_kiosk: MakeKiosk,
    espeak_data: Path,
    tmp_path: Path,
    qtbot: QtBot,
    *,
    caplog: pytest.LogCaptureFixture,
    data: str,
) -> None:
    """espeak-ng finds no voice at all (ESPEAK_DATA_PATH, the engine's own setting, points
    at an empty folder, or at its data without the voice folders): the render process is
    tried again once, then speech is given up; staff see espeak-ng's own reason."""
    folder = tmp_path / "espeak-ng-data"
    folder.mkdir()
    if data == "voice folders gone":
        for item in espeak_data.iterdir():
            if item.name not in ("lang", "voices"):
                (folder / item.name).symlink_to(item)
    command = ["env", f"ESPEAK_DATA_PATH={folder}", *WORKER_COMMAND]
    speech = RenderClient(command=command)
    kiosk = build(make_kiosk, speech=speech)
    with qtbot.wait_signal(speech.unavailable, timeout=30_000) as gone:
        speech.start()
    reason = gone.args[0]
    if data == "empty folder":  # espeak-ng ends the process itself, after one line on stderr
        assert reason == (
            f"the speech program stopped (exit 1): Error processing file '{folder}/phontab': "
            "No such file or directory."
        )
    else:
        assert reason.startswith("speech engine failed to start: SetVoiceByName failed")
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    bar = kiosk.window.topic.narration
    assert bar.status.text() == NOT_AVAILABLE
    assert not bar.listen.isEnabled()
    staff_screen(kiosk)
    assert kiosk.window.staff.sound_status.text() == f"Problem: {reason}"
    assert f"speech unavailable: {reason}" in [r.getMessage() for r in caplog.records]
    assert_usable(kiosk, qtbot, caplog)
    assert_speech_stays_off(kiosk)


def system(*command: str) -> subprocess.CompletedProcess[str]:
    """Run a system command (CUPS's, mostly), keeping its output."""
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs), unmounted afterwards whatever happens."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root (the CI runs as root)")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "kiosk-test", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(disk: Path) -> None:
    """Write until the file system says it is full."""
    done = system("dd", "if=/dev/zero", f"of={disk / 'filler'}", "bs=64k")
    assert "No space left on device" in done.stderr
    free = os.statvfs(disk)
    assert free.f_bavail == 0


@pytest.mark.parametrize("fault", ["deleted", "full"])
def test_wav_cache_folder_deleted_or_full(
    make_kiosk: MakeKiosk,
    client: RenderClient,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    *,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """The speech cache is `rm -rf`'d in the middle of a visit (some sentences already made),
    or its disk fills up: the reading still starts and goes on, with no message to the
    patient; the log says why nothing is cached."""
    if fault == "full":
        disk = request.getfixturevalue("small_disk")
        monkeypatch.setenv("KIOSK_CACHE_DIR", str(disk))
    kiosk = build(make_kiosk, speech=client)
    folder = kiosk.cache.folder
    assert kiosk.cache.problem == ""
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    if fault == "deleted":
        qtbot.wait_until(lambda: len(list(folder.glob("*.wav"))) >= 3, timeout=30_000)
        for _ in range(20):  # the render process may add a file while rm walks the folder
            if not subprocess.run(["rm", "-rf", str(folder.parent)], check=False).returncode:
                break
        assert not folder.parent.exists()
    else:
        fill(folder.parent)
    started: list[int] = []
    problems: list[object] = []
    kiosk.narrator.sentence_started.connect(started.append)
    kiosk.narrator.problem.connect(problems.append)
    bar = kiosk.window.topic.narration
    qtbot.mouseClick(bar.listen, Qt.MouseButton.LeftButton)
    qtbot.wait_until(lambda: 2 in started or bool(problems), timeout=40_000)
    assert problems == []
    assert started[:3] == [0, 1, 2]
    assert bar.status.text() == "Reading aloud. The words being read are marked in yellow."
    if fault == "full":
        assert kiosk.cache.problem == (
            f"cannot write the speech cache in {folder} (No space left on device)"
        )
        assert f"{kiosk.cache.problem}; speech is not cached" in caplog.messages
    assert unexpected(caplog) == []
    kiosk.narrator.stop()
    assert_usable(kiosk, qtbot, caplog)


# -- printing -------------------------------------------------------------------------------------

PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"  # as scripts/test-printers.sh makes its queues


def printer_state(name: str) -> str:
    return system("lpstat", "-p", name).stdout


@pytest.fixture
def own_queue(request: pytest.FixtureRequest) -> Iterator[str]:
    """A cups-pdf queue of this test's own, removed afterwards with any job left in it."""
    queue("KIOSK_TEST_PRINTER")  # CUPS is set up (else skip, or fail in CI)
    test = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name.removeprefix("test_")).strip("-")
    name = f"kiosk-fault-{os.getpid()}-{test}"[:100]
    added = system("lpadmin", "-p", name, "-E", "-v", "cups-pdf:/", "-m", PPD)
    assert added.returncode == 0, added.stderr
    # As scripts/test-printers.sh does: the PDF keeps its text, so the page can be read back.
    system("lpadmin", "-p", name, "-o", "pdftops-renderer-default=pdftocairo")
    yield name
    system("cancel", "-a", name)
    system("lpadmin", "-x", name)


def print_page(kiosk: Kiosk, qtbot: QtBot, signal_name: str = "failed") -> list[object]:
    """A patient opens a topic, previews its page and taps Print; the print service's answer."""
    if not kiosk.visit.active:
        kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    qtbot.mouseClick(kiosk.window.topic.print_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen == "handout"
    with qtbot.wait_signal(getattr(kiosk.printing, signal_name), timeout=30_000) as answer:
        qtbot.mouseClick(kiosk.window.handout.print_button, Qt.MouseButton.LeftButton)
    return list(answer.args)


def staff_printer_line(kiosk: Kiosk, qtbot: QtBot) -> str:
    staff_screen(kiosk)
    status = kiosk.window.staff.printer_status
    qtbot.wait_until(lambda: not status.text().startswith("Checking"), timeout=30_000)
    return status.text()


@pytest.mark.parametrize("fault", ["stopped", "deleted"])
def test_printer_queue_stopped_or_deleted(
    make_kiosk: MakeKiosk,
    own_queue: str,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """The queue is stopped (`cupsdisable`) or deleted (`lpadmin -x`) while a patient looks
    at the page to print: one calm line, no print used up, and staff see which and why. Once
    the queue is back, printing works again."""
    kiosk = build(make_kiosk, dataclasses.replace(CALM, printer=own_queue))
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    if fault == "stopped":
        assert system("cupsdisable", "-r", "Out of toner", own_queue).returncode == 0
        expected = f"printer '{own_queue}' is stopped: Out of toner"
    else:
        assert system("lpadmin", "-x", own_queue).returncode == 0
        expected = f"printer '{own_queue}' does not exist"
    assert print_page(kiosk, qtbot) == [expected]
    screen = kiosk.window.handout
    assert screen.status.text() == PRINTER_DOWN
    assert screen.print_button.isEnabled()  # they may try again, or ask
    assert kiosk.visit.choices.prints_left == CALM.prints_per_visit
    assert f"printing failed: {expected}" in caplog.messages
    assert staff_printer_line(kiosk, qtbot) == f"Problem: {expected}"
    assert kiosk.printing.last_problem == expected
    # Staff put the queue back; the next patient's page prints.
    if fault == "stopped":
        assert system("cupsenable", own_queue).returncode == 0
    else:
        added = system("lpadmin", "-p", own_queue, "-E", "-v", "cups-pdf:/", "-m", PPD)
        assert added.returncode == 0, added.stderr
    assert_usable(kiosk, qtbot, caplog)
    job = print_page(kiosk, qtbot, "printed")[0]
    assert str(job).startswith(f"{own_queue}-")
    assert screen.status.text() == "Your page is printing. Please pick it up at the front desk."
    assert kiosk.printing.last_problem == ""


JAMMING_BACKEND = """#!/bin/sh
# A printer that takes the page and jams (made and removed by tests/integration/test_faults.py).
if [ $# -eq 0 ]; then echo 'direct {name} "Unknown" "Kiosk test printer that jams"'; exit 0; fi
cat "${{6:--}}" > /dev/null
echo "STATE: +media-jam-error" >&2
echo "ERROR: Paper jam" >&2
exit 4  # CUPS_BACKEND_STOP: CUPS stops the queue and holds the job
"""


@pytest.fixture
def jamming_queue(own_queue: str) -> Iterator[str]:
    """The test's queue behind a CUPS backend that reads the page and reports a paper jam, as
    a real printer's backend does: CUPS stops the queue and keeps the job."""
    backend = Path("/usr/lib/cups/backend") / f"kioskjam{os.getpid()}"
    if not os.access(backend.parent, os.W_OK):
        pytest.skip("adding a CUPS backend needs root (the CI runs as root)")
    backend.write_text(JAMMING_BACKEND.format(name=backend.name), encoding="utf-8")
    backend.chmod(0o755)
    try:
        moved = system("lpadmin", "-p", own_queue, "-v", f"{backend.name}:/")
        assert moved.returncode == 0, moved.stderr
        yield own_queue
    finally:
        backend.unlink()


def test_printer_jams_mid_job(
    make_kiosk: MakeKiosk,
    jamming_queue: str,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The printer takes a patient's job and jams. That patient was told to pick the page up at
    the front desk (where the jam is); the queue stops, so the next patient is told the printer
    is not working instead of losing a page; staff see "Paper jam"; when staff clear it, the
    held page comes out."""
    pdfs = Path(queue("KIOSK_TEST_PDF_DIR"))
    kiosk = build(make_kiosk, dataclasses.replace(CALM, printer=jamming_queue))
    job = print_page(kiosk, qtbot, "printed")[0]
    screen = kiosk.window.handout
    assert screen.status.text() == "Your page is printing. Please pick it up at the front desk."
    qtbot.wait_until(lambda: "Paper jam" in printer_state(jamming_queue), timeout=30_000)
    assert job in system("lpstat", "-o", jamming_queue).stdout  # held, not lost
    kiosk.visits.reset()
    expected = f"printer '{jamming_queue}' is stopped: Paper jam"
    assert print_page(kiosk, qtbot) == [expected]
    assert screen.status.text() == PRINTER_DOWN
    assert kiosk.visit.choices.prints_left == CALM.prints_per_visit
    assert staff_printer_line(kiosk, qtbot) == f"Problem: {expected}"
    # Staff clear the jam (here: the queue goes back to a working printer) and start it again.
    assert system("lpadmin", "-p", jamming_queue, "-v", "cups-pdf:/").returncode == 0
    assert system("cupsenable", jamming_queue).returncode == 0
    number = str(job).rsplit("-", 1)[1]  # cups-pdf names the file after the job

    def complete() -> bool:
        found = list(pdfs.glob(f"*job_{number}.pdf"))
        return bool(found) and system("pdfinfo", str(found[0])).returncode == 0

    qtbot.wait_until(complete, timeout=30_000)
    assert "Leg pain and IBS" in pdf_text(next(pdfs.glob(f"*job_{number}.pdf")))
    assert_usable(kiosk, qtbot, caplog)


@pytest.fixture
def frozen_cups() -> Iterator[int]:
    """The CUPS scheduler stopped in its tracks (SIGSTOP): lpstat and lp wait for an answer
    that never comes. Always let go (SIGCONT) afterwards."""
    queue("KIOSK_TEST_PRINTER")
    found = system("pidof", "cupsd").stdout.split()
    if len(found) != 1:
        pytest.skip("no single cupsd to freeze")
    pid = int(found[0])
    os.kill(pid, signal.SIGSTOP)
    try:
        yield pid
    finally:
        os.kill(pid, signal.SIGCONT)


def test_print_system_hangs_mid_job(
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    request: pytest.FixtureRequest,
) -> None:
    """The print system stops answering while a page is handed over (cupsd hung): after the
    step's time-out the patient gets the calm line instead of "sending" for ever, and once the
    print system answers again the kiosk prints; it was never left busy."""
    kiosk = build(make_kiosk, dataclasses.replace(CALM, printer=queue("KIOSK_TEST_PRINTER")))
    kiosk.printing.step_timeout_ms = 2000
    kiosk.visits.start()
    request.getfixturevalue("frozen_cups")
    reason = print_page(kiosk, qtbot)[0]
    assert reason == "the print system did not answer in 2 s (lpstat)"
    assert kiosk.window.handout.status.text() == PRINTER_DOWN
    assert not kiosk.printing.busy
    assert kiosk.visit.choices.prints_left == CALM.prints_per_visit
    assert staff_printer_line(kiosk, qtbot) == (
        "Problem: the print system did not answer in 2 s (last problem: "
        "the print system did not answer in 2 s (lpstat))"
    )
    os.kill(request.getfixturevalue("frozen_cups"), signal.SIGCONT)
    assert_usable(kiosk, qtbot, caplog)
    print_page(kiosk, qtbot, "printed")


def test_a_printer_check_still_waiting_when_the_kiosk_ends_is_stopped_quietly(
    make_kiosk: MakeKiosk, qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    """Staff open their screen and the kiosk is stopped while the print system has not answered
    yet: the check's process is stopped with it, and no answer arrives afterwards."""
    kiosk = build(make_kiosk, dataclasses.replace(CALM, printer=queue("KIOSK_TEST_PRINTER")))
    request.getfixturevalue("frozen_cups")
    answers: list[bool] = []
    kiosk.printing.status_known.connect(lambda ready, _detail: answers.append(ready))
    kiosk.printing.check()
    assert kiosk.printing.checking
    checking = kiosk.printing.findChildren(QProcess)
    assert len(checking) == 1
    qtbot.waitUntil(lambda: checking[0].state() == QProcess.ProcessState.Running)
    pid = checking[0].processId()
    kiosk.printing.close()
    assert not kiosk.printing.checking
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, not left behind (it was waited for)
    qtbot.wait(200)
    assert answers == []


# -- content --------------------------------------------------------------------------------------


def reload_as_staff(kiosk: Kiosk) -> str:
    """Staff press Reload topics on their screen; what the screen then says about topics."""
    staff_screen(kiosk)
    kiosk.window.staff.reload.click()
    staff = kiosk.window.staff
    return "\n".join((staff.topics_status.text(), staff.failed.text()))


def home_ids(kiosk: Kiosk) -> list[str]:
    return [t.topic_id for t in kiosk.window.home.tiles]


@pytest.mark.parametrize("fault", ["folder missing", "file where the folder was", "garbage"])
def test_clinic_topics_break_while_running_and_staff_reload(
    make_kiosk: MakeKiosk,
    tmp_path: Path,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """The clinic's own topic folder (`topics_dir`) goes missing, is replaced by a file, or one
    of its topics is overwritten with garbage bytes while the kiosk runs. Until staff reload,
    patients keep what was loaded; after Reload topics the broken topic is no longer offered,
    the shipped ones still are, and staff see the file and the reason."""
    clinic = tmp_path / "clinic-topics"
    path = write_topic(clinic)
    settings = dataclasses.replace(CALM, topics_dir=str(clinic))
    kiosk = build(make_kiosk, settings, content=load_topics(topic_roots(settings)))
    kiosk.visits.start()
    assert "sample" in home_ids(kiosk)
    if fault == "folder missing":
        subprocess.run(["rm", "-rf", str(clinic)], check=True)
        reason = f"{clinic}: topic folder not found"
    elif fault == "file where the folder was":
        subprocess.run(["rm", "-rf", str(clinic)], check=True)
        clinic.write_text("a file where the folder should be")
        reason = f"{clinic}: is not a folder"
    else:
        path.write_bytes(b"\xff\xfe" + random.Random(7).randbytes(4000))
        reason = f"{path}:1: is not UTF-8 text; save the file as UTF-8"
    kiosk.reading.open_topic("sample")  # what was loaded is still there until staff reload
    assert kiosk.window.topic.topic is not None
    assert kiosk.window.topic.topic.title == "A sample topic"
    shown = reload_as_staff(kiosk)
    expected = f"Problem: {len(SHIPPED_TOPICS)} topics loaded ({SHIPPED_BY_LANGUAGE})"
    assert shown.startswith(expected), shown
    assert f"• {reason}" in shown.splitlines()
    assert f"topic skipped: {reason}" in caplog.messages
    assert_usable(kiosk, qtbot, caplog)
    kiosk.visits.start()
    assert sorted(home_ids(kiosk)) == ["diarrhea-leg-pain", "ibs-leg-pain"]  # the shipped ones
    kiosk.reading.open_topic("sample")
    assert kiosk.window.current_screen == "home"  # gone, not a blank page
    kiosk.visits.reset()


def test_every_topic_folder_missing(
    make_kiosk: MakeKiosk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The shipped topics folder itself is gone (a broken update) when staff reload: patients
    are told in one line that no topics are available; staff see why; once the folder is back,
    a reload brings the topics back without a restart."""
    shipped = tmp_path / "topics"
    shutil.copytree(paths.TOPICS, shipped)
    monkeypatch.setattr(paths, "TOPICS", shipped)  # the kiosk's own topics live here now
    kiosk = build(make_kiosk, content=load_topics(topic_roots(CALM)))
    assert len(kiosk.content.entries) == len(SHIPPED_TOPICS)
    subprocess.run(["rm", "-rf", str(shipped)], check=True)
    shown = reload_as_staff(kiosk)
    assert shown.startswith("Problem: 0 topics loaded"), shown
    assert f"• {shipped}: topic folder not found" in shown.splitlines()
    qtbot.mouseClick(kiosk.window.staff.back, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    home = kiosk.window.home
    assert home.tiles == []
    assert home.empty.isVisibleTo(home)
    assert home.empty.text() == "No topics are available right now. Please ask the front desk."
    kiosk.idle.set_timeout(0.1)
    with qtbot.wait_signal(kiosk.idle.timed_out, timeout=10_000):
        kiosk.idle.poke()
    shutil.copytree(ROOT / "resources" / "topics", shipped)
    shown = reload_as_staff(kiosk)
    assert shown.startswith(f"Working: {len(SHIPPED_TOPICS)} topics loaded"), shown
    assert_usable(kiosk, qtbot, caplog)
    assert not home.empty.isVisibleTo(home)


# -- settings -------------------------------------------------------------------------------------

BAD_CONFIGS = {
    "missing": None,
    "not UTF-8": b'clinic_name = "Cl\xednica del Valle"\n',
    "syntax error": b"clinic_name = \nidle_timeout_s = 60\n",
    "wrong type": b'clinic_name = "Valley Clinic"\nidle_timeout_s = "soon"\n',
}


def config_problem(path: Path, kind: str) -> str:
    """The one line the kiosk gives for each kind of bad config."""
    if kind == "missing":
        return f"{path}: cannot read the config (No such file or directory); using defaults"
    if kind == "not UTF-8":
        return f"{path}: the config is not UTF-8 text; using defaults"
    if kind == "syntax error":
        return (
            f"{path}: the config has a syntax error (Invalid value (at line 1, column 15)); "
            "using defaults"
        )
    return f"{path}: idle_timeout_s: must be a number from 10 to 3600; using the default 90.0"


@pytest.mark.parametrize("kind", list(BAD_CONFIGS))
def test_config_file_missing_or_broken(
    make_kiosk: MakeKiosk,
    tmp_path: Path,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    kind: str,
) -> None:
    """The config file named with --config is missing, not text, does not parse, or has a
    value of the wrong type: one line naming the file (and the setting), the defaults for what
    is wrong, and the kiosk runs. Also as a real process: `main.py screenshot --config BAD`
    says that one line on stderr, exits 0 and writes its picture."""
    path = tmp_path / "kiosk.toml"
    content = BAD_CONFIGS[kind]
    if content is not None:
        path.write_bytes(content)
    expected = config_problem(path, kind)
    settings, problems = load_settings(path)
    assert problems == [expected]
    if kind == "wrong type":  # only the wrong value falls back; the rest of the file is used
        assert settings == Settings(clinic_name="Valley Clinic")
    else:
        assert settings == Settings()

    picture = tmp_path / "home.png"
    done = run_main("screenshot", "--config", str(path), "--size", "800x600", "-o", str(picture))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"kiosk: {expected}"]
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (800, 600)

    # The settings as loaded, with the test's short countdown (the default is 15 s).
    calm = dataclasses.replace(settings, staff_pin_hash=CALM.staff_pin_hash, countdown_s=0.3)
    kiosk = build(make_kiosk, calm)
    assert kiosk.window.attract.isVisible()
    assert_usable(kiosk, qtbot, caplog)


def test_staff_screen_names_what_is_wrong_in_the_config(
    make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    """A config with one bad value (the PIN in it still works): the staff screen says which
    setting is wrong and that its default is used, so staff need no terminal to find out."""
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'staff_pin_hash = "{CALM.staff_pin_hash}"\nidle_timeout_s = "soon"\n', encoding="utf-8"
    )
    settings, problems = load_settings(path)
    assert len(problems) == 1
    kiosk = build(make_kiosk, dataclasses.replace(settings, countdown_s=0.3), config_path=path)
    staff_screen(kiosk)
    assert problems[0] in kiosk.window.staff.about.text()


# -- usage counts ---------------------------------------------------------------------------------


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths to make immutable (`chattr +i`: read-only even for root); undone afterwards."""
    if os.geteuid() != 0:
        pytest.skip("chattr +i needs root (the CI runs as root)")
    made: list[Path] = []
    yield made
    for path in reversed(made):
        subprocess.run(["chattr", "-i", str(path)], check=True)


def make_immutable(made: list[Path], path: Path) -> None:
    subprocess.run(["chattr", "+i", str(path)], check=True)
    made.append(path)


def staff_usage(kiosk: Kiosk) -> tuple[str, str, str]:
    """(visits today, visits in 7 days, the line under the table) on the staff screen."""
    staff = kiosk.window.staff
    return staff.usage_cell(1, 1), staff.usage_cell(1, 2), staff.usage_note.text()


def timed(action: Callable[[], object]) -> float:
    started = time.monotonic()
    action()
    return time.monotonic() - started


def test_stats_database_locked(
    make_kiosk: MakeKiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Another program holds an EXCLUSIVE lock on the usage file for longer than the writer
    waits: the patient notices nothing (taps never wait on the file), the events that could
    not wait are dropped with one log line, and counting goes on once the lock is gone."""
    kiosk = build(make_kiosk)
    assert kiosk.stats is not None
    assert kiosk.stats.flush()
    db = kiosk.stats_path
    locker = sqlite3.connect(db, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        assert timed(kiosk.visits.start) < 0.5
        assert timed(lambda: kiosk.reading.open_topic("ibs-leg-pain")) < 0.5
        dropped = f"usage event dropped: {db} is busy (database is locked)"
        qtbot.wait_until(lambda: dropped in caplog.messages, timeout=20_000)
        assert timed(lambda: staff_screen(kiosk)) < 3.0  # staff wait at most about a second
        assert kiosk.window.current_screen == "staff"
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert kiosk.stats.problem == ""  # a lock is not a reason to stop counting
    assert caplog.messages.count(dropped) == 1  # said once, not once per event
    assert_usable(kiosk, qtbot, caplog)
    assert kiosk.stats.flush()
    staff_screen(kiosk)
    today, week, note = staff_usage(kiosk)
    assert today == week
    assert int(today) >= 1  # the visit after the lock was counted
    assert note == "Counts are anonymous: no names, no answers."


@pytest.mark.parametrize("fault", ["corrupt", "read-only"])
def test_stats_database_corrupt_or_read_only(
    make_kiosk: MakeKiosk,
    immutable: list[Path],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """The usage file is garbage (bad storage, a power cut on a card that lies), or read-only
    (`chattr +i` on it and its folder) when the kiosk starts: patients notice nothing, counting
    stops with one log line, staff see that line under the counts, and the file is untouched."""
    db = paths.data_dir() / DB_NAME
    db.parent.mkdir(parents=True)
    if fault == "corrupt":
        db.write_bytes(b"NOT SQLITE" + random.Random(3).randbytes(16_374))
        reason = f"usage counting stopped: cannot write {db} (file is not a database)"
    else:
        first = UsageStats(db)
        first.record("visit")
        first.close()
        make_immutable(immutable, db)
        make_immutable(immutable, db.parent)
        # SQLite's words: it cannot make the write-ahead log beside the file.
        reason = f"usage counting stopped: cannot write {db} (unable to open database file)"
    before = db.read_bytes()
    kiosk = build(make_kiosk)
    assert kiosk.stats is not None
    assert kiosk.stats.flush()
    assert kiosk.stats.problem == reason
    assert_usable(kiosk, qtbot, caplog)
    assert kiosk.stats.flush()
    staff_screen(kiosk)
    today, week, note = staff_usage(kiosk)
    assert note == f"Problem: {reason}"
    assert (today, week) == (("0", "0") if fault == "corrupt" else ("1", "1"))
    assert [r.getMessage() for r in caplog.records if r.name == "kiosk.stats"].count(reason) == 1
    assert db.read_bytes() == before


# -- the log folder -------------------------------------------------------------------------------


@pytest.fixture
def kiosk_logger(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """setup_logging changes the process's "kiosk" logger; put it back for the other tests."""
    monkeypatch.setattr(logs, "_problem", logs.log_problem())
    logger = logging.getLogger("kiosk")
    saved = (list(logger.handlers), logger.propagate, logger.level)
    yield
    for handler in logger.handlers:
        if handler not in saved[0]:
            handler.close()
    logger.handlers[:] = saved[0]
    logger.propagate, logger.level = saved[1], saved[2]


@pytest.mark.parametrize("fault", ["file where the folder should be", "folder made immutable"])
def test_log_folder_unwritable(
    make_kiosk: MakeKiosk,
    kiosk_logger: None,
    immutable: list[Path],
    tmp_path: Path,
    *,
    capsys: pytest.CaptureFixture[str],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """The log folder cannot be written: one line on stderr says so and where logging goes
    instead; the kiosk runs as ever and its log lines go to stderr (the service's journal)."""
    if fault == "file where the folder should be":
        blocker = tmp_path / "state"
        blocker.write_text("a file where the log folder's parent should be")
        folder = blocker / "log"
        why = "Not a directory"
    else:
        folder = tmp_path / "log"
        folder.mkdir()
        make_immutable(immutable, folder)
        why = "Operation not permitted"
    assert setup_logging(folder) is None
    said = capsys.readouterr().err.splitlines()
    assert said == [f"kiosk: cannot write logs in {folder} ({why}); logging to the terminal"]
    assert f"kiosk: {log_problem()}" == said[0]
    kiosk = build(make_kiosk)
    assert_usable(kiosk, qtbot, caplog)
    err = capsys.readouterr().err
    assert " INFO kiosk.app: visit reset" in err  # the log goes on, to the terminal
    assert "unexpected error" not in err
    assert not folder.exists() or list(folder.iterdir()) == []


def test_staff_screen_says_the_log_is_not_written(
    make_kiosk: MakeKiosk, kiosk_logger: None, tmp_path: Path
) -> None:
    """With the log folder unwritable, the staff screen must not send staff to a log file that
    is not being written: it says why, and where the log goes instead."""
    blocker = tmp_path / "state"
    blocker.write_text("a file where the log folder's parent should be")
    assert setup_logging(blocker / "log") is None
    assert log_problem().startswith(f"cannot write logs in {blocker / 'log'}")
    kiosk = build(make_kiosk)
    staff_screen(kiosk)
    assert log_problem() in kiosk.window.staff.about.text()


# -- the clock ------------------------------------------------------------------------------------

IDLE_S, COUNTDOWN_S = 3.0, 2.0
DAY = 86_400

# The real kiosk in its own process, saying on stdout (one JSON object a line) when the visit
# starts, every 0.2 s (with the wall clock it sees), and when the idle warning and reset come.
_IDLE_WATCH = textwrap.dedent(
    f"""
    import json, sys, time
    from PySide6.QtCore import QTimer
    from kiosk.app import Kiosk, application
    from kiosk.config import Settings

    app = application()
    settings = Settings(idle_timeout_s={IDLE_S}, countdown_s={COUNTDOWN_S})
    kiosk = Kiosk(app, settings, windowed=True)
    kiosk.install_exception_hook()
    kiosk.window.resize(1280, 800)
    kiosk.window.show()
    kiosk.look.restyle()

    def say(event, **more):
        more.update(event=event, mono=time.monotonic(), wall=time.time())
        print(json.dumps(more), flush=True)

    def reset():
        say("reset", screen=kiosk.window.current_screen, visit=kiosk.visit.active)
        QTimer.singleShot(100, lambda: app.exit(0))

    def begin():
        started = time.monotonic()  # the idle time runs from the visit's start
        kiosk.visits.start()
        kiosk.reading.open_topic("ibs-leg-pain")
        say("visit", screen=kiosk.window.current_screen, started=started)

    kiosk.idle.warning_started.connect(lambda left: say("warning", left=left))
    kiosk.idle.countdown_changed.connect(lambda left: say("countdown", left=left))
    kiosk.idle.timed_out.connect(reset)  # after the kiosk's own reset, connected first
    tick = QTimer()
    tick.timeout.connect(lambda: say("tick"))
    tick.start(200)
    QTimer.singleShot(0, begin)
    sys.exit(app.exec())
    """
)


def _libfaketime() -> Path:
    found = sorted(Path("/usr/lib").glob("*/faketime/libfaketimeMT.so.1"))
    if not found:
        if os.environ.get("CI"):
            pytest.fail("libfaketime is not installed: scripts/run-tests installs faketime")
        pytest.skip("libfaketime is not installed (apt-get install faketime)")
    return found[0]


def _events(process: subprocess.Popen[str], deadline: float) -> Iterator[dict[str, Any]]:
    """The kiosk's lines as they come, until it closes its output or the deadline passes."""
    assert process.stdout is not None
    while True:
        left = deadline - time.monotonic()
        assert left > 0, "the kiosk process did not finish in time"
        ready, _, _ = select.select([process.stdout], [], [], left)
        if not ready:
            continue
        line = process.stdout.readline()
        if not line:
            return
        yield json.loads(line)


@pytest.mark.parametrize("step", [+1, -1], ids=["forwards", "backwards"])
def test_clock_jumps_across_the_idle_timeout(tmp_path: Path, step: int) -> None:
    """The wall clock jumps a day (NTP after a dead CMOS battery, a hand-set clock) once while
    the patient is idle and again during the "Are you still there?" countdown. The warning
    still comes after the idle time, and the reset after the countdown: neither early (a jump
    forwards) nor late or never (a jump backwards). Real process, real clock calls: libfaketime
    moves the wall clock of the kiosk's process only, and leaves its monotonic clock alone."""
    clock = tmp_path / "faketime.rc"
    clock.write_text("+0\n")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        LD_PRELOAD=str(_libfaketime()),
        FAKETIME_TIMESTAMP_FILE=str(clock),
        FAKETIME_NO_CACHE="1",
        FAKETIME_DONT_FAKE_MONOTONIC="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-c", _IDLE_WATCH],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: dict[str, dict[str, Any]] = {}
    offsets: list[float] = []  # wall minus monotonic, as the kiosk sees them
    try:
        for event in _events(process, time.monotonic() + 60):
            kind = event["event"]
            seen.setdefault(kind, event)
            offsets.append(event["wall"] - event["mono"])
            idle_for = event["mono"] - seen["visit"]["started"] if "visit" in seen else 0.0
            if kind == "tick" and idle_for >= 1.0 and "jump1" not in seen:
                clock.write_text(f"{step:+d}d\n")  # while the patient is idle
                seen["jump1"] = event
            if kind == "warning" and "jump2" not in seen:
                clock.write_text(f"{2 * step:+d}d\n")  # during the countdown
                seen["jump2"] = event
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        _out, err = process.communicate(timeout=30)
    assert code == 0, err
    assert "Traceback" not in err
    assert "unexpected error" not in err
    # The jumps really happened inside the kiosk's process, a day each.
    assert round((max(offsets) - min(offsets)) / DAY) == 2
    assert round((offsets[-1] - offsets[0]) / DAY) == 2 * step
    assert seen["visit"]["screen"] == "topic"
    start, warned = seen["visit"]["started"], seen["warning"]["mono"]
    reset = seen["reset"]["mono"]
    # Qt's coarse timers may fire up to 5 % early, and the countdown looks once a second (so a
    # tick just before its end means one more second); a day's jump would be far outside this.
    assert IDLE_S * 0.95 <= warned - start <= IDLE_S + 1.0
    assert COUNTDOWN_S * 0.95 <= reset - warned <= COUNTDOWN_S + 1.5
    assert seen["warning"]["left"] == COUNTDOWN_S
    assert seen["reset"]["screen"] == "attract"
    assert seen["reset"]["visit"] is False
