"""Fixtures for the integration tests: the real speech engine (the render process with
espeak-ng), and the kiosk built as a wheel and an sdist (`kiosk_wheel`, `kiosk_build`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.narration.cache import WavCache
from kiosk.narration.narrator import Narrator
from kiosk.narration.render import RenderClient
from tests.conftest import ROOT
from tests.gui.conftest import make_kiosk  # noqa: F401 - shared fixture: the kiosk as built

if shutil.which("espeak-ng") is None:  # the set-up installs it; say so plainly if it did not
    pytest.exit("espeak-ng is not installed: run scripts/run-tests to set up", returncode=3)


@pytest.fixture
def client(qtbot: QtBot) -> Iterator[RenderClient]:
    """The real render process, started and ready."""
    speech = RenderClient()
    with qtbot.wait_signal(speech.ready, timeout=20_000):
        speech.start()
    yield speech
    speech.stop()


@pytest.fixture
def narrator(client: RenderClient, tmp_path: Path) -> Iterator[Narrator]:
    """A narrator on the real engine with a fresh cache."""
    reader = Narrator(client, WavCache(tmp_path / "speech"))
    reader.sound.stall_ms = 1000
    yield reader
    reader.stop()


# --- the kiosk built as a wheel and an sdist, once per test session ------------------------------

# What a checkout has beyond what a fresh clone has: git's files, the set-up's environment and
# compiled translations, caches, build output.
NOT_IN_A_CLONE = (
    ".git",
    ".venv",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    "*.qm",
)
BUILD_OUTPUT = ("build", "dist")  # at the top of the checkout only
# The zip times deploy/linux/install.sh builds with (its default SOURCE_DATE_EPOCH): with them,
# `python -m build` here makes the very wheel install.sh makes from the same checkout.
SOURCE_DATE_EPOCH = "315532800"


def copy_of_checkout(copy: Path) -> Path:
    """A copy of this checkout as a fresh clone has it (a build then writes into the copy, and
    nothing the checkout holds besides reaches the build)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = shutil.ignore_patterns(*NOT_IN_A_CLONE)(folder, names)
        if Path(folder) == ROOT:
            ignored |= set(BUILD_OUTPUT) & set(names)
        return ignored

    shutil.copytree(ROOT, copy, symlinks=True, ignore=ignore)
    return copy


@dataclass(frozen=True)
class Build:
    """The kiosk built for real: a wheel from the checkout, the sdist, and a wheel built from
    that sdist; with how long each build took."""

    wheel: Path
    sdist: Path
    wheel_from_sdist: Path
    wheel_seconds: float
    sdist_and_wheel_seconds: float


def build(source: Path, outdir: Path, *which: str) -> float:
    """`python -m build` (with its isolated build environments): the seconds it took."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "build", *which, "--outdir", str(outdir), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
    )
    assert done.returncode == 0, f"python -m build failed:\n{done.stdout[-3000:]}{done.stderr}"
    return time.monotonic() - started


def one_file(folder: Path, pattern: str) -> Path:
    """The one file in `folder` matching `pattern`."""
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


@pytest.fixture(scope="session")
def kiosk_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The wheel built from (a copy of) the checkout, as a release or a fleet builds it once;
    and `python -m build`'s default, the sdist and a wheel built from the unpacked sdist."""
    base = tmp_path_factory.mktemp("kiosk-build")
    source = copy_of_checkout(base / "source")
    wheel_seconds = build(source, base / "wheel", "--wheel")
    both_seconds = build(copy_of_checkout(base / "source-for-sdist"), base / "sdist")
    return Build(
        wheel=one_file(base / "wheel", "kiosk-*-py3-none-any.whl"),
        sdist=one_file(base / "sdist", "kiosk-*.tar.gz"),
        wheel_from_sdist=one_file(base / "sdist", "kiosk-*-py3-none-any.whl"),
        wheel_seconds=wheel_seconds,
        sdist_and_wheel_seconds=both_seconds,
    )


@pytest.fixture(scope="session")
def kiosk_wheel(kiosk_build: Build) -> Path:
    """The kiosk's wheel, built once per session from this checkout (the one a fleet would
    install on every kiosk): its path."""
    return kiosk_build.wheel
