"""Settings: defaults, the documented file, and one clear line for each bad value."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk import languages, paths
from kiosk.config import (
    Settings,
    default_config_text,
    load_settings,
    settings_from,
    topic_roots,
    write_setting,
)
from kiosk.content.store import PackStore
from kiosk.content.updates import Outcome, check_once
from kiosk.staff import hash_pin
from tests.pack_samples import make_keys, make_pack, shipped_copy

SUPPORTED = ", ".join(languages.codes())  # the table's languages: en, es, zh


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
        f"{path}: default_language: must be one of: {SUPPORTED}; using the default 'en'",
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


# write_setting and the staff settings.


CLINIC_CONFIG = (
    "# Elm Street waiting room\n"
    'clinic_name = "Elm Street Clinic"  # shown on every screen\n'
    "\n"
    "# seconds before the warning\n"
    "idle_timeout_s = 120\n"
    'staff_pin_hash = ""\n'
    'paper = "a4"\n'
)


def test_write_setting_replaces_a_key_in_place_and_keeps_the_rest(tmp_path: Path) -> None:
    """The key's own line is replaced where it stands; comments and other keys stay as they were."""
    path = write(tmp_path, CLINIC_CONFIG)
    write_setting(path, "idle_timeout_s", 45)
    assert path.read_text(encoding="utf-8") == CLINIC_CONFIG.replace(
        "idle_timeout_s = 120", "idle_timeout_s = 45"
    )
    stored = hash_pin("246810")
    write_setting(path, "staff_pin_hash", stored)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[5] == f'staff_pin_hash = "{stored}"'
    assert text.count("staff_pin_hash") == 1
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.clinic_name == "Elm Street Clinic"
    assert settings.idle_timeout_s == 45.0
    assert settings.paper == "a4"
    assert settings.staff_pin_hash == stored
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


def test_write_setting_appends_a_missing_key(tmp_path: Path) -> None:
    """A key the file lacks is added at the end; everything before it is unchanged."""
    original = '# ours\nclinic_name = "Elm Street Clinic"'  # no newline at the end
    path = write(tmp_path, original)
    write_setting(path, "staff_idle_s", 120.0)
    text = path.read_text(encoding="utf-8")
    assert text == original + "\nstaff_idle_s = 120.0\n"
    settings, problems = load_settings(path)
    assert problems == []
    assert settings.staff_idle_s == 120.0
    assert settings.clinic_name == "Elm Street Clinic"


def test_write_setting_quotes_text(tmp_path: Path) -> None:
    """Quotes and backslashes in a text value are escaped, so the file still parses to it."""
    path = write(tmp_path, "")
    write_setting(path, "clinic_name", 'St. "Joe\'s" \\ Elm')
    assert load_settings(path) == (Settings(clinic_name='St. "Joe\'s" \\ Elm'), [])


def test_write_setting_starts_a_missing_file_from_the_defaults(tmp_path: Path) -> None:
    """No file yet: the documented defaults with the one key set, readable by the owner only."""
    path = tmp_path / "new" / "kiosk.toml"
    write_setting(path, "paper", "a4")
    assert path.read_text(encoding="utf-8") == default_config_text().replace(
        'paper = "letter"', 'paper = "a4"'
    )
    assert path.stat().st_mode & 0o777 == 0o600


def test_write_setting_refuses_an_unknown_key(tmp_path: Path) -> None:
    """A key that is not a setting: ValueError naming it, the file untouched."""
    path = write(tmp_path, CLINIC_CONFIG)
    with pytest.raises(ValueError, match=r"^staff_pin: unknown setting$"):
        write_setting(path, "staff_pin", "246810")
    assert path.read_text(encoding="utf-8") == CLINIC_CONFIG


def test_write_setting_refuses_a_file_with_a_syntax_error(tmp_path: Path) -> None:
    """A config that does not parse: ValueError (one line), the file byte for byte unchanged."""
    broken = CLINIC_CONFIG.replace('paper = "a4"', "paper = ")
    path = write(tmp_path, broken)
    with pytest.raises(ValueError, match="the config has a syntax error") as caught:
        write_setting(path, "staff_pin_hash", hash_pin("246810"))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert message.endswith("; fix it first")
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]


