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
from kiosk.content.readability import Measure, formula_for, limit_for
from kiosk.content.sentences import characters, split_sentences, words


@dataclass(frozen=True, slots=True)
class Limits:
    """The measurable health-literacy rules, in one place (the reading-level limits are each
    formula's, or the language's own: see kiosk/content/readability.py). A language written
    without spaces between words (Chinese) counts its sentences in characters instead of words:
    an English word takes about 1.4 Chinese characters (1.3 to 1.45 in the shipped topics), so
    its limits are the English ones at that rate, rounded."""

    max_avg_words: float = 15.0
    max_sentence_words: int = 25
    max_avg_characters: float = 20.0
    max_sentence_characters: int = 35
    max_summary_sentences: int = 2
    min_self_care_steps: int = 3
    max_step_sentences: int = 2
    max_title_chars: int = 60


LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Score:
    """One reading-level figure of one part of a topic (a formula may check more than one)."""

    field: str
    value: float
    passed: bool
    figure: str = ""  # which of its formula's figures


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
    return [score for score, _ in _scored(topic)]


def _scored(topic: Topic) -> list[tuple[Score, str]]:
    """Each part's scores, with what check-content says of those that do not pass."""
    formula = formula_for(topic.lang)
    if formula is None:
        return []
    result: list[tuple[Score, str]] = []
    for name, texts in blocks(topic):
        stats = formula.count(texts)
        for measure in formula.measures:
            value, limit = measure.score(stats), limit_for(topic.lang, measure)
            passed = measure.passes(value, limit)
            finding = "" if passed else measure.fails(value, limit, stats)
            result.append((Score(name, value, passed, measure.name), finding))
    return result


def overall_scores(topic: Topic) -> list[tuple[Measure, float, float]]:
    """Each reading-level figure of the whole topic's text, with its limit; LookupError for a
    language whose topics are not scored."""
    formula = formula_for(topic.lang)
    if formula is None:
        raise LookupError(f"no reading-level formula for language '{topic.lang}'")
    stats = formula.count([t for _, part in blocks(topic) for t in part])
    return [(m, m.score(stats), limit_for(topic.lang, m)) for m in formula.measures]


def overall_score(topic: Topic) -> float:
    """The main reading-level figure (a formula's first) for the whole topic's text;
    LookupError for a language whose topics are not scored."""
    return overall_scores(topic)[0][1]


def check_topic(topic: Topic, limits: Limits = LIMITS) -> list[ContentError]:
    """Every quality finding for one loaded topic, located by file, line and field."""
    found: list[tuple[str, str]] = [
        (score.field, finding) for score, finding in _scored(topic) if finding
    ]
    language = languages.get(topic.lang)
    spaced = language is None or language.spaces_between_words
    # Sentence lengths in words, or in characters for a language without spaces between words.
    length, unit = (words, "words") if spaced else (characters, "characters")
    most = limits.max_sentence_words if spaced else limits.max_sentence_characters
    most_on_average = limits.max_avg_words if spaced else limits.max_avg_characters

    all_texts: list[tuple[str, str]] = [("title", topic.title), ("summary", topic.summary)]
    all_texts += [(f"sections[{i}].text", s.text) for i, s in enumerate(topic.sections)]
    all_texts += [(f"self_care.steps[{i}]", s) for i, s in enumerate(topic.self_care)]
    for tier, items in topic.warning_signs:
        all_texts += [(f"warning_signs.{tier.value}[{i}]", s) for i, s in enumerate(items)]
    all_texts += [(f"figures[{i}].alt", f.alt) for i, f in enumerate(topic.figures)]
    total_words = total_sentences = 0
    for name, text in all_texts:
        for sentence in split_sentences(text):
            count = len(length(sentence))
            total_words += count
            total_sentences += 1
            if count > most:
                found.append(
                    (name, f'a sentence has {count} {unit} (limit {most}): "{_clip(sentence)}"')
                )
        if re.search(r"°\s*F\b", text) and not re.search(r"°\s*C\b", text):
            found.append((name, "give temperatures in both °F and °C"))
    if total_sentences and total_words / total_sentences > most_on_average:
        found.append(
            (
                "",
                f"sentences average {total_words / total_sentences:.1f} {unit} "
                f"(limit {most_on_average:.0f})",
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
    # A self-care step is an action for "you": it starts with a verb, so not with these (with
    # no spaces between words, not with any of them at all: "如果" as much as "如果您").
    not_verbs = language.not_action_words if language is not None else frozenset()
    for index, step in enumerate(topic.self_care):
        first = _first_word(step, not_verbs, spaced)
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


def _first_word(step: str, not_verbs: frozenset[str], spaced: bool) -> str:
    """The step's first word; without spaces between words, the longest not-action word the
    step begins with (or nothing)."""
    if spaced:
        found = words(step)
        return found[0].lower() if found else ""
    start = step.lstrip().lower()
    return max((w for w in not_verbs if start.startswith(w)), key=len, default="")


def _clip(sentence: str, width: int = 60) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def _located(topic: Topic, dotted: str, message: str) -> ContentError:
    line = locate(Path(topic.path), dotted) if topic.path and dotted else 0
    return ContentError(topic.path, line, display_field(dotted), message)
