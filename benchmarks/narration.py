"""Narration figures on the real engine. Prints medians; asserts nothing.

    python benchmarks/narration.py [--runs 15]

- Listen tap to the player playing: cold (nothing rendered yet, the topic just opened) and warm
  (the first sentence already rendered). Aims: under 150 ms cold, under 60 ms warm.
- Time to pre-render a whole topic in the background.
- Memory: the kiosk process and the render process (resident set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mib(pid: int) -> float:
    """Resident memory of a process from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:  # noqa: PLR0915 - one measuring script, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop

    from kiosk import paths
    from kiosk.app import application
    from kiosk.content import load_topics
    from kiosk.narration.cache import WavCache
    from kiosk.narration.narrator import Narrator, State
    from kiosk.narration.render import RenderClient
    from kiosk.narration.script import flatten, reading_blocks

    app = application()
    loop = QEventLoop()

    def spin(until: object, timeout_s: float = 30) -> None:
        deadline = time.perf_counter() + timeout_s
        while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    client = RenderClient()
    client.start()
    spin(lambda: client.is_ready)
    topics = load_topics(paths.TOPICS).by_lang("en")
    cold, warm, prerender = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs + 1):
            cache = WavCache(Path(tmp) / f"run{run}")
            narrator = Narrator(client, cache)
            topic = topics[run % len(topics)]
            sentences, _ = flatten(reading_blocks(topic))
            narrator.player  # noqa: B018 - make the player as the kiosk has it by the first tap
            for label, samples in (("cold", cold), ("warm", warm)):
                narrator.load(sentences, "en")
                if label == "warm":
                    spin(lambda n=narrator: n.client.pending() == 0)
                start = time.perf_counter()
                narrator.play()
                spin(
                    lambda n=narrator: (
                        n.player.playbackState() == n.player.PlaybackState.PlayingState
                    )
                )
                if run:  # the first run warms the media back end
                    samples.append(time.perf_counter() - start)
                narrator.stop()
            narrator.stop()
            # The whole topic again, on a fresh cache: rendering only, nothing remembered.
            narrator = Narrator(client, WavCache(Path(tmp) / f"pre{run}"))
            start = time.perf_counter()
            narrator.load(sentences, "en")
            spin(lambda n=narrator: n.client.pending() == 0)
            if run:
                prerender.append((time.perf_counter() - start, len(sentences)))
            assert narrator.state is State.IDLE
        kiosk_mem, worker_mem = rss_mib(os.getpid()), rss_mib(client.pid)
    client.stop()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:6.1f} ms"

    print(f"{'listen to playing, cold':<30} {ms(cold)}   (aim < 150 ms; {args.runs} runs)")
    print(f"{'listen to playing, warm':<30} {ms(warm)}   (aim < 60 ms)")
    times = [t for t, _ in prerender]
    count = statistics.median(n for _, n in prerender)
    print(f"{'pre-render a whole topic':<30} {ms(times)}   ({count:.0f} sentences)")
    print(f"{'memory':<30} kiosk {kiosk_mem:.1f} MiB + render process {worker_mem:.1f} MiB")
    app.quit()


if __name__ == "__main__":
    main()
