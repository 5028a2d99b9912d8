"""Simplified Chinese on screen: offered in the picker in its own words, its topics shown with
every word of the kiosk in Chinese, drawn in Noto Sans CJK SC, wrapped to the screen at every
text size with no space after a 。, and the notes for a topic in one language only."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import application
from kiosk.content import LoadResult, load_topics
from kiosk.content.sentences import join_sentences
from kiosk.ui.widgets import ReadingLabel
from tests.gui.conftest import FAST, MakeKiosk, choose_language

CALM = dataclasses.replace(FAST, idle_timeout_s=600.0, countdown_s=30.0)
IBS_TITLE = "腿疼和肠易激综合征（IBS）"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """No translator of these tests left installed, and the default locale back."""
    app = application()
    before = set(app.findChildren(QTranslator))
    locale = QLocale()
    yield
    for translator in app.findChildren(QTranslator):
        if translator not in before:
            app.removeTranslator(translator)
    QLocale.setDefault(locale)


def drawn_in(label: QLabel) -> set[str]:
    """The font families Qt draws a label's text with, fallbacks included."""
    layout = QTextLayout(label.text(), label.font())
    layout.beginLayout()
    layout.createLine().setLineWidth(100_000)
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_chinese_is_offered_in_its_own_words_and_shows_its_topic(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    home = kiosk.window.home
    picker = home.controls.picker
    assert picker is not None  # three languages: the picker
    assert picker.entries["zh"].text() == "简体中文"
    choose_language(qtbot, home.controls, "zh")
    assert kiosk.visit.choices.language == "zh"
    assert home.heading.text() == "选择一个主题"
    assert home.controls.language_menu.text() == "简体中文"
    assert {tile.title.text() for tile in home.tiles} == {IBS_TITLE, "腹泻时腿疼"}
    assert not [tile for tile in home.tiles if tile.note.isVisible()]
    qtbot.mouseClick(
        next(t for t in home.tiles if t.topic_id == "ibs-leg-pain"), Qt.MouseButton.LeftButton
    )
    screen = kiosk.window.topic
    topic = screen.topic
    assert topic is not None
    assert (topic.id, topic.lang) == ("ibs-leg-pain", "zh")
    words = [reading.text() for reading in screen.readings]
    assert words[0] == IBS_TITLE
    assert "在家可以做的事" in words
    assert "什么时候需要就医" in words
    assert "马上打 911" in words
    assert "慢慢深呼吸减压：吸气数到 4，呼气数到 6。" in words
    assert screen.back.text() == "返回"
    assert screen.print_button.text() == "打印要点"
    assert screen.narration.listen.text() == "听朗读"
    assert not screen.language_note.isVisible()
    kiosk.handouts.preview()
    assert kiosk.window.current_screen == "handout"
    handout = kiosk.handouts.previewed
    assert handout is not None
    assert handout.fits
    assert handout.steps_shown == len(topic.self_care)
    assert IBS_TITLE in handout.document.toPlainText()
    assert kiosk.window.handout.title.text() == "带回家的一页"


def test_chinese_text_is_drawn_in_noto_sans_cjk_sc(make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visit.update(language="zh")
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    screen = kiosk.window.topic
    labels = [*screen.readings, screen.back, kiosk.window.home.heading]
    for label in screen.readings:
        assert label.font().families()[:2] == ["Open Sans", "Noto Sans CJK SC"]
    seen = set().union(*(drawn_in(label) for label in labels if isinstance(label, QLabel)))
    assert "Noto Sans CJK SC" in seen
    assert not {"Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC"} & seen


@pytest.mark.parametrize("text_size", [100, 170])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_chinese_wraps_to_the_screen_with_no_space_after_a_full_stop(
    make_kiosk: MakeKiosk, qtbot: QtBot, text_size: int, size: tuple[int, int]
) -> None:
    kiosk = make_kiosk(CALM, size=size)
    kiosk.visit.update(language="zh", text_size=text_size)
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    qtbot.wait(10)  # laid out
    page = kiosk.window.topic.page
    assert page is not None
    viewport = page.scroll_area.viewport().width()
    assert page.scroll_area.horizontalScrollBar().maximum() == 0  # nothing wider than the screen
    wrapped = 0
    for label in page.readings:
        assert isinstance(label, ReadingLabel)
        assert label.text() == join_sentences(label.sentences)
        assert "。 " not in label.text()
        assert label.width() <= viewport
        lines = wrapped_lines(label)
        assert max(lines) <= label.width(), label.text()  # no line runs past the label
        wrapped += len(lines) > 1
    assert wrapped >= 5  # the sections, at least, wrap: between characters, with no spaces


def wrapped_lines(label: QLabel) -> list[float]:
    """The width of each line a word-wrapped label's text takes at the label's width (Qt breaks
    Chinese between any two characters, and never before a 。 or ，)."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widths = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.width())
        widths.append(line.naturalTextWidth())
    layout.endLayout()
    return widths


def test_a_topic_only_in_chinese_says_so_and_an_english_one_on_a_chinese_screen(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    shipped = load_topics(paths.TOPICS)
    kiosk = make_kiosk(CALM, LoadResult(topics=[t for t in shipped.topics if t.lang == "zh"]))
    kiosk.visits.start()
    w = kiosk.window
    assert {tile.note.text() for tile in w.home.tiles} == {"Only in Chinese"}
    kiosk.reading.open_topic("ibs-leg-pain")
    assert w.topic.language_note.text() == "This topic is only in Chinese."
    kiosk.visit.update(language="es")
    assert w.topic.language_note.text() == "Este tema solo está en chino."
    w.show_home()
    assert {tile.note.text() for tile in w.home.tiles} == {"Solo en chino"}

    english = make_kiosk(CALM, LoadResult(topics=[t for t in shipped.topics if t.lang == "en"]))
    english.visit.update(language="zh")
    english.visits.start()
    assert {tile.note.text() for tile in english.window.home.tiles} == {"只有英文版"}
    english.reading.open_topic("ibs-leg-pain")
    assert english.window.topic.language_note.text() == "这个主题只有英文版。"
    topic = english.window.topic.topic
    assert topic is not None
    assert topic.lang == "en"  # it keeps its own language, and its own words around it
    assert "What you can do at home" in [r.text() for r in english.window.topic.readings]
