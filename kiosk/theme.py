"""Colours and sizes of the two themes, and the stylesheet built from them.

The structure of the look lives in `resources/styles/base.qss`; its `${name}` placeholders are
filled from a Palette (colours) and Metrics (sizes), so every touch size and colour is defined
here once. Contrast is computed from these colours by `contrast_ratio`, never assumed.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from string import Template

from kiosk import fonts, paths


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of one theme. `*_fg` colours are text drawn on the matching `*_bg`."""

    name: str
    window_bg: str
    surface_bg: str
    text_fg: str
    muted_fg: str
    border: str
    primary_bg: str
    primary_fg: str
    primary_pressed_bg: str
    secondary_bg: str
    secondary_fg: str
    focus: str
    summary_bg: str
    summary_fg: str
    tier_911_bg: str
    tier_911_fg: str
    tier_911_accent: str
    tier_doctor_bg: str
    tier_doctor_fg: str
    tier_doctor_accent: str
    tier_watch_bg: str
    tier_watch_fg: str
    tier_watch_accent: str
    tier_header_fg: str
    highlight_bg: str
    highlight_fg: str
    scrim: str
    icon: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every place text is drawn."""
        return [
            ("body text on window", self.text_fg, self.window_bg),
            ("body text on cards", self.text_fg, self.surface_bg),
            ("muted text on window", self.muted_fg, self.window_bg),
            ("muted text on cards", self.muted_fg, self.surface_bg),
            ("primary button", self.primary_fg, self.primary_bg),
            ("primary button pressed", self.primary_fg, self.primary_pressed_bg),
            ("secondary button", self.secondary_fg, self.secondary_bg),
            ("main message", self.summary_fg, self.summary_bg),
            ("tier: call 911", self.tier_911_fg, self.tier_911_bg),
            ("tier: call the doctor", self.tier_doctor_fg, self.tier_doctor_bg),
            ("tier: watch", self.tier_watch_fg, self.tier_watch_bg),
            ("tier heading: call 911", self.tier_header_fg, self.tier_911_accent),
            ("tier heading: call the doctor", self.tier_header_fg, self.tier_doctor_accent),
            ("tier heading: watch", self.tier_header_fg, self.tier_watch_accent),
            ("sentence being read", self.highlight_fg, self.highlight_bg),
        ]


LIGHT = Palette(
    name="light",
    window_bg="#F3F6F5",
    surface_bg="#FFFFFF",
    text_fg="#14252A",
    muted_fg="#2F4449",
    border="#B9C9CC",
    primary_bg="#0A4F5C",
    primary_fg="#FFFFFF",
    primary_pressed_bg="#06333C",
    secondary_bg="#FFFFFF",
    secondary_fg="#0A4F5C",
    focus="#C2410C",
    summary_bg="#E3F1F2",
    summary_fg="#0E2A30",
    tier_911_bg="#FBE9E9",
    tier_911_fg="#3D0A0C",
    tier_911_accent="#9B1118",
    tier_doctor_bg="#FDF1DC",
    tier_doctor_fg="#3A2500",
    tier_doctor_accent="#7A4500",
    tier_watch_bg="#E6EEF9",
    tier_watch_fg="#0B2347",
    tier_watch_accent="#174A94",
    tier_header_fg="#FFFFFF",
    highlight_bg="#FFE680",
    highlight_fg="#14252A",
    scrim="rgba(10, 30, 35, 170)",
    icon="#0A4F5C",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    window_bg="#000000",
    surface_bg="#111111",
    text_fg="#FFFFFF",
    muted_fg="#E6E6E6",
    border="#FFFFFF",
    primary_bg="#FFE14D",
    primary_fg="#000000",
    primary_pressed_bg="#FFF3A6",
    secondary_bg="#000000",
    secondary_fg="#FFE14D",
    focus="#3DE3FF",
    summary_bg="#000000",
    summary_fg="#FFFFFF",
    tier_911_bg="#000000",
    tier_911_fg="#FFFFFF",
    tier_911_accent="#FF8A8A",
    tier_doctor_bg="#000000",
    tier_doctor_fg="#FFFFFF",
    tier_doctor_accent="#FFB84D",
    tier_watch_bg="#000000",
    tier_watch_fg="#FFFFFF",
    tier_watch_accent="#7FB2FF",
    tier_header_fg="#000000",
    highlight_bg="#FFE14D",
    highlight_fg="#000000",
    scrim="rgba(0, 0, 0, 210)",
    icon="#FFE14D",
)

PALETTES: dict[str, Palette] = {p.name: p for p in (LIGHT, HIGH_CONTRAST)}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes in pixels at one text size (100, 130 or 170 %) and one screen scale."""

    body: int
    small: int
    heading: int
    title: int
    display: int
    button_height: int
    button_font: int
    gap: int
    pad: int
    radius: int
    focus_width: int
    scrollbar: int
    icon: int
    tile_icon: int
    tile_min_width: int
    tile_max_width: int
    tile_height: int
    size_a100: int  # the three "A" text-size buttons show the sizes they give
    size_a130: int
    size_a170: int
    keypad_height: int  # the staff PIN pad's keys


