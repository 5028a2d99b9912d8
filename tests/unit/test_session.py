"""The visit and the idle clock on their own (QtCore only): what a visit sends and in which
order, and the warning, countdown and reset of the idle clock with holds."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.session import IdleMonitor, Visit, VisitChoices

SETTINGS = Settings(idle_timeout_s=0.1, countdown_s=0.3)


def test_a_visit_starts_once_and_ends_before_its_choices_return() -> None:
    visit = Visit(SETTINGS)
    heard: list[str] = []
    visit.started.connect(lambda: heard.append("started"))
    visit.ended.connect(lambda was: heard.append(f"ended {was} {visit.choices.text_size}"))
    visit.changed.connect(lambda choices: heard.append(f"changed {choices.text_size}"))
    visit.start()
    visit.start()  # a second touch is the same visit
    assert visit.active
    visit.update(text_size=150)
    visit.update(text_size=150)  # no change, no signal
    visit.reset()
    # Each part forgets the visit while it still sees the visit's choices; then the defaults.
    assert heard == ["started", "changed 150", "ended True 150", "changed 100"]
    assert not visit.active
    assert visit.choices == VisitChoices.defaults(SETTINGS)


def test_a_reset_with_nobody_there_is_not_a_visit() -> None:
    visit = Visit(SETTINGS)
    ended: list[bool] = []
    changed: list[VisitChoices] = []
    visit.ended.connect(ended.append)
    visit.changed.connect(changed.append)
    visit.reset()
    assert ended == [False]
    assert changed == []  # the choices were the defaults already


def test_the_visit_starts_from_the_settings() -> None:
    settings = dataclasses.replace(SETTINGS, default_language="es", prints_per_visit=3)
    choices = Visit(settings).choices
    assert (choices.language, choices.prints_left, choices.audio_guide) == ("es", 3, False)


def test_idle_clock_warns_counts_down_and_times_out(qtbot: QtBot) -> None:
    idle = IdleMonitor(SETTINGS)
    heard: list[str] = []
    idle.warning_started.connect(lambda s: heard.append(f"warning {s}"))
    idle.timed_out.connect(lambda: heard.append("timed out"))
    idle.enable()
    assert idle.running
    assert idle.timeout_s == 0.1
    with qtbot.wait_signal(idle.timed_out, timeout=3_000):
        pass
    assert heard == ["warning 1", "timed out"]  # 0.3 s left, rounded up to a whole second


def test_a_touch_cancels_the_warning_and_a_hold_keeps_the_clock(qtbot: QtBot) -> None:
    idle = IdleMonitor(SETTINGS)
    cancelled: list[bool] = []
    timed_out: list[bool] = []
    idle.warning_cancelled.connect(lambda: cancelled.append(True))
    idle.timed_out.connect(lambda: timed_out.append(True))
    idle.enable()
    qtbot.wait_until(lambda: idle.warning, timeout=3_000)
    idle.eventFilter(idle, QEvent(QEvent.Type.KeyPress))  # a key anywhere is activity
    assert cancelled == [True]
    assert not idle.warning
    idle.hold("narration")
    assert idle.held_by == {"narration"}
    qtbot.wait(500)  # longer than idle time and countdown together
    assert timed_out == []
    assert not idle.warning
    idle.release("narration")
    with qtbot.wait_signal(idle.timed_out, timeout=3_000):
        pass


def test_a_disabled_clock_ignores_input(qtbot: QtBot) -> None:
    idle = IdleMonitor(SETTINGS)
    warnings: list[int] = []
    idle.warning_started.connect(warnings.append)
    idle.eventFilter(idle, QEvent(QEvent.Type.MouseButtonPress))
    qtbot.wait(300)
    assert warnings == []
    assert not idle.running
