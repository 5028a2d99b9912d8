"""Printing for real: through the kiosk's print path to a CUPS queue whose driver writes PDFs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.stats import summary
from tests.gui.conftest import MakeKiosk
from tests.integration.test_handout_pdf import pdf_pages, pdf_text, qr_codes


def queue(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not set: scripts/run-tests sets up the print queues")
        pytest.skip(f"{name} is not set: run through scripts/run-tests for real printing")
    return value


def open_preview(kiosk: Kiosk, qtbot: QtBot, topic: str = "ibs-leg-pain") -> None:
    kiosk.visits.start()
    kiosk.reading.open_topic(topic)
    qtbot.mouseClick(kiosk.window.topic.print_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen == "handout"


def wait_for_pdf(folder: Path, after: float, job: str = "") -> Path:
    """The PDF that cups-pdf wrote for this job, once it is complete. With the job's id
    ("queue-N"), the PDF of that job (cups-pdf names it "...-job_N.pdf"): another print to the
    same queue may finish meanwhile."""
    deadline = time.monotonic() + 30
    pattern = f"*-job_{job.rsplit('-', 1)[-1]}.pdf" if job else "*.pdf"
    while time.monotonic() < deadline:
        for pdf in folder.glob(pattern):
            if pdf.stat().st_mtime >= after:
                check = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=False)
                if check.returncode == 0:
                    return pdf
        time.sleep(0.2)
    raise AssertionError(f"no complete PDF appeared in {folder}")


def test_print_goes_through_cups_and_comes_out_right(
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    open_preview(kiosk, qtbot)
    screen = kiosk.window.handout
    assert screen.print_button.isEnabled()
    started = time.time() - 1
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000) as printed:
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0].startswith("kiosk-test-pdf-")
    assert screen.status.text() == "Your page is printing. Please pick it up at the front desk."
    assert kiosk.visit.choices.prints_left == 2
    pdf = wait_for_pdf(out, started, printed.args[0])
    assert pdf_pages(pdf) == 1
    text = pdf_text(pdf)
    topic = kiosk.content.find("ibs-leg-pain", "en")
    assert topic is not None
    assert topic.title in text
    for words in (
        "Call 911 now",
        "Call your doctor now or go to urgent care",
        "Watch closely and call your doctor if",
    ):
        assert words in text
    for step in topic.self_care:
        assert " ".join(step.split()) in text, step
    for _tier, signs in topic.warning_signs:
        for sign in signs:
            assert " ".join(sign.split()) in text, sign
    assert qr_codes(pdf, tmp_path) == ["https://medlineplus.gov/irritablebowelsyndrome.html"]


def test_print_limit_per_visit_resets_with_the_visit(
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
) -> None:
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER"), prints_per_visit=1))
    open_preview(kiosk, qtbot, "diarrhea-leg-pain")
    screen = kiosk.window.handout
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert not screen.print_button.isEnabled()
    kiosk.handouts.print()  # a second tap however it comes: refused
    assert screen.status.text().startswith("You have printed all the pages you can for now.")
    assert kiosk.visit.choices.prints_left == 0
    kiosk.visits.reset()
    assert kiosk.visit.choices.prints_left == 1
    open_preview(kiosk, qtbot, "diarrhea-leg-pain")
    assert screen.print_button.isEnabled()


def test_the_patient_sees_sending_before_the_page_is_drawn(
    make_kiosk: MakeKiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The tap shows "sending" in its own turn; on the next, the page's recipe is written down
    and a process of its own draws the page into its PDF, while the print system is asked for
    the printer's state; that PDF is what prints."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    open_preview(kiosk, qtbot, "diarrhea-leg-pain")
    screen = kiosk.window.handout
    drawn: list[bool] = []
    sending = screen.status.text()
    started = time.time() - 1
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000) as printed:
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
        assert screen.status.text() != sending  # "sending" is there when the tap returns
        assert kiosk.printing.busy  # a second tap now is refused, not a second print
        drawn.append(any(Path(tempfile_dir(kiosk)).glob("*.pdf")))
        assert kiosk.printing._drawing is None  # nor started in the tap's turn
        qtbot.wait_until(lambda: kiosk.printing._drawing is not None, timeout=5000)
        drawer = kiosk.printing._drawing
        assert drawer is not None
        assert drawer.program() == sys.executable
        assert drawer.arguments()[:2] == ["-m", "kiosk.handout.draw"]
    assert drawn == [False]  # the page was not drawn in the tap's turn
    assert not [m for m in caplog.messages if "drawn in the kiosk" in m]
    pdf = wait_for_pdf(out, started, printed.args[0])
    topic = kiosk.content.find("diarrhea-leg-pain", "en")
    assert topic is not None
    assert topic.title in pdf_text(pdf)


def test_a_print_system_that_answers_first_waits_for_the_page(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """The printer's state comes back before the page is drawn: nothing is handed to the
    printer until the page is complete, and then it is handed over once."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    open_preview(kiosk, qtbot)
    assert kiosk.handouts._handout is not None
    started = time.time() - 1
    job = kiosk.printing.print_handout(kiosk.handouts._handout, "first answer")
    assert job is not None
    numbers: list[str] = []
    job.printed.connect(numbers.append)
    (asking,) = kiosk.printing.findChildren(QProcess)
    # lpstat's end is handled inside this call, before the event loop has turned at all.
    assert asking.waitForFinished(10_000)
    assert kiosk.printing._process is asking  # lp is not started: there is no page yet
    assert not any(Path(tempfile_dir(kiosk)).glob("*.pdf"))
    qtbot.wait_until(lambda: bool(numbers), timeout=20_000)
    assert numbers[0].startswith("kiosk-test-pdf-")
    assert len(numbers) == 1
    assert "Leg pain and IBS" in pdf_text(wait_for_pdf(out, started, numbers[0]))


