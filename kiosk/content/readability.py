"""Offline reading-level scores: Flesch-Kincaid grade (English), Fernández-Huerta (Spanish), and
short sentences of common characters (Chinese).

Which formula a language's topics are checked with is its `readability` in
resources/languages.toml (`formula_for`); a language with "none", or with a rule named there
that is not one of `FORMULAS`, has no formula, and is never scored with another language's
syllable rules. A formula checks one figure (a grade, a reading ease) or more than one (Chinese:
sentence length and common characters), each against its own limit.

Syllables are counted by rule rather than from a pronouncing dictionary, so the checks run on a
kiosk or a CI machine with no network. English uses vowel groups with the usual silent-e and
suffix rules plus a short list of exceptions; Spanish syllables follow the language's regular
vowel-nucleus rules (strong vowels a e o and accented í ú break a diphthong, i u ü join one).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kiosk import languages, paths
from kiosk.content.sentences import characters, han_characters, split_sentences, words

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


@functools.lru_cache(maxsize=65536)  # a word is counted once, however often it comes
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


@functools.lru_cache(maxsize=65536)  # a word is counted once, however often it comes
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
    """Counts that reading-level formulas are built from. Chinese counts its sentence lengths in
    characters (`words` then counts each Han character, and each run of other letters or digits,
    as one), and how many of its Han characters are common ones."""

    sentences: int
    words: int
    syllables: int
    longest_sentence: int
    han: int = 0  # Han characters
    common: int = 0  # of them, those in the list of common characters
    uncommon: str = ""  # the others, each once, in the order first met

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words (in characters, for Chinese)."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def common_share(self) -> float:
        """The percentage of the Han characters that are common ones (100 with none)."""
        return 100.0 * self.common / self.han if self.han else 100.0


def text_stats(texts: Iterable[str], lang: str) -> TextStats:
    """Count sentences, words and syllables (each list item is at least one sentence), with the
    counting rules of `lang`'s formula; LookupError if it has none."""
    formula = formula_for(lang)
    if formula is None:
        raise LookupError(f"no reading-level formula for language '{lang}'")
    return formula.count(texts)


def _syllable_stats(texts: Iterable[str], counter: Callable[[str], int]) -> TextStats:
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


def english_stats(texts: Iterable[str]) -> TextStats:
    """Sentences, words and syllables by the English syllable rules."""
    return _syllable_stats(texts, english_syllables)


def spanish_stats(texts: Iterable[str]) -> TextStats:
    """Sentences, words and syllables by the Spanish syllable rules."""
    return _syllable_stats(texts, spanish_syllables)


# The common characters, one file shipped with the code (not a clinic's to change, so read from
# the shipped resources whatever KIOSK_RESOURCES says).
COMMON_CHARACTERS_FILE = paths.SHIPPED_RESOURCES / "readability" / "zh-common-characters.txt"


@functools.cache
def common_characters() -> frozenset[str]:
    """The 2,500 common characters of the 现代汉语常用字表 (1988)."""
    text = COMMON_CHARACTERS_FILE.read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(ch for line in lines for ch in han_characters(line))


def chinese_stats(texts: Iterable[str]) -> TextStats:
    """Sentences and their length in characters (each Han character one, each run of other
    letters or digits one: 38.9, ORS), and how many of the Han characters are common ones.
    Each Chinese character is one syllable: `syllables` is the number of Han characters."""
    common = common_characters()
    n_sent = n_units = n_han = n_common = longest = 0
    uncommon: dict[str, None] = {}
    for text in texts:
        for sentence in split_sentences(text):
            units = characters(sentence)
            if not units:
                continue
            n_sent += 1
            n_units += len(units)
            longest = max(longest, len(units))
            for ch in han_characters(sentence):
                n_han += 1
                if ch in common:
                    n_common += 1
                else:
                    uncommon.setdefault(ch)
    return TextStats(n_sent, n_units, n_han, longest, n_han, n_common, "".join(uncommon))


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


def characters_per_sentence(stats: TextStats) -> float:
    """Chinese sentence length: the average number of characters a sentence (0 with none)."""
    return stats.words_per_sentence


def common_character_share(stats: TextStats) -> float:
    """The percentage of Han characters that are among the 2,500 common ones."""
    return stats.common_share


