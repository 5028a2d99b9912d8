"""Python's cyclic garbage collection, run only on the GUI thread while the kiosk runs.

Python collects reference cycles in whichever thread happens to allocate when a threshold is
crossed: the content-pack check, the usage counter's writer, or a QtMultimedia thread calling
the kiosk's Qt message handler while the GUI thread waits in the player with the GIL let go.
A cycle that holds the last reference to a widget's Python wrapper then deletes the widget on
that thread, and Qt crashes there (a widget may only be touched on the GUI thread). So while a
kiosk runs, automatic collection is off and a timer on the GUI thread collects instead: the
two young generations when their thresholds are passed, as Python itself would, and again at
the end of each visit, when nobody is at the kiosk (garbage too little to pass a threshold
would otherwise wait for more). The oldest generation, whose collection walks every object
alive (tens of milliseconds in a kiosk that has run for a while), is collected only between
visits, at most once a minute (`FULL_EVERY_S`): Python itself puts it off until many new objects
have lived long, which its own counters know and this timer cannot. Reference counting, which
frees almost everything, is unchanged. (The same approach as pyqtgraph's GarbageCollector.)
"""

from __future__ import annotations

import gc
import logging
import sys
import time

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250
FULL_EVERY_S = 60.0
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value

log = logging.getLogger("kiosk")

_users = 0  # kiosks running (tests build several in one process)
_was_enabled = True


class MainThreadCollector(QObject):
    """Turns automatic collection off from `start` to `stop`, and collects on a timer."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._running = False
        self._last_full = time.monotonic()

    def start(self) -> None:
        global _users, _was_enabled  # noqa: PLW0603 (one switch for the whole process)
        if self._running:
            return
        if _users == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _users += 1
        self._running = True
        self._timer.start()

    def stop(self) -> None:
        global _users  # noqa: PLW0603
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        _users -= 1
        if _users == 0 and _was_enabled:
            gc.enable()

    def settle(self) -> int:
        """The running kiosk's start-up is over: every generation is collected once (what the
        start left behind), then what is alive now, the modules, classes, screens and topics
        a kiosk keeps for its life, is frozen (`gc.freeze`): no collection walks it again, so
        the full one between visits walks only what came after (under a millisecond, against
        10-15 ms for a kiosk just started). How many objects were freed."""
        freed = gc.collect()
        gc.freeze()
        self._last_full = time.monotonic()
        log.info(
            "start-up settled: %d objects freed, %d kept for the kiosk's life",
            freed,
            gc.get_freeze_count(),
        )
        return freed

    def collect_between_visits(self) -> int:
        """Between visits: the young generations, and every generation if the last full
        collection is `FULL_EVERY_S` ago; how many objects were freed."""
        if not self._running:
            return 0
        now = time.monotonic()
        if now - self._last_full >= FULL_EVERY_S:
            self._last_full = now
            return gc.collect()
        return gc.collect(1)

    def collect_due(self) -> int:
        """Collect the young generations whose thresholds are passed; how many were freed."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        freed = 0
        for generation in range(2):
            if counts[generation] <= thresholds[generation]:
                break
            freed += gc.collect(generation)
        return freed


def map_large_blocks() -> bool:
    """glibc (Linux): every block of 128 KiB or more (a page image, the 16 MiB a PIN check's
    scrypt takes) gets memory of its own, given back to the system when it is freed. Left to
    itself glibc raises that bound to the largest block freed so far (up to 32 MiB), and from
    then on blocks of a page image's size are carved from the heap, where what is freed around
    them stays with the process: a soak with staff visits grew by 20-25 MiB every 100 visits,
    one without them, or with this, stayed flat. True if it was set (False elsewhere: other C
    libraries keep their own rules)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # noqa: PLC0415 - once, after the first frame

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))