def tempfile_dir(kiosk: Kiosk) -> str:
    """The print service's own folder for the page it writes."""
    folder = kiosk.printing._tmp
    assert folder is not None
    return folder.name


# A drawing process that fails the page in each way it can; the patient still gets the page.
CRASHES = "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"
HANGS = "import time; time.sleep(120)"
SAYS_NOTHING = "raise SystemExit(3)"


@pytest.mark.parametrize(
    ("command", "logged"),
    [
        ([sys.executable, "-c", CRASHES], "it stopped (crashed)"),
        ([sys.executable, "-c", SAYS_NOTHING], "it stopped (exit 3)"),
        (["/nonexistent/python"], "it could not start (/nonexistent/python)"),
        ([sys.executable, "-c", HANGS], "it did not finish in 3 s"),
    ],
    ids=["crashes", "exits", "missing", "hangs"],
)
def test_a_drawing_process_that_fails_leaves_the_page_to_the_kiosk(
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
    command: list[str],
    logged: str,
) -> None:
    """The drawing process crashes, exits saying nothing, cannot start or hangs: the kiosk
    draws the page itself (as it did before there was such a process), the patient's page
    prints whole, staff can read why in the log, and a hung process is stopped."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    out = Path(queue("KIOSK_TEST_PDF_DIR"))
    kiosk.printing.draw_command = command
    kiosk.printing.step_timeout_ms = 3000
    open_preview(kiosk, qtbot)
    started = time.time() - 1
    with qtbot.wait_signal(kiosk.printing.printed, timeout=30_000) as printed:
        qtbot.mouseClick(kiosk.window.handout.print_button, Qt.MouseButton.LeftButton)
    assert kiosk.window.handout.status.text() == (
        "Your page is printing. Please pick it up at the front desk."
    )
    assert f"the page is drawn in the kiosk: the drawing process failed it: {logged}" in (
        caplog.messages
    )
    assert kiosk.printing._drawing is None
    pdf = wait_for_pdf(out, started, printed.args[0])
    assert pdf_pages(pdf) == 1
    assert "Leg pain and IBS" in pdf_text(pdf)
    assert drawing_processes(kiosk) == []  # a hung one was stopped


def drawing_processes(kiosk: Kiosk) -> list[str]:
    """The processes still running that draw into this kiosk's print folder."""
    found = subprocess.run(
        ["pgrep", "-f", tempfile_dir(kiosk)], capture_output=True, text=True, check=False
    )
    return found.stdout.split()


