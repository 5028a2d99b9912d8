"""Printing the handout with no dialog: the page is written as a PDF and handed to the print
system (CUPS's `lp`), in the background, so the screen never waits on a printer.

Before each print the queue is asked for its state (`lpstat`), so a missing or stopped printer
gives the patient one calm line and staff the reason, without a job left stuck in a queue. The
page is drawn into its PDF meanwhile, by a process of its own (`kiosk.handout.draw`): drawing a
page in Chinese takes 30-50 ms of the interpreter, most of it the PDF writer embedding the
font, which the screen would miss frames for. The kiosk only writes down the page's recipe (a
few ms, a turn after the tap, so the patient sees "sending" first). A drawing process that
cannot start, crashes or hangs does not cost the patient the page: it is drawn in the kiosk
then, as it was before there was such a process.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QProcess, QTimer, Signal, Slot

if TYPE_CHECKING:
    from kiosk.handout.layout import Handout

log = logging.getLogger("kiosk.print")

STEP_TIMEOUT_MS = 15_000
DRAW_COMMAND = [sys.executable, "-m", "kiosk.handout.draw"]


def _let_go(process: QProcess) -> None:
    """A step of the print path that is over: it says nothing more (its timers stopped, its
    signals cut), is stopped if it still runs, and is deleted."""
    for timer in process.findChildren(QTimer):
        timer.stop()
    process.finished.disconnect()
    process.errorOccurred.disconnect()
    if process.state() != QProcess.ProcessState.NotRunning:
        process.kill()
        process.waitForFinished(1000)
    process.deleteLater()


Ended = Callable[[int, QProcess.ExitStatus, str], None]


class PrintJob(QObject):
    """One page handed to the print system. It answers once, to whoever asked for it: a
    patient's page and a staff test page each have their own, so no answer goes astray."""

    printed = Signal(str)  # the print system's job id
    failed = Signal(str)  # the reason


