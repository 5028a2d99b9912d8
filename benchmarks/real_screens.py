"""Start-up on real display servers, the kiosk started as deployed. Prints medians; asserts
nothing.

    python benchmarks/real_screens.py [--runs 5]

For each display server, the time from starting the process to:
- the window covering the screen, as the kiosk logs it (`window covers the screen ...`; the
  line reaches the log file once the file is opened, just after the first frame, so this is
  an upper bound), and
- the whole screen painted, in the display server's own screenshot (on X11 the framebuffer
  through `xwd`; under cage, grim's picture): no pixel of the light theme is pure black.

Display servers: Xvfb at 1920x1080 with no window manager (an `xinit`-style kiosk), and cage's
headless back end turned to landscape (as an unprivileged user; root only). The screenshots
take a moment themselves (about 0.1 to 0.3 s), so the second figure is an upper bound.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.display.screens import (  # noqa: E402 - after the path is set
    Kiosk,
    cage_skip_reason,
    coverage,
    kiosk_in_cage,
    kiosk_on_x,
    x_screenshot,
    xvfb,
)


def wait(check: Callable[[], bool], timeout: float = 120) -> float:
    """Seconds until `check()` is true (polling every 20 ms)."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > timeout:
            raise TimeoutError("the kiosk did not get there in time")
        time.sleep(0.02)
    return time.monotonic()


def one_run(kiosk: Kiosk, started: float, shot: Callable[[], Path]) -> tuple[float, float]:
    """(seconds to covered, seconds to painted) for one started kiosk."""
    covered = wait(lambda: "window covers the screen" in kiosk.log())
    painted = wait(lambda: coverage(shot(), step=16).black == 0)
    return covered - started, painted - started


def report(name: str, runs: list[tuple[float, float]]) -> None:
    covered = statistics.median(r[0] for r in runs)
    painted = statistics.median(r[1] for r in runs)
    print(
        f"{name:34s} covered median {covered * 1000:6.0f} ms   "
        f"painted median {painted * 1000:6.0f} ms   ({len(runs)} runs)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    runs: list[tuple[float, float]] = []
    with xvfb(1920, 1080) as display:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="kiosk-bench-x11-") as folder:
                shot = Path(folder) / "shot.png"
                started = time.monotonic()
                with kiosk_on_x(display, Path(folder) / "kiosk") as kiosk:
                    runs.append(one_run(kiosk, started, lambda s=shot: x_screenshot(display, s)))
    report("Xvfb 1920x1080, no window manager", runs)

    reason = cage_skip_reason()
    if reason:
        print(f"cage: not measured ({reason})")
        return 0
    runs = []
    for _ in range(args.runs):
        started = time.monotonic()
        with kiosk_in_cage(("-r", "-r")) as cage:
            runs.append(one_run(cage.kiosk, started, cage.screenshot))
    report("cage headless 1280x720 (turned)", runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
