"""A third language added from files alone, in a copy of resources/ (KIOSK_RESOURCES): a table
in languages.toml, a topic in topics/fr/ and a small kiosk_fr.ts, compiled by the set-up. The
kiosk offers it in a picker, shows, prints and reads aloud its topic (the real espeak-ng), and
a right-to-left language mirrors the window. A bad table entry leaves the kiosk running."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt, QTranslator
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import languages, paths
from kiosk.app import Kiosk, application
from kiosk.content import LoadResult, load_topics
from kiosk.narration.narrator import Narrator, State
from kiosk.theme import MIN_BUTTON
from kiosk.ui.language_picker import LanguagePicker
from tests.conftest import ROOT, run_main
from tests.gui.conftest import FAST, MakeKiosk, choose_language
from tests.gui.test_translations import pairs, read_ts
from tests.language_samples import (
    ARABIC_TABLE,
    FRENCH_STEP,
    FRENCH_TABLE,
    FRENCH_WORDS,
    resources_with,
)

K = Qt.Key
CALM = replace(FAST, idle_timeout_s=600.0, countdown_s=30.0)
FRENCH_TITLE = "Mal aux jambes et diarrhée"
SHIPPED = languages.codes()  # the shipped table's languages (en, es, zh): French comes after


def set_up(resources: Path) -> subprocess.CompletedProcess[str]:
    """The kiosk's set-up (scripts/bootstrap.sh) for a resources folder: it compiles the
    translations of every language in its languages.toml."""
    return subprocess.run(
        ["bash", "-c", 'source "$1"', "bash", str(ROOT / "scripts" / "bootstrap.sh")],
        env={**os.environ, "KIOSK_RESOURCES": str(resources)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def french_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """resources/ with French added, set up as a clinic would (translations compiled)."""
    copy = resources_with(tmp_path_factory.mktemp("french"))
    done = set_up(copy)
    assert done.returncode == 0, done.stderr
    return copy


@pytest.fixture
def french(french_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The kiosk reads its resources from the French copy."""
    monkeypatch.setenv("KIOSK_RESOURCES", str(french_copy))
    return french_copy


@pytest.fixture(autouse=True)
def _english_afterwards() -> Iterator[None]:
    """Leave the application as found: no translator of these tests installed, the default
    locale back, so later tests still get English."""
    app = application()
    before = set(app.findChildren(QTranslator))
    locale = QLocale()
    yield
    for translator in app.findChildren(QTranslator):
        if translator not in before:
            app.removeTranslator(translator)
    QLocale.setDefault(locale)


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key) -> None:
    """A key press as a keyboard or keypad sends it: to whatever has the focus."""
    qtbot.keyClick(focused() or kiosk.window, key)


def press_until(qtbot: QtBot, kiosk: Kiosk, key: Qt.Key, wanted: QWidget) -> None:
    for _ in range(40):
        press(qtbot, kiosk, key)
        if focused() is wanted:
            return
    raise AssertionError(f"{key} never reached {wanted.accessibleName()!r}")


def quiet(qtbot: QtBot, narrator: Narrator) -> None:
    """Stopped, and its player with it: the test ends with no sound being played (a player
    thread's warnings must not meet pytest-qt swapping its Qt message handler at teardown)."""
    narrator.stop()
    qtbot.wait_until(
        lambda: (
            narrator.state is State.IDLE
            and narrator.player.playbackState() == QMediaPlayer.PlaybackState.StoppedState
        ),
        timeout=10_000,
    )


def opened_picker(qtbot: QtBot, kiosk: Kiosk, screen: str = "home") -> LanguagePicker:
    """The language picker of a screen, opened by a tap on the language control."""
    controls = {"home": kiosk.window.home, "topic": kiosk.window.topic}[screen].controls
    click(qtbot, controls.language_menu)
    assert controls.picker is not None
    assert controls.picker.is_open
    return controls.picker


# -- offered ------------------------------------------------------------------------------------


