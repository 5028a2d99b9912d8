"""Settings: declared once with type, default and a one-line description; loaded from one TOML file.

A bad value never stops the kiosk: it is reported in one line naming the key, and the default is
used for that key. `resources/default-config.toml` documents every key (a test keeps it in step).
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.content.model import SUPPORTED_LANGUAGES

TEXT_SIZES = (100, 130, 170)
THEMES = ("light", "high-contrast")
PAPER_SIZES = ("letter", "a4")


def _setting(default: Any, description: str, check: Callable[[Any], str | None]) -> Any:
    return field(default=default, metadata={"description": description, "check": check})


def _number(low: float, high: float) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"must be a number from {low:g} to {high:g}"

    return check


def _integer(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return None if ok else f"must be a whole number from {low} to {high}"

    return check


def _choice(*options: Any) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in options else "must be one of: " + ", ".join(map(str, options))

    return check


def _text(max_length: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        ok = isinstance(value, str) and len(value) <= max_length and "\n" not in value
        return None if ok else f"must be one line of text, at most {max_length} characters"

    return check


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the kiosk. Per-visit choices (language, size, theme) start from these."""

    clinic_name: str = _setting("Your Clinic", "clinic name on every screen and handout", _text(60))
    clinic_phone: str = _setting("", "clinic phone number for the handout", _text(40))
    default_language: str = _setting(
        "en", "language each visit starts in", _choice(*SUPPORTED_LANGUAGES)
    )
    default_text_size: int = _setting(
        100, "text size each visit starts at, %", _choice(*TEXT_SIZES)
    )
    default_theme: str = _setting("light", "colour theme each visit starts with", _choice(*THEMES))
    idle_timeout_s: float = _setting(
        90.0, "seconds without a touch before the warning", _number(10, 3600)
    )
    countdown_s: float = _setting(
        15.0, "seconds the warning counts down before reset", _number(5, 120)
    )
    attract_rotate_s: float = _setting(
        8.0, "seconds each topic shows on the attract screen", _number(3, 120)
    )
    topics_dir: str = _setting(
        "", "extra folder of the clinic's own topics (<lang>/<id>.toml)", _text(500)
    )
    paper: str = _setting("letter", "handout paper size", _choice(*PAPER_SIZES))
    printer: str = _setting("", "printer name; empty for the system default", _text(200))
    prints_per_visit: int = _setting(3, "handouts one visit may print", _integer(0, 20))
    volume: int = _setting(80, "speech volume each visit starts at, %", _integer(0, 100))

    @staticmethod
    def describe() -> list[tuple[str, Any, str]]:
        """(key, default, description) of every setting, in declaration order."""
        return [
            (f.name, f.default, f.metadata["description"]) for f in dataclasses.fields(Settings)
        ]


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def default_config_text() -> str:
    """The documented default config file: every key, its default and what it does."""
    lines = [
        "# Clinic kiosk settings. Copy this file, change what you need, and start the kiosk with",
        "# --config FILE. A bad value is reported in one line and its default is used instead.",
        "",
    ]
    for key, default, description in Settings.describe():
        lines += [f"# {description}", f"{key} = {_toml(default)}", ""]
    return "\n".join(lines)


def settings_from(data: dict[str, Any], source: str) -> tuple[Settings, list[str]]:
    """Settings from a parsed mapping; each bad or unknown key gives one line and its default."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for key, value in data.items():
        spec = fields.get(key)
        if spec is None:
            problems.append(f"{source}: {key}: unknown setting (ignored)")
            continue
        reason = spec.metadata["check"](value)
        if reason:
            problems.append(f"{source}: {key}: {reason}; using the default {spec.default!r}")
            continue
        values[key] = float(value) if isinstance(spec.default, float) else value
    return Settings(**values), problems


def load_settings(path: Path | None) -> tuple[Settings, list[str]]:
    """Settings from a TOML file (None: all defaults). Never raises; problems come back as lines."""
    if path is None:
        return Settings(), []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return Settings(), [f"{path}: cannot read the config ({exc.strerror}); using defaults"]
    except UnicodeDecodeError:
        return Settings(), [f"{path}: the config is not UTF-8 text; using defaults"]
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"{path}: the config has a syntax error ({exc}); using defaults"]
    return settings_from(data, str(path))
