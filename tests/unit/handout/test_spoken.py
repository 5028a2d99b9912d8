"""The printed page read aloud (`page_parts`): the same words as the page, in the page's order,
for every shipped topic in each of its languages; a page cut short to fit is read as printed.

The page is taken from the document that is drawn on the preview, written to the PDF and sent
to the printer (`build_handout`), read as a person reads it: top to bottom, and a table column
by column (the self-care steps are read down the first column, then the second).
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from PySide6.QtGui import QTextDocument, QTextFrame, QTextTable

from kiosk import labels, paths
from kiosk.app import application
from kiosk.config import Settings
from kiosk.content import Topic, load_topics
from kiosk.content.sentences import join_sentences, split_sentences
from kiosk.handout.layout import build_handout
from kiosk.handout.spoken import PagePart, page_parts, page_sentences

TOPICS = load_topics(paths.TOPICS).topics
CLINIC = Settings(clinic_name="Riverside Family Clinic", clinic_phone="555-0100")


@pytest.fixture(autouse=True)
def _app() -> None:
    application()  # the page is laid out with Qt's fonts and images


def page_lines(document: QTextDocument) -> list[str]:
    """Every line of text on the page, in reading order (images and bullets left out)."""
    lines: list[str] = []

    def read(iterator: QTextFrame.iterator) -> None:
        while not iterator.atEnd():
            frame = iterator.currentFrame()
            if isinstance(frame, QTextTable):
                for column in range(frame.columns()):
                    for row in range(frame.rows()):
                        read(frame.cellAt(row, column).begin())
            elif frame is not None:
                read(frame.begin())
            else:
                for raw in re.split("[\u2028\n]", iterator.currentBlock().text()):
                    line = raw.replace("\ufffc", "").replace("\xa0", " ").strip(" •")
                    if line:
                        lines.append(line)
            iterator += 1

    read(document.rootFrame().begin())
    return lines


def words(text: str) -> list[str]:
    return text.replace("·", " ").split()


def shown(text: str) -> str:
    """A text as the page shows it: its sentences one after the other (a space between two,
    none after a Chinese 。)."""
    return join_sentences(split_sentences(text))


def read_aloud(topic: Topic, settings: Settings) -> tuple[list[PagePart], list[str]]:
    """What is read for the topic's page, and the page's own lines."""
    handout = build_handout(topic, settings)
    return page_parts(topic, settings, handout.steps_shown), page_lines(handout.document)


def body(lines: list[str], topic: Topic) -> list[str]:
    """The page from its title down to the learn-more line at its foot."""
    start = lines.index(topic.title)
    end = lines.index(labels.handout_words(topic.lang)["learn_more"])
    return lines[start:end]


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: f"{t.id}-{t.lang}")
def test_the_page_is_read_in_its_own_words_and_order(topic: Topic) -> None:
    parts, lines = read_aloud(topic, CLINIC)
    assert lines[0] == "Riverside Family Clinic  ·  555-0100"  # the page's first line
    expected = [lines[0], *body(lines, topic)]
    assert [words(join_sentences(part.sentences)) for part in parts] == [words(x) for x in expected]
    # The clinic's line is two things to say; the rest are the page's lines as printed.
    assert parts[0].sentences == ("Riverside Family Clinic", "555-0100")
    assert parts[1].sentences == (topic.title,)
    assert words(join_sentences(parts[2].sentences)) == words(shown(topic.summary))


@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: f"{t.id}-{t.lang}")
def test_each_part_is_named_by_the_page_words_above_it(topic: Topic) -> None:
    parts, _ = read_aloud(topic, CLINIC)
    heading = labels.self_care_heading(topic.lang)
    steps = [p for p in parts if p.name == heading and p.number]
    assert [p.number for p in steps] == list(range(1, len(topic.self_care) + 1))
    assert {p.count for p in steps} == {len(topic.self_care)}
    assert [join_sentences(p.sentences) for p in steps] == [shown(s) for s in topic.self_care]
    for tier, signs in topic.warning_signs:
        name = labels.tier_name(tier, topic.lang)
        said = [join_sentences(p.sentences) for p in parts if p.name == name and p.number]
        assert said == [shown(s) for s in signs]
    # One list of every sentence, and for each the part it is in.
    sentences, where = page_sentences(parts)
    assert len(sentences) == len(where)
    assert sentences[0] == "Riverside Family Clinic"
    assert where[sentences.index(heading)].number == 0
    assert where[-1].name == labels.tier_name(topic.warning_signs[-1][0], topic.lang)


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("es", ("Lo que puede hacer en casa", "Cuándo pedir ayuda", "Llame al 911 ahora")),
        ("zh", ("在家可以做的事", "什么时候需要就医", "马上打 911")),
    ],
)
def test_headings_are_spoken_in_the_topic_s_language(lang: str, headings: tuple[str, ...]) -> None:
    topic = next(t for t in TOPICS if t.lang == lang)
    sentences, _ = page_sentences(read_aloud(topic, CLINIC)[0])
    for heading in headings:
        assert heading in sentences
    assert "What you can do at home" not in sentences


def test_a_page_cut_short_is_read_as_printed() -> None:
    topic = next(t for t in TOPICS if t.lang == "en")
    long_steps = tuple(
        f"Step {n}: walk for ten minutes after each meal, then rest with your legs up on a "
        "pillow, and drink a full glass of water before you go on with your day." * 2
        for n in range(1, 15)
    )
    crowded = dataclasses.replace(topic, self_care=long_steps)
    handout = build_handout(crowded, CLINIC)
    assert handout.steps_shown < len(long_steps)  # the page had no room for every step
    parts, lines = read_aloud(crowded, CLINIC)
    heading = labels.self_care_heading("en")
    steps = [p for p in parts if p.name == heading and p.number]
    assert len(steps) == handout.steps_shown
    assert {p.count for p in steps} == {handout.steps_shown}
    assert [words(join_sentences(p.sentences)) for p in parts[1:]] == [
        words(x) for x in body(lines, crowded)
    ]


def test_the_clinic_line_is_read_only_as_far_as_it_is_printed() -> None:
    topic = TOPICS[0]
    parts, lines = read_aloud(topic, Settings(clinic_name="Riverside Family Clinic"))
    assert parts[0].sentences == ("Riverside Family Clinic",)
    assert lines[0] == "Riverside Family Clinic"
    parts, lines = read_aloud(topic, Settings(clinic_name="", clinic_phone=""))
    assert parts[0].sentences == (topic.title,)  # no clinic line on the page, none read
    assert not lines[0].startswith("·")
