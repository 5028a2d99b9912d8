"""Where the kiosk's shipped resources and per-machine files live."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _shipped_resources() -> Path:
    """The resources that come with the kiosk: `kiosk/resources` inside the installed package
    (a wheel's build copies the project's top-level resources/ there, with the translations
    compiled; see setup.py), else, in a checkout or an editable install, that top-level folder
    itself, beside the package.

    The package's own folder is found from this file, as `importlib.resources` would find it
    for a package installed as files (the only way the kiosk is installed); importing that
    machinery cost 4 ms of every start."""
    package = Path(__file__).resolve().parent
    packaged = package / "resources"
    if packaged.is_dir():
        return packaged
    return package.parent / "resources"


SHIPPED_RESOURCES = _shipped_resources()

# The parts of the resources folder, by the names the code reads them as (`paths.TOPICS`).
_RESOURCE_PARTS = {
    "RESOURCES": "",
    "TOPICS": "topics",
    "STYLES": "styles",
    "ICONS": "icons",
    "FONTS": "fonts",
    "I18N": "i18n",
    "DEFAULT_CONFIG": "default-config.toml",
    "LANGUAGES": "languages.toml",
    "CATEGORIES": "categories.toml",
    "BODY_OUTLINE": "body-outline.svg",
}

APP_NAME = "clinic-kiosk"


def resources() -> Path:
    """The resources folder in use: KIOSK_RESOURCES if set (a copy of resources/ with, say, one
    more language in it), else the one shipped beside the code."""
    override = os.environ.get("KIOSK_RESOURCES")
    return Path(override) if override else SHIPPED_RESOURCES


def __getattr__(name: str) -> Path:
    """`paths.TOPICS`, `paths.I18N`, ...: looked up at each use, so they follow KIOSK_RESOURCES
    even when it is set after this module was imported (a test's copy of the resources)."""
    part = _RESOURCE_PARTS.get(name)
    if part is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return resources() / part if part else resources()


def _base(env: str, windows_env: str, mac: str, default: str) -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get(windows_env) or Path.home() / "AppData" / "Local")
    if sys.platform == "darwin":
        return Path.home() / mac
    value = os.environ.get(env)
    return Path(value) if value else Path.home() / default


def data_dir() -> Path:
    """The platform's per-user data folder for the kiosk (usage counts)."""
    override = os.environ.get("KIOSK_DATA_DIR")
    if override:
        return Path(override)
    return (
        _base("XDG_DATA_HOME", "LOCALAPPDATA", "Library/Application Support", ".local/share")
        / APP_NAME
    )


def cache_dir() -> Path:
    """The platform's per-user cache folder (rendered speech)."""
    override = os.environ.get("KIOSK_CACHE_DIR")
    if override:
        return Path(override)
    return _base("XDG_CACHE_HOME", "LOCALAPPDATA", "Library/Caches", ".cache") / APP_NAME


def log_dir() -> Path:
    """The platform's per-user log folder."""
    override = os.environ.get("KIOSK_LOG_DIR")
    if override:
        return Path(override)
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    return (
        _base("XDG_STATE_HOME", "LOCALAPPDATA", "Library/Logs", ".local/state") / APP_NAME / "log"
    )


CONFIG_NAME = "config.toml"
USAGE_DB_NAME = "usage.sqlite3"  # in the data folder (kiosk.stats counts into it)


def config_file() -> Path:
    """The config file used when none is named: KIOSK_CONFIG, else the platform's config folder."""
    override = os.environ.get("KIOSK_CONFIG")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Preferences"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_NAME / CONFIG_NAME


def tool_command(arguments: str, package: Path | None = None, python: Path | None = None) -> str:
    """How to run one of the kiosk's commands on this machine, for a message that tells someone
    to: `python main.py ARGS` in a checkout; where the package is installed, the install's own
    `kiosk` script by its full path (`/opt/clinic-kiosk/venv/bin/kiosk ARGS`), which need not
    be on the PATH. `package` and `python` (this package's folder, the interpreter) are for
    tests."""
    package = package or Path(__file__).resolve().parent
    python = python or Path(sys.executable)
    checkout = package.parent
    if (checkout / "main.py").is_file() and (checkout / "pyproject.toml").is_file():
        return f"python main.py {arguments}"
    script = python.parent / ("kiosk.exe" if sys.platform == "win32" else "kiosk")
    return f"{script} {arguments}" if script.is_file() else f"kiosk {arguments}"
