"""Language, text size and contrast: the controls on every screen, what they change, and that
the next patient finds the defaults again."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import languages, paths
from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.session import VisitChoices
from kiosk.theme import HIGH_CONTRAST, LIGHT
from kiosk.ui.widgets import ReadingLabel
from tests.gui.conftest import FAST, MakeKiosk, choose_language, offered_language
from tests.topic_samples import VALID


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.accessibleName()
    assert button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_every_screen_has_the_controls_showing_the_visit(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    home = kiosk.window.home.controls
    # The other language to tap (two languages), or the visit's, which opens the picker (three).
    assert offered_language(home) == (["Español"] if len(languages.codes()) == 2 else ["English"])
    click(qtbot, home.sizes[130])
    click(qtbot, home.contrast)
    assert (kiosk.visit.choices.text_size, kiosk.visit.choices.theme) == (130, "high-contrast")
    kiosk.reading.open_topic("ibs-leg-pain")
    topic = kiosk.window.topic.controls
    assert topic.sizes[130].isChecked()
    assert not topic.sizes[100].isChecked()
    assert topic.contrast.isChecked()
    click(qtbot, topic.sizes[170])
    click(qtbot, kiosk.window.topic.print_button)
    handout = kiosk.window.handout.controls
    assert handout.sizes[170].isChecked()
    assert handout.contrast.isChecked()
    click(qtbot, handout.contrast)
    assert kiosk.visit.choices.theme == "light"
    assert not home.contrast.isChecked()
    assert not topic.contrast.isChecked()


def test_text_size_and_contrast_change_the_look(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    hint = kiosk.window.home.hint
    assert hint.font().pixelSize() == 30
    click(qtbot, kiosk.window.home.controls.sizes[170])
    assert hint.font().pixelSize() == 51
    window_bg = kiosk.window.grab().toImage().pixelColor(5, kiosk.window.height() - 5)
    assert window_bg.name().upper() == LIGHT.window_bg
    click(qtbot, kiosk.window.home.controls.contrast)
    window_bg = kiosk.window.grab().toImage().pixelColor(5, kiosk.window.height() - 5)
    assert window_bg.name().upper() == HIGH_CONTRAST.window_bg


def test_switching_language_keeps_the_patient_where_they_were(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    kiosk.reading.open_topic("diarrhea-leg-pain")
    assert kiosk.narrator.sentences[0] == "Leg pain with diarrhea"
    choose_language(qtbot, kiosk.window.topic.controls, "es")
    assert kiosk.window.current_screen == "topic"
    shown = kiosk.window.topic.topic
    assert shown is not None
    assert (shown.id, shown.lang) == ("diarrhea-leg-pain", "es")
    assert kiosk.window.topic.back.text() == "Atrás"
    assert kiosk.narrator.lang == "es"
    assert kiosk.narrator.sentences[0] == "Dolor de piernas con diarrea"
    assert not kiosk.window.topic.language_note.isVisible()
    # On the page to print, the page itself changes language at once.
    click(qtbot, kiosk.window.topic.print_button)
    assert kiosk.handouts.previewed is not None
    assert "Lo que puede hacer en casa" in kiosk.handouts.previewed.document.toPlainText()
    choose_language(qtbot, kiosk.window.handout.controls, "en")
    assert kiosk.window.current_screen == "handout"
    assert kiosk.handouts.previewed is not None
    text = kiosk.handouts.previewed.document.toPlainText()
    assert "What you can do at home" in text
    assert "Leg pain with diarrhea" in text
    assert kiosk.window.handout.print_button.text() == "Print this page"


def test_a_topic_in_one_language_says_so(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path
) -> None:
    own = tmp_path / "en"
    own.mkdir()
    (own / "sample.toml").write_text(VALID, encoding="utf-8")
    content = load_topics([paths.TOPICS, tmp_path])
    kiosk = make_kiosk(FAST, content)
    kiosk.visits.start()
    choose_language(qtbot, kiosk.window.home.controls, "es")
    tiles = {t.topic_id: t for t in kiosk.window.home.tiles}
    assert set(tiles) == {"ibs-leg-pain", "diarrhea-leg-pain", "sample"}
    qtbot.wait_until(tiles["sample"].isVisible)  # new tiles show at the next turn of the loop
    assert tiles["sample"].note.isVisible()
    assert tiles["sample"].note.text() == "Solo en inglés"
    assert not tiles["ibs-leg-pain"].note.isVisible()
    assert "Solo en inglés" in tiles["sample"].accessibleDescription()
    click(qtbot, tiles["sample"])
    assert kiosk.window.topic.topic is not None
    assert kiosk.window.topic.topic.lang == "en"
    assert kiosk.window.topic.language_note.isVisible()
    assert kiosk.window.topic.language_note.text() == "Este tema solo está en inglés."
    assert kiosk.narrator.lang == "en"  # read by the English voice, as it is written
    page = kiosk.window.topic.page
    assert page is not None
    # The words around the topic follow the topic's language, not the screen's.
    assert any(r.text() == "Call 911 now" for r in page.readings)


def test_everything_returns_to_the_defaults_after_the_visit(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(FAST)
    kiosk.visits.start()
    controls = kiosk.window.home.controls
    choose_language(qtbot, controls, "es")
    click(qtbot, controls.sizes[170])
    click(qtbot, controls.contrast)
    assert controls.guide is not None
    click(qtbot, controls.guide)
    assert kiosk.visit.choices.audio_guide
    assert kiosk.guide.enabled
    kiosk.reading.open_topic("ibs-leg-pain")
    qtbot.wait_signal(kiosk.idle.timed_out, timeout=5000).wait()
    qtbot.wait_until(lambda: not kiosk.window.dressing)  # the hidden screens, one a turn
    assert kiosk.visit.choices == VisitChoices.defaults(FAST)
    assert not kiosk.guide.enabled
    assert not kiosk.guide.talking
    assert kiosk.window.home.heading.text() == "Choose a topic"
    assert kiosk.window.home.hint.font().pixelSize() == 30
    for each in kiosk.window.all_controls():
        assert each.sizes[100].isChecked()
        assert not each.sizes[170].isChecked()
        assert not each.contrast.isChecked()
        if each.picker is None:
            assert each.languages["es"].isVisibleTo(each.languages["es"].parentWidget())
        else:
            assert each.language_menu.text() == "English"
            assert not each.picker.is_open
    assert not controls.guide.isChecked()


def test_a_screen_shown_before_its_turn_after_the_reset_is_in_the_default_look(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk()  # a calm idle clock: the one reset is the test's own
    w = kiosk.window
    kiosk.visits.start()
    default_sheet = w.home.styleSheet()
    default_icon = w.handout.back.iconSize()  # sizes follow the text size
    kiosk.visit.update(text_size=170, theme="high-contrast")
    kiosk.reading.open_topic("ibs-leg-pain")
    w.show_handout()  # every screen a patient uses has been in the last patient's look
    assert w.handout.styleSheet() != default_sheet
    assert w.handout.back.iconSize() != default_icon
    kiosk.visits.reset()
    assert w.dressing  # the hidden screens wait for their turns of the event loop
    kiosk.visits.start()  # the next patient, before any of those turns
    assert w.current_screen == "home"
    assert w.home.hint.font().pixelSize() == 30
    assert w.home.styleSheet() == default_sheet
    qtbot.wait_until(lambda: not w.dressing)
    assert w.handout.styleSheet() == default_sheet
    assert w.handout.back.iconSize() == default_icon


@pytest.mark.parametrize("lang", languages.codes())
def test_every_control_has_a_name_and_role_on_every_screen(
    kiosk: Kiosk, qtbot: QtBot, lang: str
) -> None:
    kiosk.visit.update(language=lang)
    kiosk.visits.start()
    seen = 0
    for screen in ("home", "topic", "handout"):
        if screen == "topic":
            kiosk.reading.open_topic("ibs-leg-pain")
        elif screen == "handout":
            kiosk.handouts.preview()
        assert kiosk.window.current_screen == screen
        for button in kiosk.window.findChildren(QPushButton):
            if not button.isVisible():
                continue
            face = QAccessible.queryAccessibleInterface(button)
            assert face is not None
            assert face.text(QAccessible.Text.Name), (screen, button.text())
            assert face.role() in (QAccessible.Role.PushButton, QAccessible.Role.CheckBox), (
                screen,
                button.accessibleName(),
            )
            seen += 1
    assert seen >= 25


def test_print_news_stays_when_the_language_changes(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    kiosk.handouts.preview()
    kiosk.window.handout.show_printed(2)
    choose_language(qtbot, kiosk.window.handout.controls, "es")
    assert kiosk.window.handout.status.text() == (
        "Su hoja se está imprimiendo. Por favor, recójala en la recepción."
    )
    assert kiosk.window.handout.print_button.isEnabled()


def test_a_bigger_text_keeps_the_place_and_the_sentence_marked(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(Settings())
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    screen = kiosk.window.topic
    old = screen.page
    assert old is not None
    qtbot.wait_until(lambda: old.scroll_area.verticalScrollBar().maximum() > 0)
    old.set_scroll_fraction(0.5)
    click(qtbot, screen.controls.sizes[170])
    new = screen.page
    assert new is not None
    assert new is not old  # built again at the new size
    assert screen.topic is not None
    assert screen.topic.id == "ibs-leg-pain"
    qtbot.wait_until(lambda: abs(new.scroll_fraction() - 0.5) < 0.05)
    # While a sentence is marked, the new page marks the same one (and scrolls to it).
    screen.highlight(7)
    marked = [r for r in new.readings if r.highlighted is not None]
    click(qtbot, screen.controls.contrast)
    page = screen.page
    assert page is not None
    assert page is not new
    now_marked = [r for r in page.readings if r.highlighted is not None]
    assert [r.sentences for r in now_marked] == [r.sentences for r in marked]
    assert [r.highlighted for r in now_marked] == [r.highlighted for r in marked]


def test_look_and_language_changes_leave_no_widgets_behind(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    """Pages dropped for a new look or language are deleted, their text with them."""
    kiosk = make_kiosk(Settings())
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    controls = kiosk.window.topic.controls

    def round_of_changes() -> None:
        for size in (130, 170, 100):
            click(qtbot, controls.sizes[size])
        click(qtbot, controls.contrast)
        click(qtbot, controls.contrast)
        choose_language(qtbot, controls, "es")
        choose_language(qtbot, controls, "en")
        # The page on show is built whole (the rest of it comes a few ms a turn, after its
        # first frame: on a slow machine, later than any fixed wait), and anything deleted
        # later is gone.
        page = kiosk.window.topic.page
        assert page is not None
        qtbot.wait_until(lambda: page.complete, timeout=10_000)
        qtbot.wait(50)

    round_of_changes()
    widgets = len(QApplication.allWidgets())
    for _ in range(5):
        round_of_changes()
    assert len(QApplication.allWidgets()) == widgets
    # A new look restyles the bars and builds the page again; the page it drops is not
    # restyled on its way out (it keeps its own stylesheet), and is deleted just after.
    dropped = kiosk.window.topic.page
    assert dropped is not None
    label = dropped.readings[-1]
    restyled = _StyleWatch(label)
    click(qtbot, controls.sizes[130])
    assert restyled.count == 0
    qtbot.wait_until(lambda: not shiboken6.isValid(label))
    shown = kiosk.window.topic.page
    assert shown is not None
    assert shown is not dropped
    assert kiosk.window.topic.topic is not None
    assert kiosk.window.topic.topic.id == "ibs-leg-pain"
    alive = [w for w in QApplication.allWidgets() if isinstance(w, ReadingLabel)]
    assert alive
    assert all(shown.isAncestorOf(w) for w in alive)  # no text of a dropped page is left


class _StyleWatch(QObject):
    """Counts the style and font changes one widget is sent."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.count += 1
        return False


@pytest.mark.parametrize("change", ["text size", "contrast", "language"])
def test_a_choice_made_on_the_preview_leaves_nothing_of_the_topic_after_the_reset(
    make_kiosk: MakeKiosk, qtbot: QtBot, change: str
) -> None:
    """The topic screen, hidden behind the preview, takes a new look or language only when it
    is next shown; the visit ending first leaves it with no topic and no page at all."""
    kiosk = make_kiosk(Settings())
    window = kiosk.window
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    click(qtbot, window.topic.print_button)
    assert window.current_screen == "handout"
    controls = window.handout.controls
    if change == "text size":
        click(qtbot, controls.sizes[170])
    elif change == "contrast":
        click(qtbot, controls.contrast)
    else:
        choose_language(qtbot, controls, "es")
    kiosk.visits.reset()
    qtbot.wait(50)  # anything left for after the frame has run
    assert window.current_screen == "attract"
    assert window.topic.topic is None
    assert window.topic.page is None
    assert not window.topic.kept
    assert not [w for w in QApplication.allWidgets() if isinstance(w, ReadingLabel)]
