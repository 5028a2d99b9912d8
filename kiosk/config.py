"""Settings: declared once with type, default and a one-line description; loaded from one TOML file.

A bad value never stops the kiosk: it is reported in one line naming the key, and the default is
used for that key. `resources/default-config.toml` documents every key (a test keeps it in step).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk import languages, paths
from kiosk.address import listen_problem
from kiosk.hours import hours_problem

TEXT_SIZES = (100, 130, 170)
THEMES = ("light", "high-contrast")
PAPER_SIZES = ("letter", "a4")
CURSORS = ("", "hidden", "shown")
SPEECH_ENGINES = ("espeak", "none")


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


def _language(value: Any) -> str | None:
    # Checked against the languages table when the settings are read, not when this is imported.
    return _choice(*languages.codes())(value)


def _pin_hash(value: Any) -> str | None:
    if value == "":
        return None
    # Only when a PIN is set: the staff module (with OpenSSL's library, which hashlib loads)
    # is not imported before the kiosk's first frame.
    from kiosk.staff import looks_like_hash  # noqa: PLC0415

    if isinstance(value, str) and looks_like_hash(value):
        return None
    return f"is not a PIN hash; set the PIN with: {paths.tool_command('set-pin')}"


def _content_source(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 500 or "\n" in value:
        return "must be one line of text, at most 500 characters"
    from kiosk.content.updates import source_problem  # noqa: PLC0415 (only when set)

    return source_problem(value)


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
        languages.ENGLISH, "language each visit starts in (see resources/languages.toml)", _language
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
    content_url: str = _setting(
        "",
        "where this kiosk takes signed content packs from: an http(s) address, or a file"
        " (a USB stick); empty: the shipped topics only",
        _content_source,
    )
    content_public_key: str = _setting(
        "",
        "the clinic group's public key file (PEM) that content packs are checked with",
        _text(500),
    )
    content_check_s: float = _setting(
        900.0, "seconds between checks for a new content pack", _number(60, 86400)
    )
    content_max_mb: int = _setting(
        100, "largest content pack taken, MB (download and unpacked)", _integer(1, 2000)
    )
    paper: str = _setting("letter", "handout paper size", _choice(*PAPER_SIZES))
    printer: str = _setting("", "printer name; empty for the system default", _text(200))
    prints_per_visit: int = _setting(3, "handouts one visit may print", _integer(0, 20))
    volume: int = _setting(80, "speech volume each visit starts at, %", _integer(0, 100))
    speech_engine: str = _setting(
        "espeak",
        "what reads aloud: espeak (espeak-ng through pyttsx3), or none (no speakers: nothing"
        " is offered to be read aloud)",
        _choice(*SPEECH_ENGINES),
    )
    staff_pin_hash: str = _setting(
        "",
        "salted hash of the staff PIN; set it with the set-pin command (kiosk set-pin where"
        " installed, python main.py set-pin in a checkout)",
        _pin_hash,
    )
    staff_idle_s: float = _setting(
        60.0, "seconds without a touch before the staff screen closes", _number(10, 900)
    )
    cursor: str = _setting(
        "",
        "mouse pointer: hidden or shown; empty hides it fullscreen and shows it with --windowed",
        _choice(*CURSORS),
    )
    screen_off: str = _setting(
        "",
        "local times the screen is dark, like 20:00-07:00 (a touch wakes it for one visit);"
        " empty: always on",
        hours_problem,
    )
    metrics_listen: str = _setting(
        "",
        "address and port to serve Prometheus metrics on at /metrics, like 127.0.0.1:9464"
        " (0.0.0.0:9464 for every network); empty: no metrics",
        listen_problem,
    )

    @staticmethod
    def describe() -> list[tuple[str, Any, str]]:
        """(key, default, description) of every setting, in declaration order."""
        return [
            (f.name, f.default, f.metadata["description"]) for f in dataclasses.fields(Settings)
        ]


def topic_roots(settings: Settings) -> list[Path]:
    """The topic folders the kiosk reads: the content pack in use (with `content_url` set; else
    the shipped topics), then the clinic's own folder if one is set. Every tool that shows or
    checks topics uses these, so all see the same."""
    pack = None
    if settings.content_url:  # packs switched off: the shipped topics, whatever was taken
        from kiosk.content.store import PackStore  # noqa: PLC0415 (read only when used)

        pack = PackStore.default().active_root()
    return [pack or paths.TOPICS, *clinic_roots(settings)]


def clinic_roots(settings: Settings) -> list[Path]:
    """The clinic's own topic folder, if one is set: it adds to the shipped topics or pack."""
    return [Path(settings.topics_dir).expanduser()] if settings.topics_dir else []


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


def write_setting(path: Path, key: str, value: str | int | float) -> None:
    """Set one key in a config file, keeping every other line (comments too) as it was.

    A missing file starts from the documented defaults. The new text is checked to parse, then
    swapped in atomically with the old file's mode and owner, so a power cut leaves the old file
    or the new one, never half of one. Raises OSError or ValueError with a one-line reason.
    """
    if key not in {f.name for f in dataclasses.fields(Settings)}:
        raise ValueError(f"{key}: unknown setting")
    try:
        text = path.read_text(encoding="utf-8")
        mode, owner = path.stat().st_mode & 0o7777, (path.stat().st_uid, path.stat().st_gid)
    except FileNotFoundError:
        text, mode, owner = default_config_text(), 0o600, None
    line = f"{key} = {_toml(value)}"
    pattern = re.compile(rf"^{re.escape(key)}\s*=.*$", re.MULTILINE)
    text = (
        pattern.sub(lambda _m: line, text, count=1)
        if pattern.search(text)
        else (text.rstrip("\n") + "\n" + line + "\n")
    )
    try:
        if tomllib.loads(text).get(key) != value:
            raise ValueError(f"{path}: could not set {key} (the file has an unusual layout)")
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: the config has a syntax error ({exc}); fix it first") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if owner is not None and hasattr(os, "chown"):
            with contextlib.suppress(PermissionError):  # not root: the file stays ours
                os.chown(tmp, *owner)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
