"""What is read aloud for a topic, in order: the same blocks, in the same order, as the screen."""

from __future__ import annotations

from typing import assert_never

from kiosk import labels
from kiosk.content.document import Figure, Section, SelfCare, Summary, Title, Warnings, walk
from kiosk.content.model import Topic


def reading_blocks(topic: Topic) -> list[list[str]]:
    """Blocks of sentences, one for each text the screen shows: title, main message, each
    section's heading and text, the self-care heading and steps, each figure's caption, the
    warning heading and each tier's name and signs."""
    blocks: list[list[str]] = []
    for block in walk(topic):
        match block:
            case Title():
                blocks.append([block.text])
            case Summary():
                blocks.append(list(block.body.sentences))
            case Section():
                blocks += [[block.heading], list(block.body.sentences)]
            case SelfCare():
                blocks.append([labels.self_care_heading(topic.lang)])
                blocks += [list(step.sentences) for step in block.steps]
            case Figure():
                blocks.append(list(block.caption.sentences))  # the words under the drawing
            case Warnings():
                blocks.append([labels.warning_heading(topic.lang)])
                for tier in block.tiers:
                    blocks.append([labels.tier_name(tier.tier, topic.lang)])
                    blocks += [list(sign.sentences) for sign in tier.signs]
            case _:
                assert_never(block)
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