@pytest.mark.parametrize(
    "value", ["246810", "scrypt$n=16384,r=8,p=1$salt", "not a hash", 246810, True]
)
def test_a_pin_hash_that_is_not_a_hash_is_refused(value: object) -> None:
    """staff_pin_hash must be what set-pin writes (or empty): else one line and the default."""
    settings, problems = settings_from({"staff_pin_hash": value}, "kiosk.toml")
    assert settings.staff_pin_hash == ""
    assert problems == [
        "kiosk.toml: staff_pin_hash: is not a PIN hash; set the PIN with: "
        "python main.py set-pin; using the default ''"
    ]


def test_a_real_pin_hash_and_an_empty_one_are_accepted() -> None:
    """The output of hash_pin is accepted as it is, and "" means no PIN."""
    stored = hash_pin("246810")
    settings, problems = settings_from({"staff_pin_hash": stored}, "kiosk.toml")
    assert problems == []
    assert settings.staff_pin_hash == stored
    assert settings_from({"staff_pin_hash": ""}, "kiosk.toml") == (Settings(), [])


@pytest.mark.parametrize("value", [9, 901, -1, "60", False])
def test_staff_idle_out_of_range_is_one_line(value: object) -> None:
    """staff_idle_s outside 10..900 s (or not a number) gives one line and the default."""
    settings, problems = settings_from({"staff_idle_s": value}, "kiosk.toml")
    assert settings.staff_idle_s == 60.0
    assert problems == [
        "kiosk.toml: staff_idle_s: must be a number from 10 to 900; using the default 60.0"
    ]


@pytest.mark.parametrize("value", [10, 900, 45.5])
def test_staff_idle_in_range_is_used(value: float) -> None:
    """staff_idle_s from 10 to 900 s is used, as a float."""
    settings, problems = settings_from({"staff_idle_s": value}, "kiosk.toml")
    assert problems == []
    assert settings.staff_idle_s == float(value)
    assert isinstance(settings.staff_idle_s, float)


@pytest.mark.parametrize(
    "value",
    [
        "https://content.example.org/clinic.kpack",
        "http://10.0.0.5:8080/packs/clinic.kpack",
        "file:///media/usb/clinic.kpack",
        "/media/usb/clinic.kpack",
        "",
    ],
)
def test_content_url_takes_web_addresses_and_files(value: str) -> None:
    settings, problems = settings_from({"content_url": value}, "kiosk.toml")
    assert problems == []
    assert settings.content_url == value


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("ftp://example.org/clinic.kpack", "must be an http:// or https:// address"),
        ("content.example.org/clinic.kpack", "must be an http:// or https:// address"),
        ("https:///clinic.kpack", "with a host name"),
        (42, "must be one line of text"),
        ("https://a\nb", "must be one line of text"),
    ],
)
def test_a_bad_content_url_is_one_line_and_turns_packs_off(value: object, why: str) -> None:
    settings, problems = settings_from({"content_url": value}, "kiosk.toml")
    assert settings.content_url == ""
    assert len(problems) == 1
    assert problems[0].startswith("kiosk.toml: content_url: ")
    assert why in problems[0]


def test_packs_switched_off_show_the_shipped_topics_whatever_was_taken(tmp_path: Path) -> None:
    """With content_url emptied, the pack taken before is not used (nor deleted)."""
    private, public = make_keys(tmp_path / "keys")
    source = make_pack(shipped_copy(tmp_path / "t", "Taken"), private, tmp_path / "p.kpack", 4)
    store = PackStore.default()
    result = check_once(source=str(source), public_key=public, store=store, max_bytes=10**7)
    assert result.outcome is Outcome.NEW
    store.switch(4)
    on = Settings(content_url=str(source), content_public_key=str(public))
    assert topic_roots(on)[0] == store.topics_root(4)
    assert topic_roots(Settings())[0] == paths.TOPICS
    assert store.active() == 4
