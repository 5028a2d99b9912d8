"""Staff mode on the real kiosk window: the hidden corner press, the PIN pad and its lock, the
staff screen and its actions, and the usage counts a visit leaves behind."""

from __future__ import annotations

import dataclasses
import functools
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller, QWidget
from pytestqt.qtbot import QtBot

from kiosk import paths
from kiosk.app import EXIT_STAFF, Kiosk
from kiosk.content import load_topics
from kiosk.staff import LOCK_FILE, Check, hash_pin
from kiosk.stats import report
from tests.conftest import enter_pin, pin_checked
from tests.gui.conftest import FAST, MakeKiosk, choose_language

PIN = "8642097531"
STAFF = dataclasses.replace(FAST, staff_pin_hash=hash_pin(PIN), idle_timeout_s=30.0)


def _hold_corner(qtbot: QtBot, kiosk: Kiosk, where: QPoint | None = None) -> None:
    """Press the top-left corner and keep holding until the hold completes, then let go."""
    window = kiosk.window
    window.corner.set_hold(150)
    point = where or QPoint(4, 4)
    target = window.childAt(point) or window
    local = target.mapFrom(window, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    qtbot.wait_until(lambda: window.current_screen == "pin", timeout=3000)
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)


def _type_pin(kiosk: Kiosk, pin: str) -> None:
    enter_pin(kiosk, pin)


def _all_deleted(widgets: list[QWidget | None]) -> bool:
    return not [w for w in QApplication.allWidgets() if any(w is gone for gone in widgets)]


