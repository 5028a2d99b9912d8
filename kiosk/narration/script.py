"""What is read aloud for a topic, in order: the same blocks, in the same order, as the screen."""

from __future__ import annotations

from kiosk import labels
from kiosk.content.model import Topic
from kiosk.content.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return split_sentences(text) or [text]


def reading_blocks(topic: Topic) -> list[list[str]]:
    """Blocks of sentences: title, main message, each section's heading and text, the self-care
    heading and steps, the warning heading and each tier's name and signs."""
    blocks: list[list[str]] = [[topic.title], _sentences(topic.summary)]
    for section in topic.sections:
        blocks += [[section.heading], _sentences(section.text)]
    blocks.append([labels.self_care_heading(topic.lang)])
    blocks += [_sentences(step) for step in topic.self_care]
    blocks.append([labels.warning_heading(topic.lang)])
    for tier, items in topic.warning_signs:
        blocks.append([labels.tier_name(tier, topic.lang)])
        blocks += [_sentences(item) for item in items]
    return blocks


def flatten(blocks: list[list[str]]) -> tuple[list[str], list[tuple[int, int]]]:
    """All sentences in order, and for each its (block, sentence-in-block) position."""
    sentences: list[str] = []
    where: list[tuple[int, int]] = []
    for b, block in enumerate(blocks):
        for s, sentence in enumerate(block):
            sentences.append(sentence)
            where.append((b, s))
    return sentences, where
