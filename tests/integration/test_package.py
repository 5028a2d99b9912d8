"""The kiosk as a Python package: a wheel and an sdist built for real, and the wheel installed in
a fresh virtual environment and run from a folder that has nothing of the checkout.

The builds (`kiosk_build` in conftest.py, once per session) are `python -m build`, with its
isolated build environments: a wheel from a copy of the checkout, and the sdist with a wheel
built from it. What is judged:

- the wheel holds every file of resources/ (topics, figures, styles, icons, fonts, categories,
  languages, readability lists, body outline, default config) byte for byte, and a compiled
  translation (.qm) for every language of resources/languages.toml, the very bytes
  pyside6-lrelease makes of the .ts sources; no .ts;
- the sdist holds what a wheel is built from, and the wheel built from it is the same wheel;
- installed with pip in a virtual environment of its own (no system site packages, so nothing of
  the checkout's environment), the `kiosk` command runs from an unrelated folder: --version,
  topics in Spanish and Chinese, a Spanish handout whose headings come from the packaged
  translation, and a Spanish home screen whose words Tesseract reads; with the translations
  taken out of a copy of the packaged resources, the same screen is English (so the words are
  the package's .qm at work).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import __version__
from tests.conftest import ROOT
from tests.display.screens import Word, find_phrase, read_words, text_of
from tests.integration.conftest import Build

RESOURCES = ROOT / "resources"
I18N = RESOURCES / "i18n"
LANGUAGES = tomllib.loads((RESOURCES / "languages.toml").read_text(encoding="utf-8"))
NOT_IN_THE_WHEEL = {".ts", ".qm"}  # sources of the translations; the .qm are built afresh
GUIDE = "share/doc/clinic-kiosk/README.md"  # the deployment guide, in the environment's prefix
QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")  # every Qt .qm file starts so
INSTALL_TIMEOUT_S = 600


def shipped_files() -> dict[str, Path]:
    """Every file of resources/ that the wheel should hold, by its name in the wheel."""
    return {
        f"kiosk/resources/{path.relative_to(RESOURCES).as_posix()}": path
        for path in sorted(RESOURCES.rglob("*"))
        if path.is_file()
        and path.suffix not in NOT_IN_THE_WHEEL
        and "__pycache__" not in path.parts
    }


def digests(archive: Path) -> dict[str, str]:
    """Every file of a wheel: its name and the sha256 of its content."""
    with zipfile.ZipFile(archive) as wheel:
        return {
            name: hashlib.sha256(wheel.read(name)).hexdigest()
            for name in wheel.namelist()
            if not name.endswith("/")
        }


def read(archive: Path, name: str) -> bytes:
    with zipfile.ZipFile(archive) as wheel:
        return wheel.read(name)


def dist_info(archive: Path, name: str) -> str:
    with zipfile.ZipFile(archive) as wheel:
        found = [n for n in wheel.namelist() if re.fullmatch(rf"kiosk-[^/]+\.dist-info/{name}", n)]
        assert len(found) == 1, f"{name} in the wheel: {found}"
        return wheel.read(found[0]).decode()


def translation(lang: str, context: str, source: str) -> str:
    """The translation of one of the kiosk's words, from the translation source (.ts)."""
    tree = ET.parse(I18N / f"kiosk_{lang}.ts")
    for group in tree.getroot().iter("context"):
        if group.findtext("name") != context:
            continue
        for message in group.iter("message"):
            if message.findtext("source") == source:
                text = message.findtext("translation") or ""
                assert text, f"{source!r} has no {lang} translation"
                return text
    raise AssertionError(f"{source!r} is not in {context} of kiosk_{lang}.ts")


# --- the wheel and the sdist -------------------------------------------------------------------