def _open_staff(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    _type_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"


def test_holding_the_corner_opens_the_pin_pad_without_pressing_what_is_under_it(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """The long press lands on the topic screen's Back button: the pad opens, Back is not
    pressed, and Cancel returns to the very topic the patient was reading."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    back = kiosk.window.topic.back
    corner = back.mapTo(kiosk.window, QPoint(2, 2))
    assert corner.x() < kiosk.window.corner.corner
    assert corner.y() < kiosk.window.corner.corner
    _hold_corner(qtbot, kiosk, corner)
    assert not back.isDown()
    assert kiosk.window.current_screen == "pin"
    kiosk.window.pin.cancel.click()
    assert kiosk.window.current_screen == "topic"
    assert kiosk.visit.active


def test_a_short_tap_or_a_drag_on_the_corner_does_not_open_the_pad(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Only a press held in place for the whole time counts."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    window = kiosk.window
    window.corner.set_hold(150)
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    QTest.mouseMove(window, QPoint(300, 300))
    qtbot.wait(400)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    QTest.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(900, 600))
    qtbot.wait(400)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(900, 600))
    assert window.current_screen == "home"


def test_no_pin_set_says_how_to_set_one(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """Without a PIN the pad explains the command and takes no digits."""
    kiosk = make_kiosk(dataclasses.replace(FAST, idle_timeout_s=30.0))
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    pad = kiosk.window.pin
    assert pad.message.text().endswith("\npython main.py set-pin")  # run from a checkout
    assert not pad.ok.isEnabled()
    assert not pad.keys["5"].isEnabled()


def test_no_pin_set_names_the_config_file_the_kiosk_reads(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    """Started with a config file, the pad's command sets the PIN in that file, not in the
    default one that set-pin would otherwise write (quoted, as a shell needs it)."""
    config = tmp_path / "my config.toml"
    config.write_text('clinic_name = "Valley Clinic"\n', encoding="utf-8")
    kiosk = make_kiosk(dataclasses.replace(FAST, idle_timeout_s=30.0), config_path=config)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    text = kiosk.window.pin.message.text()
    assert text.endswith(f"\npython main.py set-pin --config '{config}'"), text


def test_a_pin_set_while_the_kiosk_runs_works_at_once(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    """`set-pin` writes the config; the next opening of the pad reads the new hash."""
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    kiosk = make_kiosk(dataclasses.replace(FAST, idle_timeout_s=30.0), config_path=config)
    config.write_text(f'staff_pin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    _type_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"


def test_wrong_pins_count_down_then_lock_and_the_lock_survives_a_restart(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Five wrong tries lock the pad; a kiosk started afresh finds it still locked, and even
    the right PIN is turned away while the lock lasts."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    pad = kiosk.window.pin
    for left in (4, 3, 2, 1):
        _type_pin(kiosk, "13579")
        assert f"{left} tr" in pad.message.text()
    _type_pin(kiosk, "13579")
    assert "locked" in pad.message.text()
    assert not pad.ok.isEnabled()
    assert (paths.data_dir() / LOCK_FILE).exists()

    again = make_kiosk(STAFF)
    again.visits.start()
    _hold_corner(qtbot, again)
    pad = again.window.pin
    assert "locked" in pad.message.text()
    assert not pad.keys["1"].isEnabled()
    assert again.auth.check(PIN) is Check.LOCKED
    assert again.window.current_screen == "pin"


def test_keyboard_digits_and_enter_work_on_the_pad(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """Staff with a keyboard type the PIN; Backspace takes back a digit."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    pad = kiosk.window.pin
    target = kiosk.window.focusWidget() or pad
    QTest.keyClicks(target, PIN + "9")
    QTest.keyClick(target, Qt.Key.Key_Backspace)
    assert pad.typed == len(PIN)
    QTest.keyClick(target, Qt.Key.Key_Return)
    pin_checked(kiosk)
    assert kiosk.window.current_screen == "staff"


def test_the_pin_is_checked_off_the_gui_thread_and_the_pad_waits_for_the_answer(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """scrypt takes 30-40 ms: the screen goes on meanwhile (a timer still fires), keys typed
    then are not taken, and the staff screen comes with the answer."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    pad = kiosk.window.pin
    for digit in PIN:
        pad.keys[digit].click()
    ticks: list[bool] = []
    QTimer.singleShot(0, lambda: ticks.append(kiosk.staff_mode.checking_pin))
    pad.ok.click()
    assert kiosk.staff_mode.checking_pin
    assert kiosk.window.current_screen == "pin"
    pad.keys["5"].click()  # while it is checked: not taken
    assert pad.typed == 0
    qtbot.wait_until(lambda: kiosk.window.current_screen == "staff", timeout=5000)
    assert ticks == [True]  # the event loop ran while the PIN was being checked
    assert not kiosk.staff_mode.checking_pin


def test_a_wrong_pin_counts_even_if_the_pad_is_left_while_it_is_checked(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Cancelling at once does not undo a wrong try (no way round the lock), and a right PIN
    whose pad was left does not open the staff screen behind the patient's back."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    pad = kiosk.window.pin
    for digit in "13579":
        pad.keys[digit].click()
    pad.ok.click()
    pad.cancel.click()
    pin_checked(kiosk)
    assert kiosk.auth.lock.tries_left == 4
    assert kiosk.window.current_screen == "home"
    _hold_corner(qtbot, kiosk)
    for digit in PIN:
        kiosk.window.pin.keys[digit].click()
    kiosk.window.pin.ok.click()
    kiosk.window.pin.cancel.click()
    pin_checked(kiosk)
    assert kiosk.window.current_screen == "home"
    assert kiosk.auth.lock.tries_left == 5  # the right PIN: the count starts again


def test_the_pin_is_never_logged_nor_shown(
    qtbot: QtBot, make_kiosk: MakeKiosk, caplog: pytest.LogCaptureFixture
) -> None:
    """Neither a wrong PIN nor the right one reaches the log or the screen's words."""
    caplog.set_level(logging.DEBUG)
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    for digit in "97531":
        kiosk.window.pin.keys[digit].click()
    assert "9" not in kiosk.window.pin.dots.text()
    assert "9" not in kiosk.window.pin.dots.accessibleName().split()[1:]
    kiosk.window.pin.ok.click()
    pin_checked(kiosk)
    _type_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"
    logged = caplog.text
    assert PIN not in logged
    assert "97531" not in logged


def test_opening_staff_mode_wipes_the_visit(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """The patient's topic and choices are gone before staff see anything."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    kiosk.visit.update(text_size=170, language="es")
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    _hold_corner(qtbot, kiosk)
    _type_pin(kiosk, PIN)
    assert kiosk.window.current_screen == "staff"
    assert kiosk.window.topic.topic is None
    assert kiosk.visit.choices.text_size == 100
    assert kiosk.visit.choices.language == "en"
    assert not kiosk.visit.active


def test_the_right_pin_wipes_the_visit_under_the_pad_then_shows_the_staff_screen(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """The visit is wiped in one turn of the event loop with the pad still on show (no flash
    of the attract screen), and the staff screen comes in the next, in the default look."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    kiosk.visit.update(text_size=170, theme="high-contrast")
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    _hold_corner(qtbot, kiosk)
    shown: list[str] = []
    kiosk.window.screen_changed.connect(lambda screen: shown.append(str(screen)))
    at_wipe: list[str] = []
    kiosk.visit.ended.connect(lambda _was: at_wipe.append(kiosk.window.current_screen))
    _type_pin(kiosk, PIN)
    assert at_wipe == ["pin"]
    assert shown == ["staff"]
    assert kiosk.window.staff.styleSheet() == kiosk.window.attract.styleSheet()
    assert kiosk.visit.choices.text_size == 100
    assert kiosk.window.topic.topic is None


def test_staff_who_leave_the_pad_as_it_opens_get_no_staff_screen(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Cancel between the wipe and the staff screen's turn: back to the start, and nothing
    opens over it."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    _hold_corner(qtbot, kiosk)
    kiosk.visit.ended.connect(lambda _was: kiosk.window.pin.cancel.click())
    _type_pin(kiosk, PIN)
    qtbot.wait(50)
    assert kiosk.window.current_screen == "attract"
    assert not kiosk.staff_mode.filling
    assert not kiosk.visit.active
    assert not kiosk.idle.running  # the next patient's visit gets the patients' idle time
    assert kiosk.idle.timeout_s == STAFF.idle_timeout_s


def test_back_to_patients_and_the_staff_idle_close(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """Back shows the attract screen; left alone, the staff screen closes itself, and the
    patients' idle time is the usual one again afterwards."""
    kiosk = make_kiosk(dataclasses.replace(STAFF, staff_idle_s=0.2, countdown_s=0.2))
    _open_staff(qtbot, kiosk)
    kiosk.window.staff.back.click()
    assert kiosk.window.current_screen == "attract"
    _open_staff(qtbot, kiosk)
    qtbot.wait_until(lambda: kiosk.window.current_screen == "attract", timeout=5000)
    assert kiosk.idle.timeout_s == STAFF.idle_timeout_s


def test_staff_screens_are_let_go_after_staff_leave_and_work_again(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Once staff are gone the two screens are deleted (patients' look changes would restyle
    them too); news for them meanwhile builds nothing; the next time they work as new."""
    kiosk = make_kiosk(STAFF)
    _open_staff(qtbot, kiosk)
    first = kiosk.window.staff
    first.back.click()
    assert kiosk.window.staff_if_built is None
    qtbot.wait_until(lambda: _all_deleted([first]))
    kiosk.printing.status_known.emit(True, "a check that ended after staff left")
    assert kiosk.window.staff_if_built is None
    _open_staff(qtbot, kiosk)  # built again, its buttons connected again
    assert kiosk.window.staff is not first
    kiosk.printing.status_known.emit(False, "printer 'x' is stopped: paper jam")
    assert "paper jam" in kiosk.window.staff.printer_status.text()
    kiosk.window.staff.back.click()  # connected again: back to the patients
    assert kiosk.window.current_screen == "attract"


def test_staff_visits_all_day_register_no_new_flick_gestures(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Qt keeps every flick gesture ever registered (and PySide an enum class for each): the
    staff screens built again at each staff visit take the scroll areas of the last ones, with
    their gestures, and still show and scroll their new contents."""
    kiosk = make_kiosk(STAFF)
    window = kiosk.window
    gestures: set[int] = set()
    areas: set[int] = set()
    for _ in range(4):
        _open_staff(qtbot, kiosk)
        old_bodies = [window.pin.scroll_area.widget(), window.staff.scroll_area.widget()]
        for screen in (window.pin, window.staff):
            viewport = screen.scroll_area.viewport()
            gestures.add(QScroller.grabbedGesture(viewport).value)
            areas.add(id(screen.scroll_area))
            assert screen.scroll_area.parentWidget() is screen
        assert window.staff.scroll_area.isVisible()
        assert window.staff.usage_heading.isVisible()  # the new body is the one shown
        window.staff.scroll_area.verticalScrollBar().setValue(40)
        window.staff.back.click()
        assert window.staff_if_built is None
        qtbot.wait_until(functools.partial(_all_deleted, old_bodies))
    assert len(gestures) == 2
    assert len(areas) == 2
    _open_staff(qtbot, kiosk)
    assert window.staff.scroll_area.verticalScrollBar().value() == 0  # from the top again
    window.pin.keys["1"].click()  # the pad's keys, in the reused area, still work
    assert window.pin.typed == 1


def test_exit_asks_the_application_to_end_with_the_staff_status(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """Exit ends the event loop with the status the service unit leaves stopped."""
    kiosk = make_kiosk(STAFF)
    codes: list[int] = []
    kiosk.staff_mode.quit = codes.append
    _open_staff(qtbot, kiosk)
    kiosk.window.staff.exit.click()
    assert codes == [EXIT_STAFF]
    assert kiosk.window.allow_close


def test_staff_screen_lists_failed_and_awaiting_topics_and_reload_picks_up_a_fix(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path
) -> None:
    """A broken clinic topic shows with its reason; once fixed, Reload loads it without a
    restart and the patients' home screen offers it."""
    good = (paths.TOPICS / "en" / "ibs-leg-pain.toml").read_text(encoding="utf-8")
    clinic = tmp_path / "clinic"
    (clinic / "en").mkdir(parents=True)
    broken = clinic / "en" / "clinic-topic.toml"
    broken.write_text('id = "clinic-topic"\ntitle = [unclosed\n', encoding="utf-8")
    settings = dataclasses.replace(STAFF, topics_dir=str(clinic))
    kiosk = make_kiosk(settings, content=load_topics([paths.TOPICS, clinic]))
    _open_staff(qtbot, kiosk)
    staff = kiosk.window.staff
    assert "clinic-topic.toml" in staff.failed.text()
    assert "Problem" in staff.topics_status.text()
    assert "Leg pain and IBS" in staff.awaiting.text()
    before = len(kiosk.content.entries)

    broken.write_text(good.replace('id = "ibs-leg-pain"', 'id = "clinic-topic"'), "utf-8")
    staff.reload.click()
    assert len(kiosk.content.entries) == before + 1
    assert not kiosk.content.errors
    assert "Every topic file loaded." in staff.failed.text()
    assert "Reloaded" in staff.reload_result.text()
    # The hidden home screen makes its tiles just after the staff screen's frame.
    qtbot.wait_until(lambda: any(t.topic_id == "clinic-topic" for t in kiosk.window.home.tiles))


def test_staff_screen_shows_the_counts_of_this_week(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """Two visits, three topic openings: the table shows them today and this week."""
    kiosk = make_kiosk(STAFF)
    first = kiosk.topics()[0].id
    for _ in range(2):
        kiosk.visits.start()
        kiosk.reading.open_topic(first)
        kiosk.visits.reset()
    kiosk.visits.start()
    kiosk.reading.open_topic(first)
    _hold_corner(qtbot, kiosk)
    _type_pin(kiosk, PIN)
    staff = kiosk.window.staff
    assert staff.usage_cell(0, 1) == "Today"
    assert staff.usage_cell(1, 0) == "Visits"
    assert staff.usage_cell(1, 1) == "3"
    assert staff.usage_cell(1, 2) == "3"
    assert staff.usage_cell(2, 1) == "3"


def test_the_staff_screen_shows_at_once_and_its_sound_and_counts_a_turn_later(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """The first opening loads the audio back end and waits for the counts to be written: not
    in the turn that resets the visit and shows the screen. Until they come, no sound line and
    no counts are shown."""
    kiosk = make_kiosk(STAFF)
    staff_mode, window = kiosk.staff_mode, kiosk.window
    kiosk.visits.start()
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    staff_mode.open_staff()
    assert window.current_screen == "staff"
    staff = window.staff
    assert staff_mode.filling
    assert staff.failed.text() or staff.awaiting.text()  # the topics are there at once
    assert staff.sound_status.text() == ""
    assert staff.usage_cell(0, 1) == "Today"
    assert staff.usage_cell(1, 1) == ""
    qtbot.wait_until(lambda: not staff_mode.filling, timeout=5000)
    assert staff.sound_status.text() != ""
    assert staff.usage_cell(1, 0) == "Visits"
    assert staff.usage_cell(1, 1) == "1"
    window.staff.back.click()
    kiosk.visits.start()
    staff_mode.open_staff()
    assert window.staff.usage_cell(1, 1) == ""  # a screen made afresh: no earlier counts
    # Staff leave before the sound and counts come: the screen is let go, and nothing is
    # filled into it (a slot that raised would fail this test).
    window.staff.back.click()
    qtbot.wait_until(lambda: not staff_mode.filling, timeout=5000)
    assert window.current_screen == "attract"


def test_a_visit_leaves_anonymous_counts(qtbot: QtBot, make_kiosk: MakeKiosk) -> None:
    """Visit, topic, language, text size, contrast and audio guide are counted; a reset with
    no touch is not a visit."""
    kiosk = make_kiosk(STAFF)
    kiosk.visits.reset()  # nobody touched the kiosk: no visit
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    controls = kiosk.window.topic.controls
    choose_language(qtbot, controls, "es")
    controls.sizes[130].click()
    controls.contrast.click()
    kiosk.guiding.toggle()
    kiosk.visits.reset()
    assert kiosk.stats is not None
    assert kiosk.stats.flush()
    result = report(kiosk.stats_path)
    kinds = {(t.kind, t.topic, t.lang, t.value): t.count for t in result.tallies}
    assert kinds[("visit", None, None, None)] == 1
    assert kinds[("topic", "ibs-leg-pain", "en", None)] == 1
    assert kinds[("language", None, "es", None)] == 1
    assert kinds[("text_size", None, None, 130)] == 1
    assert kinds[("theme", None, None, 1)] == 1
    assert kinds[("audio_guide", None, None, None)] == 1
    assert sum(kinds.values()) == 6


def test_a_read_only_stats_folder_stops_counting_not_the_kiosk(
    qtbot: QtBot, make_kiosk: MakeKiosk
) -> None:
    """The data folder is a file (so nothing can be written, even by root): the kiosk runs a
    whole visit, and the staff screen says why nothing is counted."""
    data = paths.data_dir()
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("not a folder", encoding="utf-8")
    kiosk = make_kiosk(STAFF)
    kiosk.visits.start()
    kiosk.reading.open_topic(kiosk.topics()[0].id)
    assert kiosk.window.current_screen == "topic"
    kiosk.visits.reset()
    _open_staff(qtbot, kiosk)
    assert "Problem: usage counting stopped" in kiosk.window.staff.usage_note.text()
    assert kiosk.window.staff.usage_cell(1, 1) == "0"
