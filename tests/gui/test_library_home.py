"""A library of many topics on the home screen: by group, by the body outline and by letter,
every topic two taps from home, by touch and by keys, spoken by the guide; and nothing of a
visit left in the widgets after the reset."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from kiosk import categories, paths
from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.ui.home import GRID_LIMIT, TopicTile
from kiosk.ui.index import letter_of
from kiosk.ui.staff import LISTED_LINES
from kiosk.ui.topic import KEPT_PAGES
from tests.gui.conftest import MakeKiosk, choose_language
from tests.library_samples import make_library


def click(qtbot: QtBot, button: QPushButton) -> None:
    """A tap on a button. A press inside an area that can scroll is held back by Qt's flick
    gesture and sent on to the widget under that point of the screen, and the offscreen
    platform's screen is 800x800, smaller than the window: so the buttons on the scrolling
    pages are clicked by Qt, not by a mouse (the real display tests tap them with real X input,
    and the soak runs on a screen the window's size)."""
    assert button.isVisible(), button.accessibleName()
    assert button.isEnabled(), button.accessibleName()
    button.click()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """40 topics in English and Spanish, and one in English only."""
    root = make_library(tmp_path / "clinic", 40)
    make_library(tmp_path / "english", 41, ("en",))
    last = sorted((tmp_path / "english" / "en").glob("*.toml"))
    wanted = {p.name for p in (root / "en").glob("*.toml")}
    extra = next(p for p in last if p.name not in wanted)
    extra.rename(root / "en" / extra.name)
    return root


@pytest.fixture
def big(make_kiosk: MakeKiosk, library: Path, qtbot: QtBot) -> Kiosk:
    # The idle clock runs at its own pace: these tests reset the visit themselves, and with
    # the quick clock of the idle tests a loaded machine showed "Are you still there?" over the
    # body outline before the test could touch it.
    settings = Settings(idle_timeout_s=60, topics_dir=str(library))
    kiosk = make_kiosk(settings, listed=True)
    click(qtbot, kiosk.window.attract.start)
    return kiosk


def test_many_topics_are_offered_by_group_body_and_letter(big: Kiosk, qtbot: QtBot) -> None:
    home = big.window.home
    assert len(big.topics()) > GRID_LIMIT
    assert home.on_groups
    assert home.groups_area.isVisible()
    names = [t.title.text() for t in home.group_tiles]
    table = categories.table()
    assert names[0] == table.categories[0].name("en")
    assert all(
        t.blurb.text().endswith("topics") or t.blurb.text() == "1 topic" for t in home.group_tiles
    )
    assert [b.text() for b in home.letters][:3] == ["A", "B", "C"]
    assert home.body.isVisible()
    assert set(home.body.parts()) == {"head", "chest", "belly", "legs"}


def test_every_topic_is_two_taps_from_home_by_group_and_by_letter(big: Kiosk, qtbot: QtBot) -> None:
    home = big.window.home
    every = {t.id for t in big.topics()}
    by_group: set[str] = set()
    for index in range(len(home.group_tiles)):
        tile = home.group_tiles[index]
        count = int(tile.blurb.text().split()[0])
        click(qtbot, tile)  # tap 1
        assert not home.on_groups, index
        assert home.heading.text() == tile.title.text()
        assert home.list_count == count
        qtbot.wait_until(lambda: not home.filling)  # a long list's last tiles come just after
        assert len(home.tiles) == count
        by_group |= {t.topic_id for t in home.tiles}
        click(qtbot, home.back)
        assert home.on_groups
    assert by_group == every
    by_letter: set[str] = set()
    for index in range(len(home.letters)):
        letter = home.letters[index]
        wanted = letter.letter
        click(qtbot, letter)
        qtbot.wait_until(lambda: not home.filling)
        assert home.heading.text() == f"Topics that start with {wanted}"
        assert all(letter_of(t.title.text(), "en") == wanted for t in home.tiles)
        by_letter |= {t.topic_id for t in home.tiles}
        big.window.go_back()  # the Back key: to the groups
        assert home.on_groups
    assert by_letter == every
    # Tap 2 opens the topic; Back goes to the list it came from, All topics to the groups.
    click(qtbot, home.letters[1])
    shown = [t.topic_id for t in home.tiles]
    click(qtbot, home.tiles[0])
    assert big.window.current_screen == "topic"
    assert big.window.topic.topic is not None
    assert big.window.topic.topic.id == shown[0]
    click(qtbot, big.window.topic.back)
    assert big.window.current_screen == "home"
    assert not home.on_groups
    assert [t.topic_id for t in home.tiles] == shown
    click(qtbot, home.tiles[-1])
    click(qtbot, big.window.topic.home)
    assert home.on_groups


def test_touching_the_body_outline_opens_that_part_s_group(big: Kiosk, qtbot: QtBot) -> None:
    home = big.window.home
    body = home.body
    legs = body._on_screen(body._boxes["legs"]).center().toPoint()
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=legs)
    assert home.group == ("category", "legs")
    assert home.heading.text() == categories.table().get("legs").name("en")  # type: ignore[union-attr]
    click(qtbot, home.back)
    # Beside the drawing (not on a part) nothing happens.
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert home.on_groups
    # A part whose group has no topics is drawn faint and does nothing.
    body.set_parts({"head": "Head"})
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=legs)
    assert home.on_groups


