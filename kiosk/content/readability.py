"""Offline reading-level scores: Flesch-Kincaid grade (English), Fernández-Huerta (Spanish).

Which formula a language's topics are checked with is its `readability` in
resources/languages.toml (`formula_for`); a language with "none", or with a rule named there
that is not one of `FORMULAS`, has no formula, and is never scored with another language's
syllable rules.

Syllables are counted by rule rather than from a pronouncing dictionary, so the checks run on a
kiosk or a CI machine with no network. English uses vowel groups with the usual silent-e and
suffix rules plus a short list of exceptions; Spanish syllables follow the language's regular
vowel-nucleus rules (strong vowels a e o and accented í ú break a diphthong, i u ü join one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiosk import languages
from kiosk.content.sentences import split_sentences, words

# Words the rules miscount, with their syllables: everyday exceptions and the medical words that
# matter most in this content.
_EN_EXCEPTION_TABLE = """
    every=2 everyone=3 everything=3 different=3 family=3 evening=2 business=2 area=3 idea=3
    being=2 doing=2 going=2 seeing=2 create=2 people=2 science=2 quiet=2 diet=2 via=2 poem=2
    fuel=2 real=1 really=2 whole=1 some=1 come=1 done=1 one=1 once=1 gone=1 none=1 give=1
    live=1 have=1 move=1 more=1 sure=1 there=1 where=1 here=1 were=1 before=2 because=2
    maybe=2 anyone=3 someone=2 something=2 sometimes=2 vitamin=3 dehydration=4 diarrhea=4
    diarrhoea=4 magnesium=4 potassium=4 sodium=3 calcium=3 electrolytes=4 electrolyte=4
    inflammation=4 inflammatory=5 syndrome=2 irritable=4 bowel=2 towel=2 fever=2 nausea=3
    urine=2 stomach=2 muscle=2 muscles=2 ache=1 aches=1 tired=2 fire=1 hour=1 hours=1 our=1
    flour=1 cramps=1 virus=2 serious=3 period=3 radio=3 video=3 medicine=3 medicines=3
    clinician=3 physician=3 anxious=2 anxiety=4 society=4 reaction=3 reactive=3 react=2
    ideal=3 usual=3 usually=4 actually=4 gradually=4 visual=3 mindfulness=3 blue=1 true=1
    clue=1 tissue=2 issue=2 rescue=2 value=2 continue=3 lower=2 power=2 flower=2 shower=2
    lying=2 dying=2 trying=2 crying=2 buying=2 saying=2 playing=2 staying=2 eyes=1 eye=1
    aisle=1 isle=1 calves=1 walking=2 talking=2 naturally=4 liquid=2 liquids=2 fluid=2
    fluids=2 ruin=2 cruel=2 poet=2 boa=2 coerce=2 cooperate=4 iodine=3 gastroenterologist=7
    appointment=3 emergency=4 gastrointestinal=6 intestinal=4
