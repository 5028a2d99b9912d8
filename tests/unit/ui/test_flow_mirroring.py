"""The flow layout mirrors its rows for a language written right to left exactly as Qt's own
QStyle.visualRect would (it does the sum itself, to leave QStyle unloaded at start-up)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot

from kiosk.ui.flow import _mirrored


def test_mirrored_is_qstyle_visual_rect(qtbot: QtBot) -> None:
    areas = [QRect(x, 5, w, 40) for x, w in itertools.product((-30, 0, 17), (1, 300, 1919))]
    places = [QRect(x, 9, w, 12) for x, w in itertools.product((-40, 0, 5, 299, 1000), (1, 64))]
    for area, place in itertools.product(areas, places):
        expected = QStyle.visualRect(Qt.LayoutDirection.RightToLeft, area, place)
        assert _mirrored(place, area) == expected, (area, place)