def test_groups_and_letters_by_keys(big: Kiosk, qtbot: QtBot) -> None:
    home, window = big.window.home, big.window
    order = home.focus_order()
    assert order[-len(home.letters) :] == home.letters
    assert home.group_tiles[0] in order
    qtbot.keyClick(window, Qt.Key.Key_Tab)  # keys from now on: the focus ring shows
    home.group_tiles[2].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert home.group is not None
    assert home.group[0] == "category"
    assert QApplication.focusWidget() is home.tiles[0]  # keys start on the list's first tile
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # back to the groups
    assert home.on_groups
    assert QApplication.focusWidget() is home.group_tiles[0]


def test_the_guide_says_where_the_patient_is(
    big: Kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(big.guide, "announce", said.append)
    monkeypatch.setattr(big.guide, "describe", lambda _text: None)
    monkeypatch.setattr(big.guide, "say", lambda _text: None)
    big.visits.choose("audio_guide", True)
    home = big.window.home
    click(qtbot, home.group_tiles[0])
    name = home.heading.text()
    assert said[-1] == f"{name}. There are {home.list_count} topics."
    click(qtbot, home.back)
    groups = len(home.group_tiles)
    assert said[-1].startswith(f"Choose a topic. There are {len(big.topics())} topics in {groups}")


def test_a_language_change_keeps_the_group_and_a_topic_in_one_language_is_found(
    big: Kiosk, qtbot: QtBot
) -> None:
    home = big.window.home
    legs = next(t for t in home.group_tiles if t.category_id == "legs")
    click(qtbot, legs)
    choose_language(qtbot, home.controls, "es")
    assert home.group == ("category", "legs")
    assert home.heading.text() == "Piernas y pies"
    # The topic only in English is in its group and under its letter on the Spanish screen.
    only_english = [t for t in big.topics() if t.lang == "en"]
    assert len(only_english) == 1
    lone = only_english[0]
    click(qtbot, home.back)
    letter = letter_of(lone.title, "es")
    click(qtbot, next(b for b in home.letters if b.letter == letter))
    tile = next(t for t in home.tiles if t.topic_id == lone.id)
    assert tile.note.isVisible()
    assert tile.note.text() not in ("", "Only in English")  # said in Spanish
    # A letter list does not survive a language change (the letters are the language's own).
    choose_language(qtbot, home.controls, "en")
    assert home.on_groups


def test_pages_are_built_when_opened_kept_few_and_dropped_at_the_reset(
    big: Kiosk, qtbot: QtBot
) -> None:
    home, topic = big.window.home, big.window.topic
    assert topic.kept == []  # nothing built ahead
    opened: list[str] = []
    click(qtbot, home.letters[0])
    for index in range(min(len(home.tiles), KEPT_PAGES + 2)):
        click(qtbot, home.tiles[index])
        opened.append(topic.topic.id if topic.topic else "")
        assert len(topic.kept) <= KEPT_PAGES
        click(qtbot, topic.back)
    assert [k[0] for k in topic.kept] == opened[-KEPT_PAGES:]
    big.visits.reset()
    qtbot.wait(10)
    assert topic.kept == []
    assert home.on_groups
    qtbot.wait(10)  # the list's tiles, let go, are deleted on the next turn of the event loop
    assert home.tiles == []
    assert not [t for t in home.findChildren(TopicTile)]  # no tile of the last visit is alive


def test_a_broken_categories_file_leaves_the_kiosk_running_and_staff_told(
    make_kiosk: MakeKiosk,
    library: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    copy = library.parent / "resources"
    shutil.copytree(paths.SHIPPED_RESOURCES, copy)
    (copy / "categories.toml").write_text("[legs\nicon = ", encoding="utf-8")
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    settings = Settings(idle_timeout_s=60, topics_dir=str(library))
    with caplog.at_level(logging.WARNING, logger="kiosk"):
        kiosk = make_kiosk(settings, listed=True)
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("categories:")]
    assert len(lines) == 1
    assert "topics are not grouped" in lines[0]
    kiosk.visits.start()
    home = kiosk.window.home
    # Still every topic two taps away: one group of them all, and the letters.
    assert [t.category_id for t in home.group_tiles] == ["other"]
    click(qtbot, home.group_tiles[0])
    qtbot.wait_until(lambda: not home.filling)
    assert len(home.tiles) == len(kiosk.topics())
    kiosk.staff_mode.open_staff()
    assert "topics are not grouped" in kiosk.window.staff.failed.text()


def test_a_look_change_makes_a_long_list_again_with_no_tile_left_behind(
    big: Kiosk, qtbot: QtBot
) -> None:
    home = big.window.home
    click(qtbot, max(home.group_tiles, key=lambda t: int(t.blurb.text().split()[0])))
    qtbot.wait_until(lambda: not home.filling)
    shown = [t.topic_id for t in home.tiles]
    assert len(shown) > 9  # longer than what is made at the tap
    old = list(home.tiles)
    click(qtbot, home.controls.sizes[170])
    # The first tiles come with the new look at once, the others on the next turns.
    assert 0 < len(home.tiles) < len(shown)
    qtbot.wait_until(lambda: not home.filling)
    assert [t.topic_id for t in home.tiles] == shown
    assert not any(shiboken6.isValid(t) for t in old)  # deleted before the new look was set
    assert len(home.findChildren(TopicTile)) == len(shown)


def test_keys_bring_the_letters_below_the_fold_into_view(big: Kiosk, qtbot: QtBot) -> None:
    home, window = big.window.home, big.window
    window.resize(1280, 720)  # the letters start below the fold
    qtbot.wait(10)
    last = home.letters[-1]
    area = home.groups_area
    assert not area.viewport().rect().contains(last.mapTo(area.viewport(), last.rect().center()))
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    home.letters[-2].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the next control: Z
    assert QApplication.focusWidget() is last
    centre = last.mapTo(area.viewport(), last.rect().center())
    assert area.viewport().rect().contains(centre)


def test_the_staff_screen_names_the_first_topics_awaiting_review_and_counts_the_rest(
    big: Kiosk,
) -> None:
    big.staff_mode.open_staff()
    text = big.window.staff.awaiting.text()
    awaiting = [e for e in big.content.entries if e.awaiting]
    assert len(awaiting) > LISTED_LINES
    assert text.count("• ") == LISTED_LINES
    more = len(awaiting) - LISTED_LINES
    assert text.splitlines()[-1] == f"… and {more} more (check-content lists every one)"


def test_a_content_reload_reads_the_categories_again(
    make_kiosk: MakeKiosk, library: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = library.parent / "resources"
    shutil.copytree(paths.SHIPPED_RESOURCES, copy)
    monkeypatch.setenv("KIOSK_RESOURCES", str(copy))
    kiosk = make_kiosk(Settings(idle_timeout_s=60, topics_dir=str(library)), listed=True)
    kiosk.visits.start()
    home = kiosk.window.home
    assert "staying-well" in [t.category_id for t in home.group_tiles]
    table = (copy / "categories.toml").read_text(encoding="utf-8")
    (copy / "categories.toml").write_text(
        table.replace('name = { en = "Staying well"', 'name = { en = "Keeping well"'),
        encoding="utf-8",
    )
    kiosk.library.reload()
    names = [t.title.text() for t in home.group_tiles]
    assert "Keeping well" in names
    assert "Staying well" not in names
