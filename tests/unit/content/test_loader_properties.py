"""Property tests: whatever bytes or structure a file holds, the loader loads it or says why."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content.loader import ContentError, parse_topic
from kiosk.content.model import Topic
from tests.topic_samples import VALID

PATH = Path("topics/en/sample.toml")


def check(result: Topic | ContentError) -> None:
    if isinstance(result, ContentError):
        line = str(result)
        assert line.startswith(str(PATH))
        assert "\n" not in line
        assert result.message
    else:
        assert result.id == "sample"


@given(st.binary(max_size=4096))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_bytes(raw: bytes) -> None:
    check(parse_topic(raw, PATH, "en"))


@given(st.text(max_size=2048))
@settings(max_examples=300)
def test_arbitrary_text(text: str) -> None:
    check(parse_topic(text.encode("utf-8", "surrogatepass"), PATH, "en"))


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'"{k}" = {_toml_value(v)}' for k, v in value.items()) + "}"
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped)
    return f'"{escaped}"'


scalars = st.one_of(
    st.text(max_size=40),
    st.integers(-5, 5),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["heading", "text", "steps", "name", "url", "x"]), inner, max_size=3
        )
    ),
    max_leaves=12,
)
FIELDS = tomllib.loads(VALID)


@given(st.sampled_from(sorted(FIELDS)), values)
@settings(max_examples=300)
def test_any_value_in_any_field(field: str, value: Any) -> None:
    """Replace one top-level field of a valid topic with any structured value."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in FIELDS.items() if k != field]
    lines.append(f"{field} = {_toml_value(value)}")
    check(parse_topic("\n".join(lines).encode(), PATH, "en"))


@given(st.lists(st.sampled_from(sorted(FIELDS)), unique=True))
@settings(max_examples=100)
def test_any_fields_missing(missing: list[str]) -> None:
    lines = [f"{k} = {_toml_value(v)}" for k, v in FIELDS.items() if k not in missing]
    result = parse_topic("\n".join(lines).encode(), PATH, "en")
    check(result)
    assert isinstance(result, ContentError) == bool(set(missing) - {"icon"})  # icon is optional
