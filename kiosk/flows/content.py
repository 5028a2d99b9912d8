"""Content packs on the kiosk: checked at start and every `content_check_s`, fetched and checked
off the GUI thread, and put in use only while nobody is at the kiosk.

The check (`kiosk.content.updates.check_once`) runs in a thread of its own and leaves its result
in a queue that a timer here collects, so no Qt object is touched off the GUI thread. A newer
pack, once unpacked and checked, waits until the attract or dark screen is on show; then the
state file is switched in one rename and the topics are listed again. If the new pack's topics
do not all load (a disk gone bad since they were checked), the kiosk goes back to the pack it
had, at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import paths
from kiosk.config import Settings, clinic_roots
from kiosk.content.catalog import INDEX_NAME
from kiosk.content.loader import ContentError
from kiosk.content.packs import describe
from kiosk.content.store import PackStore
from kiosk.content.updates import CheckResult, Outcome, check_once, remove_download_leftovers
from kiosk.flows.library import Library
from kiosk.ui.screens import Screen
from kiosk.ui.window import KioskWindow

log = logging.getLogger("kiosk.content")

POLL_MS = 250
FREE_SCREENS = (Screen.ATTRACT, Screen.DARK)  # nobody is using the kiosk


class ContentFlow(QObject):
    """Checks for new content packs and puts them in use; says how it went (`status`)."""

    changed = Signal()  # a check ended, or a pack was put in use: the staff screen follows

    def __init__(
        self,
        *,
        settings: Settings,
        library: Library,
        window: KioskWindow,
        store: PackStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._library, self._window = settings, library, window
        self.store = store if store is not None else PackStore.default()
        self._timer = QTimer(self)
        self._timer.setInterval(int(settings.content_check_s * 1000))
        self._timer.timeout.connect(self.check_now)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._results: queue.SimpleQueue[CheckResult] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._etag = ""
        self._pending: int | None = None
        self._waiting = False
        self.last: CheckResult | None = None
        self.problem = ""  # why packs cannot be taken at all, or why the last one went back
        self.applied_at: float | None = None
        # told the pack in use and the last check's time after each (the kiosk's metrics)
        self.on_status: Callable[[int | None, float | None], None] | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._settings.content_url)

    @property
    def checking(self) -> bool:
        return self._thread is not None

    @property
    def pending(self) -> int | None:
        """A pack checked and unpacked, waiting for nobody to be at the kiosk."""
        return self._pending

    def start(self) -> None:
        """Tidy what an interrupted run left, then check now and every `content_check_s`."""
        if not self.enabled:
            return
        for line in self.store.recover():
            log.warning("content packs: %s", line)
        remove_download_leftovers(self.store)
        if not self._settings.content_public_key:
            self.problem = (
                "content_url is set but content_public_key is not: no pack can be checked,"
                " so none is taken"
            )
            log.warning("content packs: %s", self.problem)
            self._report()
            return
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        """No more checks (a check under way finishes in its thread; its result is dropped)."""
        self._timer.stop()
        self._poll.stop()
        if self._waiting:
            self._window.screen_changed.disconnect(self._screen_changed)
            self._waiting = False

    def check_now(self) -> None:
        """Start a check in the background, unless one is under way."""
        if self._thread is not None or not self.enabled or not self._settings.content_public_key:
            return
        settings = self._settings
        job = {
            "source": settings.content_url,
            "public_key": Path(settings.content_public_key).expanduser(),
            "store": self.store,
            "max_bytes": settings.content_max_mb * 1024 * 1024,
            "etag": self._etag,
            "other_roots": clinic_roots(settings),
            "index": paths.cache_dir() / INDEX_NAME,
        }
        self._thread = threading.Thread(
            target=self._work, kwargs=job, name="content-check", daemon=True
        )
        self._thread.start()
        self._poll.start()

    def _work(self, **job: object) -> None:  # in the check's own thread
        try:
            result = check_once(**job)  # type: ignore[arg-type]
        except Exception as exc:  # a bug must not leave the flow waiting forever
            result = CheckResult(Outcome.FAILED, f"the check failed: {exc!r}", time.time())
        self._results.put(result)

    def _collect(self) -> None:
        try:
            result = self._results.get_nowait()
        except queue.Empty:
            return
        self._poll.stop()
        self._thread = None
        self.last = result
        # Asked again with the tag of a pack taken or already in use; a refused pack is fetched
        # (and refused) again, so its line stays on the staff screen until it is fixed.
        if result.outcome in (Outcome.NEW, Outcome.UP_TO_DATE):
            self._etag = result.etag
        elif result.outcome is Outcome.REFUSED:
            self._etag = ""
        if result.outcome is Outcome.NEW:
            log.info("content pack checked and unpacked: %s", result.detail)
            self._pending = result.version
            self._apply_when_free()
        elif result.outcome is Outcome.UP_TO_DATE:
            log.info("content packs: up to date (%s)", result.detail)
        else:
            log.warning("content packs: %s", result.detail)
        self._report()

    def _apply_when_free(self) -> None:
        if self._window.current_screen in FREE_SCREENS:
            self.apply_pending()
        elif not self._waiting:
            self._window.screen_changed.connect(self._screen_changed)
            self._waiting = True

    def _screen_changed(self, screen: object) -> None:
        if screen in FREE_SCREENS and self._pending is not None:
            self._window.screen_changed.disconnect(self._screen_changed)
            self._waiting = False
            # On a turn of its own, and only if nobody is using the kiosk still: the reset
            # that opens the staff screen passes through the attract screen on its way, and a
            # visit's reset has its own work to do in the turn that shows the attract screen.
            QTimer.singleShot(0, self, self._apply_when_free)

    def apply_pending(self) -> None:
        """Put the waiting pack in use (one rename), list the topics again, and go back if any
        of its topics no longer loads."""
        version, self._pending = self._pending, None
        if version is None:
            return
        before = self.store.active()
        try:
            self.store.switch(version)
        except OSError as exc:
            self.problem = f"cannot put pack {version} in use: {exc.strerror}"
            log.warning("content packs: %s", self.problem)
            self._report()
            return
        content = self._library.reload()
        problem = self._load_problem(version, content.errors, [e.path for e in content.entries])
        if problem:
            self.problem = f"pack {version} did not load ({problem}); " + (
                f"back to pack {before}" if before else "back to the shipped topics"
            )
            log.warning("content packs: %s", self.problem)
            try:
                self.store.roll_back()
            except OSError as exc:
                log.warning("content packs: cannot go back: %s", exc.strerror)
            self._library.reload()
        else:
            self.problem = ""
            self.applied_at = time.time()
            removed = self.store.prune()
            log.info(
                "content pack %d in use (%d topics listed)%s",
                version,
                len(content.entries),
                f"; removed old packs {removed}" if removed else "",
            )
        self._report()

    def _load_problem(
        self, version: int, errors: Sequence[ContentError], entries: Sequence[str]
    ) -> str:
        root = self.store.topics_root(version)
        manifest = self.store.manifest(version)
        if manifest is None:
            return "its manifest cannot be read"
        inside = [str(e) for e in errors if _under(e.path, root)]
        if inside:
            return inside[0]
        listed = sum(1 for path in entries if _under(path, root))
        if listed < manifest.topic_count:
            return f"{listed} of its {manifest.topic_count} topics listed"
        return ""

    def _report(self) -> None:
        if self.on_status is not None:
            self.on_status(self.store.active(), self.last.checked_at if self.last else None)
        self.changed.emit()

    def status(self) -> tuple[bool | None, str]:
        """For the staff screen: (working?, one line); None when packs are not used."""
        if not self.enabled:
            return None, "content packs are off (no content_url): the shipped topics are shown"
        version = self.store.active()
        manifest = self.store.manifest(version) if version is not None else None
        in_use = describe(manifest) if manifest else "none yet: the shipped topics are shown"
        line = f"in use: {in_use}"
        if self._pending is not None:
            line += f"; pack {self._pending} is ready and goes in use when nobody is here"
        last = self.last
        if last is not None:
            when = dt.datetime.fromtimestamp(last.checked_at).strftime("%Y-%m-%d %H:%M")
            line += f"; last check {when}: {last.outcome.value}"
            if last.outcome is not Outcome.UP_TO_DATE:
                line += f" ({last.detail})"
        elif self.checking:
            line += "; checking now"
        if self.problem:
            line += f"; {self.problem}"
        ok = not self.problem and (
            last is None or last.outcome in (Outcome.NEW, Outcome.UP_TO_DATE)
        )
        return ok, line


def _under(path: str, root: Path) -> bool:
    try:
        return Path(path).is_relative_to(root)
    except ValueError:
        return False