class PrintService(QObject):
    """One print at a time; each `print_handout` gives a `PrintJob` that answers for it. The
    service also says `printed(job)` or `failed(reason)` for every print (the log, the soak)."""

    printed = Signal(str)  # the print system's job id
    failed = Signal(str)  # the reason, for staff and the log (the patient sees one calm line)
    status_known = Signal(bool, str)  # ready?, and a line for staff (from `check`)

    def __init__(self, printer: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.printer = printer
        self._process: QProcess | None = None
        self._pdf: Path | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None  # made at the first print
        self.last_problem = ""
        self._checking: QProcess | None = None
        self._job: PrintJob | None = None
        self._page: Handout | None = None  # the page of the print under way
        self._drawing: QProcess | None = None  # the drawing process, while it draws
        self._drawn = False  # the page is in its PDF
        self._target = ""  # the queue, once the print system has said it is ready
        self.step_timeout_ms = STEP_TIMEOUT_MS  # for each call of lpstat or lp, and the drawing
        self.draw_command = list(DRAW_COMMAND)

    @property
    def busy(self) -> bool:
        """True while a print is being handed over."""
        return self._process is not None

    def print_handout(self, handout: Handout, title: str) -> PrintJob | None:
        """Start printing: the job that will answer, or None while another print is under way.
        A print that cannot even start answers `failed` as soon as the event loop turns, so
        the caller has connected to it by then."""
        if self.busy:
            return None
        job = PrintJob(self)
        if shutil.which("lp") is None or shutil.which("lpstat") is None:
            self._fail("the print system (CUPS: lp, lpstat) is not installed", job)
            return job
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="kiosk-print-")
        self._pdf = Path(self._tmp.name) / "handout.pdf"
        self._title = title
        self._job = job
        self._page = handout
        self._drawn, self._target = False, ""
        args = ["-p", self.printer] if self.printer else ["-d"]
        self._run("lpstat", args, self._after_status)
        QTimer.singleShot(0, self, self._start_drawing)
        return job

    @Slot()
    def _start_drawing(self) -> None:
        """Write down the page's recipe and start the process that draws it into the PDF (on
        the turn after the tap, if the print is still under way)."""
        if self._page is None or self._drawing is not None or self._drawn:
            return
        assert self._tmp is not None
        assert self._pdf is not None
        # The recipe's code loads when a page is first printed, not at start-up.
        from kiosk.handout.draw import save_recipe  # noqa: PLC0415

        folder = Path(self._tmp.name) / "page"
        try:
            save_recipe(self._page.recipe, folder)
        except OSError as exc:
            self._fail(f"cannot write the page to print in {folder}: {exc.strerror}")
            return

        def ended(code: int, status: QProcess.ExitStatus, output: str) -> None:
            said = output.splitlines()
            if status == QProcess.ExitStatus.NormalExit and code == 0:
                self._let_go_drawing()
                self._drawn = True
                self._go_on()
            elif status == QProcess.ExitStatus.NormalExit and code == 1 and said:
                self._fail(said[-1])  # why the page could not be written (a full disk)
            else:
                how = f"exit {code}" if status == QProcess.ExitStatus.NormalExit else "crashed"
                self._draw_here(f"it stopped ({how}{': ' + said[-1] if said else ''})")

        self._drawing = self._step(
            [*self.draw_command, str(folder), str(self._pdf)],
            ended=ended,
            hung=lambda: self._draw_here(f"it did not finish in {self._seconds()} s"),
            not_started=lambda: self._draw_here(f"it could not start ({self.draw_command[0]})"),
        )
        self._drawing.start()

    def _let_go_drawing(self) -> None:
        process, self._drawing = self._drawing, None
        if process is not None:
            _let_go(process)

    def _draw_here(self, why: str) -> None:
        """The drawing process failed the page: draw it in the kiosk instead (the screen may
        miss a frame or two; the patient still gets the page)."""
        self._let_go_drawing()
        handout = self._page
        if handout is None:
            return
        assert self._pdf is not None
        log.warning("the page is drawn in the kiosk: the drawing process failed it: %s", why)
        from kiosk.handout.output import HandoutError, write_pdf  # noqa: PLC0415

        try:
            write_pdf(handout, self._pdf)
        except HandoutError as exc:
            self._fail(str(exc))
            return
        self._drawn = True
        self._go_on()

    def _go_on(self) -> None:
        """Hand the PDF to the printer once it is drawn and the printer is known to be ready
        (whichever comes last)."""
        if not self._drawn or not self._target:
            return
        target, self._target = self._target, ""
        assert self._pdf is not None
        self._run("lp", ["-d", target, "-t", self._title, str(self._pdf)], self._after_submit)

    @property
    def checking(self) -> bool:
        """True while `check` waits for the print system's answer."""
        return self._checking is not None

    def check(self) -> None:
        """Ask the print system whether the printer is there and ready (`status_known`)."""
        if self._checking is not None:
            return
        if shutil.which("lpstat") is None:
            self.status_known.emit(False, "the print system (CUPS: lp, lpstat) is not installed")
            return
        args = ["-p", self.printer] if self.printer else ["-d"]

        def answer(ready: bool, line: str) -> None:
            process, self._checking = self._checking, None
            if process is not None:
                _let_go(process)
            self.status_known.emit(ready, line)

        def ended(code: int, _status: QProcess.ExitStatus, output: str) -> None:
            target, problem = self._read_status(code, output)
            named = "the default printer " if not self.printer else "printer "
            answer(not problem, problem or f"{named}'{target}' is ready")

        self._checking = self._step(
            ["lpstat", *args],
            ended=ended,
            hung=lambda: answer(False, self._no_answer()),
            not_started=lambda: answer(False, "the print system could not be started"),
        )
        self._checking.start()

    def _read_status(self, code: int, output: str) -> tuple[str, str]:
        """(queue to print to, "") or ("", the problem), from `lpstat -p NAME` or `lpstat -d`."""
        if self.printer:
            if code != 0 or "Invalid destination" in output:
                return "", f"printer '{self.printer}' does not exist"
            if "disabled" in output:
                why = output.splitlines()[-1].strip()  # lpstat indents the reason with a tab
                return "", f"printer '{self.printer}' is stopped: {why}"
            return self.printer, ""
        match = re.search(r"destination:\s*(\S+)", output)
        if code != 0 or not match:
            return "", "no printer is set and the system has no default printer"
        return match.group(1), ""

    def _step(
        self,
        command: list[str],
        *,
        ended: Ended,
        hung: Callable[[], None],
        not_started: Callable[[], None],
    ) -> QProcess:
        """One step of the print path (lpstat, lp, the drawing process) as a process of its
        own, its output and errors read as one, ready to start. Once started it answers once:
        `ended(exit code, exit status, what it said)`, `hung()` when it has not finished within
        the step time-out, or `not_started()` when it cannot be started. The caller keeps it
        before it starts it (Qt says "cannot start" from inside `start()` when the program is
        missing), and lets it go (`_let_go`) once answered."""
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        process.setProgram(command[0])
        process.setArguments(command[1:])
        timer = QTimer(process)
        timer.setSingleShot(True)
        timer.timeout.connect(hung)

        def finished(code: int, status: QProcess.ExitStatus) -> None:
            timer.stop()
            ended(code, status, bytes(process.readAll().data()).decode("utf-8", "replace").strip())

        def error(kind: QProcess.ProcessError) -> None:
            if kind == QProcess.ProcessError.FailedToStart:
                timer.stop()
                not_started()

        timeout_ms = self.step_timeout_ms
        process.finished.connect(finished)
        process.errorOccurred.connect(error)
        process.started.connect(lambda: timer.start(timeout_ms))
        return process

    def _no_answer(self, what: str = "") -> str:
        """The print system did not answer in the step time-out (`what` of it, if said)."""
        return f"the print system did not answer in {self._seconds()} s" + (
            f" ({what})" if what else ""
        )

    def _seconds(self) -> str:
        return f"{self.step_timeout_ms / 1000:g}"

    def _run(self, program: str, args: list[str], then: Callable[[int, str], None]) -> None:
        """Run lpstat or lp for the print under way; `then(exit code, output)`."""
        if self._process is not None:
            _let_go(self._process)  # the step before (lpstat) is done with
        self._process = self._step(
            [program, *args],
            ended=lambda code, _status, output: then(code, output),
            # A print system that never answers (cupsd stuck: lpstat and lp wait for ever) must
            # not leave the patient "sending" and every later print refused as busy. (Failing
            # the print stops the process.)
            hung=lambda: self._fail(self._no_answer(program)),
            not_started=lambda: self._fail("the print system could not be started"),
        )
        self._process.start()

    def _after_status(self, code: int, output: str) -> None:
        target, problem = self._read_status(code, output)
        if problem:
            self._fail(problem)
            return
        self._target = target
        self._go_on()

    def _after_submit(self, code: int, output: str) -> None:
        match = re.search(r"request id is (\S+)", output)
        if code != 0 or not match:
            self._fail(f"the printer refused the page: {output or f'lp exit {code}'}")
            return
        job = self._job
        self._done()
        self.last_problem = ""
        log.info("%s sent to the printer as %s", self._title, match.group(1))
        self.printed.emit(match.group(1))
        if job is not None:
            job.printed.emit(match.group(1))
            job.deleteLater()

    def _done(self) -> None:
        """The print is over: a step still running (the print system asked while the page
        could not be drawn, or the drawing while the printer is missing) is stopped, and says
        nothing more."""
        self._job = None
        self._page = None
        self._drawn, self._target = False, ""
        self._let_go_drawing()
        process, self._process = self._process, None
        if process is not None:
            _let_go(process)

    def _fail(self, reason: str, before_start: PrintJob | None = None) -> None:
        job = before_start or self._job
        self._done()
        self.last_problem = reason
        log.warning("printing failed: %s", reason)
        self.failed.emit(reason)
        if job is None:
            return

        def answer() -> None:
            job.failed.emit(reason)
            job.deleteLater()

        if before_start is not None:
            QTimer.singleShot(0, job, answer)  # the caller has not connected to it yet
        else:
            answer()

    def close(self) -> None:
        """Stop a printer check still waiting for its answer (there is nobody left to tell:
        left to Qt, the process was killed as the service was deleted, and its answer came to
        a process already gone), stop a page being drawn, and remove the temporary folder (a
        page still to be drawn is not drawn)."""
        self._page = None
        self._let_go_drawing()
        process, self._checking = self._checking, None
        if process is not None:
            _let_go(process)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
