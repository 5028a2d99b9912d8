"""Opening hours: the `screen_off` text and which local times are dark."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.hours import hours_problem, is_dark, parse_hours


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def test_empty_means_always_on() -> None:
    assert parse_hours("") == ()
    assert parse_hours("   ") == ()
    assert not is_dark((), t("03:00"))


def test_a_range_past_midnight() -> None:
    night = parse_hours("20:00-07:00")
    assert [is_dark(night, t(x)) for x in ("19:59", "20:00", "23:59", "00:00", "06:59")] == [
        False,
        True,
        True,
        True,
        True,
    ]
    assert not is_dark(night, t("07:00"))
    assert not is_dark(night, t("12:00"))


def test_several_ranges_in_one_day() -> None:
    hours = parse_hours("12:30-13:30, 19:00-7:30")
    assert is_dark(hours, t("13:00"))
    assert not is_dark(hours, t("13:30"))
    assert not is_dark(hours, t("08:00"))
    assert is_dark(hours, t("07:29"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20:00", "is not a range"),
        ("8pm-7am", "is not a range"),
        ("25:00-07:00", "does not exist"),
        ("20:61-07:00", "does not exist"),
        ("07:00-07:00", "same time"),
        ("20:00-07:00,", "is not a range"),
    ],
)
def test_bad_ranges_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_hours(text)
    problem = hours_problem(text)
    assert problem is not None
    assert reason in problem


def test_a_bad_setting_is_one_line_and_the_screen_stays_on(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('screen_off = "8pm to 7am"\ncursor = "sometimes"\n', encoding="utf-8")
    settings, problems = load_settings(config)
    assert settings.screen_off == ""
    assert settings.cursor == ""
    assert len(problems) == 2
    assert all("\n" not in line for line in problems)
    assert any("screen_off" in line and "20:00-07:00" in line for line in problems)
    assert any("cursor" in line and "hidden" in line for line in problems)


def test_good_settings_are_taken(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('screen_off = "20:00-07:00"\ncursor = "shown"\n', encoding="utf-8")
    settings, problems = load_settings(config)
    assert problems == []
    assert settings.screen_off == "20:00-07:00"
    assert settings.cursor == "shown"
