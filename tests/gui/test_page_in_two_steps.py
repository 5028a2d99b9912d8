"""A topic's page is built in two steps: at once, what the window shows; the rest after the
first frame. The patient must never see a gap, and nothing of the page may be lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import Kiosk
from kiosk.content import load_topics
from kiosk.narration.script import flatten, reading_blocks
from kiosk.ui.topic import TopicPage
from tests.gui.conftest import MakeKiosk

TOPIC = "diarrhea-leg-pain"


def opened(kiosk: Kiosk, topic_id: str = TOPIC) -> TopicPage:
    kiosk.visits.start()
    kiosk.reading.open_topic(topic_id)
    page = kiosk.window.topic.page
    assert page is not None
    return page


def first_frame(kiosk: Kiosk) -> None:
    """The first frame with the page, painted now, before any other turn of the loop, laid out
    as the loop lays it out before it paints (the layout requests waiting are handled first)."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    kiosk.window.repaint()


def needed_height(widget: QWidget) -> int:
    if widget.hasHeightForWidth():
        return widget.heightForWidth(widget.width())
    return widget.minimumSizeHint().height()


def built(page: TopicPage, shown_only: bool = False) -> list[QWidget]:
    """The pieces of the page built so far, top to bottom (without finishing the page): those
    of the first step in the column, then those in the box that shows once all are built."""
    pieces = []
    for layout in (page.column, page._rest_column):
        items = (layout.itemAt(i) for i in range(layout.count()))
        widgets = [w for item in items if item is not None and (w := item.widget()) is not None]
        pieces += [w for w in widgets if w is not page._rest_box]
        if shown_only and not page._rest_box.isVisible():
            break
    return pieces


def test_the_first_step_fills_the_window_and_the_rest_follows_the_first_frame(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    page = opened(kiosk)
    assert not page.complete  # a long page: more than one screen of it waits
    first_frame(kiosk)
    assert not page.complete  # the rest starts only in a later turn
    viewport = page.scroll_area.viewport()
    shown = built(page, shown_only=True)
    last = shown[-1]
    bottom = last.mapTo(viewport, QPoint(0, last.height())).y()
    assert bottom >= viewport.height()  # the first frame shows no empty end of the page
    for piece in shown:  # each as tall as its text: none squeezed, none overlapping the next
        assert piece.height() >= needed_height(piece), type(piece).__name__
    qtbot.wait_until(lambda: page.complete, timeout=5_000)


def test_the_finished_page_is_the_page_built_whole(kiosk: Kiosk, qtbot: QtBot) -> None:
    for topic in load_topics(paths.TOPICS).topics:
        kiosk.visit.update(language=topic.lang)
        page = opened(kiosk, topic.id)
        qtbot.wait_until(lambda p=page: p.complete, timeout=5_000)
        assert [r.sentences for r in page._readings] == reading_blocks(topic)
        sizes, palette = kiosk.window.topic._sizes, kiosk.window.topic._palette
        assert sizes is not None
        assert palette is not None
        whole = TopicPage(topic, sizes, palette)  # no parent: built whole at once
        try:
            assert [type(w).__name__ for w in built(page)] == [
                type(w).__name__ for w in built(whole)
            ]
        finally:
            whole.deleteLater()


def test_reading_aloud_a_sentence_not_yet_built_builds_the_page_that_far(kiosk: Kiosk) -> None:
    page = opened(kiosk)
    assert not page.complete
    topic = page.topic
    sentences, _ = flatten(reading_blocks(topic))
    page.highlight(len(sentences) - 1)  # the last warning sign
    marked = [r for r in page._readings if r.highlighted is not None]
    assert len(marked) == 1
    assert marked[0].sentences[-1] == sentences[-1]


def test_a_page_dropped_before_its_rest_is_built_leaves_nothing_behind(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    page = opened(kiosk)
    assert not page.complete
    first_frame(kiosk)
    kiosk.window.topic.discard_pages()  # the visit ended at once
    qtbot.wait(400)  # longer than the rest's turns and the fallback for a page never painted
    assert kiosk.window.topic.page is None
    assert not kiosk.window.topic.kept


def test_a_page_never_painted_is_built_whole_anyway(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    topic = kiosk.window.topic
    kiosk.reading.open_topic(TOPIC)
    kiosk.window.show_home()  # away before a frame showed it; the page is kept
    page = topic._pages[(TOPIC, "en")]
    qtbot.wait_until(lambda: page.complete, timeout=5_000)


def test_a_new_text_size_further_down_the_page_comes_back_at_the_same_place(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk()
    page = opened(kiosk)
    qtbot.wait_until(lambda: page.complete, timeout=5_000)
    page.set_scroll_fraction(0.5)
    kiosk.visits.choose("text_size", 130)
    new = kiosk.window.topic.page
    assert new is not None
    assert new is not page
    assert new.complete  # built whole at once: the place is a fraction of the whole page
    qtbot.wait_until(lambda: abs(new.scroll_fraction() - 0.5) < 0.02, timeout=5_000)
