"""Sizes and colours measured from the real widgets, not assumed from the stylesheet."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.theme import PALETTES, contrast_ratio
from tests.gui.conftest import MakeKiosk

MIN_TARGET = 72
MIN_GAP = 16
MIN_BODY = 28


def visible(window: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [w for w in window.findChildren(kind) if w.isVisibleTo(window) and w.isVisible()]


def rect_in(window: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def gap(a: QRect, b: QRect) -> int:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return max(dx, dy)


def each_screen(kiosk: Kiosk, qtbot: QtBot):  # type: ignore[no-untyped-def]
    w = kiosk.window
    yield "attract"
    qtbot.mouseClick(w.attract.start, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    yield "home"
    tile = w.home.tiles[0]
    w.home.scroll_area.ensureWidgetVisible(tile)  # below the fold at 170 % on 1280x720
    qtbot.wait_until(lambda: tile.visibleRegion().boundingRect() == tile.rect(), timeout=2_000)
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)

    def whole_page() -> bool:
        page = w.topic.page
        return page is not None and page.whole

    qtbot.wait_until(whole_page, timeout=5_000)
    yield "topic"  # the whole page, its warning signs too
    qtbot.mouseClick(w.topic.print_button, Qt.MouseButton.LeftButton)
    qtbot.wait(1)
    yield "handout"
    qtbot.mouseClick(w.handout.back, Qt.MouseButton.LeftButton)
    w.overlay.show_warning(15)
    qtbot.wait(1)
    yield "overlay"
    w.overlay.hide()
    kiosk.staff_mode.open_pin_pad()  # at the patient's text size: it opens over their visit
    qtbot.wait(1)
    yield "pin"
    kiosk.staff_mode.open_staff()
    qtbot.wait(1)
    yield "staff"


SIZES_AND_TEXT = [
    ((1920, 1080), 100, "en"),
    ((1080, 1920), 100, "en"),
    ((1280, 720), 100, "en"),
    ((1280, 720), 130, "en"),
    ((1280, 720), 170, "en"),
    ((1280, 720), 170, "es"),  # Spanish words run longer
    ((1920, 1080), 130, "en"),
    ((1920, 1080), 170, "es"),
    ((1080, 1920), 130, "es"),  # portrait: the page is narrower than its texts' one line
    ((1080, 1920), 170, "en"),
]


def make_sized(make_kiosk: MakeKiosk, size: tuple[int, int], text_size: int, lang: str) -> Kiosk:
    # A long idle time: the idle warning must not come up by itself while a slow machine
    # measures (the overlay is measured on purpose as its own step).
    kiosk = make_kiosk(Settings(idle_timeout_s=600, attract_rotate_s=0.05), size=size)
    kiosk.visit.update(text_size=text_size, language=lang)
    return kiosk


@pytest.mark.parametrize(("size", "text_size", "lang"), SIZES_AND_TEXT)
def test_every_button_is_big_enough_and_apart(
    make_kiosk: MakeKiosk, qtbot: QtBot, size: tuple[int, int], text_size: int, lang: str
) -> None:
    kiosk = make_sized(make_kiosk, size, text_size, lang)
    checked = 0
    for name in each_screen(kiosk, qtbot):
        # Nothing may push the window past the screen (its layout's minimum must fit).
        assert (kiosk.window.width(), kiosk.window.height()) == size, name
        buttons = visible(kiosk.window, QPushButton)
        if name == "overlay":
            buttons = visible(kiosk.window.overlay, QPushButton)
        assert buttons, name
        rects = [rect_in(kiosk.window, b) for b in buttons]
        for button, rect in zip(buttons, rects, strict=True):
            assert rect.height() >= MIN_TARGET, (name, button.accessibleName(), rect)
            assert rect.width() >= MIN_TARGET, (name, button.accessibleName(), rect)
            checked += 1
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert gap(a, b) >= MIN_GAP, (name, a, b)
    assert checked >= 6


def test_text_is_at_least_28_px(kiosk: Kiosk, qtbot: QtBot) -> None:
    measured = 0
    for name in each_screen(kiosk, qtbot):
        root = kiosk.window.overlay if name == "overlay" else kiosk.window
        for label in visible(root, QLabel):
            if not label.text() or (label.pixmap() and not label.pixmap().isNull()):
                continue
            assert label.font().pixelSize() >= MIN_BODY, (name, label.text()[:40])
            measured += 1
        for button in visible(root, QPushButton):
            if button.text():
                assert button.font().pixelSize() >= MIN_BODY, (name, button.text())
    assert measured > 30


def test_body_text_is_30_px_at_100_and_grows_with_the_text_size(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    sizes = {}
    for percent in (100, 130, 170):
        kiosk.visit.update(text_size=percent)
        body = kiosk.window.topic.readings[2 + 1]  # the first section's text, as now shown
        sizes[percent] = body.font().pixelSize()
    assert sizes == {100: 30, 130: 39, 170: 51}


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_every_text_colour_has_7_to_1_contrast(theme: str) -> None:
    palette = PALETTES[theme]
    ratios = {what: contrast_ratio(fg, bg) for what, fg, bg in palette.text_pairs()}
    low = {what: round(r, 2) for what, r in ratios.items() if r < 7.0}
    assert low == {}
    assert len(ratios) >= 12


def test_contrast_formula_on_known_pairs() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_widgets_draw_the_theme_colours(kiosk: Kiosk, qtbot: QtBot, theme: str) -> None:
    """The colours checked above are the ones the widgets really use."""
    kiosk.visits.start()
    kiosk.visit.update(theme=theme)
    kiosk.reading.open_topic("ibs-leg-pain")
    palette = PALETTES[theme]
    text = kiosk.window.topic.readings[3]
    assert text.palette().color(text.foregroundRole()).name().upper() == palette.text_fg.upper()
    tier_label = next(r for r in kiosk.window.topic.readings if r.objectName() == "TierLabel")
    colour = tier_label.palette().color(tier_label.foregroundRole()).name().upper()
    assert colour == palette.tier_header_fg.upper()


def clipped_labels(root: QWidget) -> list[str]:
    """Visible word-wrapped labels whose text needs more height than they were given."""
    found = []
    for label in visible(root, QLabel):
        if label.wordWrap() and label.text():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                found.append(f"{label.text()[:30]!r} needs {needed}, has {label.height()}")
    return found


@pytest.mark.parametrize(("size", "text_size", "lang"), SIZES_AND_TEXT)
def test_no_label_is_cut_off(
    make_kiosk: MakeKiosk, qtbot: QtBot, size: tuple[int, int], text_size: int, lang: str
) -> None:
    kiosk = make_sized(make_kiosk, size, text_size, lang)
    for name in each_screen(kiosk, qtbot):
        qtbot.wait(10)
        root = kiosk.window.overlay if name == "overlay" else kiosk.window
        assert clipped_labels(root) == [], name


def test_a_bigger_screen_scales_the_look_up(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    body = kiosk.window.home.hint
    assert body.font().pixelSize() == 30
    kiosk.window.resize(3840, 2160)  # e.g. the kiosk's screen swapped for a 4K one
    qtbot.wait_until(lambda: body.font().pixelSize() == 60, timeout=2000)
    assert kiosk.window.home.tiles[0].height() >= 2 * 300


@pytest.mark.parametrize("theme", sorted(PALETTES))
def test_the_focus_ring_stands_out(theme: str) -> None:
    """WCAG 1.4.11: a focus indicator needs 3:1 against what is around it."""
    palette = PALETTES[theme]
    for around in (palette.window_bg, palette.surface_bg, palette.secondary_bg):
        assert contrast_ratio(palette.focus, around) >= 3.0, around


def test_the_focus_ring_is_thick_and_drawn(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    button = kiosk.window.home.controls.contrast
    before = button.grab().toImage()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.wait_until(button.hasFocus)
    after = button.grab().toImage()
    focus = PALETTES["light"].focus.upper()
    mid = after.height() // 2
    ring = [after.pixelColor(x, mid).name().upper() for x in range(6)]
    assert ring.count(focus) >= 5, ring  # 6 px at 1920x1080, in the theme's focus colour
    assert before.pixelColor(2, mid).name().upper() != focus
