"""The kiosk shell: navigation, idle reset, no way out, recovery from errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QGraphicsOpacityEffect, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content import load_topics
from kiosk.session import VisitChoices
from kiosk.ui.attract import AttractScreen
from kiosk.ui.topic import TopicPage
from tests.gui.conftest import FAST, MakeKiosk
from tests.topic_samples import VALID, write_topic


def start(kiosk: Kiosk, qtbot: QtBot) -> None:
    qtbot.mouseClick(kiosk.window.attract.start, Qt.MouseButton.LeftButton)
    assert kiosk.window.current_screen == "home"


def test_navigation_tile_topic_back_home(kiosk: Kiosk, qtbot: QtBot) -> None:
    w = kiosk.window
    assert w.current_screen == "attract"
    start(kiosk, qtbot)
    assert kiosk.visit.active
    titles = [t.title.text() for t in w.home.tiles]
    assert titles == ["Leg pain and IBS", "Leg pain with diarrhea"]

    qtbot.mouseClick(w.home.tiles[1], Qt.MouseButton.LeftButton)
    assert w.current_screen == "topic"
    assert w.topic.topic is not None
    assert w.topic.topic.id == "diarrhea-leg-pain"
    assert w.topic.readings[0].text() == "Leg pain with diarrhea"

    qtbot.mouseClick(w.topic.back, Qt.MouseButton.LeftButton)
    assert w.current_screen == "home"
    assert w.topic.topic is None

    qtbot.mouseClick(w.home.tiles[0], Qt.MouseButton.LeftButton)
    assert w.topic.topic is not None
    assert w.topic.topic.id == "ibs-leg-pain"
    qtbot.mouseClick(w.topic.home, Qt.MouseButton.LeftButton)
    assert w.current_screen == "home"


def test_a_touch_anywhere_on_the_attract_screen_starts(kiosk: Kiosk, qtbot: QtBot) -> None:
    qtbot.mouseClick(kiosk.window.attract, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert kiosk.window.current_screen == "home"
    assert kiosk.idle.running


def test_topic_shows_every_part_in_order(kiosk: Kiosk, qtbot: QtBot) -> None:
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    topic = kiosk.window.topic
    texts = [" ".join(r.sentences) for r in topic.readings]
    assert texts[0] == "Leg pain and IBS"
    assert texts[1].startswith("Many people with IBS, a common gut problem")
    assert "What is IBS?" in texts
    steps_at = texts.index("What you can do at home")
    warn_at = texts.index("When to get help")
    assert steps_at < warn_at
    tiers = texts[warn_at + 1 :]
    assert tiers[0] == "Call 911 now"
    assert "Call your doctor now or go to urgent care" in tiers
    assert "Watch closely and call your doctor if" in tiers
    chest = "You have chest pain or it is hard to breathe, or you faint (pass out) or feel confused"
    assert f"{chest}." in tiers


def test_title_and_main_message_visible_without_scrolling(kiosk: Kiosk, qtbot: QtBot) -> None:
    start(kiosk, qtbot)
    for topic in kiosk.topics():
        kiosk.reading.open_topic(topic.id)
        qtbot.wait(1)
        screen = kiosk.window.topic.page
        assert screen is not None
        viewport = screen.scroll_area.viewport()
        for widget in (screen.title_label, screen.summary_frame):
            top_left = widget.mapTo(viewport, QPoint(0, 0))
            bottom = top_left.y() + widget.height()
            assert top_left.y() >= 0
            assert bottom <= viewport.height(), (topic.id, widget, bottom, viewport.height())


def test_idle_warning_then_reset_leaves_nothing_of_the_visit(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(Settings(idle_timeout_s=0.5, countdown_s=0.3))
    w = kiosk.window
    start(kiosk, qtbot)
    kiosk.visit.update(text_size=170, theme="high-contrast", volume=30, prints_left=1)
    kiosk.reading.open_topic("ibs-leg-pain")
    page = w.topic.page
    assert page is not None
    bar = page.scroll_area.verticalScrollBar()
    qtbot.wait_until(lambda: bar.maximum() > 400)
    bar.setValue(400)
    page.readings[3].highlight(1)
    assert bar.value() == 400

    with qtbot.wait_signal(kiosk.idle.warning_started, timeout=5000):
        kiosk.idle.poke()  # the patient's last touch; restyling above may take a while
    assert w.overlay.isVisible()
    assert w.overlay.seconds.text() in {"1", "0"}
    with qtbot.wait_signal(kiosk.idle.timed_out, timeout=3000):
        pass

    assert w.current_screen == "attract"
    assert not w.overlay.isVisible()
    assert w.topic.topic is None
    assert w.topic.readings == []
    assert w.topic.pages.currentWidget() is w.topic.blank
    # Pages are built for every topic ahead of time; all are back at the top, unmarked.
    for page in w.topic.findChildren(TopicPage):
        assert page.scroll_area.verticalScrollBar().value() == 0
        assert all(r.highlighted is None for r in page.readings)
    assert w.home.scroll_area.verticalScrollBar().value() == 0
    assert kiosk.visit.choices == VisitChoices.defaults(kiosk.settings)
    assert not kiosk.visit.active
    assert not kiosk.idle.running
    # The look is back to the default theme and size, too, on the hidden screens as well
    # (one a turn of the event loop, the home screen first).
    qtbot.wait_until(lambda: not w.dressing)
    body = w.home.hint
    assert body.palette().color(body.foregroundRole()).name().upper() == "#2F4449"


def test_still_here_keeps_the_visit(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(Settings(idle_timeout_s=0.05, countdown_s=5))
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    with qtbot.wait_signal(kiosk.idle.warning_started, timeout=3000):
        pass
    overlay = kiosk.window.overlay
    assert overlay.isVisible()
    assert overlay.seconds.text() == "5"
    assert "start over in 5 seconds" in overlay.message.text()
    with qtbot.wait_signal(kiosk.idle.warning_cancelled, timeout=1000):
        qtbot.mouseClick(overlay.button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    assert kiosk.window.current_screen == "topic"
    assert kiosk.visit.active


def test_a_key_during_the_warning_only_keeps_the_visit(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(Settings(idle_timeout_s=0.05, countdown_s=5))
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    with qtbot.wait_signal(kiosk.idle.warning_started, timeout=3000):
        pass
    with qtbot.wait_signal(kiosk.idle.warning_cancelled, timeout=1000):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert not kiosk.window.overlay.isVisible()
    assert kiosk.window.current_screen == "topic"  # Escape said "yes", it did not go back
    with qtbot.wait_signal(kiosk.idle.warning_started, timeout=3000):
        pass
    with qtbot.wait_signal(kiosk.idle.warning_cancelled, timeout=1000):
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Plus)
    assert kiosk.visit.choices.volume == Settings().volume  # nor did + change the volume


def test_keys_the_kiosk_takes_keep_the_idle_clock_going(
    make_kiosk: MakeKiosk, qtbot: QtBot
) -> None:
    kiosk = make_kiosk(Settings(idle_timeout_s=0.4, countdown_s=5))
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    for _ in range(6):  # 0.6 s of key presses, each one consumed by the key router
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Right)
        qtbot.wait(100)
    assert not kiosk.idle.warning


def test_idle_clock_does_not_run_out_while_held(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(FAST)
    start(kiosk, qtbot)
    kiosk.idle.hold("narration")
    warnings: list[int] = []
    kiosk.idle.warning_started.connect(warnings.append)
    qtbot.wait(600)  # four idle periods
    assert warnings == []
    assert kiosk.window.current_screen == "home"
    kiosk.idle.release("narration")
    with qtbot.wait_signal(kiosk.idle.timed_out, timeout=3000):
        pass


def test_context_menu_key_on_the_kiosk_does_nothing(kiosk: Kiosk, qtbot: QtBot) -> None:
    start(kiosk, qtbot)
    qtbot.keyClick(kiosk.window.home.tiles[0], Qt.Key.Key_Menu)
    qtbot.mouseClick(kiosk.window.home.tiles[0], Qt.MouseButton.RightButton)
    assert kiosk.window.current_screen == "home"
    assert QApplication.activePopupWidget() is None


def test_close_is_refused_and_escape_only_goes_back(kiosk: Kiosk, qtbot: QtBot) -> None:
    w = kiosk.window
    start(kiosk, qtbot)
    assert w.close() is False
    assert w.isVisible()
    kiosk.reading.open_topic("ibs-leg-pain")
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.current_screen == "home"
    qtbot.keyClick(w, Qt.Key.Key_Escape)
    assert w.current_screen == "home"
    assert w.isVisible()
    qtbot.keyClick(w, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert w.isVisible()


def test_development_exit_only_when_windowed(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk()
    kiosk.window.windowed = False
    combo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Q, combo)
    assert kiosk.window.isVisible()
    kiosk.window.windowed = True
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Q, combo)
    assert not kiosk.window.isVisible()


class MenuRecorder(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.menus = 0

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menus += 1


def test_context_menus_never_open(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    widget = MenuRecorder()
    qtbot.add_widget(widget)
    widget.show()
    qtbot.wait_exposed(widget)

    def ask_for_menus() -> None:
        for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Keyboard):
            event = QContextMenuEvent(reason, QPoint(1, 1), QPoint(1, 1))
            QApplication.sendEvent(widget, event)

    # Without the kiosk, a widget gets its context menu events...
    ask_for_menus()
    assert widget.menus == 2
    # ...with the kiosk running, none arrives, by mouse or by key.
    make_kiosk()
    ask_for_menus()
    assert widget.menus == 2


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_is_logged_and_the_kiosk_goes_home(
    kiosk: Kiosk, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    kiosk.install_exception_hook()

    def broken() -> None:
        raise RuntimeError("a bug in a slot")

    kiosk.window.topic.back.clicked.disconnect()
    kiosk.window.topic.back.clicked.connect(broken)
    with caplog.at_level(logging.ERROR, logger="kiosk"):
        qtbot.mouseClick(kiosk.window.topic.back, Qt.MouseButton.LeftButton)
        qtbot.wait_until(lambda: kiosk.window.current_screen == "home", timeout=2000)
    assert "a bug in a slot" in caplog.text
    assert kiosk.window.isVisible()


def test_broken_topic_is_left_out_and_logged(
    make_kiosk: MakeKiosk, tmp_path: Path, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    write_topic(tmp_path)
    write_topic(tmp_path, "title = ", name="broken")
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        kiosk = make_kiosk(content=load_topics(tmp_path))
    start(kiosk, qtbot)
    assert [t.topic_id for t in kiosk.window.home.tiles] == ["sample"]
    assert "topic skipped" in caplog.text
    assert "broken.toml:1: syntax error" in caplog.text


def test_many_topics_scroll_and_tiles_do_not_overlap(
    make_kiosk: MakeKiosk, tmp_path: Path, qtbot: QtBot
) -> None:
    for n in range(12):
        write_topic(tmp_path, VALID.replace('"sample"', f'"topic-{n}"'), name=f"topic-{n}")
    for size in ((1280, 720), (1920, 1080), (1080, 1920), (3840, 2160)):
        kiosk = make_kiosk(content=load_topics(tmp_path), size=size)
        start(kiosk, qtbot)
        # More than a screenful: by group; these topics name none, so all are in "More topics".
        assert kiosk.window.home.on_groups
        kiosk.window.home.show_group(("category", "other"))
        # A long list's last tiles are made on the next turns, then laid out.
        qtbot.wait_until(lambda k=kiosk: not k.window.home.filling)
        qtbot.wait(10)
        tiles = kiosk.window.home.tiles
        assert len(tiles) == 12
        rects = [t.geometry() for t in tiles]
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert not a.intersects(b), size
        bar = kiosk.window.home.scroll_area.verticalScrollBar()
        qtbot.wait_until(lambda b=bar: b.maximum() > 0, timeout=2000)  # layout settles on idle
        assert all(t.width() >= 400 for t in tiles), size


def test_attract_rotates_slowly_through_topics(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    attract = make_kiosk(FAST).window.attract
    first = attract.card_title.text()
    qtbot.wait_until(lambda: attract.index == 1, timeout=5000)
    qtbot.wait_until(lambda: attract.card_title.text() != first, timeout=5000)
    assert attract.card_title.text() in {"Leg pain and IBS", "Leg pain with diarrhea"}


def test_the_first_topics_to_reach_a_shown_attract_screen_fade_in(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    """As the running kiosk lists its topics just after its first frame: the card is not
    thrown onto the screen, it fades in as every next topic does."""
    attract = kiosk.window.attract
    effect = attract.card.graphicsEffect()
    assert isinstance(effect, QGraphicsOpacityEffect)
    topics = kiosk.topics()
    attract.set_topics([])
    assert not attract.card.isVisibleTo(attract)
    attract.set_topics(topics)
    assert attract.card.isVisibleTo(attract)
    assert effect.opacity() < 0.2
    qtbot.wait_until(lambda: effect.opacity() == 1.0, timeout=3000)
    assert attract.card_title.text() == topics[0].title
    attract.hide()
    attract.set_topics([])
    attract.set_topics(topics)  # not on show: nothing to fade
    assert effect.opacity() == 1.0


def test_the_attract_screen_makes_its_cross_fade_only_when_topics_come(
    kiosk: Kiosk, qtbot: QtBot
) -> None:
    """The first frame has no topic on the card, so it waits for no animation: the fade is
    made with the first topics, and a screen without them rotates and hides without one."""
    attract = AttractScreen("Hill Clinic", 0.05)
    qtbot.addWidget(attract)
    attract.show()
    assert attract.card.graphicsEffect() is None
    attract.rotate()
    qtbot.wait(60)
    attract.hide()
    assert attract.card.graphicsEffect() is None
    attract.show()
    attract.set_topics(kiosk.topics())
    assert isinstance(attract.card.graphicsEffect(), QGraphicsOpacityEffect)
    qtbot.wait_until(lambda: attract.index == 1, timeout=5000)  # and it rotates


def test_buttons_are_real_push_buttons_with_names(kiosk: Kiosk, qtbot: QtBot) -> None:
    start(kiosk, qtbot)
    kiosk.reading.open_topic("ibs-leg-pain")
    for button in kiosk.window.findChildren(QPushButton):
        if button.isVisible():
            assert button.accessibleName(), button


def test_default_settings_run_too(make_kiosk: MakeKiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(Settings())
    start(kiosk, qtbot)
    assert not kiosk.idle.warning
    assert FAST.idle_timeout_s < Settings().idle_timeout_s