def test_a_page_that_cannot_be_written_fails_the_print_with_the_reason(
    make_kiosk: MakeKiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """The drawing process cannot write the PDF (here: a folder stands where it goes) and says
    why: the print fails with that line, the patient gets the calm one, nothing is used up,
    and the next print, once the path is clear, goes through."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    open_preview(kiosk, qtbot)
    kiosk.handouts.print()  # makes the service's folder; this first page prints
    qtbot.wait_until(lambda: not kiosk.printing.busy, timeout=20_000)
    kiosk.visits.reset()
    open_preview(kiosk, qtbot)
    blocker = Path(tempfile_dir(kiosk)) / "handout.pdf"
    blocker.unlink()
    blocker.mkdir()
    with qtbot.wait_signal(kiosk.printing.failed, timeout=20_000) as failed:
        qtbot.mouseClick(kiosk.window.handout.print_button, Qt.MouseButton.LeftButton)
    assert failed.args[0] == f"cannot write {blocker}: Is a directory"
    assert kiosk.window.handout.status.text() == (
        "The printer is not working right now. Please ask the front desk."
    )
    assert kiosk.visit.choices.prints_left == kiosk.settings.prints_per_visit
    assert not [m for m in caplog.messages if "drawn in the kiosk" in m]  # not tried again
    blocker.rmdir()
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        qtbot.mouseClick(kiosk.window.handout.print_button, Qt.MouseButton.LeftButton)


def test_a_kiosk_closed_while_the_page_is_drawn_stops_the_drawing(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """The kiosk is stopped while the drawing process runs: the process is stopped with it,
    and nothing is handed to the printer afterwards."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    kiosk.printing.draw_command = [sys.executable, "-c", HANGS]
    open_preview(kiosk, qtbot)
    answers: list[str] = []
    kiosk.printing.printed.connect(answers.append)
    kiosk.printing.failed.connect(answers.append)
    kiosk.handouts.print()
    qtbot.wait_until(lambda: bool(drawing_processes(kiosk)), timeout=5000)
    folder = tempfile_dir(kiosk)
    kiosk.printing.close()
    assert kiosk.printing._drawing is None
    qtbot.wait(1000)  # the print system's answer comes meanwhile, to nobody
    assert answers == []
    left = subprocess.run(["pgrep", "-f", folder], capture_output=True, check=False)
    assert left.stdout == b""


@pytest.mark.parametrize("printer", ["no-such-printer", "STOPPED"])
def test_missing_or_stopped_printer_gives_one_calm_line(
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
    printer: str,
) -> None:
    name = queue("KIOSK_TEST_STOPPED_PRINTER") if printer == "STOPPED" else printer
    kiosk = make_kiosk(Settings(printer=name))
    open_preview(kiosk, qtbot)
    screen = kiosk.window.handout
    with qtbot.wait_signal(kiosk.printing.failed, timeout=20_000) as failed:
        qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    reason = failed.args[0]
    assert reason.startswith(f"printer '{name}' ")
    assert ("does not exist" in reason) if printer != "STOPPED" else ("is stopped" in reason)
    assert screen.status.text() == (
        "The printer is not working right now. Please ask the front desk."
    )
    assert kiosk.visit.choices.prints_left == 3  # nothing was used up
    qtbot.mouseClick(screen.back, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen == "topic"  # the kiosk carries on


def test_a_page_answered_after_the_visit_ended_leaves_the_next_visit_alone(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """The patient taps Print and walks away; the reset comes before CUPS answers. The page
    still counts as printed, and the next patient starts with the whole allowance."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    open_preview(kiosk, qtbot)
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        kiosk.handouts.print()
        kiosk.visits.reset()  # before the print system has answered
    assert kiosk.visit.choices.prints_left == kiosk.settings.prints_per_visit
    assert kiosk.stats is not None
    kiosk.stats.flush(timeout=5)
    today, _week = summary(kiosk.stats_path, dt.date.today())
    assert today.prints == 1  # the page went out: it counts
    assert kiosk.window.current_screen == "attract"


def test_a_staff_test_page_is_never_taken_for_a_patients(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """Staff print a test page and leave before it is sent: the answer reaches nobody's
    allowance, and a patient's print right after is answered as their own."""
    kiosk = make_kiosk(Settings(printer=queue("KIOSK_TEST_PRINTER")))
    kiosk.staff_mode.open_staff()
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        kiosk.staff_mode.test_print()
        kiosk.visits.reset()  # staff press "Back to patients" at once
    assert kiosk.visit.choices.prints_left == kiosk.settings.prints_per_visit
    assert kiosk.stats is not None
    kiosk.stats.flush(timeout=5)
    assert summary(kiosk.stats_path, dt.date.today())[0].prints == 0  # no patient's page
    open_preview(kiosk, qtbot)
    with qtbot.wait_signal(kiosk.printing.printed, timeout=20_000):
        kiosk.handouts.print()
    qtbot.wait_until(lambda: kiosk.visit.choices.prints_left == 2, timeout=5000)
    assert kiosk.window.handout.status.text() == (
        "Your page is printing. Please pick it up at the front desk."
    )
