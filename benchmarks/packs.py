"""Content packs: how large they are and what taking one costs, for the shipped topics and for a
library of 600 topic files. Prints medians; asserts nothing.

    python benchmarks/packs.py [--runs 5]

For each library:

- the pack: files, size unpacked and packed, and `build` time (pack and sign);
- `verify` (signature and every file's hash);
- one whole check as the kiosk runs it off the GUI thread (`check_once`: fetch, verify,
  unpack with every byte checked and flushed to disk, load every topic, list them in the
  content index), from a file and from a real web server on 127.0.0.1;
- putting the pack in use on the GUI thread (`ContentFlow.apply_pending`: the state file's
  rename and the topics listed again from the index the check wrote);
- the GUI thread's longest stall while a check runs in its thread (a 5 ms timer's longest
  gap, against the same timer with nothing else running). Aim: under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def _timed(
    action: Callable[[], object], runs: int, before: Callable[[], object] = lambda: None
) -> list[float]:
    samples = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def _library(base: Path, count: int) -> Path:
    from kiosk import paths
    from tests.library_samples import make_library

    folder = base / "topics"
    shutil.copytree(paths.TOPICS, folder)
    if count:
        make_library(folder, count, ("en", "es"))
    return folder


def _stall(work: Callable[[], object]) -> tuple[float, float]:
    """(longest gap of a 5 ms timer while `work` runs in a thread, and with nothing running)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    def probe(thread_work: Callable[[], object] | None) -> float:
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]
        loop = QEventLoop()
        done = threading.Event()

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e9)
            last[0] = now
            if done.is_set():
                loop.quit()

        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(tick)
        timer.start()
        if thread_work is None:
            QTimer.singleShot(1000, done.set)
        else:
            threading.Thread(target=lambda: (thread_work(), done.set()), daemon=True).start()
        loop.exec()
        timer.stop()
        return max(gaps)

    return probe(work), probe(None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, count in (
        ("shipped topics", 0),
        ("600 files (300 en + 300 es, and the shipped)", 300),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            _measure(name, count, args.runs, Path(tmp))


def _measure(name: str, count: int, runs: int, base: Path) -> None:
    from kiosk.content.packs import build_pack, load_private_key, load_public_key, verify_pack
    from tests.pack_samples import make_keys, serve_packs

    os.environ["KIOSK_DATA_DIR"] = str(base / "data")
    os.environ["KIOSK_CACHE_DIR"] = str(base / "cache")
    folder = _library(base, count)
    private, public = make_keys(base / "keys")
    key = load_private_key(private)
    out = base / "pack.kpack"
    versions = iter(range(1, 10_000))
    built = _timed(lambda: build_pack(folder, key, out, next(versions)), runs)
    manifest = verify_pack(out, load_public_key(public))
    print(f"== {name}: {manifest.topic_count} topics, {len(manifest.files)} files")
    print(
        f"  pack: {manifest.total_bytes / 1024:.0f} KiB unpacked, "
        f"{out.stat().st_size / 1024:.0f} KiB packed; build {_median_ms(built)}"
    )
    verified = _timed(lambda: verify_pack(out, load_public_key(public)), runs)
    print(f"  verify: {_median_ms(verified)}")

    def fresh() -> None:
        shutil.rmtree(base / "data", ignore_errors=True)
        shutil.rmtree(base / "cache", ignore_errors=True)

    def check(source: str) -> None:
        _check(source, public, base)

    from_file = _timed(lambda: check(str(out)), runs, fresh)
    print(f"  check from a file (fetch, verify, unpack, load, index): {_median_ms(from_file)}")
    with serve_packs() as (url, served):
        served.body = out.read_bytes()
        from_web = _timed(lambda: check(url), runs, fresh)
    print(f"  check from a web server: {_median_ms(from_web)}")
    applied = [_apply_once(out, public, fresh) for _ in range(runs)]
    print(f"  put in use on the GUI thread (switch, list again): {_median_ms(applied)}")
    fresh()
    during, idle = _stall(lambda: check(str(out)))
    print(
        f"  GUI thread's longest stall while a check runs: {during * 1000:.1f} ms "
        f"(idle: {idle * 1000:.1f} ms)"
    )


def _check(source: str, public: Path, base: Path) -> None:
    from kiosk.content.store import PackStore
    from kiosk.content.updates import Outcome, check_once

    result = check_once(
        source=source,
        public_key=public,
        store=PackStore.default(),
        max_bytes=200 * 1024 * 1024,
        index=base / "cache" / "content-index.json",
    )
    assert result.outcome is Outcome.NEW, result.detail


def _apply_once(pack: Path, public: Path, fresh: Callable[[], None]) -> float:
    """The kiosk's own flow, started as at start-up; the time its switch took."""
    from kiosk.app import Kiosk, application
    from kiosk.config import Settings

    fresh()
    app = application()
    settings = Settings(content_url=str(pack), content_public_key=str(public))
    kiosk = Kiosk(app, settings, windowed=True, count_usage=False)
    flow, real_apply = kiosk.packs, kiosk.packs.apply_pending
    took: list[float] = []

    def timed_apply() -> None:
        start = time.perf_counter()
        real_apply()
        took.append(time.perf_counter() - start)

    flow.apply_pending = timed_apply  # type: ignore[method-assign]
    flow.start()  # the check in its thread, then the switch on the attract screen
    deadline = time.monotonic() + 120
    while flow.store.active() is None or flow.checking:
        app.processEvents()
        time.sleep(0.005)
        if time.monotonic() > deadline:
            raise SystemExit(f"the pack was not put in use: {flow.status()[1]}")
    kiosk.shutdown()
    kiosk.window.close()
    kiosk.window.deleteLater()
    app.processEvents()
    return took[0]


if __name__ == "__main__":
    main()
