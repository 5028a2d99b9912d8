"""The Linux deployment files: the systemd unit checked by systemd itself, and the installer.

The unit is rendered for this checkout (the installed layout's paths under `/opt/clinic-kiosk`
replaced by their counterparts here, so ExecStart names the real `.venv/bin/kiosk`) and checked
with `systemd-analyze verify`, which needs no running systemd. Its exit status alone is not
enough: it exits 0 on an unknown or misspelt directive and on a value it cannot parse, and only
prints a warning, "file:line: Unknown key ... ignoring". So a unit passes only with exit status
0 and no line about it in the output, and a deliberately broken copy must fail that same check.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import PySide6
import pytest

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "linux" / "clinic-kiosk.service"
INSTALL = DEPLOY / "linux" / "install.sh"
PREFIX = "/opt/clinic-kiosk"
# The installed layout the unit names, a contract with every way of installing the kiosk
# (install.sh, and configuration management that installs the same wheel): each path, and what
# stands for it in a checkout.
KIOSK = f"{PREFIX}/venv/bin/kiosk"
STOP = f"{PREFIX}/libexec/stop-kiosk.sh"
GUIDE = f"{PREFIX}/venv/share/doc/clinic-kiosk/README.md"  # the wheel's copy of the guide
CONFIG = "/etc/clinic-kiosk/config.toml"
IN_A_CHECKOUT = {
    KIOSK: ROOT / ".venv" / "bin" / "kiosk",
    STOP: DEPLOY / "linux" / "stop-kiosk.sh",
    GUIDE: DEPLOY / "linux" / "README.md",
}
RUNTIME_PACKAGES = DEPLOY / "debian-packages.txt"
TEST_PACKAGES = DEPLOY / "debian-test-packages.txt"
KIOSK_MACHINE_PACKAGES = DEPLOY / "debian-kiosk-packages.txt"

needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)


def render(tmp_path: Path, text: str | None = None) -> Path:
    """The unit as it would be installed, but for this checkout instead of /opt/clinic-kiosk."""
    text = UNIT.read_text(encoding="utf-8") if text is None else text
    for installed, here in IN_A_CHECKOUT.items():
        text = text.replace(installed, str(here))
    kept = [line for line in text.splitlines() if PREFIX in line and not line.startswith("#")]
    assert not kept, f"paths of the installed layout with no counterpart in a checkout: {kept}"
    folder = tmp_path / "units"
    folder.mkdir(exist_ok=True)
    unit = folder / UNIT.name  # verify takes the unit's name from the file name
    unit.write_text(text, encoding="utf-8")
    return unit


def verify(unit: Path) -> tuple[bool, str]:
    """`systemd-analyze verify` on one unit file: (passed, everything it printed).

    --man=no: Documentation= is not looked up in man pages (none may be installed).
    --recursive-errors=no: judge this unit only, not the machine's own units it pulls in.
    """
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "--recursive-errors=no", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=unit.parent,
        env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "SYSTEMD_LOG_COLOR": "0"},
    )
    output = done.stdout + done.stderr
    about_unit = [
        line for line in output.splitlines() if unit.name in line or str(unit.parent) in line
    ]
    return done.returncode == 0 and not about_unit, output


def directives(text: str) -> dict[str, dict[str, list[str]]]:
    """Section -> key -> every value given, in order (as systemd reads the file)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def one(values: dict[str, list[str]], key: str) -> str:
    """The value of a key given exactly once."""
    assert len(values.get(key, [])) == 1, f"{key}= should be set once, got {values.get(key)}"
    return values[key][0]


@needs_systemd_analyze
def test_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    unit = render(tmp_path)
    passed, output = verify(unit)
    assert passed, f"systemd-analyze verify found problems in the unit:\n{output}"


@needs_systemd_analyze
@pytest.mark.parametrize(
    ("broken", "why"),
    [
        (("Restart=always", "Restat=always"), "a misspelt directive (only a warning)"),
        (("Type=notify", "Type=notfy"), "a value systemd cannot parse (only a warning)"),
        (("/usr/bin/cage ", "/usr/bin/no-such-cage "), "a missing executable"),
        (("[Service]", "[Servce]"), "a misspelt section"),
    ],
)
def test_verify_check_catches_a_broken_unit(
    tmp_path: Path, broken: tuple[str, str], why: str
) -> None:
    text = UNIT.read_text(encoding="utf-8")
    assert broken[0] in text
    passed, output = verify(render(tmp_path, text.replace(broken[0], broken[1], 1)))
    assert not passed, f"{why} was not caught; systemd-analyze printed:\n{output}"


