"""The Ansible role and playbook in deploy/ansible: checked everywhere, and run for real.

Everywhere (no root, nothing installed): `ansible-playbook --syntax-check`; the role's tasks use
ansible.builtin modules only, each named, and none that sees the staff PIN's hash is logged; the
package lists the role reads are those install.sh installs; the config template renders the
role's variables (and only those set) as TOML the kiosk loads without a problem; a missing wheel
or PIN hash stops the play at once with one message saying which.

For real (`pytest -m deploy`), only as root on a machine with no running systemd, as CI is (the
play installs packages, creates the `kiosk` user and writes to /opt and /etc; under a running
systemd it would also make this machine boot into the kiosk): the previous installation is
removed, but for files as install.sh's old layout left in /opt/clinic-kiosk (which the role
must remove), then the playbook runs against this machine (`-i localhost, -c local`) with a wheel
built from this checkout and the PIN's hash in Ansible Vault, twice. The first run must succeed,
the second change nothing (`changed=0` in the play recap); the files must be right, and the PIN
hash in none of the output. A run with a bad setting must stop with the kiosk's own message and
leave the config alone. A run with the same version's wheel rebuilt, from a URL (an HTTP server
on the loopback address), must download and reinstall it, and change nothing else. Then the
installed unit is started as systemd would start it, with the machinery of test_deploy_run.py:
READY=1 from the kiosk under cage's headless back end, the watchdog, and a clean stop.
"""

from __future__ import annotations

import contextlib
import fcntl
import grp
import hashlib
import http.server
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk import __version__
from kiosk.config import load_settings
from kiosk.staff import hash_pin, verify_pin
from tests.conftest import ROOT
from tests.integration import test_deploy_run as deploy_run
from tests.integration.conftest import copy_of_checkout
from tests.integration.test_deploy import directives, one

ANSIBLE_DIR = ROOT / "deploy" / "ansible"
PLAYBOOK = ANSIBLE_DIR / "playbook.yml"
ROLE = ANSIBLE_DIR / "roles" / "clinic_kiosk"
LINUX = ROOT / "deploy" / "linux"
BIN = Path(sys.executable).parent
ANSIBLE_PLAYBOOK = BIN / "ansible-playbook"
ANSIBLE_VAULT = BIN / "ansible-vault"

PREFIX = deploy_run.PREFIX
VENV = PREFIX / "venv"
STOP_SCRIPT = PREFIX / "libexec" / "stop-kiosk.sh"
CONFIG_DIR = deploy_run.CONFIG_DIR
CONFIG = deploy_run.CONFIG
UNIT_FILE = deploy_run.UNIT_FILE
PAM_FILE = deploy_run.PAM_FILE
ENABLED_LINK = deploy_run.ENABLED_LINK
DEFAULT_TARGET = deploy_run.DEFAULT_TARGET
DEVICE_GROUPS = ("video", "input", "render", "audio")

PIN = "2580"
# A first run may install Debian packages and PySide6; the second has nothing to do.
FIRST_RUN_TIMEOUT_S = 900
SECOND_RUN_MAX_S = 120.0
QUICK_TIMEOUT_S = 120

# Keys of a task that are not its module (https://docs.ansible.com: playbook keywords).
TASK_KEYWORDS = {
    "name",
    "when",
    "register",
    "notify",
    "loop",
    "loop_control",
    "changed_when",
    "failed_when",
    "check_mode",
    "no_log",
    "become",
    "tags",
    "vars",
    "listen",
    "environment",
    "ignore_errors",
    "delegate_to",
    "run_once",
}

needs_ansible = pytest.mark.skipif(
    not ANSIBLE_PLAYBOOK.exists(),
    reason="ansible-playbook is not in the virtual environment (scripts/bootstrap.sh installs it)",
)


def ansible_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of an Ansible command: the kiosk's own variables left out, no colour,
    and Ansible's own files in a folder of the test's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "QT_", "ANSIBLE_"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        ANSIBLE_HOME=str(home),
        ANSIBLE_LOCAL_TEMP=str(home / "tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        **extra,
    )
    return env


