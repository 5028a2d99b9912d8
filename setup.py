"""The build step the project's metadata (pyproject.toml) cannot declare: the wheel carries the
top-level `resources/` folder as the package's `kiosk/resources`, with the translations compiled.

`resources/` stays the one source, in a checkout and in the sdist; an editable install and a
checkout read it in place (see kiosk/paths.py), and a wheel reads its own copy. The translation
sources (`i18n/*.ts`) are compiled with pyside6-lrelease (PySide6-Essentials, a build
requirement) into the `.qm` files the kiosk loads; the `.ts` files and any `.qm` left in the
checkout by the set-up are not copied. The wheel also carries the Linux deployment guide.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

SOURCE = Path(__file__).resolve().parent / "resources"
TARGET = Path("kiosk", "resources")  # inside the built package
NOT_SHIPPED = ("*.ts", "*.qm", "__pycache__", "*.pyc")


def lrelease() -> str:
    """pyside6-lrelease, on PATH or beside this Python (the build environment's)."""
    found = shutil.which("pyside6-lrelease")
    if found is None:
        beside = Path(sys.executable).with_name("pyside6-lrelease")
        found = str(beside) if beside.is_file() else None
    if found is None:
        raise SetupError(
            "pyside6-lrelease not found: building the kiosk needs PySide6-Essentials "
            "(listed in pyproject.toml's build-system.requires)"
        )
    return found


class BuildWithResources(build_py):
    """build_py, then resources/ copied into the package and its translations compiled."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads resources/ in the checkout
            return
        if not (SOURCE / "languages.toml").is_file():
            raise SetupError(f"{SOURCE} is missing or incomplete: the kiosk cannot be built")
        target = Path(self.build_lib) / TARGET
        if target.exists():  # nothing left over from an earlier build
            shutil.rmtree(target)
        shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns(*NOT_SHIPPED))
        tool = lrelease()
        for ts in sorted((SOURCE / "i18n").glob("*.ts")):
            qm = target / "i18n" / ts.with_suffix(".qm").name
            done = subprocess.run(
                [tool, "-silent", str(ts), "-qm", str(qm)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0 or not qm.is_file():
                raise SetupError(f"could not compile {ts.name}: {done.stdout}{done.stderr}")


setup(
    cmdclass={"build_py": BuildWithResources},
    # The deployment guide, which the systemd unit names in Documentation=: in a virtual
    # environment it lands in share/doc/clinic-kiosk/.
    data_files=[("share/doc/clinic-kiosk", ["deploy/linux/README.md"])],
)