def test_wheel_holds_every_resource_and_a_compiled_translation_per_language(
    kiosk_build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(
            f"\nbuild: wheel {kiosk_build.wheel_seconds:.1f} s; sdist and a wheel from it "
            f"{kiosk_build.sdist_and_wheel_seconds:.1f} s"
        )
    found = digests(kiosk_build.wheel)
    expected = shipped_files()
    assert len(expected) > 40, "resources/ seems empty"
    missing = sorted(set(expected) - set(found))
    assert not missing, f"not in the wheel: {missing}"
    changed = [
        name
        for name, path in expected.items()
        if found[name] != hashlib.sha256(path.read_bytes()).hexdigest()
    ]
    assert not changed, f"differ from resources/: {changed}"
    # the parts the kiosk reads by name, so that a failure names what a patient would miss
    topics = sorted(RESOURCES.glob("topics/*/*.toml"))
    assert {path.parent.name for path in topics} == set(LANGUAGES), "a language has no topics"
    for part in (
        *(f"kiosk/resources/topics/{p.parent.name}/{p.name}" for p in topics),
        "kiosk/resources/fonts/OpenSans-Regular.ttf",
        "kiosk/resources/styles/base.qss",
        "kiosk/resources/default-config.toml",
        "kiosk/resources/languages.toml",
        "kiosk/resources/categories.toml",
        "kiosk/resources/body-outline.svg",
        "kiosk/resources/readability/zh-common-characters.txt",
    ):
        assert part in found, part

    for code in LANGUAGES:
        qm = f"kiosk/resources/i18n/kiosk_{code}.qm"
        assert qm in found, f"no compiled translation for {code}"
        assert read(kiosk_build.wheel, qm).startswith(QM_MAGIC), f"{qm} is not a .qm file"
    assert not [name for name in found if name.endswith(".ts")], "translation sources shipped"
    # every module of the package
    modules = {
        f"kiosk/{p.relative_to(ROOT / 'kiosk').as_posix()}" for p in (ROOT / "kiosk").rglob("*.py")
    }
    assert not modules - set(found), f"modules not in the wheel: {sorted(modules - set(found))}"


def test_wheel_translations_are_the_sources_compiled(kiosk_wheel: Path, tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for code in LANGUAGES:
        qm = tmp_path / f"kiosk_{code}.qm"
        subprocess.run(
            [str(lrelease), "-silent", str(I18N / f"kiosk_{code}.ts"), "-qm", str(qm)],
            check=True,
            timeout=60,
        )
        packaged = read(kiosk_wheel, f"kiosk/resources/i18n/kiosk_{code}.qm")
        assert packaged == qm.read_bytes(), f"kiosk_{code}.qm is not kiosk_{code}.ts compiled"


def test_wheel_names_the_command_the_pinned_dependencies_and_ships_the_guide(
    kiosk_wheel: Path,
) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    metadata = dist_info(kiosk_wheel, "METADATA")
    assert f"\nVersion: {__version__}\n" in metadata
    requires = [line.removeprefix("Requires-Dist: ") for line in metadata.splitlines()]
    for dependency in project["dependencies"]:
        assert dependency in requires, f"{dependency} is not a dependency of the wheel"
    entry_points = dist_info(kiosk_wheel, "entry_points.txt")
    assert re.search(r"^kiosk = kiosk\.cli:main$", entry_points, re.MULTILINE), entry_points
    guide = f"kiosk-{__version__}.data/data/{GUIDE}"
    assert read(kiosk_wheel, guide) == (ROOT / "deploy/linux/README.md").read_bytes()
    unit = (ROOT / "deploy/linux/clinic-kiosk.service").read_text(encoding="utf-8")
    assert f"Documentation=file:/opt/clinic-kiosk/venv/{GUIDE}\n" in unit


def test_sdist_holds_what_the_wheel_is_built_from(kiosk_build: Build) -> None:
    with tarfile.open(kiosk_build.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    needed = {"pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "deploy/linux/README.md"}
    needed |= {f"resources/i18n/kiosk_{code}.ts" for code in LANGUAGES}
    needed |= {name.removeprefix("kiosk/") for name in shipped_files()}
    needed |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "kiosk").rglob("*.py")}
    assert not needed - names, f"not in the sdist: {sorted(needed - names)}"
    assert not [name for name in names if name.endswith(".qm")], "compiled translations in it"


def test_wheel_built_from_the_sdist_is_the_same_wheel(kiosk_build: Build) -> None:
    from_checkout, from_sdist = digests(kiosk_build.wheel), digests(kiosk_build.wheel_from_sdist)
    assert sorted(from_sdist) == sorted(from_checkout)
    differ = [name for name in from_checkout if from_checkout[name] != from_sdist[name]]
    assert not differ, f"differ between the two wheels: {differ}"


# --- the wheel installed, run from anywhere ----------------------------------------------------


@dataclass(frozen=True)
class Installed:
    """The wheel installed by pip in a fresh virtual environment, and an unrelated folder."""

    venv: Path
    elsewhere: Path
    seconds: float

    @property
    def kiosk(self) -> Path:
        return self.venv / "bin" / "kiosk"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment a user's shell would give: nothing pointing into the checkout."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV", "KIOSK_RESOURCES"))
        }
        env["PATH"] = f"{self.venv / 'bin'}:/usr/bin:/bin"
        env["QT_QPA_PLATFORM"] = "offscreen"
        return {**env, **extra}

    def run(
        self, *args: str, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.kiosk), *args],
            cwd=self.elsewhere,
            env=dict(env) if env is not None else self.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )


@pytest.fixture(scope="module")
def installed(kiosk_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """`python -m venv`, then `pip install kiosk-*.whl` in it (its pinned dependencies come from
    pip's cache or the package index, as a user's would)."""
    base = tmp_path_factory.mktemp("installed")
    venv, elsewhere = base / "venv", base / "somewhere-else"
    elsewhere.mkdir()
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    done = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(kiosk_wheel)],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_S,
        check=False,
        cwd=elsewhere,
    )
    assert done.returncode == 0, f"pip install failed:\n{done.stdout}{done.stderr}"
    return Installed(venv, elsewhere, time.monotonic() - started)


