"""Metrics for Prometheus: this flow tells `KioskMetrics` what the other parts say (printer,
speech, topics, resets), on the GUI thread, and nobody calls it. Usage events reach the metrics
from `UsageStats` itself (its observer), so they are exactly the events it counts."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.config import Settings
from kiosk.flows.library import Library
from kiosk.handout.printing import PrintService
from kiosk.metrics import KioskMetrics
from kiosk.narration.engine import SpeechEngine
from kiosk.session import Visit

REFRESH_MS = 60_000  # the printer is asked (lpstat) and the rest read again this often


class MetricsFlow(QObject):
    """Keeps the health gauges current, and starts and stops the HTTP server."""

    def __init__(
        self,
        *,
        metrics: KioskMetrics,
        settings: Settings,
        library: Library,
        printing: PrintService,
        speech: SpeechEngine,
        visit: Visit,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.metrics = metrics
        self._settings, self._library = settings, library
        self._printing, self._speech = printing, speech
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        library.reloaded.connect(self._topics)
        printing.status_known.connect(self._printer_status)
        printing.printed.connect(lambda _job: metrics.set_printer(True))
        printing.failed.connect(lambda _reason: metrics.set_printer(False))
        speech.ready.connect(lambda _voices: self._speech_state())
        speech.unavailable.connect(lambda _reason: self._speech_state())
        visit.ended.connect(lambda _was_active: metrics.visit_reset())
        self._topics()
        self._speech_state()

    def start(self) -> bool:
        """Serve /metrics on the settings' address and keep the gauges current; False (one
        log line, `metrics.problem` set) if the address cannot be used."""
        if not self.metrics.serve(self._settings.metrics_listen):
            return False
        self.refresh()
        self._timer.start()
        return True

    def stop(self) -> None:
        """Stop refreshing and serving (the port is free again)."""
        self._timer.stop()
        self.metrics.close()

    @Slot()
    def refresh(self) -> None:
        """Read the topics and speech again, and ask the print system about the printer (its
        answer comes back through `status_known`)."""
        self._topics()
        self._speech_state()
        if not self._printing.busy:
            self._printing.check()

    @Slot()
    def _topics(self) -> None:
        content = self._library.content
        self.metrics.set_topics(((t.id, t.lang) for t in content.entries), len(content.errors))

    def _speech_state(self) -> None:
        if self._settings.speech_engine == "none":  # no speakers, on purpose: nothing to watch
            self.metrics.set_speech(None)
            return
        speech = self._speech
        self.metrics.set_speech(bool(speech.is_ready and not speech.dead_reason))

    @Slot(bool, str)
    def _printer_status(self, ready: bool, _detail: str) -> None:
        self.metrics.set_printer(ready)
