"""The body outline alone: where each part is, what a tap on it says, and that a change of
look makes no new drawings each time."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from kiosk.categories import BODY_PARTS
from kiosk.theme import PALETTES, metrics
from kiosk.ui.body import BodyOutline


def _outline(qtbot: QtBot) -> BodyOutline:
    body = BodyOutline()
    qtbot.add_widget(body)
    body.apply(metrics(100, 1.0), next(iter(PALETTES.values())))
    body.resize(body.sizeHint())
    body.show()
    return body


def test_each_part_is_found_where_it_is_drawn_and_opens_only_with_topics(qtbot: QtBot) -> None:
    body = _outline(qtbot)
    assert body.usable
    body.set_parts({"head": "Head", "legs": "Legs"})
    assert body.accessibleName() == "Touch where it hurts: Head, Legs"
    head = body._on_screen(body._boxes["head"]).center()
    legs = body._on_screen(body._boxes["legs"]).center()
    belly = body._on_screen(body._boxes["belly"]).center()
    assert body.part_at(head) == "head"
    assert body.part_at(legs) == "legs"
    assert body.part_at(belly) == ""  # no topics about it: nothing there
    assert body.part_at(QPointF(1, 1)) == ""
    with qtbot.wait_signal(body.part_chosen) as chosen:
        qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=legs.toPoint())
    assert chosen.args == ["legs"]
    with qtbot.assert_not_emitted(body.part_chosen):
        qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=belly.toPoint())
    # Pressed on one part and let go on another: no tap.
    with qtbot.assert_not_emitted(body.part_chosen):
        qtbot.mousePress(body, Qt.MouseButton.LeftButton, pos=head.toPoint())
        qtbot.mouseRelease(body, Qt.MouseButton.LeftButton, pos=legs.toPoint())


def test_the_parts_boxes_do_not_overlap(qtbot: QtBot) -> None:
    body = _outline(qtbot)
    boxes = [body._boxes[p] for p in BODY_PARTS]
    assert all(not b.isEmpty() for b in boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.intersects(b)


def test_looks_changed_all_day_make_no_new_drawings(qtbot: QtBot) -> None:
    body = _outline(qtbot)
    for _ in range(20):
        for theme in PALETTES.values():
            for size in (100, 130, 170):
                body.apply(metrics(size, 1.0), theme)
    assert len(body._renderers) <= 3 * len(PALETTES)
    assert body.findChildren(QSvgRenderer) == []