def test_a_third_language_is_offered_in_a_picker_naming_each_in_its_own_words(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    home = kiosk.window.home
    controls = home.controls
    assert controls.languages == {}  # not one tap per language any more
    assert controls.language_menu.text() == "English"
    assert controls.language_menu in home.focus_order()

    picker = opened_picker(qtbot, kiosk)
    assert picker.geometry() == home.rect()  # over the whole screen: nothing else is touched
    names = [(code, button.text()) for code, button in picker.entries.items()]
    assert names == [*((code, languages.name(code)) for code in SHIPPED), ("fr", "Français")]
    assert names[:3] == [("en", "English"), ("es", "Español"), ("zh", "简体中文")]
    assert [button.isChecked() for button in picker.entries.values()] == [True] + [False] * len(
        SHIPPED
    )
    for button in picker.controls():
        assert button.isVisible()
        assert button.height() >= MIN_BUTTON, button.text()  # touch-sized, as every control
        assert button.width() >= 3 * MIN_BUTTON, button.text()
    assert picker.title.text() == "Choose a language"

    with qtbot.wait_signal(
        controls.choice_requested,
        check_params_cb=lambda name, value: (name, value) == ("language", "fr"),
    ):
        click(qtbot, picker.entries["fr"])
    assert not picker.is_open
    assert kiosk.visit.choices.language == "fr"
    assert kiosk.translations.language == "fr"
    assert home.heading.text() == "Choisissez un sujet"  # kiosk_fr.ts, compiled by the set-up
    assert controls.language_menu.text() == "Français"
    assert home.tiles[0].title.text() == FRENCH_TITLE  # its own topics first
    others = [tile for tile in home.tiles if tile.topic_lang != "fr"]
    assert others
    assert all(tile.note.text() == "Only in English" for tile in others)


def test_a_touch_outside_the_picker_closes_it_and_changes_nothing(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    picker = opened_picker(qtbot, kiosk)
    tile = kiosk.window.home.tiles[0]
    under = tile.mapTo(picker, QPoint(10, 10))  # a tile under the picker's dark surround
    assert not picker.card.geometry().contains(under)
    qtbot.mouseClick(picker, Qt.MouseButton.LeftButton, pos=under)
    assert not picker.is_open
    assert kiosk.window.current_screen == "home"  # the tile was not opened
    assert kiosk.visit.choices.language == "en"
    picker = opened_picker(qtbot, kiosk)
    click(qtbot, picker.close_button)
    assert not picker.is_open
    assert kiosk.visit.choices.language == "en"


def test_the_picker_works_by_keys_and_escape_only_closes_it(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    w = kiosk.window
    press(qtbot, kiosk, K.Key_Return)  # any key starts a visit
    kiosk.reading.open_topic("ibs-leg-pain")  # here Escape would otherwise go back a screen
    controls = w.topic.controls
    menu = controls.language_menu
    press_until(qtbot, kiosk, K.Key_Right, menu)
    press(qtbot, kiosk, K.Key_Return)
    picker = controls.picker
    assert picker is not None
    assert picker.is_open
    entries = picker.entries
    order = list(entries)
    assert order == [*SHIPPED, "fr"]
    assert focused() is entries["en"]  # keys start on the visit's language
    press(qtbot, kiosk, K.Key_Down)
    assert focused() is entries["es"]
    for code in order[2:]:  # down the one column, Right as Down, to the last language
        press(qtbot, kiosk, K.Key_Right)
        assert focused() is entries[code]
    assert focused() is entries["fr"]
    press(qtbot, kiosk, K.Key_Tab)
    assert focused() is picker.close_button
    press(qtbot, kiosk, K.Key_Down)
    assert focused() is entries["en"]  # round again, never out of the picker
    press(qtbot, kiosk, K.Key_Up)
    assert focused() is picker.close_button
    qtbot.keyClick(picker.close_button, K.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is entries["fr"]

    press(qtbot, kiosk, K.Key_Escape)
    assert not picker.is_open
    assert w.current_screen == "topic"  # Escape closed the picker and did nothing else
    assert focused() is menu

    press(qtbot, kiosk, K.Key_Return)
    assert picker.is_open
    for _ in order[1:]:
        press(qtbot, kiosk, K.Key_Down)
    assert focused() is entries["fr"]
    press(qtbot, kiosk, K.Key_Return)
    assert not picker.is_open
    assert kiosk.visit.choices.language == "fr"
    assert focused() is menu  # keys go on from the language control
    assert w.current_screen == "topic"
    shown = w.topic.topic
    assert shown is not None
    assert (shown.id, shown.lang) == ("ibs-leg-pain", "en")  # no French one: it stays English

    kiosk.reading.open_topic("diarrhea-leg-pain")
    press_until(qtbot, kiosk, K.Key_Right, menu)
    press(qtbot, kiosk, K.Key_Return)
    assert picker.is_open
    kiosk.visits.reset()  # the idle reset: the next patient finds no picker open
    assert not picker.is_open


def test_the_audio_guide_says_the_picker_and_each_language(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    said: list[str] = []
    kiosk.guide.spoken.connect(said.append)
    press(qtbot, kiosk, K.Key_F1)  # from the attract screen: a visit starts, guided
    qtbot.wait_until(lambda: "Audio guide on." in said, timeout=20_000)
    menu = kiosk.window.home.controls.language_menu
    press_until(qtbot, kiosk, K.Key_Right, menu)
    qtbot.wait_until(lambda: "English. Choose a language." in said, timeout=20_000)

    said.clear()
    press(qtbot, kiosk, K.Key_Return)
    qtbot.wait_until(lambda: "English. chosen." in said, timeout=20_000)
    assert said.index("Choose a language") < said.index("English. chosen.")  # where, then what
    others = [languages.name(code) for code in SHIPPED[1:]] + ["Français"]
    for expected in [*(f"{name}. not chosen." for name in others), "Close."]:
        press(qtbot, kiosk, K.Key_Down)
        qtbot.wait_until(lambda expected=expected: expected in said, timeout=20_000)
    quiet(qtbot, kiosk.guide.narrator)


# -- shown, printed, read aloud ------------------------------------------------------------------


def test_the_topic_screen_shows_the_french_topic(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    click(qtbot, opened_picker(qtbot, kiosk, "topic").entries["fr"])
    w = kiosk.window
    topic = w.topic.topic
    assert topic is not None
    assert (topic.id, topic.lang) == ("diarrhea-leg-pain", "fr")  # the same topic, switched
    words = [reading.text() for reading in w.topic.readings]
    assert words[0] == FRENCH_TITLE
    assert FRENCH_STEP in words
    assert "Ce que vous pouvez faire chez vous" in words
    assert not w.topic.language_note.isVisible()
    assert w.topic.narration.listen.text() == "Écouter"


def test_the_handout_builds_in_french(french: Path, make_kiosk: MakeKiosk) -> None:
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    kiosk.visit.update(language="fr")
    kiosk.reading.open_topic("diarrhea-leg-pain")
    kiosk.handouts.preview()
    assert kiosk.window.current_screen == "handout"
    handout = kiosk.handouts.previewed
    assert handout is not None
    assert handout.fits
    assert handout.steps_shown == 4
    text = handout.document.toPlainText()
    for words in (
        FRENCH_TITLE,
        FRENCH_STEP,
        FRENCH_WORDS["Labels", "What you can do at home"],
        FRENCH_WORDS["Labels", "When to get help"],
        "Français",  # the language, in its own words
        "22 novembre 2026",  # the date, in the table's format
    ):
        assert words in text, words
    assert "What you can do at home" not in text
    pixmap = kiosk.window.handout.page.pixmap()
    assert not pixmap.isNull()


def test_french_is_read_aloud_with_the_real_espeak_ng(
    french: Path, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed: run scripts/run-tests to set up")
    kiosk = make_kiosk(CALM)
    with qtbot.wait_signal(kiosk.speech.ready, timeout=20_000):
        kiosk.speech.start()
    assert kiosk.narrator.voice("fr") == "roa/fr"  # the table's voice, found in the engine
    kiosk.visits.start()
    kiosk.visit.update(language="fr")
    kiosk.reading.open_topic("diarrhea-leg-pain")
    listen = kiosk.window.topic.narration.listen
    assert listen.isEnabled()
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as first:
        click(qtbot, listen)
    assert first.args == [0]
    assert kiosk.narrator.lang == "fr"
    assert kiosk.narrator.sentences[0] == FRENCH_TITLE
    with qtbot.wait_signal(kiosk.narrator.sentence_started, timeout=20_000) as second:
        pass
    assert second.args == [1]  # it goes on: the first sentence really played to its end
    click(qtbot, kiosk.window.topic.narration.stop)
    quiet(qtbot, kiosk.narrator)


def test_narrate_writes_the_french_topic_as_sound(french: Path, tmp_path: Path) -> None:
    out, timings = tmp_path / "fr.wav", tmp_path / "fr.json"
    done = run_main(
        "narrate", "diarrhea-leg-pain", "--lang", "fr", "-o", str(out), "--timings", str(timings)
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 22050 * 2 * 10  # more than ten seconds of 16-bit speech
    assert FRENCH_TITLE in timings.read_text(encoding="utf-8")


def test_a_topic_only_in_the_new_language_is_marked_with_its_own_name(
    french: Path, make_kiosk: MakeKiosk
) -> None:
    only_french = LoadResult(topics=[t for t in load_topics(paths.TOPICS).topics if t.lang == "fr"])
    kiosk = make_kiosk(CALM, only_french)
    kiosk.visits.start()
    w = kiosk.window
    assert w.home.tiles[0].note.text() == "Only in Français"
    kiosk.reading.open_topic("diarrhea-leg-pain")
    assert w.topic.language_note.text() == "This topic is only in Français."
    kiosk.visit.update(language="es")
    assert w.topic.language_note.text() == "Este tema solo está en Français."
    w.show_home()
    assert w.home.tiles[0].note.text() == "Solo en Français"


# -- set up, direction, a bad table -------------------------------------------------------------


def test_the_scripts_make_and_compile_the_new_languages_translations(tmp_path: Path) -> None:
    copy = resources_with(tmp_path)
    env = {**os.environ, "KIOSK_RESOURCES": str(copy)}
    done = subprocess.run(
        [str(ROOT / "scripts" / "update-translations")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    french_ts = copy / "i18n" / "kiosk_fr.ts"
    assert pairs(french_ts) == pairs(copy / "i18n" / "kiosk_es.ts")  # every word, to translate
    kept = {(m.context, m.source): m.forms[0] for m in read_ts(french_ts) if m.kind == ""}
    assert kept == FRENCH_WORDS  # what was translated stays
    compiled = copy / "i18n" / "kiosk_fr.qm"
    compiled.unlink(missing_ok=True)  # made from the small file before: the set-up again
    done = set_up(copy)
    assert done.returncode == 0, done.stderr
    assert compiled.exists()
    translator = QTranslator()
    assert translator.load("kiosk_fr", str(copy / "i18n"))
    assert translator.translate("HomeScreen", "Choose a topic") == "Choisissez un sujet"


def test_a_right_to_left_language_mirrors_the_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    copy = resources_with(tmp_path, FRENCH_TABLE + ARABIC_TABLE, translations={})
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    kiosk = make_kiosk(CALM)
    kiosk.visits.start()
    w = kiosk.window
    home = w.home
    menu, clinic = home.controls.language_menu, home.clinic

    def menu_x() -> int:
        return menu.mapTo(w, QPoint(0, 0)).x()

    def clinic_x() -> int:
        return clinic.mapTo(w, QPoint(0, 0)).x()

    assert w.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert menu_x() > clinic_x()  # the controls at the end of the bar: the right
    picker = opened_picker(qtbot, kiosk)
    assert list(picker.entries) == [*SHIPPED, "fr", "ar"]
    assert picker.entries["ar"].text() == "العربية"
    click(qtbot, picker.entries["ar"])
    assert kiosk.visit.choices.language == "ar"
    assert w.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert home.isRightToLeft()
    assert w.topic.narration.isRightToLeft()
    qtbot.wait_until(lambda: menu_x() < clinic_x())  # mirrored: the controls on the left
    kiosk.visit.update(language="fr")
    assert w.layoutDirection() == Qt.LayoutDirection.LeftToRight
    qtbot.wait_until(lambda: menu_x() > clinic_x())


def test_a_bad_table_entry_is_reported_and_the_kiosk_runs_on(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_kiosk: MakeKiosk,
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    copy = resources_with(tmp_path, FRENCH_TABLE.replace('direction = "ltr"', 'direction = "up"'))
    done = set_up(copy)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    with caplog.at_level(logging.WARNING):
        kiosk = make_kiosk(CALM)
    problem = next(r.getMessage() for r in caplog.records if "fr.direction" in r.getMessage())
    assert problem.startswith(f"languages: {copy / 'languages.toml'}:")
    assert problem.endswith('fr.direction: must be "ltr" or "rtl", not "up"; fr is not offered')

    kiosk.visits.start()
    controls = kiosk.window.home.controls
    if len(SHIPPED) == 2:  # two left: one tap, as before
        assert list(controls.languages) == list(SHIPPED)
        assert controls.picker is None
        assert not controls.language_menu.isVisible()
    else:  # the shipped ones left, in the picker
        assert controls.picker is not None
        assert list(controls.picker.entries) == list(SHIPPED)
    choose_language(qtbot, controls, "es")
    assert kiosk.window.home.heading.text() == "Elija un tema"
    assert all(t.lang != "fr" for t in kiosk.content.entries)

    kiosk.staff_mode.open_staff()  # staff see why French is missing
    failed = kiosk.window.staff.failed.text()
    assert problem.removeprefix("languages: ") in failed
    assert f"unknown language folder 'fr' (supported: {', '.join(SHIPPED)})" in failed
