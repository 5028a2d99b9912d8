"""Where the kiosk's files are, and how a message names one of its commands."""

from __future__ import annotations

from pathlib import Path

from kiosk import paths


def test_a_checkout_names_main_py() -> None:
    """Run from this checkout (tests import the package beside main.py)."""
    assert paths.tool_command("set-pin") == "python main.py set-pin"


def test_an_installed_package_names_its_own_script(tmp_path: Path) -> None:
    """Installed in a virtual environment, the message names the install's `kiosk` script by
    its full path: staff run it with sudo, where the environment is not on the PATH."""
    venv = tmp_path / "venv"
    package = venv / "lib" / "python3.11" / "site-packages" / "kiosk"
    package.mkdir(parents=True)
    (venv / "bin").mkdir()
    (venv / "bin" / "kiosk").write_text("#!/bin/sh\n", encoding="utf-8")
    python = venv / "bin" / "python"
    assert paths.tool_command("set-pin", package, python) == f"{venv}/bin/kiosk set-pin"


def test_without_the_script_beside_python_the_command_name_alone(tmp_path: Path) -> None:
    """Installed some other way (pipx, a system package): the command's name."""
    package = tmp_path / "site-packages" / "kiosk"
    package.mkdir(parents=True)
    python = tmp_path / "bin" / "python"
    assert paths.tool_command("set-pin", package, python) == "kiosk set-pin"


def test_a_folder_with_main_py_but_no_project_is_not_a_checkout(tmp_path: Path) -> None:
    package = tmp_path / "kiosk"
    package.mkdir()
    (tmp_path / "main.py").write_text("", encoding="utf-8")
    assert paths.tool_command("set-pin", package, tmp_path / "bin" / "python") == "kiosk set-pin"
