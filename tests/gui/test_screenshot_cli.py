"""`screenshot` and the kiosk's start-up, run as a user runs them: separate processes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import run_main as run
from tests.topic_samples import VALID, write_topic


@pytest.mark.parametrize(
    ("screen", "size"),
    [
        ("home", "1920x1080"),
        ("topic", "1080x1920"),
        ("attract", "1280x720"),
        ("handout", "1920x1080"),
    ],
)
def test_screenshot_writes_a_png_of_the_size(tmp_path: Path, screen: str, size: str) -> None:
    out = tmp_path / f"{screen}.png"
    done = run("screenshot", "--screen", screen, "--size", size, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    image = QImage(str(out))
    assert f"{image.width()}x{image.height()}" == size
    # Not a blank picture: many distinct colours are drawn.
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)
    }
    assert len(colours) > 5


def test_screenshot_of_an_unknown_topic_fails_in_one_line(tmp_path: Path) -> None:
    done = run("screenshot", "--screen", "topic", "--topic", "nope", "-o", str(tmp_path / "x.png"))
    assert done.returncode == 1
    assert done.stderr.strip() == "kiosk: no topic 'nope' in language 'en'"


def test_screenshot_of_a_clinic_topic_from_the_config(tmp_path: Path) -> None:
    """A topic in the config's topics_dir is drawn like a shipped one, as the kiosk shows it."""
    clinic = tmp_path / "clinic"
    write_topic(clinic, VALID.replace('id = "sample"', 'id = "t1"'), name="t1")
    config = tmp_path / "kiosk.toml"
    config.write_text(f"topics_dir = {json.dumps(str(clinic))}\n", encoding="utf-8")
    out = tmp_path / "t1.png"
    done = run(
        "screenshot", "--screen", "topic", "--topic", "t1", "--config", str(config), "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).width() == 1920


def test_bad_size_is_refused() -> None:
    done = run("screenshot", "--size", "big", "-o", "x.png")
    assert done.returncode == 2
    assert "'big' is not a size like 1920x1080" in done.stderr


def test_bad_config_is_one_line_and_the_default_is_used(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('idle_timeout_s = -1\nclinic_name = "Hill Clinic"\n', encoding="utf-8")
    out = tmp_path / "home.png"
    done = run("screenshot", "--config", str(config), "-o", str(out))
    assert done.returncode == 0
    assert done.stderr.strip() == (
        f"kiosk: {config}: idle_timeout_s: must be a number from 10 to 3600; using the default 90.0"
    )
    assert out.exists()


def test_no_display_says_so_in_one_line() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = run(env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kiosk: no display found")
    assert "python main.py screenshot" in lines[0]
