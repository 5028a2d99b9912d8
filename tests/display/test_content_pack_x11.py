"""A content pack reaching a kiosk started as deployed (fullscreen on a real X server, Xvfb)
from a real web server: the new topic's tile is read off the screen after real X taps, and after
a restart a pack signed by another key is refused while the last good one stays in use."""

from __future__ import annotations

import json
from pathlib import Path

from tests.display.screens import find_phrase, kiosk_on_x, needs_x, text_of, xdotool, xvfb
from tests.display.test_x11 import covered, wait_words
from tests.pack_samples import make_keys, make_pack, other_key, serve_packs, shipped_copy

pytestmark = [needs_x]


def test_a_pack_from_a_web_server_on_the_real_screen_and_a_forged_one_refused(
    tmp_path: Path,
) -> None:
    private, public = make_keys(tmp_path / "keys")
    pack = make_pack(
        shipped_copy(tmp_path / "t3", "Sunburn care"), private, tmp_path / "3.kpack", 3
    )
    shot = tmp_path / "shot.png"
    with serve_packs() as (url, served), xvfb(1920, 1080) as display:
        served.body = pack.read_bytes()
        config = "\n".join(
            [f"content_url = {json.dumps(url)}", f"content_public_key = {json.dumps(str(public))}"]
        )
        with kiosk_on_x(display, tmp_path / "kiosk", config) as kiosk:
            covered(display, kiosk, 1920, 1080)
            kiosk.wait_log(r"content pack 3 in use \(7 topics listed\)")
            start, _ = wait_words(display, shot, "Touch to start")
            xdotool(display, "mousemove", *map(str, start), "click", "1")
            tile, home = wait_words(display, shot, "Sunburn care")
            assert find_phrase(home, "Leg pain and IBS") is not None, text_of(home)
            xdotool(display, "mousemove", *map(str, tile), "click", "1")
            _, page = wait_words(display, shot, "Listen")
            assert find_phrase(page, "Sunburn care") is not None, text_of(page)
            assert kiosk.stop() == 0

        # Someone who does not hold the clinic group's key puts a newer pack on the server.
        forger = other_key(tmp_path / "forger")
        forged = make_pack(
            shipped_copy(tmp_path / "t9", "Buy our pills"),
            forger.with_name("pack-signing.key"),
            tmp_path / "9.kpack",
            9,
        )
        served.body = forged.read_bytes()
        with kiosk_on_x(display, tmp_path / "kiosk", config) as kiosk:
            kiosk.wait_log(r"content packs: the pack was refused: its signature does not match")
            start, _ = wait_words(display, shot, "Touch to start")
            xdotool(display, "mousemove", *map(str, start), "click", "1")
            _, home = wait_words(display, shot, "Sunburn care")  # pack 3, kept
            assert find_phrase(home, "Buy our pills") is None, text_of(home)
            assert "Traceback" not in kiosk.log()
            assert kiosk.stop() == 0
