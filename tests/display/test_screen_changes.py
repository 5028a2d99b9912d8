"""The screen changes under a running kiosk on X11: a new resolution, and the output going
away and coming back.

Xephyr is a real X server (its screen a window on Xvfb) with RandR: xrandr sets its output to
another mode, as a different monitor does, and switches it off and on, which Qt sees as its
QScreen removed and a new one added, as when a cable is pulled and plugged back. (A screen
turned to portrait while the kiosk runs is tested under cage, tests/display/test_cage.py:
Xephyr's RandR refuses a turned mode larger than its first screen.)
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.display.screens import (
    CLINIC,
    Geometry,
    coverage,
    kiosk_on_x,
    missing,
    needs_x,
    wait_for,
    window_geometry,
    x,
    x_screenshot,
    xephyr,
    xvfb,
)

pytestmark = [
    needs_x,
    pytest.mark.skipif(
        bool(missing(("Xephyr", "xrandr"))), reason="Xephyr or xrandr is not installed"
    ),
]


def xrandr(display: str, *args: str) -> None:
    """Change the output; xrandr's exit status is not the judge (Xephyr's output has no gamma
    ramp, which xrandr reports as an error after doing what it was asked), the screen is."""
    subprocess.run(
        ["xrandr", "--output", "default", *args],
        env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=False,
        timeout=30,
    )


def screen_size(display: str) -> tuple[int, int]:
    """The X screen's size as RandR has it now."""
    out = x(display, "xrandr", "--current")
    first = out.splitlines()[0]  # Screen 0: minimum ..., current W x H, maximum ...
    current = first.split("current")[1].split(",")[0].split("x")
    return int(current[0]), int(current[1])


def covers_now(display: str, shot: Path) -> bool:
    """The kiosk window is exactly the screen, and the screen's picture has nothing unlit."""
    width, height = screen_size(display)
    if window_geometry(display, CLINIC) != Geometry(width, height, 0, 0):
        return False
    picture = coverage(x_screenshot(display, shot))
    return (picture.width, picture.height) == (width, height) and picture.black == 0


def test_the_kiosk_follows_its_screen(tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    with (
        xvfb(1920, 1920) as host,
        xephyr(host, 1280, 720) as (display, _window),
        kiosk_on_x(display, tmp_path / "kiosk") as kiosk,
    ):
        kiosk.wait_log(r"window covers the screen '[^']*' \(1280x720\+0\+0\)")
        wait_for("the kiosk to cover 1280x720", lambda: covers_now(display, shot), 30)

        # Another resolution (Xephyr's one listed mode).
        xrandr(display, "--mode", "1600x1200")
        wait_for("the new mode", lambda: screen_size(display) == (1600, 1200), 20)
        kiosk.wait_log(r"window covers the screen '[^']*' \(1600x1200\+0\+0\)")
        wait_for("the kiosk to cover 1600x1200", lambda: covers_now(display, shot), 30)

        # Unplugged and plugged back: Qt replaces its screen, and the kiosk goes with it.
        followed = kiosk.log().count("window on screen")
        xrandr(display, "--off")
        time.sleep(1)
        xrandr(display, "--auto")
        wait_for(
            "the kiosk to move to the new screen",
            lambda: kiosk.log().count("window on screen") > followed,
            30,
        )
        wait_for("the kiosk to cover the screen again", lambda: covers_now(display, shot), 30)
        assert kiosk.process.poll() is None