@dataclass(frozen=True, slots=True)
class Measure:
    """One figure a formula checks each part of a topic by, with its limit.

    `shown` and `finding` are formats of `value` and `limit` (and, for `finding`, `uncommon`:
    the characters not in the common list): the figure as check-content shows it beside a
    topic, and what it says of a part that does not pass.
    """

    name: str  # what the figure is called in check-content
    score: Callable[[TextStats], float]
    default_limit: float  # the health-literacy rule, unless the language sets its own
    higher_is_easier: bool
    shown: str
    finding: str
    limit_field: str = "readability_limit"  # the language's field that sets its own limit

    def passes(self, value: float, limit: float) -> bool:
        """Compared at one decimal, the precision scores are reported at."""
        shown = round(value, 1)
        return shown >= limit if self.higher_is_easier else shown <= limit

    def says(self, value: float, limit: float) -> str:
        """The figure and its limit, as check-content shows it."""
        return self.shown.format(value=value, limit=limit)

    def fails(self, value: float, limit: float, stats: TextStats) -> str:
        """What check-content says of a part that does not pass."""
        return self.finding.format(value=value, limit=limit, uncommon="、".join(stats.uncommon))


@dataclass(frozen=True, slots=True)
class Formula:
    """One reading-level rule, as a language's `readability` names it: how it counts a text,
    and the figures it checks."""

    rule: str  # its name in resources/languages.toml
    count: Callable[[Iterable[str]], TextStats]
    measures: tuple[Measure, ...]

    @property
    def figure(self) -> str:
        """The name of its first (main) figure."""
        return self.measures[0].name


_SHORTER = "use shorter words and sentences"

FORMULAS: dict[str, Formula] = {
    "flesch-kincaid": Formula(
        "flesch-kincaid",
        english_stats,
        (
            Measure(
                "grade",
                flesch_kincaid_grade,
                6.0,
                False,
                "grade {value:.1f}, at most {limit:.1f}",
                "reading grade {value:.1f} is above {limit:.1f}; " + _SHORTER,
            ),
        ),
    ),
    "fernandez-huerta": Formula(
        "fernandez-huerta",
        spanish_stats,
        (
            Measure(
                "Fernández-Huerta",
                fernandez_huerta,
                80.0,
                True,
                "Fernández-Huerta {value:.1f}, at least {limit:.0f}",
                "Fernández-Huerta {value:.1f} is below {limit:.0f}; " + _SHORTER,
            ),
        ),
    ),
    # Chinese has no standard grade formula. Sentence length and how many characters are not
    # common ones are the two signals Chinese readability research relies on most, and both
    # can be counted exactly: sentences average at most 20 characters (English's 15 words, at
    # the 1.3 to 1.45 characters our Chinese topics take for an English word), and at least 95 %
    # of the Han characters of each part are among the 2,500 common ones (about what a pupil
    # learns to write by grade 6; everyday printed text has 98 %, and a short part may need a
    # name that no everyday word says: 钠, 钾, 镁 for sodium, potassium, magnesium).
    "chinese-plain": Formula(
        "chinese-plain",
        chinese_stats,
        (
            Measure(
                "characters a sentence",
                characters_per_sentence,
                20.0,
                False,
                "sentences of {value:.1f} characters on average, at most {limit:.0f}",
                "sentences average {value:.1f} characters, above {limit:.0f}; "
                "write shorter sentences",
            ),
            Measure(
                "common characters",
                common_character_share,
                95.0,
                True,
                "{value:.1f} % of characters among the 2,500 common ones, at least {limit:.0f} %",
                "{value:.1f} % of its characters are among the 2,500 common ones, below "
                "{limit:.0f} % (not common: {uncommon}); use everyday words, or explain a rare one",
                "common_characters_limit",
            ),
        ),
    ),
}


def formula_for(lang: str) -> Formula | None:
    """The formula a language's topics are scored with; None: not scored (its `readability` is
    "none" or a rule this kiosk does not know, or the language is not offered)."""
    language = languages.get(lang)
    return FORMULAS.get(language.readability) if language is not None else None


def limit_for(lang: str, measure: Measure) -> float:
    """The language's own limit for a figure, else the figure's."""
    language = languages.get(lang)
    own = getattr(language, measure.limit_field, None) if language is not None else None
    return measure.default_limit if own is None else float(own)
