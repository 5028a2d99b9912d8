"""The kiosk under cage, the Wayland kiosk compositor the deployment uses, run as an
unprivileged user (cage refuses root) with the unit's own Qt settings.

Two of wlroots' back ends stand in for a monitor:
- headless (WLR_BACKENDS=headless, software rendering, no input devices): the output as cage
  makes it, screenshotted with grim. On Debian 12's wlroots 0.15, cage shows a client that
  covers an unrotated output by direct scan-out, which the headless output cannot do: grim then
  shows black and the client gets no more frame callbacks (a ticking label stays on its first
  frame). Rotated outputs are composited by cage itself, so the pictures are taken on outputs
  turned 180 degrees (landscape) and 90 degrees (portrait); unrotated, the kiosk's own report of
  what it covers is checked.
- X11 (cage's output is a window on an Xvfb screen): frames flow, the output changes size when
  that window does, and xdotool's real X events reach the kiosk through cage's seat as Wayland
  pointer events.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.display.screens import (
    CLINIC,
    cage_skip_reason,
    coverage,
    find_phrase,
    kiosk_in_cage,
    read_words,
    text_of,
    wait_for,
    xdotool,
    xvfb,
)

pytestmark = pytest.mark.skipif(cage_skip_reason() is not None, reason=str(cage_skip_reason()))


def covers(kiosk: object, output: str, width: int, height: int) -> None:
    """The kiosk's log says its window covers the output (Qt's view of the configure)."""
    kiosk.wait_log(rf"window covers the screen '{output}' \({width}x{height}\+0\+0\)")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("rotation", "width", "height"),
    [(("-r", "-r"), 1280, 720), (("-r",), 720, 1280)],
    ids=["landscape", "portrait"],
)
def test_headless_cage_shows_the_whole_attract_screen(
    tmp_path: Path, rotation: tuple[str, ...], width: int, height: int
) -> None:
    with kiosk_in_cage(rotation) as cage:
        covers(cage.kiosk, "HEADLESS-1", width, height)
        shot = cage.folder / "shot.png"

        def readable() -> list | None:
            words = read_words(cage.screenshot())
            return words if find_phrase(words, "Touch to start") else None

        words = wait_for("'Touch to start' on cage's output", readable, 60, every=1)
        assert isinstance(words, list)
        assert find_phrase(words, CLINIC) is not None, text_of(words)
        picture = coverage(shot)
        assert (picture.width, picture.height) == (width, height)
        assert picture.black == 0, f"{picture.black:.0%} of the output is unlit"


def test_headless_cage_unrotated_window_covers_the_output(tmp_path: Path) -> None:
    with kiosk_in_cage() as cage:
        covers(cage.kiosk, "HEADLESS-1", 1280, 720)
        assert "does not cover" not in cage.kiosk.log()


def cage_window(display: str) -> str:
    """The X window that is cage's output: the one window on the Xvfb screen (it has no name)."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-children", "-display", display],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found = re.findall(r"^\s+(0x[0-9a-f]+) .*\d+x\d+\+", tree, re.MULTILINE)
    return found[0] if len(found) == 1 else ""


def test_cage_output_resized_and_real_input(tmp_path: Path) -> None:
    """cage's output grows and turns to portrait; the kiosk follows each time, and a click
    sent to cage as a real X event starts a visit."""
    with xvfb(1920, 1920) as display:
        backend = {"WLR_BACKENDS": "x11", "WLR_RENDERER": "pixman", "DISPLAY": display}
        with kiosk_in_cage(backend=backend) as cage:
            kiosk = cage.kiosk
            window = wait_for("cage's output window", lambda: cage_window(display), 30)
            assert isinstance(window, str)
            first = kiosk.wait_log(r"window covers the screen '(X11-1)' \((\d+)x(\d+)\+0\+0\)")
            start = (int(first.group(2)), int(first.group(3)))
            for width, height in [(1600, 900), (900, 1600)]:
                xdotool(display, "windowsize", window, str(width), str(height))
                covers(kiosk, "X11-1", width, height)

                def painted(w: int = width, h: int = height) -> bool:
                    picture = coverage(cage.screenshot())
                    return (picture.width, picture.height) == (w, h) and picture.black == 0

                wait_for(f"a whole {width}x{height} picture", painted, 30, every=1)
            log = kiosk.log()
            assert f"{start[0]}x{start[1]}" in log

            words = read_words(cage.screenshot())
            button = find_phrase(words, "Touch to start")
            assert button is not None, text_of(words)
            geometry = subprocess.run(
                ["xdotool", "getwindowgeometry", window],
                env={"DISPLAY": display, "PATH": "/usr/bin:/bin"},
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            match = re.search(r"Position: (\d+),(\d+)", geometry)
            assert match, geometry
            x0, y0 = int(match.group(1)), int(match.group(2))
            bx, by = button.centre
            xdotool(display, "mousemove", str(x0 + bx), str(y0 + by))
            time.sleep(0.3)
            xdotool(display, "click", "1")

            def home() -> bool:
                return find_phrase(read_words(cage.screenshot()), "Audio guide") is not None

            wait_for("the home screen after the click", home, 60, every=1)


@pytest.mark.parametrize(("config", "visible"), [("", False), ('cursor = "shown"\n', True)])
def test_the_pointer_under_cage(config: str, visible: bool) -> None:
    """With a pointer over the kiosk, grim's picture with cursors (-c) differs from the one
    without them exactly when the pointer is drawn. Only the corner the pointer rests in is
    compared: it holds nothing but background, so the attract screen's slow motion elsewhere
    cannot make a difference."""
    with xvfb(1280, 800) as display:
        backend = {"WLR_BACKENDS": "x11", "WLR_RENDERER": "pixman", "DISPLAY": display}
        with kiosk_in_cage(backend=backend, config=config) as cage:
            cage.kiosk.wait_log(r"window covers the screen 'X11-1'")
            wait_for("the attract screen", lambda: coverage(cage.screenshot()).black == 0, 30)
            xdotool(display, "mousemove", "60", "700")
            time.sleep(0.3)
            xdotool(display, "mousemove", "40", "720")  # cage sees the pointer move in
            time.sleep(1)
            corner = "64x64+30+710"
            plain = cage.screenshot("plain.png")
            with_cursor = cage.screenshot("cursor.png", cursors=True)
            crops = []
            for picture in (plain, with_cursor):
                crop = picture.with_suffix(".corner.png")
                subprocess.run(
                    ["convert", str(picture), "-crop", corner, "+repage", str(crop)],
                    check=True,
                    timeout=60,
                )
                crops.append(str(crop))
            differ = subprocess.run(
                ["compare", "-metric", "AE", *crops, "null:"],
                capture_output=True,
                text=True,
                check=False,
            )
            pixels = float(differ.stderr.split()[0])
            assert (pixels > 0) is visible, f"{pixels:g} pixels differ"
