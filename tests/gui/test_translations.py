"""Every word the kiosk says itself, in each language it offers besides English (Spanish and
Chinese; the table's languages): in the translation sources, on every screen, and on the printed
page.

Topic text comes from the per-language topic files; these tests are about the kiosk's own words
(buttons, headings, messages, accessible names), which go through Qt's translation system.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk import labels, languages, paths
from kiosk.app import Kiosk, application
from kiosk.content import LoadResult, load_topics
from kiosk.handout.layout import build_handout
from kiosk.narration.narrator import Problem, State
from tests.gui.conftest import FAST, MakeKiosk, choose_language, offered_language

ROOT = Path(__file__).resolve().parents[2]
EN_TS = paths.I18N / "kiosk_en.ts"
# The languages the kiosk's own words are translated into: every one in the table but English.
TRANSLATED = tuple(code for code in languages.codes() if code != "en")
TOPIC_IDS = ("diarrhea-leg-pain", "ibs-leg-pain")
# Each language button names its language in its own words, whatever the screen's language.
LANGUAGE_NAMES = frozenset(labels.language_name(code) for code in languages.codes())
# Long enough that nothing runs out while the screens are visited.
CALM = replace(FAST, idle_timeout_s=600.0, countdown_s=30.0)
PLACEHOLDER = re.compile(r"\{\w*\}|%n")
FIX_HINT = (
    "Run scripts/update-translations, translate the new entries in "
    "resources/i18n/kiosk_<language>.ts (pyside6-linguist or a text editor), and commit the .ts "
    "files."
)


def ts_file(lang: str) -> Path:
    """The translation source of one language."""
    return paths.I18N / f"kiosk_{lang}.ts"


def shown_name(lang: str) -> str:
    return f"resources/i18n/kiosk_{lang}.ts"


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Leave the application as found: no translator of these tests installed, the default
    locale back, so later tests that translate without building a kiosk still get English."""
    app = application()
    before = set(app.findChildren(QTranslator))
    locale = QLocale()
    yield
    for translator in app.findChildren(QTranslator):
        if translator not in before:
            app.removeTranslator(translator)
    QLocale.setDefault(locale)


# -- reading .ts files ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    """One entry of a .ts file."""

    context: str
    source: str
    forms: tuple[str, ...]  # the translation; one text, or one per plural form
    numerus: bool
    kind: str  # the translation's type attribute: "", "unfinished", "vanished", "obsolete"


