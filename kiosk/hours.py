"""Opening hours: when the kiosk's screen is dark (plain Python, no Qt).

The setting is a list of local-time ranges, `"20:00-07:00"` or `"12:30-13:30, 19:00-07:30"`.
A range whose end is before its start runs past midnight. An empty text means always on.
"""

from __future__ import annotations

import datetime as dt
import re

_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Ranges = tuple[tuple[dt.time, dt.time], ...]


def parse_hours(text: str) -> Ranges:
    """The ranges in a `screen_off` text; raises ValueError with a one-line reason."""
    if not text.strip():
        return ()
    ranges: list[tuple[dt.time, dt.time]] = []
    for part in text.split(","):
        match = _RANGE.match(part)
        if match is None:
            raise ValueError(f"{part.strip()!r} is not a range like 20:00-07:00")
        h1, m1, h2, m2 = (int(n) for n in match.groups())
        try:
            start, end = dt.time(h1, m1), dt.time(h2, m2)
        except ValueError:
            raise ValueError(f"{part.strip()!r} has a time that does not exist") from None
        if start == end:
            raise ValueError(f"{part.strip()!r} starts and ends at the same time")
        ranges.append((start, end))
    return tuple(ranges)


def hours_problem(value: object) -> str | None:
    """The settings check: None if `value` is a valid `screen_off` text."""
    if not isinstance(value, str) or "\n" in value or len(value) > 200:
        return "must be one line like 20:00-07:00 (empty: the screen is always on)"
    try:
        parse_hours(value)
    except ValueError as exc:
        return f"{exc} (empty: the screen is always on)"
    return None


def is_dark(ranges: Ranges, now: dt.time) -> bool:
    """True if `now` falls in one of the ranges (start included, end not)."""
    for start, end in ranges:
        if start < end:
            if start <= now < end:
                return True
        elif now >= start or now < end:  # past midnight
            return True
    return False
