"""The kiosk's screens by name, and what the window asks of every one of them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # names for the annotations only: the command line imports Screen, not Qt
    from PySide6.QtWidgets import QWidget

    from kiosk.theme import Metrics, Palette


class Screen(StrEnum):
    """The screens of the kiosk window (a str, so `Screen.TOPIC == "topic"`)."""

    DARK = "dark"
    ATTRACT = "attract"
    HOME = "home"
    TOPIC = "topic"
    HANDOUT = "handout"
    PIN = "pin"
    STAFF = "staff"


class KioskScreen(Protocol):
    """What every screen does for the window: a new screen implements these four and is
    registered once (`KioskWindow._register`); sizes, words and key order then follow."""

    def apply(self, sizes: Metrics, palette: Palette) -> None:
        """Sizes and colours for the current theme and text size."""

    def retranslate(self) -> None:
        """The screen's own words in the current language."""

    def focus_order(self) -> list[QWidget]:
        """The controls in the order keys move through them (reading order)."""

    def first_focus(self) -> QWidget | None:
        """Where keys start when the screen is shown (None: the screen itself)."""