def read_ts(path: Path) -> list[Message]:
    """Every message of a Qt Linguist .ts file."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
                kind = "unfinished"
            elif numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
                kind = translation.get("type", "")
            else:
                forms = (translation.text or "",)
                kind = translation.get("type", "")
            messages.append(
                Message(name, message.findtext("source", default=""), forms, numerus, kind)
            )
    return messages


# How many forms a number's words take (Qt's plural rules): English and Spanish two ("1 second",
# "2 seconds"), Chinese one ("1 秒", "2 秒").
PLURAL_FORMS = {"zh": 1}


def plural_forms(path: Path) -> int:
    """The plural forms of the language of a .ts file (its `language` attribute, zh_CN)."""
    language = ET.parse(path).getroot().get("language", "")
    return PLURAL_FORMS.get(language.split("_")[0], 2)


def untranslated(path: Path) -> list[str]:
    """The source texts (with their context) that have no finished translation."""
    missing = []
    forms = plural_forms(path)
    for m in read_ts(path):
        if m.kind in ("vanished", "obsolete"):
            continue  # kept for reference only; never looked up (update-translations drops them)
        blank = not m.forms or any(not form.strip() for form in m.forms)
        too_few_forms = m.numerus and len(m.forms) < forms
        if m.kind == "unfinished" or blank or too_few_forms:
            missing.append(f"{m.context}: {m.source!r}")
    return missing


def pairs(path: Path) -> set[tuple[str, str]]:
    """(context, source text) of every message in use."""
    return {(m.context, m.source) for m in read_ts(path) if m.kind not in ("vanished", "obsolete")}


def translation(lang: str, context: str, source: str, plural: int = 0) -> str:
    """The committed translation of one source text into `lang` (`plural`: which numerus form;
    a language with one form, as Chinese, has that one for every number)."""
    for m in read_ts(ts_file(lang)):
        if (m.context, m.source) == (context, source):
            return m.forms[min(plural, len(m.forms) - 1) if m.numerus else 0]
    raise KeyError(f"{context}: {source!r} is not in {ts_file(lang).name}")


def lupdate_pairs(lupdate: Path, root: Path, ts: Path, work: Path) -> set[tuple[str, str]]:
    """The messages `scripts/update-translations` would leave in `ts` for the code under
    `root/kiosk` (run on a copy in `work`, so the committed file is not touched)."""
    copy = work / ts.name
    shutil.copyfile(ts, copy)
    sources = sorted(str(p.relative_to(root)) for p in (root / "kiosk").rglob("*.py"))
    assert sources, f"no Python files under {root / 'kiosk'}"
    done = subprocess.run(
        [str(lupdate), "-no-obsolete", *sources, "-ts", str(copy)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"pyside6-lupdate failed:\n{done.stdout}\n{done.stderr}"
    return pairs(copy)


# -- what a patient sees and hears --------------------------------------------------------------


def plain(text: str) -> str:
    """Rich text as the words a patient reads."""
    if "<" in text:
        text = re.sub(r"<[^>]*>", "", text)
    return " ".join(html.unescape(text).split())


def shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text on screen or given to a screen reader: (where, text) for each visible widget."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__}({widget.objectName() or '-'})"
        texts = {
            "accessibleName": widget.accessibleName(),
            "accessibleDescription": widget.accessibleDescription(),
            "toolTip": widget.toolTip(),
        }
        if isinstance(widget, QLabel):
            texts["text"] = widget.text()
        if isinstance(widget, QAbstractButton):
            texts["text"] = widget.text()
        for what, text in texts.items():
            words = plain(text)
            if words:
                found.append((f"{where}.{what}", words))
    return found


@dataclass(frozen=True, slots=True)
class English:
    """Recognises the kiosk's English source strings in a text."""

    exact: frozenset[str]  # whole strings without placeholders
    phrases: tuple[re.Pattern[str], ...]  # multi-word strings, found anywhere in a longer text
    leads: tuple[str, ...]  # the fixed part before the first placeholder
    tails: tuple[str, ...]  # the fixed part after the last one, when the string starts with one

    @staticmethod
    def from_ts(path: Path, translated_ts: Path) -> English:
        same = {m.source for m in read_ts(translated_ts) if m.forms and m.forms[0] == m.source}
        exact, phrases, leads, tails = set(), [], set(), set()
        for m in read_ts(path):
            source = " ".join(m.source.split())
            if not source or source in same:  # a word both languages spell alike
                continue
            parts = PLACEHOLDER.split(source)
            if len(parts) == 1:
                exact.add(source)
                if len(source.split()) > 1:
                    phrases.append(re.compile(rf"(?<!\w){re.escape(source)}(?!\w)"))
            elif parts[0].strip():
                leads.add(parts[0].strip())
            elif parts[-1].strip(" ."):
                tails.add(parts[-1].strip())
        return English(frozenset(exact), tuple(phrases), tuple(sorted(leads)), tuple(tails))

    def match(self, text: str) -> str | None:
        """The English source string this text shows, if any."""
        if text in LANGUAGE_NAMES:
            return None
        if text in self.exact:
            return text
        for phrase in self.phrases:
            if phrase.search(text):
                return phrase.pattern
        for lead in self.leads:
            if text.startswith(lead):
                return lead + "…"
        for tail in self.tails:
            if text.endswith(tail):
                return "…" + tail
        return None


# -- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_ui_string_is_translated(lang: str) -> None:
    missing = untranslated(ts_file(lang))
    assert not missing, (
        f"{len(missing)} kiosk string(s) have no finished translation in "
        f"{shown_name(lang)}:\n  " + "\n  ".join(missing) + f"\n{FIX_HINT}"
    )
    # The file really has translations (a parse that finds nothing would pass above).
    assert len(read_ts(ts_file(lang))) >= 50


def test_the_translated_languages_are_those_of_the_table() -> None:
    assert TRANSLATED == ("es", "zh")
    assert sorted(p.stem for p in paths.I18N.glob("kiosk_*.ts")) == [
        f"kiosk_{code}" for code in sorted(languages.codes())
    ]


