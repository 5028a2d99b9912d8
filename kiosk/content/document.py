"""One walk of a topic into typed blocks, in reading order (plain Python, no Qt).

The topic screen, the narration script, the printed page and the quality checks each take a
topic apart; they all take it apart here, so they agree on the order of the parts and on where
one sentence ends and the next begins (the narration marks on screen the very sentence it
reads). Each consumer matches on the block types and ends with `typing.assert_never`, so a new
kind of block makes mypy name every consumer that does not handle it yet.

The kiosk's own words around the topic's text (the "What you can do at home" heading, the tier
names) are not here: they are translated through Qt (`kiosk.labels`), and each consumer adds
them where its block says.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content import model
from kiosk.content.model import Tier, Topic
from kiosk.content.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of the topic's own text: where it is in the file, as written, and its sentences
    (a text with no sentence end is one sentence)."""

    field: str  # "summary", "sections[0].text", "self_care.steps[2]", ...
    text: str
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Title:
    """The topic's title."""

    text: str


@dataclass(frozen=True, slots=True)
class Summary:
    """The main message, shown and read first."""

    body: Text


@dataclass(frozen=True, slots=True)
class Section:
    """One short part: its heading (a question, often) and its text."""

    heading: str
    body: Text


@dataclass(frozen=True, slots=True)
class SelfCare:
    """The self-care steps, in order, under the kiosk's "what you can do at home" heading."""

    steps: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class WarningTier:
    """One tier of warning signs, most urgent first within the topic."""

    tier: Tier
    signs: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class Warnings:
    """The warning signs, tier by tier, under the kiosk's "when to get help" heading."""

    tiers: tuple[WarningTier, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A line drawing and the words that say what it shows (shown under it and read aloud
    with the page), after the section or the self-care steps it belongs to."""

    figure: model.Figure
    caption: Text


Block = Title | Summary | Section | SelfCare | Figure | Warnings


def _text(field: str, text: str) -> Text:
    return Text(field, text, tuple(split_sentences(text) or [text]))


def walk(topic: Topic) -> tuple[Block, ...]:
    """The topic's blocks in reading order: title, main message, sections (each followed by
    its figures), self-care steps (then the figures of the steps, in step order), warning
    signs."""
    figures = [
        Figure(figure, _text(f"figures[{i}].alt", figure.alt))
        for i, figure in enumerate(topic.figures)
    ]
    blocks: list[Block] = [Title(topic.title), Summary(_text("summary", topic.summary))]
    for i, section in enumerate(topic.sections):
        blocks.append(Section(section.heading, _text(f"sections[{i}].text", section.text)))
        blocks += [f for f in figures if f.figure.after_section == i]
    blocks.append(
        SelfCare(tuple(_text(f"self_care.steps[{i}]", s) for i, s in enumerate(topic.self_care)))
    )
    of_steps = [f for f in figures if f.figure.after_step is not None]
    of_steps.sort(key=lambda f: f.figure.after_step or 0)
    blocks += of_steps
    blocks.append(
        Warnings(
            tuple(
                WarningTier(
                    tier,
                    tuple(
                        _text(f"warning_signs.{tier.value}[{i}]", sign)
                        for i, sign in enumerate(signs)
                    ),
                )
                for tier, signs in topic.warning_signs
            )
        )
    )
    return tuple(blocks)
