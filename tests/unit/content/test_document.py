"""One walk of a topic: the blocks every consumer takes the topic apart into."""

from __future__ import annotations

from pathlib import Path

from kiosk.content import load_topics
from kiosk.content.document import Section, SelfCare, Summary, Title, Warnings, walk
from kiosk.content.model import Tier, Topic
from tests.topic_samples import write_topic


def sample(tmp_path: Path) -> Topic:
    write_topic(tmp_path)
    result = load_topics([tmp_path])
    assert result.errors == []
    return result.topics[0]


def test_blocks_come_in_reading_order(tmp_path: Path) -> None:
    blocks = walk(sample(tmp_path))
    assert [type(b) for b in blocks] == [Title, Summary, Section, Section, SelfCare, Warnings]
    title, summary, first, second, care, warnings = blocks
    assert isinstance(title, Title)
    assert title.text == "A sample topic"
    assert isinstance(summary, Summary)
    assert summary.body.field == "summary"
    assert summary.body.sentences == (
        "Your legs can hurt for many reasons.",
        "Rest and water help most of the time.",
    )
    assert isinstance(first, Section)
    assert isinstance(second, Section)
    assert first.heading == "Why do my legs hurt?"
    assert second.body.field == "sections[1].text"
    assert second.body.sentences == ("Rest your legs.", "Drink water.")
    assert isinstance(care, SelfCare)
    assert [s.field for s in care.steps] == [f"self_care.steps[{i}]" for i in range(3)]
    assert care.steps[1].text == "Drink a glass of water."
    assert isinstance(warnings, Warnings)
    assert [t.tier for t in warnings.tiers] == [Tier.CALL_911, Tier.CALL_DOCTOR, Tier.WATCH]
    assert warnings.tiers[1].signs[0].field == "warning_signs.call_doctor_today[0]"
    assert warnings.tiers[1].signs[1].sentences == ("You have a fever.",)


def test_a_text_with_no_sentence_end_is_one_sentence(tmp_path: Path) -> None:
    text = Path(write_topic(tmp_path)).read_text(encoding="utf-8")
    write_topic(tmp_path, text.replace('"Rest your legs.",', '"Rest your legs",'))
    topic = load_topics([tmp_path]).topics[0]
    care = next(b for b in walk(topic) if isinstance(b, SelfCare))
    assert care.steps[0].sentences == ("Rest your legs",)


def test_every_text_of_the_topic_is_in_exactly_one_block(tmp_path: Path) -> None:
    topic = sample(tmp_path)
    texts: list[str] = []
    for block in walk(topic):
        if isinstance(block, Title):
            texts.append(block.text)
        elif isinstance(block, Summary):
            texts.append(block.body.text)
        elif isinstance(block, Section):
            texts += [block.heading, block.body.text]
        elif isinstance(block, SelfCare):
            texts += [s.text for s in block.steps]
        else:
            texts += [s.text for t in block.tiers for s in t.signs]
    expected = [topic.title, topic.summary]
    expected += [p for s in topic.sections for p in (s.heading, s.text)]
    expected += list(topic.self_care)
    expected += [sign for _, signs in topic.warning_signs for sign in signs]
    assert texts == expected