def test_chinese_has_one_form_for_every_number() -> None:
    """Chinese says "%n 秒" whatever the number: one numerus form, not the two of English."""
    plurals = [m for m in read_ts(ts_file("zh")) if m.numerus]
    assert plurals
    assert all(len(m.forms) == 1 and "%n" in m.forms[0] for m in plurals)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translation_sources_are_up_to_date(tmp_path: Path, lang: str) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip(f"{lupdate} is not installed")
    wanted = lupdate_pairs(lupdate, ROOT, ts_file(lang), tmp_path)
    committed = pairs(ts_file(lang))
    new = sorted(wanted - committed)
    gone = sorted(committed - wanted)
    lines = [f"  new in the code: {c}: {s!r}" for c, s in new]
    lines += [f"  no longer in the code: {c}: {s!r}" for c, s in gone]
    assert wanted == committed, (
        f"{shown_name(lang)} does not match the tr() strings in kiosk/:\n"
        + "\n".join(lines)
        + f"\n{FIX_HINT}"
    )


def assert_no_english(seen: dict[str, list[tuple[str, str]]], english: English) -> None:
    """No text collected on any screen is one of the kiosk's English strings."""
    found = [
        f"  {screen}: {where} = {text!r} (English: {source!r})"
        for screen, texts in seen.items()
        for where, text in texts
        if (source := english.match(text))
    ]
    assert not found, (
        "English words on the translated screens (a string not passed through tr(), not set "
        "again in retranslate(), or missing from the compiled .qm: run scripts/bootstrap.sh):\n"
        + "\n".join(found)
    )


def translated_kiosk(make_kiosk: MakeKiosk, lang: str, content: LoadResult | None = None) -> Kiosk:
    kiosk = make_kiosk(CALM, content)
    kiosk.visit.update(language=lang)
    assert kiosk.translations.language == lang
    return kiosk


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_screens_show_no_english(make_kiosk: MakeKiosk, qtbot: QtBot, lang: str) -> None:
    english = English.from_ts(EN_TS, ts_file(lang))
    assert "Choose a topic" in english.exact  # the English list is really there
    kiosk = translated_kiosk(make_kiosk, lang)

    def said(context: str, source: str, plural: int = 0) -> str:
        return translation(lang, context, source, plural)

    w = kiosk.window
    seen: dict[str, list[tuple[str, str]]] = {}

    def look(screen: str) -> None:
        qtbot.wait(1)
        texts = shown_texts(w)
        assert len(texts) >= 3, (screen, texts)
        seen[screen] = texts

    assert w.current_screen == "attract"
    look("attract")
    assert w.attract.start.text() == said("AttractScreen", "Touch to start")

    kiosk.visits.start()
    look("home")
    assert w.home.heading.text() == said("HomeScreen", "Choose a topic")
    # The other language to tap (two languages), or this one, which opens the picker.
    two = len(languages.codes()) == 2
    assert offered_language(w.home.controls) == ["English" if two else labels.language_name(lang)]

    for topic_id in TOPIC_IDS:
        kiosk.reading.open_topic(topic_id)
        assert w.topic.topic is not None
        assert (w.topic.topic.id, w.topic.topic.lang) == (topic_id, lang)
        look(f"topic {topic_id}")
        assert w.topic.print_button.accessibleName() == said("TopicScreen", "Print a summary")
        page_words = [r.text() for r in w.topic.readings]
        assert said("Labels", "When to get help") in page_words
        narration = w.topic.narration
        for state in State:
            narration.show_state(state)
            look(f"topic {topic_id}, narration {state.name}")
        for problem in (Problem.FAILED, Problem.UNAVAILABLE):
            narration.show_problem(problem)
            look(f"topic {topic_id}, narration problem {problem.name}")
        narration.show_problem(None)
        narration.set_available(True)
        narration.show_state(State.IDLE)

        kiosk.handouts.preview()
        assert w.current_screen == "handout"
        look(f"handout {topic_id}")
        assert w.handout.title.text() == said("HandoutScreen", "Your page to take home")
        for name, show in (
            ("failed", w.handout.show_failed),
            ("printing", w.handout.show_printing),
            ("printed", lambda: w.handout.show_printed(1)),
            ("limit", w.handout.show_limit),
        ):
            show()
            look(f"handout {topic_id}, {name}")
        assert w.handout.status.text() == said(
            "HandoutScreen",
            "You have printed all the pages you can for now. Please ask the front desk.",
        )
        w.go_back()
        assert w.current_screen == "topic"

    w.overlay.show_warning(10)
    look("idle overlay")
    assert w.overlay.question.text() == said("IdleOverlay", "Are you still there?")
    message = "To keep your visit private, the screen will start over in %n second(s)."
    assert w.overlay.message.text() == said("IdleOverlay", message, 1).replace("%n", "10")
    w.overlay.set_seconds(1)
    look("idle overlay, 1 second")
    assert w.overlay.message.text() == said("IdleOverlay", message, 0).replace("%n", "1")
    w.overlay.hide()

    empty = translated_kiosk(make_kiosk, lang, LoadResult())
    empty.visits.start()
    look_empty = shown_texts(empty.window)
    seen["home without topics"] = look_empty
    assert empty.window.home.empty.text() == said(
        "HomeScreen", "No topics are available right now. Please ask the front desk."
    )

    assert_no_english(seen, english)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_switching_language_on_each_screen_leaves_no_english(
    make_kiosk: MakeKiosk, qtbot: QtBot, lang: str
) -> None:
    """What a screen already shows (a status line, a countdown) follows the language too."""
    english = English.from_ts(EN_TS, ts_file(lang))
    kiosk = make_kiosk(CALM)
    w = kiosk.window
    seen: dict[str, list[tuple[str, str]]] = {}

    def switch_here(screen: str) -> None:
        assert kiosk.translations.language == "en"
        controls = {"home": w.home, "topic": w.topic, "handout": w.handout}[w.current_screen]
        choose_language(qtbot, controls.controls, lang)  # the patient's own way to switch
        qtbot.wait(1)
        assert kiosk.translations.language == lang
        seen[screen] = shown_texts(w)
        kiosk.visit.update(language="en")

    kiosk.visits.start()
    switch_here("home")
    kiosk.reading.open_topic(TOPIC_IDS[0])
    w.topic.narration.show_state(State.PAUSED)
    switch_here("topic, paused")
    w.topic.narration.show_problem(Problem.FAILED)
    switch_here("topic, reading failed")
    w.topic.narration.show_problem(None)
    w.topic.narration.show_state(State.IDLE)
    kiosk.handouts.preview()
    w.handout.show_failed()
    switch_here("handout, printer failed")
    w.overlay.show_warning(10)
    switch_here("handout, idle overlay")
    shown = {text for _, text in seen["handout, idle overlay"]}
    assert translation(lang, "IdleOverlay", "Are you still there?") in shown
    assert translation(lang, "HandoutScreen", "Print this page") in shown
    assert_no_english(seen, english)