# At 1920x1080 and 100 %: body 30 px (rule: at least 28), controls 88 px tall (rule: 72), gaps
# 24 px (rule: 16). Controls do not shrink below these at any size; text grows with the size.
BASE_BODY = 30
MIN_BUTTON = 88
MIN_GAP = 24


def metrics(text_size: int = 100, scale: float = 1.0) -> Metrics:
    """Sizes for a text size in percent and a screen scale (1.0 at 1920x1080 and below)."""
    f = text_size / 100 * scale
    s = scale
    # Controls grow with the text size at a gentler rate than the reading text (30 px bold
    # words at 100 %, 38 px at 170 %): at the largest size the text needs the room more, and
    # on a 1280x720 screen full-rate controls would leave only a few lines for reading.
    c = (1 + (text_size / 100 - 1) * 0.4) * scale

    def px(value: float) -> int:
        return round(value)

    return Metrics(
        body=px(BASE_BODY * f),
        small=px(28 * f),
        heading=px(38 * f),
        title=px(52 * f),
        display=px(72 * f),
        button_height=px(max(MIN_BUTTON * s, 58 * c + 24 * s)),
        button_font=px(30 * c),
        gap=px(MIN_GAP * s),
        pad=px(32 * s),
        radius=px(20 * s),
        focus_width=px(6 * s),
        scrollbar=px(28 * s),
        icon=px(44 * c),
        tile_icon=px(96 * s * min(f / s, 1.3)),
        tile_min_width=px(440 * s * max(1.0, f / s * 0.9)),
        tile_max_width=px(760 * s * max(1.0, f / s * 0.9)),
        tile_height=px(max(300 * s, 250 * f)),
        size_a100=px(30 * s),
        size_a130=px(39 * s),
        size_a170=px(51 * s),
        keypad_height=px(max(MIN_BUTTON * s, 58 * c + 24 * s) * 1.25),
    )


def screen_scale(width: int, height: int) -> float:
    """1.0 up to 1920x1080 (either way round); larger screens scale up, so 4K is 2.0."""
    long_side, short_side = max(width, height), min(width, height)
    return max(1.0, min(long_side / 1920, short_side / 1080))


def stylesheet(palette: Palette, sizes: Metrics) -> str:
    """The stylesheet for one theme at one size."""
    return _stylesheet(palette, sizes, fonts.css_families())


@functools.lru_cache(maxsize=12)  # the six looks of a screen size, and another size's
def _stylesheet(palette: Palette, sizes: Metrics, families: str) -> str:
    template = Template((paths.STYLES / "base.qss").read_text(encoding="utf-8"))
    values = {
        **dataclasses.asdict(palette),
        **{k: f"{v}px" for k, v in dataclasses.asdict(sizes).items()},
        "font_families": families,
    }
    return template.substitute(values)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    value = colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two #RRGGBB colours (1 to 21)."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