def test_installed_kiosk_is_the_wheels_own_not_the_checkouts(
    installed: Installed, capsys: pytest.CaptureFixture[str]
) -> None:
    with capsys.disabled():
        print(f"\nvirtual environment and pip install of the wheel: {installed.seconds:.1f} s")
    config = (installed.venv / "pyvenv.cfg").read_text(encoding="utf-8")
    assert re.search(r"^include-system-site-packages = false$", config, re.MULTILINE), config
    probe = (
        "import json, sys, kiosk, PySide6; from kiosk import paths; print(json.dumps("
        "[kiosk.__file__, str(paths.SHIPPED_RESOURCES), PySide6.__file__, sys.path]))"
    )
    done = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", probe],
        cwd=installed.elsewhere,
        env=installed.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    module, resources, pyside, path = json.loads(done.stdout)
    site = installed.venv / "lib"
    assert Path(module).is_relative_to(site), module
    assert Path(pyside).is_relative_to(site), f"PySide6 from outside the environment: {pyside}"
    assert Path(resources) == Path(module).parent / "resources", resources
    assert not [entry for entry in path if entry and Path(entry).is_relative_to(ROOT)], path


def test_installed_kiosk_says_its_version(installed: Installed) -> None:
    done = installed.run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"kiosk {__version__}"


def test_installed_kiosk_names_its_own_set_pin_command(installed: Installed) -> None:
    """A message that tells staff to run set-pin names the installed command, by the full path
    that works under sudo, not the checkout's `python main.py`."""
    config = installed.elsewhere / "bad-pin.toml"
    config.write_text('staff_pin_hash = "not a hash"\n', encoding="utf-8")
    done = installed.run("--config", str(config), "topics")
    assert done.returncode == 0, done.stderr
    assert f"set the PIN with: {installed.kiosk} set-pin;" in done.stderr
    assert "main.py" not in done.stderr


@pytest.mark.parametrize("lang", ["es", "zh"])
def test_installed_kiosk_lists_the_topics_of_a_language(installed: Installed, lang: str) -> None:
    done = installed.run("topics", "--lang", lang)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    topics = sorted((RESOURCES / "topics" / lang).glob("*.toml"))
    assert topics
    assert len(lines) == len(topics), done.stdout
    for path in topics:
        title = tomllib.loads(path.read_text(encoding="utf-8"))["title"]
        assert [
            line for line in lines if line.split()[:2] == [lang, path.stem] and title in line
        ], f"{path.stem} ({title}) not listed:\n{done.stdout}"


def test_installed_kiosk_makes_a_spanish_handout_with_its_translated_headings(
    installed: Installed,
) -> None:
    pdf = installed.elsewhere / "x.pdf"
    done = installed.run("handout", "ibs-leg-pain", "--lang", "es", "-o", "x.pdf")
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    topic = tomllib.loads((RESOURCES / "topics/es/ibs-leg-pain.toml").read_text(encoding="utf-8"))
    assert " ".join(topic["title"].split()) in flat, flat[:2000]
    heading = translation("es", "Labels", "What you can do at home")
    assert heading in flat, f"no {heading!r} (the packaged kiosk_es.qm's):\n{flat[:2000]}"
    assert "What you can do at home" not in flat


@dataclass(frozen=True)
class ScreenText:
    """What Tesseract reads on a screenshot."""

    words: list[Word]

    def says(self, phrase: str) -> bool:
        """Whether the phrase stands on one line (punctuation and case aside)."""
        return find_phrase(self.words, phrase) is not None

    def __str__(self) -> str:
        return text_of(self.words)


def spanish_home_screen(installed: Installed, name: str, env: dict[str, str]) -> ScreenText:
    """The installed kiosk's home screen in Spanish, as Tesseract reads it."""
    done = installed.run("screenshot", "--screen", "home", "--lang", "es", "-o", name, env=env)
    assert done.returncode == 0, done.stderr
    return ScreenText(read_words(installed.elsewhere / name))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_installed_kiosk_shows_its_screens_in_spanish_from_the_packaged_translation(
    installed: Installed, tmp_path: Path
) -> None:
    phrases = {
        english: translation("es", context, english)
        for context, english in (
            ("HomeScreen", "Choose a topic"),
            ("HomeScreen", "Tap a topic to read about it. You can also hear it read aloud."),
        )
    }
    screen = spanish_home_screen(installed, "home-es.png", installed.env())
    for english, spanish in phrases.items():
        assert screen.says(spanish), f"no {spanish!r} on the Spanish home screen: {screen}"
        assert not screen.says(english), f"{english!r} on the Spanish home screen: {screen}"

    # The same with the package's resources less its compiled translations: English words. So
    # the Spanish ones above are the packaged .qm at work, and this test can tell.
    packaged = sorted(installed.venv.glob("lib/python*/site-packages/kiosk/resources"))
    assert len(packaged) == 1, packaged
    copy = tmp_path / "resources"
    shutil.copytree(packaged[0], copy, ignore=shutil.ignore_patterns("*.qm"))
    screen = spanish_home_screen(
        installed, "home-no-qm.png", installed.env(KIOSK_RESOURCES=str(copy))
    )
    for english, spanish in phrases.items():
        assert screen.says(english), f"no {english!r} without the translation: {screen}"
        assert not screen.says(spanish), f"{spanish!r} without the translation: {screen}"