def handout_text(kiosk: Kiosk, topic_id: str, lang: str) -> str:
    topic = kiosk.content.find(topic_id, lang)
    assert topic is not None, (topic_id, lang)
    return build_handout(topic, kiosk.settings).document.toPlainText()


HANDOUT_WORDS = ("What you can do at home", "When to get help", "Call 911 now")


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_a_translated_handout_has_its_own_headings(
    make_kiosk: MakeKiosk, topic_id: str, lang: str
) -> None:
    kiosk = translated_kiosk(make_kiosk, lang)
    text = handout_text(kiosk, topic_id, lang)
    for words in HANDOUT_WORDS:
        assert translation(lang, "Labels", words) in text, (words, text)
        assert words not in text, (words, text)
    for words in ("Learn more (scan the code or type):", "Information current as of {date}"):
        assert translation(lang, "Labels", words).split("{")[0] in text, (words, text)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_english_only_topic_keeps_english_headings_on_a_translated_screen(
    make_kiosk: MakeKiosk, qtbot: QtBot, lang: str
) -> None:
    shipped = load_topics(paths.TOPICS)
    only_english = LoadResult(topics=[t for t in shipped.topics if t.lang == "en"])
    kiosk = translated_kiosk(make_kiosk, lang, only_english)
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    topic = kiosk.window.topic.topic
    assert topic is not None
    assert topic.lang == "en"
    assert kiosk.window.topic.language_note.text() == translation(
        lang, "TopicScreen", "This topic is only in English."
    )
    kiosk.handouts.preview()
    assert kiosk.window.current_screen == "handout"
    assert kiosk.window.handout.print_button.text() == translation(
        lang, "HandoutScreen", "Print this page"
    )
    text = build_handout(topic, kiosk.settings).document.toPlainText()
    for words in HANDOUT_WORDS:
        assert words in text, (words, text)
        assert translation(lang, "Labels", words) not in text, (words, text)