"""
_EN_EXCEPTIONS: dict[str, int] = {
    word: int(count) for word, count in (item.split("=") for item in _EN_EXCEPTION_TABLE.split())
}

_EN_VOWELS = re.compile(r"[aeiouy]+")


def english_syllables(word: str) -> int:
    """Syllables in one English word, by rule (about 90 % exact on everyday words)."""
    if any(ch.isdigit() for ch in word):
        return max(1, sum(ch.isdigit() for ch in word))
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if w in _EN_EXCEPTIONS:
        return _EN_EXCEPTIONS[w]
    if len(w) <= 3:
        return 1
    base = w
    # Plural and tense endings that add no syllable: "makes", "walked"; but "rises", "needed".
    if base.endswith("es") and not re.search(r"(?:[cgsxz]|ch|sh)es$", base):
        base = base[:-1]
    elif base.endswith("ed") and not re.search(r"[td]ed$", base):
        base = base[:-2]
    # Silent e before a suffix: "closely", "movement", "useful".
    base = re.sub(r"([^aeiouy])e(ly|ness|ment|ful)$", r"\1\2", base)
    # Silent final e ("make"), but not "-le" after a consonant ("table") or "-ee" ("free").
    if base.endswith("e") and not re.search(r"(?:[^aeiouy]le|ee|ie)$", base):
        base = base[:-1]
    count = len(_EN_VOWELS.findall(base))
    # Vowel pairs said as two syllables: "ia" (media), "io" (radio), "eo" (video), "ua" (usual).
    count += len(re.findall(r"(?:ia|io|eo|ua|uo|iu|iet)", base))
    # ...except "-tion", "-sion", "-cial", "-cious", "-gion", "-llion": one ("nation", "million").
    count -= len(re.findall(r"(?:[tscgx]i[aou]|[ln]ion)", base))
    return max(1, count)


_ES_STRONG = set("aeoáéóíú")
_ES_WEAK = set("iuüy")


def spanish_syllables(word: str) -> int:
    """Syllables in one Spanish word: one per strong vowel of a vowel group, at least one."""
    if any(ch.isdigit() for ch in word):
        return max(1, sum(ch.isdigit() for ch in word))
    w = unicodedata.normalize("NFC", word.lower())
    w = re.sub(r"[^a-záéíóúüñ]", "", w)
    if not w:
        return 0
    if w == "y":
        return 1
    # "y" is a vowel only at the end of a word (hoy, muy) or alone; elsewhere a consonant.
    if w.endswith("y"):
        w = w[:-1] + "i"
    count = 0
    for group in re.findall(r"[aeiouáéíóúü]+", w):
        strong = sum(ch in _ES_STRONG for ch in group)
        count += max(1, strong)
    return max(1, count)


@dataclass(frozen=True, slots=True)
class TextStats:
    """Counts that reading-level formulas are built from."""

    sentences: int
    words: int
    syllables: int
    longest_sentence: int

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0


def text_stats(texts: Iterable[str], lang: str) -> TextStats:
    """Count sentences, words and syllables (each list item is at least one sentence), with the
    syllable rules of `lang`'s formula; LookupError if it has none."""
    formula = formula_for(lang)
    if formula is None:
        raise LookupError(f"no reading-level formula for language '{lang}'")
    counter = formula.syllables
    n_sent = n_words = n_syll = longest = 0
    for text in texts:
        for sentence in split_sentences(text):
            ws = words(sentence)
            if not ws:
                continue
            n_sent += 1
            n_words += len(ws)
            n_syll += sum(counter(w) for w in ws)
            longest = max(longest, len(ws))
    return TextStats(n_sent, n_words, n_syll, longest)


def flesch_kincaid_grade(stats: TextStats) -> float:
    """US school grade: 0.39 (words/sentence) + 11.8 (syllables/word) - 15.59."""
    if not stats.words or not stats.sentences:
        return 0.0
    return 0.39 * stats.words / stats.sentences + 11.8 * stats.syllables / stats.words - 15.59


def fernandez_huerta(stats: TextStats) -> float:
    """Spanish reading ease (higher is easier; 80+ is "fácil"): 206.84 - 0.60 P - 1.02 F.

    P is syllables per 100 words and F the average words per sentence. The formula as first
    printed (1959) took F as sentences per 100 words, which scores shorter sentences as
    harder; the correction (G. Law, 2011) that tools such as textstat use is followed here,
    so the score moves the same way as Flesch reading ease.
    """
    if not stats.words or not stats.sentences:
        return 100.0
    p = 100.0 * stats.syllables / stats.words
    f = stats.words / stats.sentences
    return 206.84 - 0.60 * p - 1.02 * f


@dataclass(frozen=True, slots=True)
class Formula:
    """One reading-level formula, as a language's `readability` names it."""

    rule: str  # its name in resources/languages.toml
    figure: str  # how check-content names the score
    syllables: Callable[[str], int]
    score: Callable[[TextStats], float]
    default_limit: float  # the health-literacy rule, unless the language sets its own
    higher_is_easier: bool

    def passes(self, value: float, limit: float) -> bool:
        """Compared at one decimal, the precision scores are reported at."""
        shown = round(value, 1)
        return shown >= limit if self.higher_is_easier else shown <= limit

    def finding(self, value: float, limit: float) -> str:
        """What check-content says of a part that does not pass."""
        if self.higher_is_easier:
            return (
                f"{self.figure} {value:.1f} is below {limit:.0f}; use shorter words and sentences"
            )
        return (
            f"reading {self.figure} {value:.1f} is above {limit:.1f}; "
            "use shorter words and sentences"
        )


FORMULAS: dict[str, Formula] = {
    "flesch-kincaid": Formula(
        "flesch-kincaid", "grade", english_syllables, flesch_kincaid_grade, 6.0, False
    ),
    "fernandez-huerta": Formula(
        "fernandez-huerta", "Fernández-Huerta", spanish_syllables, fernandez_huerta, 80.0, True
    ),
}


def formula_for(lang: str) -> Formula | None:
    """The formula a language's topics are scored with; None: not scored (its `readability` is
    "none" or a rule this kiosk does not know, or the language is not offered)."""
    language = languages.get(lang)
    return FORMULAS.get(language.readability) if language is not None else None


def limit_for(lang: str, formula: Formula) -> float:
    """The language's own limit for its formula, else the formula's."""
    language = languages.get(lang)
    if language is None or language.readability_limit is None:
        return formula.default_limit
    return language.readability_limit