def test_unit_runs_the_kiosk_under_cage_as_a_watched_unprivileged_service(tmp_path: Path) -> None:
    text = render(tmp_path).read_text(encoding="utf-8")
    parsed = directives(text)
    service, unit, install = parsed["Service"], parsed["Unit"], parsed["Install"]

    assert one(service, "User") not in {"", "root", "0"}
    assert one(service, "Type") == "notify"
    assert one(service, "NotifyAccess") == "all"  # the kiosk is cage's child, not the main pid
    assert re.fullmatch(r"[1-9]\d*(s|sec|min)?", one(service, "WatchdogSec"))
    assert one(service, "Restart") == "always"
    assert re.fullmatch(r"[1-9]\d*(s|sec|ms)?", one(service, "RestartSec"))
    assert "75" in one(service, "RestartPreventExitStatus").split()
    assert one(service, "TTYPath") == "/dev/tty1"
    assert one(service, "StandardInput") == "tty-fail"
    assert "getty@tty1.service" in " ".join(unit["Conflicts"])
    assert one(install, "WantedBy") == "graphical.target"

    pairs = [item for value in service["Environment"] for item in shlex.split(value)]
    env = dict(pair.split("=", 1) for pair in pairs)
    assert env["QT_QPA_PLATFORM"] == "wayland"
    assert env["KIOSK_DATA_DIR"] == "/var/lib/" + one(service, "StateDirectory")
    assert env["KIOSK_CACHE_DIR"] == "/var/cache/" + one(service, "CacheDirectory")
    assert env["KIOSK_LOG_DIR"] == "/var/log/" + one(service, "LogsDirectory")

    command = shlex.split(one(service, "ExecStart"))
    assert command[0] == "/usr/bin/cage"
    kiosk = command[command.index("--") + 1 :]
    # verify only checks the first program (cage); the kiosk it starts must exist as well
    assert Path(kiosk[0]) == ROOT / ".venv" / "bin" / "kiosk"
    assert Path(kiosk[0]).is_file(), f"{kiosk[0]} is missing: run scripts/run-tests to set up"
    assert kiosk[1:] == ["--config", env["KIOSK_CONFIG"]]

    pam = DEPLOY / "linux" / f"{one(service, 'PAMName')}.pam"
    assert "pam_systemd.so" in pam.read_text(encoding="utf-8")  # logind gives cage the seat
    assert pam.name in INSTALL.read_text(encoding="utf-8")


def test_install_script_is_valid_bash() -> None:
    done = subprocess.run(
        ["bash", "-n", str(INSTALL)], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    assert INSTALL.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in INSTALL.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_install_script_passes_shellcheck() -> None:
    done = subprocess.run(
        ["shellcheck", str(INSTALL)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_unit_runs_the_installed_layout() -> None:
    service = directives(UNIT.read_text(encoding="utf-8"))
    assert shlex.split(one(service["Service"], "ExecStart")) == [
        *("/usr/bin/cage", "-d", "--"),
        *(KIOSK, "--config", CONFIG),
    ]
    assert one(service["Service"], "ExecStop") == STOP
    assert one(service["Unit"], "Documentation") == f"file:{GUIDE}"
    # install.sh puts the stop script where ExecStop= says, from the file beside it
    script = INSTALL.read_text(encoding="utf-8")
    assert "PREFIX=/opt/clinic-kiosk\n" in script
    assert 'LIBEXEC="$PREFIX/libexec"' in script
    assert 'VENV="$PREFIX/venv"' in script
    assert '"$HERE/stop-kiosk.sh" "$LIBEXEC/stop-kiosk.sh"' in script


def package_list(path: Path) -> list[str]:
    """The packages of a list file, read as every reader of it must: one per line, comments
    (#) and blank lines left out."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@pytest.mark.parametrize("path", [RUNTIME_PACKAGES, TEST_PACKAGES, KIOSK_MACHINE_PACKAGES])
def test_package_lists_are_plain_lists_of_debian_package_names(path: Path) -> None:
    packages = package_list(path)
    assert packages, f"{path.name} lists no package"
    bad = [name for name in packages if not re.fullmatch(r"[a-z0-9][a-z0-9+.-]+", name)]
    assert not bad, f"{path.name}: not one Debian package name per line: {bad}"
    assert len(packages) == len(set(packages)), f"{path.name} lists a package twice"


def test_runtime_test_and_kiosk_machine_packages_are_apart() -> None:
    runtime, tests = set(package_list(RUNTIME_PACKAGES)), set(package_list(TEST_PACKAGES))
    machine = set(package_list(KIOSK_MACHINE_PACKAGES))
    assert not runtime & tests, f"in both the runtime and the test list: {runtime & tests}"
    assert not runtime & machine, (
        f"in both the runtime and the kiosk machine list: {runtime & machine}"
    )
    # test-only tools stay off the kiosk machine
    assert {"xvfb", "tesseract-ocr", "printer-driver-cups-pdf", "poppler-utils"} <= tests
    # the kiosk needs these to run; the unit runs it under cage, with Qt's Wayland libraries
    wanted = {"espeak-ng", "fonts-noto-cjk", "cups-client", "python3-venv", "cage"}
    assert wanted | {"libwayland-client0", "libwayland-cursor0", "libwayland-egl1"} <= runtime


def test_setup_installs_both_lists_and_the_installer_the_kiosk_machines() -> None:
    # The README's quick start installs the runtime and the test packages.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "deploy/debian-packages.txt" in readme
    assert "deploy/debian-test-packages.txt" in readme
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    assert "deploy/debian-packages.txt" in bootstrap
    assert "deploy/debian-test-packages.txt" in bootstrap
    script = INSTALL.read_text(encoding="utf-8")
    assert '"$DEPLOY/debian-packages.txt"' in script
    assert '"$DEPLOY/debian-kiosk-packages.txt"' in script
    assert "debian-test-packages.txt" not in script


def test_qt_wayland_plugin_finds_its_libraries() -> None:
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqwayland.so"
    assert plugin.is_file(), plugin
    done = subprocess.run(
        ["ldd", str(plugin)], capture_output=True, text=True, timeout=30, check=False
    )
    missing = [line.strip() for line in done.stdout.splitlines() if "not found" in line]
    assert not missing, f"install these libraries' packages: {missing}"
