"""A topic's drawings on the topic screen and on the printed page: drawn in the theme's text
colour, growing with the text size, with their words under them; at most two beside the QR
code on paper, where they give way before any step or warning sign."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from kiosk import languages
from kiosk.config import Settings
from kiosk.content.sentences import join_sentences, split_sentences
from kiosk.handout.layout import build_handout
from kiosk.theme import PALETTES
from kiosk.ui.topic import TopicPage
from tests.gui.conftest import FAST, MakeKiosk

# The learn-more address of these languages is too long to leave the drawings room beside the
# QR code on one line (MedlinePlus's page of health information in Simplified Chinese): their
# pages give the drawings way, never a step or a sign.
ADDRESS_TAKES_THE_ROW = {"zh"}


def shown_as(text: str) -> str:
    """A text as the screen and the page show it: its sentences with the gaps of its script."""
    return join_sentences(split_sentences(text))


def drawings(page: TopicPage | None) -> list[QLabel]:
    """The drawings of the whole page (finished first: the drawings further down are built
    after the first frame)."""
    assert page is not None
    page.finish()
    return [label for label in page.findChildren(QLabel) if label.objectName() == "FigureImage"]


def ink(label: QLabel) -> set[str]:
    """The colours of the drawing's lines (its opaque pixels)."""
    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    found = set()
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = QColor(image.pixel(x, y))
            if QColor.fromRgba(image.pixel(x, y)).alpha() == 255:
                found.add(colour.name())
    return found


@pytest.mark.parametrize("lang", languages.codes())
def test_the_drawings_show_in_the_theme_and_grow_with_the_text(
    make_kiosk: MakeKiosk, lang: str
) -> None:
    kiosk = make_kiosk(dataclasses.replace(FAST, idle_timeout_s=60.0, default_language=lang))
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    topic = kiosk.window.topic.topic
    assert topic is not None
    shown = drawings(kiosk.window.topic.page)
    assert [d.accessibleName() for d in shown] == [
        # in reading order: the section's drawing, then the steps' drawings in step order
        f.alt
        for f in sorted(topic.figures, key=lambda f: (f.after_step is not None, f.after_step))
    ]
    assert ink(shown[0]) == {PALETTES["light"].text_fg.lower()}
    width = shown[0].pixmap().width()
    kiosk.visits.choose("theme", "high-contrast")
    kiosk.visits.choose("text_size", 170)
    shown = drawings(kiosk.window.topic.page)
    assert ink(shown[0]) == {PALETTES["high-contrast"].text_fg.lower()}
    assert shown[0].pixmap().width() > width
    page = kiosk.window.topic.page
    assert page is not None
    for figure in topic.figures:  # the words are on the page, to read and to hear
        assert shown_as(figure.alt) in join_sentences(page.sentences())


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("lang", languages.codes())
@pytest.mark.parametrize("topic_id", ["ibs-leg-pain", "diarrhea-leg-pain"])
def test_the_page_carries_drawings_and_every_step_and_sign(
    make_kiosk: MakeKiosk, topic_id: str, lang: str, paper: str
) -> None:
    kiosk = make_kiosk()
    topic = kiosk.content.find(topic_id, lang)
    assert topic is not None
    handout = build_handout(topic, Settings(), paper)
    assert handout.fits
    assert handout.steps_shown == len(topic.self_care)
    if lang in ADDRESS_TAKES_THE_ROW:
        assert handout.figures_shown == 0
    else:
        assert 1 <= handout.figures_shown <= 2
    text = " ".join(handout.document.toPlainText().split())
    for _tier, signs in topic.warning_signs:
        for sign in signs:
            assert shown_as(sign) in text