def playbook(
    home: Path, *args: str, timeout: float = QUICK_TIMEOUT_S, **env: str
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """ansible-playbook ARGS, started in `home` (so no ansible.cfg of the checkout's or the
    user's is read): (seconds taken, its result)."""
    started = time.monotonic()
    done = subprocess.run(
        [str(ANSIBLE_PLAYBOOK), *args],
        cwd=home,
        env=ansible_env(home, **env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return time.monotonic() - started, done


RECAP = re.compile(
    r"^(?P<host>\S+)\s*:\s*ok=(?P<ok>\d+)\s+changed=(?P<changed>\d+)\s+"
    r"unreachable=(?P<unreachable>\d+)\s+failed=(?P<failed>\d+)\s+skipped=(?P<skipped>\d+)\s+"
    r"rescued=(?P<rescued>\d+)\s+ignored=(?P<ignored>\d+)",
    re.MULTILINE,
)


def recap(output: str) -> dict[str, int]:
    """The counts of the one host in the PLAY RECAP."""
    _, _, tail = output.rpartition("PLAY RECAP")
    found = list(RECAP.finditer(tail))
    assert len(found) == 1, f"no single host in the play recap:\n{output[-3000:]}"
    return {k: int(v) for k, v in found[0].groupdict().items() if k != "host"}


def changed_tasks(output: str) -> list[str]:
    """The tasks a run reported as changed, by name."""
    names, task = [], ""
    for line in output.splitlines():
        if line.startswith(("TASK [", "RUNNING HANDLER [")):
            task = line.split("[", 1)[1].rsplit("]", 1)[0]
        elif line.startswith("changed:"):
            names.append(task)
    return names


# --- everywhere ----------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML as Ansible writes it, with its !vault values kept as text."""


_Loader.add_constructor("!vault", lambda loader, node: loader.construct_scalar(node))


def load_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def role_tasks() -> list[tuple[str, dict[str, Any]]]:
    """Every task and handler of the role: (file, task)."""
    found = []
    for path in [*sorted((ROLE / "tasks").glob("*.yml")), ROLE / "handlers" / "main.yml"]:
        for task in load_yaml(path) or []:
            found.append((path.name, task))
    return found


def module_of(task: dict[str, Any]) -> str:
    modules = [key for key in task if key not in TASK_KEYWORDS]
    assert len(modules) == 1, f"not one module in task {task.get('name')!r}: {modules}"
    return modules[0]


@needs_ansible
def test_playbook_passes_ansible_syntax_check(tmp_path: Path) -> None:
    _, done = playbook(
        tmp_path,
        "--syntax-check",
        "-i",
        str(ANSIBLE_DIR / "inventory.example.ini"),
        str(PLAYBOOK),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr


def test_role_uses_only_builtin_modules_and_names_every_task() -> None:
    tasks = role_tasks()
    assert len(tasks) > 20
    for file, task in tasks:
        assert task.get("name"), f"a task in {file} has no name: {task}"
        module = module_of(task)
        assert module.startswith("ansible.builtin."), f"{file}: {task['name']}: {module}"


def test_every_task_that_sees_the_pin_hash_is_not_logged() -> None:
    secret_users = 0
    for file, task in role_tasks():
        text = json.dumps(task)
        if "kiosk_staff_pin_hash" not in text and "config.toml.j2" not in text:
            continue
        secret_users += 1
        if module_of(task) == "ansible.builtin.assert":
            # An assert shows its condition and its message, never the values in the condition.
            message = str(task["ansible.builtin.assert"].get("fail_msg"))
            assert not re.search(r"\{\{[^}]*kiosk_staff_pin_hash", message), task["name"]
            continue
        assert task.get("no_log") is True, f"{file}: {task['name']} would log the PIN's hash"
    assert secret_users >= 3  # the check, the settings check and the template


def test_the_files_the_role_installs_are_those_of_deploy_linux() -> None:
    sources = [
        task["ansible.builtin.copy"]["src"]
        for _, task in role_tasks()
        if module_of(task) == "ansible.builtin.copy"
        and "linux/" in task["ansible.builtin.copy"]["src"]
    ]
    names = sorted(
        Path(src).name.replace("{{ kiosk_unit }}", deploy_run.UNIT_NAME) for src in sources
    )
    assert names == sorted([deploy_run.UNIT_NAME, "clinic-kiosk.pam", "stop-kiosk.sh"])
    for name in names:
        assert (LINUX / name).is_file(), name
    assert all(src.startswith("{{ kiosk_deploy_dir }}/linux/") for src in sources)
    assert (
        load_yaml(ROLE / "defaults" / "main.yml")["kiosk_deploy_dir"] == "{{ role_path }}/../../.."
    )
    assert (ROLE / "../../..").resolve() == ROOT / "deploy"


def test_example_group_vars_have_a_vaulted_pin_hash() -> None:
    example = load_yaml(ANSIBLE_DIR / "group_vars" / "kiosks.example.yml")
    assert example["kiosk_staff_pin_hash"].startswith("$ANSIBLE_VAULT;1.1;AES256\n")
    text = (ANSIBLE_DIR / "group_vars" / "kiosks.example.yml").read_text(encoding="utf-8")
    assert "ansible-vault encrypt_string" in text
    assert "--stdin-name kiosk_staff_pin_hash" in text
    defaults = load_yaml(ROLE / "defaults" / "main.yml")
    unknown = {k for k in example if k not in defaults and k != "kiosk_staff_pin_hash"}
    assert not unknown, f"the example sets variables the role does not have: {unknown}"


PROBE = """
- name: Read what the role would install and write
  hosts: localhost
  gather_facts: false
  tasks:
    - name: The role's checks, which change nothing, and its variables
      ansible.builtin.include_role:
        name: {role}
        tasks_from: check.yml
        public: true
    - name: Write them down
      vars:
        role_path: "{role}"  # as inside the role
      ansible.builtin.copy:
        dest: "{out}"
        mode: "0600"
        content: >-
          {{{{ {{
            'listed': kiosk_listed_packages,
              'audio': kiosk_audio_packages,
            'config': lookup('ansible.builtin.template', '{role}/templates/config.toml.j2'),
          }} | to_json }}}}
"""


def probe(tmp_path: Path, variables: dict[str, Any]) -> dict[str, Any]:
    """The role's package lists and rendered config for these variables, on this machine,
    without installing or writing anything."""
    book = tmp_path / "probe.yml"
    out = tmp_path / "shown.json"
    book.write_text(PROBE.format(role=ROLE, out=out), encoding="utf-8")
    wheel = tmp_path / "kiosk-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not read")
    variables = {"kiosk_wheel": str(wheel), "kiosk_staff_pin_hash": hash_pin(PIN), **variables}
    extra = tmp_path / "vars.json"
    extra.write_text(json.dumps(variables), encoding="utf-8")
    _, done = playbook(
        tmp_path,
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        "ansible_become=false",
        "-e",
        f"@{extra}",
        str(book),
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr
    shown = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(shown, dict)
    return shown


def listed(path: Path) -> list[str]:
    """A package list file's packages, as bootstrap.sh and install.sh read it."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def shell_array(name: str) -> list[str]:
    """One of install.sh's package arrays, NAME=(a b c)."""
    text = (LINUX / "install.sh").read_text(encoding="utf-8")
    found = re.search(rf"^{name}=\(([^)]*)\)", text, re.MULTILINE)
    assert found, f"no {name}=(...) in install.sh"
    return found.group(1).split()


@needs_ansible
def test_role_reads_the_package_lists_install_sh_installs(tmp_path: Path) -> None:
    shown = probe(tmp_path, {})
    deploy = ROOT / "deploy"
    kiosk, machine = (
        listed(deploy / "debian-packages.txt"),
        listed(deploy / "debian-kiosk-packages.txt"),
    )
    assert shown["listed"] == kiosk + machine
    assert {"cage", "systemd", "espeak-ng"} <= set(shown["listed"])
    assert shown["audio"] == shell_array("AUDIO_PACKAGES")


@needs_ansible
def test_config_holds_the_settings_set_and_only_those(tmp_path: Path) -> None:
    pin_hash = hash_pin(PIN)
    key = tmp_path / "content.pub"
    key.write_text("untrusted comment: a key\n", encoding="utf-8")
    name = 'Clínica "Río" \\ 诊所 \U0001f3e5'
    shown = probe(
        tmp_path,
        {
            "kiosk_staff_pin_hash": pin_hash,
            "kiosk_clinic_name": name,
            "kiosk_clinic_phone": 5550100,  # a number in YAML: still written as text
            "kiosk_printer": "",
            "kiosk_paper": "a4",
            "kiosk_content_url": "https://content.example.org/clinic.kpack",
            "kiosk_content_public_key": str(key),
            "kiosk_metrics_listen": "127.0.0.1:9464",
            "kiosk_settings": {"screen_off": "20:00-07:00", "volume": 60, "idle_timeout_s": 45.5},
        },
    )
    assert tomllib.loads(shown["config"]) == {
        "clinic_name": name,
        "clinic_phone": "5550100",
        "printer": "",
        "paper": "a4",
        "content_url": "https://content.example.org/clinic.kpack",
        "content_public_key": "/etc/clinic-kiosk/content.pub",
        "metrics_listen": "127.0.0.1:9464",
        "screen_off": "20:00-07:00",
        "volume": 60,
        "idle_timeout_s": 45.5,
        "staff_pin_hash": pin_hash,
    }
    # The kiosk of this checkout loads it without a problem.
    config = tmp_path / "config.toml"
    config.write_text(shown["config"], encoding="utf-8")
    assert load_settings(config)[1] == []


@needs_ansible
def test_config_of_the_required_variables_alone_has_the_pin_hash_only(tmp_path: Path) -> None:
    pin_hash = hash_pin(PIN)
    shown = probe(tmp_path, {"kiosk_staff_pin_hash": pin_hash})
    assert tomllib.loads(shown["config"]) == {"staff_pin_hash": pin_hash}


@needs_ansible
@pytest.mark.parametrize(
    ("leave_out", "said"),
    [
        ("kiosk_wheel", "kiosk_wheel is not set"),
        ("kiosk_staff_pin_hash", "kiosk_staff_pin_hash is not set"),
    ],
)
def test_a_missing_required_variable_stops_the_play_before_anything(
    tmp_path: Path, leave_out: str, said: str
) -> None:
    wheel = tmp_path / "kiosk-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"not read")
    variables = {"kiosk_wheel": str(wheel), "kiosk_staff_pin_hash": hash_pin(PIN)}
    del variables[leave_out]
    extra = tmp_path / "vars.json"
    extra.write_text(json.dumps(variables), encoding="utf-8")
    # --check as well: were the checks to let it through, nothing would be changed here.
    _, done = playbook(
        tmp_path,
        "--check",
        "-i",
        "localhost,",
        "-c",
        "local",
        "-e",
        "kiosk_hosts=localhost",
        "-e",
        "ansible_become=false",
        "-e",
        f"@{extra}",
        str(PLAYBOOK),
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    errors = [line for line in output.splitlines() if line.startswith("[ERROR]")]
    assert len(errors) == 1, output
    assert said in errors[0], output
    counts = recap(done.stdout)
    assert (counts["changed"], counts["failed"]) == (0, 1), done.stdout
    assert "See whether systemd is running" not in done.stdout, "the play went past its checks"


# --- for real, on this machine -------------------------------------------------------------------


def why_not_here() -> str | None:
    """Why this machine may not run the playbook for real, or None if it may."""
    if not ANSIBLE_PLAYBOOK.exists():
        return "ansible-playbook is not in the virtual environment (scripts/bootstrap.sh)"
    return deploy_run.why_not_here("the playbook")


WHY_NOT = why_not_here()


@dataclass
class Deployment:
    """The playbook run twice against this machine, then once with a bad setting."""

    pin_hash: str
    settings: dict[str, str]
    public_key: Path
    seconds: list[float] = field(default_factory=list)
    results: list[subprocess.CompletedProcess[str]] = field(default_factory=list)
    bad: subprocess.CompletedProcess[str] | None = None
    config_before_bad: tuple[bytes, int] = (b"", 0)
    url_run: subprocess.CompletedProcess[str] | None = None
    url_run_began: int = 0
    rebuilt: Path | None = None


def rebuilt_wheel(folder: Path, wheel: Path) -> Path:
    """The same version's wheel built again from this checkout with other zip times: other
    bytes, as a wheel rebuilt without a new version number has."""
    source = copy_of_checkout(folder / "source")
    out = folder / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (again,) = out.glob("kiosk-*.whl")
    assert again.name == wheel.name
    assert again.read_bytes() != wheel.read_bytes()
    return again


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """An HTTP server on this machine's loopback address for the files of a folder: its URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def remove_installation() -> None:
    """What an earlier install (by install.sh or this role) left, so the first run is a first
    install: the program, the config, the unit and its links, the PAM file, the user."""
    for path in (PREFIX, CONFIG_DIR):
        shutil.rmtree(path, ignore_errors=True)
    for path in (UNIT_FILE, PAM_FILE, ENABLED_LINK, DEFAULT_TARGET):
        if os.path.lexists(path):
            path.unlink()
    with_user = subprocess.run(["getent", "passwd", "kiosk"], capture_output=True, check=False)
    if with_user.returncode == 0:
        subprocess.run(["userdel", "kiosk"], check=True, timeout=60)
    with_group = subprocess.run(["getent", "group", "kiosk"], capture_output=True, check=False)
    if with_group.returncode == 0:
        subprocess.run(["groupdel", "kiosk"], check=True, timeout=60)


OLD_LAYOUT = (".venv/bin/python", "pyproject.toml", "kiosk/__init__.py", "deploy/linux/install.sh")


def old_layout() -> None:
    """What install.sh's old layout had in /opt/clinic-kiosk: a copy of the project."""
    for name in OLD_LAYOUT:
        (PREFIX / name).parent.mkdir(parents=True, exist_ok=True)
        (PREFIX / name).write_text("from an old installation\n", encoding="utf-8")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory, kiosk_wheel: Path) -> Iterator[Deployment]:
    """The playbook run for real against this machine: twice with the wheel, then with a bad
    setting, then with the same version's wheel rebuilt, from a URL."""
    if WHY_NOT is not None:
        pytest.skip(WHY_NOT)
    base = tmp_path_factory.mktemp("ansible")
    with deploy_run.LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one /opt/clinic-kiosk: never with install.sh's tests
        wheel = kiosk_wheel
        password = base / "vault-password"
        password.write_text(os.urandom(16).hex() + "\n", encoding="utf-8")
        password.chmod(0o600)
        pin_hash = hash_pin(PIN)
        vaulted = subprocess.run(
            [
                str(ANSIBLE_VAULT),
                "encrypt_string",
                "--vault-password-file",
                str(password),
                "--stdin-name",
                "kiosk_staff_pin_hash",
            ],
            input=pin_hash,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=ansible_env(base / "home"),
        )
        assert vaulted.stdout.startswith("kiosk_staff_pin_hash: !vault |"), vaulted.stdout
        assert pin_hash not in vaulted.stdout
        settings = {
            "clinic_name": "Riverside Family Clinic",
            "clinic_phone": "555-0100",
            "printer": "FrontDesk",
            "paper": "a4",
            # Nothing listens there: the kiosk finds no pack and shows the shipped topics.
            "content_url": "http://127.0.0.1:9/clinic.kpack",
        }
        keys = base / "keys"
        made = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "pack", "keygen", "-o", str(keys)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert made.returncode == 0, made.stderr
        (public_key,) = keys.glob("*.pub")
        variables = base / "kiosks.yml"
        variables.write_text(
            vaulted.stdout
            + f"kiosk_wheel: {wheel}\n"
            + f"kiosk_content_public_key: {public_key}\n"
            + "".join(f"kiosk_{k}: {json.dumps(v)}\n" for k, v in settings.items()),
            encoding="utf-8",
        )
        common = ["-i", "localhost,", "-c", "local", "-e", "kiosk_hosts=localhost"]
        common += ["-e", "ansible_become=false", "--vault-password-file", str(password)]
        common += ["-e", f"@{variables}"]
        done = Deployment(pin_hash, settings, public_key)
        remove_installation()
        old_layout()
        # -v and --diff show every result and the change of every file: the PIN's hash must
        # not be in any of it.
        for timeout in (FIRST_RUN_TIMEOUT_S, SECOND_RUN_MAX_S * 3):
            took, result = playbook(
                base / "home", "-v", "--diff", *common, str(PLAYBOOK), timeout=timeout
            )
            done.seconds.append(took)
            done.results.append(result)
            assert result.returncode == 0, f"the playbook failed:\n{result.stdout[-6000:]}"
        config = CONFIG.stat()
        done.config_before_bad = (CONFIG.read_bytes(), config.st_mtime_ns)
        _, done.bad = playbook(
            base / "home", *common, "-e", "kiosk_paper=a5", str(PLAYBOOK), timeout=600
        )
        again = rebuilt_wheel(base / "again", wheel)
        checksum = "sha256:" + hashlib.sha256(again.read_bytes()).hexdigest()
        with serving(again.parent) as url:
            done.url_run_began = time.time_ns()
            _, done.url_run = playbook(
                base / "home",
                *common,
                "-e",
                f"kiosk_wheel={url}/{again.name}",
                "-e",
                f"kiosk_wheel_checksum={checksum}",
                str(PLAYBOOK),
                timeout=600,
            )
        done.rebuilt = again
        yield done


def show(capsys: pytest.CaptureFixture[str], text: str) -> None:
    with capsys.disabled():
        print(f"\n{text}")


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_playbook_installs_the_kiosk(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    first = deployment.results[0]
    counts = recap(first.stdout)
    show(capsys, f"playbook, first run: {deployment.seconds[0]:.1f} s, changed={counts['changed']}")
    assert counts["failed"] == counts["unreachable"] == 0
    done = set(changed_tasks(first.stdout))
    for task in (
        "Create the kiosk user, in the screen, touch and sound groups the machine has",
        "Install the kiosk and its pinned dependencies in /opt/clinic-kiosk/venv",
        "Write the settings, with the staff PIN's hash",
        "Install the service",
        "Enable the service for graphical.target (systemd not running)",
        "Remove the old installation's copy of the project",
        "Copy the public key the content is signed with",
    ):
        assert f"clinic_kiosk : {task}" in done, (
            f"{task!r} did not change anything on a fresh machine: {done}"
        )


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_playbook_a_second_time_changes_nothing(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    second = deployment.results[1]
    counts = recap(second.stdout)
    show(
        capsys, f"playbook, second run: {deployment.seconds[1]:.1f} s, changed={counts['changed']}"
    )
    assert counts["changed"] == 0, f"changed: {changed_tasks(second.stdout)}"
    assert counts["failed"] == 0
    assert deployment.seconds[1] < SECOND_RUN_MAX_S


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_the_pin_hash_is_in_the_config_and_in_no_output(deployment: Deployment) -> None:
    stored = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["staff_pin_hash"]
    assert stored == deployment.pin_hash
    assert verify_pin(PIN, stored)
    salt_and_digest = deployment.pin_hash.split("$", 2)[2]
    runs = [*deployment.results, deployment.bad, deployment.url_run]
    for result in runs:
        assert result is not None
        for text in (result.stdout, result.stderr):
            assert salt_and_digest not in text
            assert salt_and_digest.split("$")[1] not in text  # the digest alone


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_config_is_rendered_from_the_variables_and_readable_by_the_kiosk_only(
    deployment: Deployment,
) -> None:
    kiosk = pwd.getpwnam("kiosk")
    folder, config = CONFIG_DIR.stat(), CONFIG.stat()
    assert (stat.S_IMODE(folder.st_mode), folder.st_uid, folder.st_gid) == (0o750, 0, kiosk.pw_gid)
    assert (stat.S_IMODE(config.st_mode), config.st_uid, config.st_gid) == (0o640, 0, kiosk.pw_gid)
    written = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert written == {
        **deployment.settings,
        "content_public_key": str(CONFIG_DIR / "content.pub"),
        "staff_pin_hash": deployment.pin_hash,
    }
    key = (CONFIG_DIR / "content.pub").stat()
    assert (stat.S_IMODE(key.st_mode), key.st_uid, key.st_gid) == (0o640, 0, kiosk.pw_gid)
    assert (CONFIG_DIR / "content.pub").read_bytes() == deployment.public_key.read_bytes()
    settings, problems = load_settings(CONFIG)
    assert problems == []
    assert (settings.clinic_name, settings.paper) == ("Riverside Family Clinic", "a4")


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_service_files_are_those_of_deploy_linux_and_enabled(deployment: Deployment) -> None:
    assert deployment.results
    for installed, source, mode in (
        (UNIT_FILE, LINUX / deploy_run.UNIT_NAME, 0o644),
        (PAM_FILE, LINUX / "clinic-kiosk.pam", 0o644),
        (STOP_SCRIPT, LINUX / "stop-kiosk.sh", 0o755),
    ):
        assert installed.read_bytes() == source.read_bytes(), installed
        info = installed.stat()
        assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (mode, 0, 0), installed
    assert ENABLED_LINK.resolve() == UNIT_FILE
    assert sorted(p.name for p in PREFIX.iterdir()) == ["libexec", "venv", "wheels"]
    default = subprocess.run(
        ["systemctl", "get-default"], capture_output=True, text=True, timeout=30, check=False
    )
    assert default.stdout.strip() == "graphical.target", default.stdout + default.stderr


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_kiosk_user_is_a_system_user_in_the_device_groups(deployment: Deployment) -> None:
    assert deployment.results
    account = pwd.getpwnam("kiosk")
    assert account.pw_uid < 1000
    assert account.pw_shell == "/usr/sbin/nologin"
    assert account.pw_dir == "/var/lib/clinic-kiosk"
    assert grp.getgrgid(account.pw_gid).gr_name == "kiosk"
    member_of = {grp.getgrgid(g).gr_name for g in os.getgrouplist("kiosk", account.pw_gid)}
    present = {name for name in DEVICE_GROUPS if name in {g.gr_name for g in grp.getgrall()}}
    assert present <= member_of, member_of


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_wheel_is_installed_in_the_venv_and_runs_as_the_kiosk_user(deployment: Deployment) -> None:
    assert deployment.results
    version = subprocess.run(
        ["runuser", "-u", "kiosk", "--", str(VENV / "bin" / "kiosk"), "--version"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd="/",
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"kiosk {__version__}"
    where = subprocess.run(
        [
            "runuser",
            "-u",
            "kiosk",
            "--",
            str(VENV / "bin" / "python"),
            "-c",
            "import kiosk; print(kiosk.__file__)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd="/",
    )
    assert where.stdout.strip().startswith(f"{VENV}/lib/"), where.stdout + where.stderr
    for folder, dirs, files in os.walk(PREFIX):
        for name in dirs + files:
            info = (Path(folder) / name).lstat()
            assert info.st_uid == 0, f"{folder}/{name} should belong to root"
            assert stat.S_ISLNK(info.st_mode) or not info.st_mode & stat.S_IWOTH


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_a_bad_setting_stops_the_play_and_leaves_the_config_alone(deployment: Deployment) -> None:
    bad = deployment.bad
    assert bad is not None
    assert bad.returncode != 0, bad.stdout[-3000:]
    errors = [line for line in (bad.stdout + bad.stderr).splitlines() if line.startswith("[ERROR]")]
    assert len(errors) == 1, bad.stdout[-3000:]
    assert "The settings were not written" in errors[0]
    assert f"{CONFIG}: paper: must be one of: letter, a4" in errors[0]
    assert recap(bad.stdout)["changed"] == 0
    assert (CONFIG.read_bytes(), CONFIG.stat().st_mtime_ns) == deployment.config_before_bad


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_a_rebuilt_wheel_from_a_url_is_downloaded_and_installed(deployment: Deployment) -> None:
    result, again = deployment.url_run, deployment.rebuilt
    assert result is not None
    assert again is not None
    assert result.returncode == 0, result.stdout[-4000:]
    done = changed_tasks(result.stdout)
    assert "clinic_kiosk : Download the wheel to the kiosk" in done, done
    assert "clinic_kiosk : Reinstall the kiosk from a changed wheel of the same version" in done
    assert "clinic_kiosk : Write the settings, with the staff PIN's hash" not in done
    assert (PREFIX / "wheels" / again.name).read_bytes() == again.read_bytes()
    assert [p.name for p in (PREFIX / "wheels").iterdir()] == [again.name]
    installed = next((VENV / "lib").glob("python3*/site-packages/kiosk/__init__.py"))
    assert installed.stat().st_mtime_ns >= deployment.url_run_began, "the kiosk was not reinstalled"


# --- the installed unit, run as systemd would --------------------------------------------------


@pytest.fixture(scope="module")
def run(deployment: Deployment) -> deploy_run.Run:
    """The unit the playbook installed, started, watched and stopped as by systemd (the same
    machinery as test_deploy_run.py's, which stands in for systemd from the unit file)."""
    assert deployment.results  # and the deployment's lock is still held
    service = directives(UNIT_FILE.read_text(encoding="utf-8"))["Service"]
    user = pwd.getpwnam(one(service, "User"))
    deploy_run.make_service_directories(service, user)
    base = Path(tempfile.mkdtemp(prefix="clinic-kiosk-run-", dir="/run"))
    try:
        base.chmod(0o755)
        runtime, notify = base / "runtime", base / "notify"
        for folder in (runtime, notify):  # logind's /run/user/UID, and the socket's folder
            folder.mkdir(mode=0o700)
            os.chown(folder, user.pw_uid, user.pw_gid)
        env = deploy_run.service_env(service, user, notify / "socket", runtime)
        observed = deploy_run.Run(service, env, user, sandboxed=deploy_run.mount_namespace_works())
        # Two pings (at READY=1 and one interval later) show the installed unit's watchdog
        # reaches the kiosk; test_deploy_run.py times three intervals of the same unit file.
        deploy_run.run_the_unit(observed, base, pings=2)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return observed


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_installed_unit_starts_the_kiosk_which_says_ready(
    run: deploy_run.Run, capsys: pytest.CaptureFixture[str]
) -> None:
    ready = run.first("READY=1")
    assert ready is not None, f"no READY=1; cage and the kiosk printed:\n{run.output[-3000:]}"
    show(capsys, f"installed by Ansible: from start to READY=1 {ready.at - run.started:.2f} s")
    assert ready.pid == run.kiosk_pid, "READY=1 should come from the kiosk itself"
    assert ready.uid == run.user.pw_uid
    assert run.kiosk_status["Uid"].split() == [str(run.user.pw_uid)] * 4
    assert deploy_run.COVERED in run.log_text, run.log_text[-3000:]
    pings = [m for m in run.messages if "WATCHDOG=1" in m.lines and m.pid == run.kiosk_pid]
    assert len(pings) >= 2, run.output[-3000:]
    half = deploy_run.seconds(one(run.service, "WatchdogSec")) / 2
    interval = pings[1].at - pings[0].at
    assert abs(interval - half) <= deploy_run.WATCHDOG_TOLERANCE * half, interval


@pytest.mark.deploy
@pytest.mark.skipif(WHY_NOT is not None, reason=WHY_NOT or "")
def test_installed_unit_stops_cleanly(run: deploy_run.Run) -> None:
    stopping = run.first("STOPPING=1")
    assert stopping is not None, f"no STOPPING=1:\n{run.output[-3000:]}"
    assert stopping.pid == run.kiosk_pid
    assert not run.timed_out, run.output[-3000:]
    assert run.exit_status == 0, f"cage exited with {run.exit_status}:\n{run.output[-3000:]}"
    assert not run.left_running, run.left_running
