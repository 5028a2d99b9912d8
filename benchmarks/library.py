"""A large library: what start-up, memory, a tap and check-content cost as the topic count
grows. Prints medians; asserts nothing.

    python benchmarks/library.py [--runs 5] [--taps 40]

For each library (the shipped topics alone, then clinic folders of copies of a shipped topic
under other titles and categories: 32 in English, 200 in English, 300 in English and Spanish =
600 files), in a process of its own:

- `screenshot --screen home`, whole process: the first start (the content index is built)
  and later starts (median). Aim: later starts at most 1.5x the shipped-only figure.
- the running kiosk's memory (RSS) after 20 visits of 3 topics each, with the idle resets
  between them. Aim: under 170 MiB with 600 files, and flat in the topic count.
- tile tap to the topic painted, page not built (the first opening in a visit) and page kept
  (opened before in the same visit): median and 95th percentile. Aim: p95 at most 50 ms.
- `check-content` over the library, whole process (median). Aim: under 5 s for 600 files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIBRARIES = (("shipped only", 0, ("en",)), ("32 (en)", 32, ("en",)), ("200 (en)", 200, ("en",)))
LIBRARIES += (("300 en + es (600 files)", 300, ("en", "es")),)


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("KIOSK_DATA_DIR", "KIOSK_CACHE_DIR", "KIOSK_LOG_DIR"):
        env[name] = str(folder / name.lower())
    return env


def _timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # check-content exits 1 for its warnings' problems
        raise SystemExit(f"{args} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def child(config: str, taps: int) -> None:  # noqa: PLR0915 - one run, read top to bottom
    """In this process: the kiosk as deployed (offscreen), visits, taps; prints one JSON line."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from benchmarks.driving import paint_frame
    from kiosk.app import Kiosk, application
    from kiosk.config import load_settings

    app = application()
    settings = load_settings(Path(config))[0]
    kiosk = Kiosk(app, settings, windowed=True, config_path=Path(config))
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    kiosk.look.restyle()
    app.processEvents()
    home = kiosk.window.home

    def settle() -> None:
        """What the event loop does between taps, deferred deletes included (processEvents
        alone, outside a running loop, leaves widgets let go with deleteLater alive)."""
        app.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    rng = random.Random(7)
    cold: list[float] = []
    kept: list[float] = []

    last: list[str] = []

    def tap_tile(again: bool = False) -> float:
        tiles = home.tiles
        if again:  # the topic opened last: its page is kept
            tile = next(t for t in tiles if t.topic_id == last[-1])
        else:
            tile = tiles[rng.randrange(len(tiles))]
            last.append(tile.topic_id)
        start = time.perf_counter()
        tile.click()
        paint_frame(kiosk.window)  # paints synchronously: on screen when this returns
        return time.perf_counter() - start

    def to_a_list() -> None:
        if home.browsing and home.on_groups:
            tiles = home.group_tiles
            tiles[rng.randrange(len(tiles))].click()
            settle()

    visits = max(20, taps // 2)
    for _ in range(visits):
        kiosk.visits.start()
        app.processEvents()
        for _ in range(3):
            to_a_list()
            cold.append(tap_tile())
            settle()
            kiosk.window.go_back()  # to the list the tile was on
            settle()
        # The last topic again: its page is kept for the rest of the visit.
        for _ in range(2):
            kept.append(tap_tile(again=True))
            kiosk.window.go_back()
            settle()
        kiosk.visits.reset()
        settle()
    for _ in range(20):  # anything deleted later is gone
        settle()
    rss = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    print(
        json.dumps(
            {
                "rss": rss,
                "cold": cold[3:],  # the first openings warm the font and icon caches
                "kept": kept[2:],
                "topics": len(kiosk.content.entries),
            }
        )
    )
    kiosk.shutdown()


def _pcts(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000
    return f"median {p50:5.1f} p95 {p95:5.1f} ms"


def measure(runs: int, taps: int) -> None:
    from tests.library_samples import make_library

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "kiosk")], check=True)
    main = str(ROOT / "main.py")
    base_later = 0.0
    print(
        f"{'library':<26} {'files':>5}  {'first start':>11}  {'later starts':>12}  "
        f"{'ratio':>5}  {'RSS':>9}  {'check-content':>13}  tap (not built) / tap (kept)"
    )
    for name, count, langs in LIBRARIES:
        with tempfile.TemporaryDirectory(prefix="kiosk-library-") as tmp:
            folder = Path(tmp)
            config = folder / "kiosk.toml"
            topics = folder / "topics"
            if count:
                make_library(topics, count, langs)
                # As on a kiosk, the files were put there before it starts (not in the last
                # seconds, which the content index would not trust).
                hour_ago = time.time() - 3600
                for file in topics.rglob("*.toml"):
                    os.utime(file, (hour_ago, hour_ago))
                config.write_text(f'topics_dir = "{topics}"\n', encoding="utf-8")
            else:
                config.write_text("", encoding="utf-8")
            files = count * len(langs)
            env = _env(folder)
            shot = [sys.executable, main, "--config", str(config), "screenshot", "--screen"]
            shot += ["home", "-o", str(folder / "home.png")]
            first = _timed(shot, env)
            later = statistics.median(_timed(shot, env) for _ in range(runs))
            if not count:
                base_later = later
            check = [sys.executable, main, "--config", str(config), "check-content", "-q"]
            checks = statistics.median(_timed(check, env) for _ in range(max(1, runs // 2)))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(config), "--taps", str(taps)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            data = json.loads(out.stdout.strip().splitlines()[-1])
            ratio = later / base_later if base_later else 1.0
            print(
                f"{name:<26} {files:>5}  {first * 1000:>8.0f} ms  {later * 1000:>9.0f} ms  "
                f"{ratio:>4.2f}x  {data['rss']:>5.1f} MiB  {checks:>11.2f} s  "
                f"{_pcts(data['cold'])} / {_pcts(data['kept'])}",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--taps", type=int, default=40)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.taps)
    else:
        measure(args.runs, args.taps)


if __name__ == "__main__":
    main()
