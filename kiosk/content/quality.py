"""Quality checks for authors (`check-content`): reading level, sentence length, actionability.

These never hide a topic from patients; they tell the author what to rewrite. The numbers come
from the health-literacy rules in the content guide and are kept together here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from kiosk import languages
from kiosk.content.document import Figure, Section, SelfCare, Summary, Title, Warnings, walk
from kiosk.content.loader import ContentError, display_field, locate
from kiosk.content.model import Topic
from kiosk.content.readability import formula_for, limit_for, text_stats
from kiosk.content.sentences import split_sentences, words


@dataclass(frozen=True, slots=True)
class Limits:
    """The measurable health-literacy rules, in one place (the reading-level limits are each
    formula's, or the language's own: see kiosk/content/readability.py)."""

    max_avg_words: float = 15.0
    max_sentence_words: int = 25
    max_summary_sentences: int = 2
    min_self_care_steps: int = 3
    max_step_sentences: int = 2
    max_title_chars: int = 60


LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Score:
    """The reading-level figure of one part of a topic."""

    field: str
    value: float
    passed: bool


def blocks(topic: Topic) -> Iterator[tuple[str, list[str]]]:
    """The parts whose reading level is measured, each as (field, texts): every text of the
    topic's own but the title; the steps as one list, and each tier's signs as one."""
    for block in walk(topic):
        match block:
            case Title():
                pass  # a few words: a reading level says nothing about it
            case Summary() | Section():
                yield block.body.field, [block.body.text]
            case SelfCare():
                yield "self_care.steps", [step.text for step in block.steps]
            case Figure():
                yield block.caption.field, [block.caption.text]  # shown and read aloud too
            case Warnings():
                for tier in block.tiers:
                    yield f"warning_signs.{tier.tier.value}", [s.text for s in tier.signs]
            case _:
                assert_never(block)


def scores(topic: Topic) -> list[Score]:
    """Reading level of every measured part, by the formula of the topic's language (none for
    a language without one). Scores are compared at one decimal, the precision they are
    reported at."""
    formula = formula_for(topic.lang)
    if formula is None:
        return []
    limit = limit_for(topic.lang, formula)
    result: list[Score] = []
    for name, texts in blocks(topic):
        value = formula.score(text_stats(texts, topic.lang))
        result.append(Score(name, value, formula.passes(value, limit)))
    return result


def overall_score(topic: Topic) -> float:
    """One reading-level figure for the whole topic's text; LookupError for a language whose
    topics are not scored."""
    formula = formula_for(topic.lang)
    if formula is None:
        raise LookupError(f"no reading-level formula for language '{topic.lang}'")
    texts = [t for _, part in blocks(topic) for t in part]
    return formula.score(text_stats(texts, topic.lang))


def check_topic(topic: Topic, limits: Limits = LIMITS) -> list[ContentError]:
    """Every quality finding for one loaded topic, located by file, line and field."""
    found: list[tuple[str, str]] = []
    formula = formula_for(topic.lang)
    if formula is not None:
        limit = limit_for(topic.lang, formula)
        found += [(s.field, formula.finding(s.value, limit)) for s in scores(topic) if not s.passed]

    all_texts: list[tuple[str, str]] = [("title", topic.title), ("summary", topic.summary)]
    all_texts += [(f"sections[{i}].text", s.text) for i, s in enumerate(topic.sections)]
    all_texts += [(f"self_care.steps[{i}]", s) for i, s in enumerate(topic.self_care)]
    for tier, items in topic.warning_signs:
        all_texts += [(f"warning_signs.{tier.value}[{i}]", s) for i, s in enumerate(items)]
    all_texts += [(f"figures[{i}].alt", f.alt) for i, f in enumerate(topic.figures)]
    total_words = total_sentences = 0
    for name, text in all_texts:
        for sentence in split_sentences(text):
            count = len(words(sentence))
            total_words += count
            total_sentences += 1
            if count > limits.max_sentence_words:
                found.append(
                    (
                        name,
                        f"a sentence has {count} words (limit "
                        f'{limits.max_sentence_words}): "{_clip(sentence)}"',
                    )
                )
        if re.search(r"°\s*F\b", text) and not re.search(r"°\s*C\b", text):
            found.append((name, "give temperatures in both °F and °C"))
    if total_sentences and total_words / total_sentences > limits.max_avg_words:
        found.append(
            (
                "",
                f"sentences average {total_words / total_sentences:.1f} words "
                f"(limit {limits.max_avg_words:.0f})",
            )
        )

    if len(topic.title) > limits.max_title_chars:
        found.append(
            (
                "title",
                f"is {len(topic.title)} characters; keep it under "
                f"{limits.max_title_chars} so it fits a tile",
            )
        )
    n_summary = len(split_sentences(topic.summary))
    if n_summary > limits.max_summary_sentences:
        found.append(("summary", f"has {n_summary} sentences; the main message is one or two"))
    if len(topic.self_care) < limits.min_self_care_steps:
        found.append(
            (
                "self_care.steps",
                f"has {len(topic.self_care)} steps; give at least {limits.min_self_care_steps}",
            )
        )
    # A self-care step is an action for "you": it starts with a verb, so not with these.
    language = languages.get(topic.lang)
    not_verbs = language.not_action_words if language is not None else frozenset()
    for index, step in enumerate(topic.self_care):
        first = words(step)[0].lower() if words(step) else ""
        if first in not_verbs:
            found.append(
                (
                    f"self_care.steps[{index}]",
                    f"should start with an action word (a verb), not '{first}'",
                )
            )
        if len(split_sentences(step)) > limits.max_step_sentences:
            found.append((f"self_care.steps[{index}]", "holds more than one action; split it"))
    return [_located(topic, name, message) for name, message in found]


def _clip(sentence: str, width: int = 60) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def _located(topic: Topic, dotted: str, message: str) -> ContentError:
    line = locate(Path(topic.path), dotted) if topic.path and dotted else 0
    return ContentError(topic.path, line, display_field(dotted), message)
