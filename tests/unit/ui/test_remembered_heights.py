"""The reading label and the flow layout remember their height for a width; whatever changes
that height must make them work it out again, or words would be cut off."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.flow import FlowLayout
from kiosk.ui.widgets import ReadingLabel

WORDS = ["Drink water often.", "Rest your legs when they hurt.", "Call us if the pain grows."]
WIDTH = 240


def plain_label(label: ReadingLabel) -> QLabel:
    """A label that remembers nothing, set up as `label` is: the height it should have."""
    twin = QLabel(label.text())
    twin.setWordWrap(True)
    twin.setFont(label.font())
    twin.setContentsMargins(label.contentsMargins())
    twin.setStyleSheet(label.styleSheet())
    twin.ensurePolished()
    return twin


def test_a_reading_label_works_its_height_out_again_after_each_change(qtbot: QtBot) -> None:
    label = ReadingLabel(WORDS)
    qtbot.addWidget(label)
    first = label.heightForWidth(WIDTH)
    assert first == plain_label(label).heightForWidth(WIDTH)
    assert label.heightForWidth(WIDTH) == first  # asked again: the same answer

    font = QFont(label.font())
    font.setPointSize(font.pointSize() * 2)
    label.setFont(font)
    bigger = label.heightForWidth(WIDTH)
    assert bigger > first
    assert bigger == plain_label(label).heightForWidth(WIDTH)

    label.setContentsMargins(0, 30, 0, 30)
    assert label.heightForWidth(WIDTH) == bigger + 60

    label.setStyleSheet("font-size: 8px;")
    label.ensurePolished()
    assert label.heightForWidth(WIDTH) == plain_label(label).heightForWidth(WIDTH)
    assert label.heightForWidth(WIDTH) < bigger + 60

    label.setText(" ".join(WORDS * 4))
    assert label.heightForWidth(WIDTH) == plain_label(label).heightForWidth(WIDTH)


def test_a_highlighted_sentence_keeps_the_height_of_the_words(qtbot: QtBot) -> None:
    label = ReadingLabel(WORDS)
    qtbot.addWidget(label)
    plain = label.heightForWidth(WIDTH)
    label.highlight(1)
    assert label.heightForWidth(WIDTH) == plain
    label.highlight(None)
    assert label.heightForWidth(WIDTH) == plain


def test_a_flow_layout_works_its_height_out_again_when_its_widgets_change(qtbot: QtBot) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    flow = FlowLayout(bar, spacing=10)
    buttons = [QPushButton(f"Button {n}") for n in range(3)]
    for button in buttons:
        flow.add(button)
    wide = sum(b.sizeHint().width() for b in buttons) + 20
    one_row = flow.heightForWidth(wide)
    assert one_row == buttons[0].sizeHint().height()

    buttons[0].setText("A button whose words grew much longer than before")
    assert flow.heightForWidth(wide) > one_row  # it no longer fits: two rows

    flow.add(QPushButton("One more"))
    before = flow.heightForWidth(wide)
    assert before == height_of_rows(flow, wide, gap=10)
    flow.set_gap(40)
    after_gap = flow.heightForWidth(wide)
    assert after_gap == height_of_rows(flow, wide, gap=40) > before

    flow.removeWidget(buttons[0])  # the long one goes: fewer rows
    assert flow.heightForWidth(wide) == height_of_rows(flow, wide, gap=40) < after_gap


def height_of_rows(flow: FlowLayout, width: int, gap: int) -> int:
    rows = flow.rows_for(width)
    return sum(max(i.sizeHint().height() for i in row) for row in rows) + gap * (len(rows) - 1)
