"""Drawing a topic's figure (kiosk/figures.py): in the colour asked for, and afresh when the
file changes (a clinic replaces a drawing, then staff reload the content)."""

from __future__ import annotations

import os
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.figures import _figure_image, figure_image, renders


def svg(width: int, height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect x="0" y="0" width="{width}" height="{height}" '
        'fill="currentColor"/></svg>'
    )


def test_a_changed_drawing_is_drawn_afresh(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "a.svg"
    path.write_text(svg(480, 320), encoding="utf-8")
    first = figure_image(str(path), "#112233", 240)
    assert first is not None
    assert (first.width(), first.height()) == (240, 160)
    assert first.pixelColor(120, 80).name() == "#112233"
    path.write_text(svg(480, 480), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = figure_image(str(path), "#112233", 240)
    assert second is not None
    assert (second.width(), second.height()) == (240, 240)


def test_a_drawing_that_is_gone_or_empty_is_not_drawn(tmp_path: Path, qtbot: QtBot) -> None:
    assert figure_image(str(tmp_path / "none.svg"), "#000000", 100) is None
    empty = tmp_path / "empty.svg"
    empty.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    assert not renders(str(empty))
    assert figure_image(str(empty), "#000000", 100) is None


def test_the_same_drawing_in_another_folder_is_not_drawn_again(
    tmp_path: Path, qtbot: QtBot
) -> None:
    """Each content pack's topics come in a folder of their own: its unchanged drawings are
    the ones already drawn (and the cache does not fill with drawings of folders gone)."""
    first, again = tmp_path / "pack-1" / "a.svg", tmp_path / "pack-2" / "a.svg"
    for path in (first, again):
        path.parent.mkdir()
        path.write_text(svg(480, 320), encoding="utf-8")
    _figure_image.cache_clear()
    one = figure_image(str(first), "#112233", 240)
    two = figure_image(str(again), "#112233", 240)
    assert one is not None
    assert two is one
    assert _figure_image.cache_info().currsize == 1
