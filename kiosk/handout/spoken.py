"""The printed page read aloud: what the page holds, in the order the page has it.

The preview screen's Listen reads this, so a patient who cannot read the paper hears what they
take home. It follows the page (`layout.handout_html`), not the topic screen: the clinic's line
at the top, the title, the main message, the self-care steps the page had room for (read down
the first column, then the second, as the page is read), and the warning signs tier by tier
under their headings. The date line and the learn-more address at the foot are not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from kiosk import labels
from kiosk.config import Settings
from kiosk.content.document import (
    Figure,
    Section,
    SelfCare,
    Summary,
    Text,
    Title,
    Warnings,
    walk,
)
from kiosk.content.model import Topic


@dataclass(frozen=True, slots=True)
class PagePart:
    """One part of the page as it is read: its sentences, and the page's own words that name
    it (the reading controls say which part is being read)."""

    name: str
    sentences: tuple[str, ...]
    number: int = 0  # a step or a warning sign: its place in its list, from 1 (0: not a list)
    count: int = 0  # and how many that list has on the page


def _listed(name: str, items: tuple[Text, ...]) -> list[PagePart]:
    return [
        PagePart(name, item.sentences, number, len(items))
        for number, item in enumerate(items, start=1)
    ]


def page_parts(topic: Topic, settings: Settings, steps: int) -> list[PagePart]:
    """The parts of the topic's page, in the page's order. `steps`: how many self-care steps
    the laid-out page holds (`Handout.steps_shown`: a long list is cut to fit one page)."""
    lang = topic.lang
    parts: list[PagePart] = []
    clinic = tuple(words for words in (settings.clinic_name, settings.clinic_phone) if words)
    if clinic:
        parts.append(PagePart(clinic[0], clinic))
    for block in walk(topic):  # the page's order, and its choices (layout.handout_html)
        match block:
            case Title():
                parts.append(PagePart(block.text, (block.text,)))
            case Summary():
                parts.append(PagePart(topic.title, block.body.sentences))
            case Section():
                pass  # the page leaves the sections out
            case SelfCare():
                heading = labels.self_care_heading(lang)
                parts.append(PagePart(heading, (heading,)))
                parts += _listed(heading, block.steps[:steps])
            case Figure():
                pass  # a drawing on paper has no words; the topic screen reads its words
            case Warnings():
                heading = labels.warning_heading(lang)
                parts.append(PagePart(heading, (heading,)))
                for tier in block.tiers:
                    name = labels.tier_name(tier.tier, lang)
                    parts.append(PagePart(name, (name,)))
                    parts += _listed(name, tier.signs)
            case _:
                assert_never(block)
    return parts


def page_sentences(parts: list[PagePart]) -> tuple[list[str], list[PagePart]]:
    """Every sentence of the page in order, and for each the part it belongs to."""
    sentences: list[str] = []
    where: list[PagePart] = []
    for part in parts:
        sentences += part.sentences
        where += [part] * len(part.sentences)
    return sentences, where
