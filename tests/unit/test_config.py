"""Settings: defaults, the documented file, and one clear line for each bad value."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kiosk import paths
from kiosk.config import Settings, default_config_text, load_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_default_config_documents_every_setting() -> None:
    text = paths.DEFAULT_CONFIG.read_text(encoding="utf-8")
    assert text == default_config_text()
    settings, problems = load_settings(paths.DEFAULT_CONFIG)
    assert problems == []
    assert settings == Settings()
    assert set(tomllib.loads(text)) == {key for key, _, _ in Settings.describe()}


def test_good_values_are_used(tmp_path: Path) -> None:
    path = write(tmp_path, 'clinic_name = "Valley Clinic"\nidle_timeout_s = 60\npaper = "a4"\n')
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.clinic_name == "Valley Clinic"
    assert settings.idle_timeout_s == 60.0
    assert isinstance(settings.idle_timeout_s, float)
    assert settings.paper == "a4"


def test_bad_value_names_the_key_and_keeps_the_default(tmp_path: Path) -> None:
    path = write(tmp_path, 'idle_timeout_s = "soon"\ncountdown_s = 2\nclinic_name = "Valley"\n')
    settings, problems = load_settings(path)
    assert problems == [
        f"{path}: idle_timeout_s: must be a number from 10 to 3600; using the default 90.0",
        f"{path}: countdown_s: must be a number from 5 to 120; using the default 15.0",
    ]
    assert settings.idle_timeout_s == 90.0
    assert settings.countdown_s == 15.0
    assert settings.clinic_name == "Valley"


def test_wrong_choice_and_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, 'default_language = "fr"\nidle_timout_s = 30\nprints_per_visit = true\n')
    settings, problems = load_settings(path)
    assert problems == [
        f"{path}: default_language: must be one of: en, es; using the default 'en'",
        f"{path}: idle_timout_s: unknown setting (ignored)",
        f"{path}: prints_per_visit: must be a whole number from 0 to 20; using the default 3",
    ]
    assert settings == Settings()


def test_broken_missing_and_binary_files_give_defaults(tmp_path: Path) -> None:
    broken = write(tmp_path, "clinic_name = \n")
    settings, problems = load_settings(broken)
    assert settings == Settings()
    assert len(problems) == 1
    assert problems[0].startswith(f"{broken}: the config has a syntax error (")
    assert problems[0].endswith("; using defaults")

    settings, problems = load_settings(tmp_path / "missing.toml")
    assert problems == [
        f"{tmp_path / 'missing.toml'}: cannot read the config "
        "(No such file or directory); using defaults"
    ]

    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    assert load_settings(binary)[1] == [f"{binary}: the config is not UTF-8 text; using defaults"]


def test_multi_line_text_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'clinic_name = """Two\nlines"""\n')
    settings, problems = load_settings(path)
    assert settings.clinic_name == "Your Clinic"
    assert problems == [
        f"{path}: clinic_name: must be one line of text, at most 60 characters; "
        "using the default 'Your Clinic'"
    ]
