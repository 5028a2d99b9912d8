"""The kiosk on a real X server (Xvfb), started exactly as deployed: no --windowed, fullscreen.

The window is measured by the X server, the screen is read from the X server's framebuffer, and
input is real X events from xdotool (the XTEST extension, as a touchscreen's X driver sends
pointer events), not events made inside Qt.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.staff import hash_pin
from tests.display.screens import (
    CLINIC,
    Geometry,
    Kiosk,
    coverage,
    drag,
    find_phrase,
    kiosk_on_x,
    needs_x,
    pointer_visible,
    read_words,
    text_of,
    wait_for,
    window_geometry,
    x_screenshot,
    xdotool,
    xvfb,
)
from tests.library_samples import make_library

pytestmark = [needs_x]

STAFF_PIN = "27182818"


def covered(display: str, kiosk: Kiosk, width: int, height: int) -> Geometry:
    """Wait until the kiosk says it covers the screen; the geometry the X server has for it."""
    kiosk.wait_log(rf"window covers the screen '[^']*' \({width}x{height}\+0\+0\)")
    geometry = wait_for(
        "the kiosk window to be mapped", lambda: window_geometry(display, CLINIC), 30
    )
    assert isinstance(geometry, Geometry)
    return geometry


def wait_words(
    display: str, shot: Path, phrase: str, timeout: float = 60
) -> tuple[tuple[int, int], list]:
    """Screenshots until `phrase` can be read on the screen; where it is and all words."""
    seen: list = []

    def readable() -> tuple[int, int] | None:
        nonlocal seen
        seen = read_words(x_screenshot(display, shot))
        word = find_phrase(seen, phrase)
        return word.centre if word else None

    try:
        where = wait_for(f"{phrase!r} on the screen", readable, timeout, every=0.5)
    except pytest.fail.Exception:
        pytest.fail(f"{phrase!r} never appeared; the screen read: {text_of(seen)}")
    assert isinstance(where, tuple)
    return where, seen


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_covers_the_screen_with_no_window_manager(tmp_path: Path, width: int, height: int) -> None:
    with xvfb(width, height) as display, kiosk_on_x(display, tmp_path / "kiosk") as kiosk:
        geometry = covered(display, kiosk, width, height)
        assert geometry == Geometry(width, height, 0, 0)
        _, words = wait_words(display, tmp_path / "shot.png", "Touch to start")
        shot = coverage(tmp_path / "shot.png")
        assert (shot.width, shot.height) == (width, height)
        assert shot.black == 0, f"{shot.black:.0%} of the screen is unlit"
        assert find_phrase(words, CLINIC) is not None, text_of(words)


@pytest.fixture
def window_manager() -> Iterator[str]:
    """An X screen with a window manager (openbox) that honours fullscreen requests."""
    with xvfb(1920, 1080) as display:
        manager = subprocess.Popen(
            ["openbox"],
            env={"DISPLAY": display, "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(
                "openbox to take the screen",
                lambda: (
                    "_NET_SUPPORTING_WM_CHECK"
                    in subprocess.run(
                        ["xprop", "-root", "-display", display],
                        capture_output=True,
                        text=True,
                        check=False,
                    ).stdout
                ),
                20,
            )
            yield display
        finally:
            manager.terminate()
            manager.wait(timeout=10)


@pytest.mark.skipif(
    subprocess.run(["which", "openbox", "xprop"], capture_output=True, check=False).returncode,
    reason="openbox or xprop is not installed",
)
def test_covers_the_screen_under_a_window_manager(tmp_path: Path, window_manager: str) -> None:
    display = window_manager
    with kiosk_on_x(display, tmp_path / "kiosk") as kiosk:
        covered(display, kiosk, 1920, 1080)
        wait_words(display, tmp_path / "shot.png", "Touch to start")
        shot = coverage(tmp_path / "shot.png")
        assert shot.black == 0, f"{shot.black:.0%} of the screen is unlit"
        # The window manager drew no frame or title bar around it.
        geometry = window_geometry(display, CLINIC)
        assert geometry == Geometry(1920, 1080, 0, 0)


@pytest.mark.parametrize(("config", "visible"), [("", False), ('cursor = "shown"\n', True)])
def test_the_pointer_is_hidden_unless_shown_by_setting(
    tmp_path: Path, config: str, visible: bool
) -> None:
    with xvfb(1920, 1080) as display, kiosk_on_x(display, tmp_path / "k", config) as kiosk:
        covered(display, kiosk, 1920, 1080)
        wait_words(display, tmp_path / "shot.png", "Touch to start")
        xdotool(display, "mousemove", "700", "500")
        time.sleep(0.5)
        assert pointer_visible(display) is visible


def test_a_visit_by_real_x_input(tmp_path: Path) -> None:
    """Touch to start, open a topic from its tile, Listen until it reads, drag the page,
    hold the staff corner, type the PIN, back to patients: every step by real X events, every
    result read off the screen."""
    shot = tmp_path / "shot.png"
    config = f'staff_pin_hash = "{hash_pin(STAFF_PIN)}"\n'
    with xvfb(1920, 1080) as display, kiosk_on_x(display, tmp_path / "kiosk", config) as kiosk:
        covered(display, kiosk, 1920, 1080)
        start, _ = wait_words(display, shot, "Touch to start")
        xdotool(display, "mousemove", *map(str, start), "click", "1")

        tile, _ = wait_words(display, shot, "Leg pain and IBS")  # the home screen's tile
        xdotool(display, "mousemove", *map(str, tile), "click", "1")

        listen, _ = wait_words(display, shot, "Listen")  # the topic screen
        before = read_words(x_screenshot(display, shot))
        assert find_phrase(before, "Print a summary") is not None, text_of(before)
        xdotool(display, "mousemove", *map(str, listen), "click", "1")
        _, playing = wait_words(display, shot, "Reading aloud", timeout=90)
        assert find_phrase(playing, "Pause") is not None, text_of(playing)
        xdotool(display, "mousemove", *map(str, listen), "click", "1")  # Pause, for quiet
        wait_words(display, shot, "Resume")

        # Drag the page up by a finger's worth: the words below come into view.
        page_before = {w.text for w in read_words(x_screenshot(display, shot)) if w.top > 400}
        drag(display, (960, 900), (960, 350))
        time.sleep(1.5)  # kinetic scrolling settles
        page_after = {w.text for w in read_words(x_screenshot(display, shot)) if w.top > 400}
        assert page_after - page_before, "the page did not move under the drag"

        # Press and hold the top-left corner for the staff PIN pad.
        xdotool(display, "mousemove", "10", "10", "mousedown", "1")
        time.sleep(3.6)
        xdotool(display, "mouseup", "1")
        _, pad = wait_words(display, shot, "Staff only")
        assert find_phrase(pad, "Cancel") is not None, text_of(pad)
        assert "staff PIN pad opened" in kiosk.log()

        # The PIN from a keyboard, as the pad takes it: the visit is wiped, then the staff screen.
        xdotool(display, "type", "--delay", "50", STAFF_PIN)
        xdotool(display, "key", "Return")
        back, staff = wait_words(display, shot, "Back to patients")
        assert find_phrase(staff, "Reload topics") is not None, text_of(staff)
        assert "staff screen opened" in kiosk.log()
        xdotool(display, "mousemove", *map(str, back), "click", "1")
        wait_words(display, shot, "Touch to start")


def test_outside_opening_hours_the_screen_is_dark_until_touched(tmp_path: Path) -> None:
    now = dt.datetime.now()
    night = f"{(now - dt.timedelta(hours=1)):%H:%M}-{(now + dt.timedelta(hours=1)):%H:%M}"
    shot = tmp_path / "shot.png"
    config = f'screen_off = "{night}"\n'
    with xvfb(1920, 1080) as display, kiosk_on_x(display, tmp_path / "k", config) as kiosk:
        covered(display, kiosk, 1920, 1080)
        kiosk.wait_log("screen dark")
        time.sleep(0.5)
        assert coverage(x_screenshot(display, shot)).black == 1.0  # nothing lit at all
        xdotool(display, "mousemove", "960", "540", "click", "1")
        wait_words(display, shot, "Touch to start")
        assert coverage(shot).black == 0


def test_a_large_library_by_real_x_input(tmp_path: Path) -> None:
    """60 topics: touch to start, a group's tile, a topic's tile in its list, Back to the list
    and to the groups: real X events on pages that scroll, read off the screen."""
    clinic = make_library(tmp_path / "clinic", 60, ("en",))
    shot = tmp_path / "shot.png"
    config = f'topics_dir = "{clinic}"'
    with xvfb(1920, 1080) as display, kiosk_on_x(display, tmp_path / "kiosk", config) as kiosk:
        covered(display, kiosk, 1920, 1080)
        start, _ = wait_words(display, shot, "Touch to start")
        xdotool(display, "mousemove", *map(str, start), "click", "1")

        group, home = wait_words(display, shot, "Legs and feet")
        assert find_phrase(home, "Topics from A to Z") is not None, text_of(home)
        xdotool(display, "mousemove", *map(str, group), "click", "1")

        tile, listing = wait_words(display, shot, "Ankle sprain")  # the legs group's list
        assert find_phrase(listing, "All groups") is not None, text_of(listing)
        xdotool(display, "mousemove", *map(str, tile), "click", "1")
        _, page = wait_words(display, shot, "Listen")
        assert find_phrase(page, "Ankle sprain") is not None, text_of(page)

        back, _ = wait_words(display, shot, "Back")
        xdotool(display, "mousemove", *map(str, back), "click", "1")
        groups, _ = wait_words(display, shot, "All groups")  # the list it came from
        xdotool(display, "mousemove", *map(str, groups), "click", "1")
        _, again = wait_words(display, shot, "Touch where it hurts")
        assert find_phrase(again, "Legs and feet") is not None, text_of(again)
