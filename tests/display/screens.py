"""Real display servers for the tests: Xvfb, cage, and the kiosk started on them as deployed.

Everything here looks at the screen from outside the kiosk, as a patient would: the window's
geometry as the X server knows it, screenshots taken by the display server's own tools (`xwd`,
`grim`), and the words on them read by Tesseract. Input comes from `xdotool` as real X events.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.conftest import ROOT

X_TOOLS = ("Xvfb", "xdotool", "xwininfo", "xwd", "convert", "tesseract")
CAGE_TOOLS = ("cage", "grim", "Xwayland", "tesseract")
CLINIC = "Your Clinic"  # the default clinic name: the window's title


def missing(tools: tuple[str, ...]) -> list[str]:
    """The tools of `tools` that are not on PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


needs_x = pytest.mark.skipif(
    bool(missing(X_TOOLS)), reason=f"not installed: {' '.join(missing(X_TOOLS))}"
)


def wait_for(what: str, check: Callable[[], object], timeout: float, every: float = 0.2) -> object:
    """Poll `check` until it returns something true; fail naming `what` after `timeout` s."""
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(every)


# -- X11 --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _x_server(name: str, args: list[str], host: str | None = None) -> Iterator[str]:
    """Start an X server that picks a free display number itself (-displayfd); yields ":N"."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [name, "-displayfd", str(write), *args, "-nolisten", "tcp"],
        pass_fds=(write,),
        env={**os.environ, **({"DISPLAY": host} if host else {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail(f"{name} did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """A virtual X screen of `width` x `height`; yields its DISPLAY (":N")."""
    with _x_server("Xvfb", ["-screen", "0", f"{width}x{height}x24", "-noreset"]) as display:
        yield display


@contextlib.contextmanager
def xephyr(host: str, width: int, height: int) -> Iterator[tuple[str, str]]:
    """A nested X server shown as a window on `host`, with RandR (xrandr changes its mode and
    switches its output off and on); yields (its DISPLAY, its window on host)."""
    args = ["-screen", f"{width}x{height}", "-resizeable"]
    with _x_server("Xephyr", args, host) as display:

        def window() -> str:
            tree = x(host, "xwininfo", "-root", "-children")
            found = re.findall(r'^\s+(0x[0-9a-f]+) "Xephyr', tree, re.MULTILINE)
            return found[0] if found else ""

        found = wait_for("Xephyr's window", window, 20)
        assert isinstance(found, str)
        yield display, found


def x(display: str, *command: str, timeout: float = 30) -> str:
    """Run an X client against `display`; its standard output."""
    done = subprocess.run(
        command,
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return done.stdout


@dataclass(frozen=True)
class Geometry:
    """Where a window is on the screen, as the X server has it."""

    width: int
    height: int
    x: int
    y: int


def window_geometry(display: str, title: str = CLINIC) -> Geometry | None:
    """The mapped top-level window called `title`, or None if there is none yet."""
    tree = x(display, "xwininfo", "-root", "-tree")
    for line in tree.splitlines():
        match = re.search(r'^\s*(0x[0-9a-f]+) "([^"]*)".*?(\d+)x(\d+)\+(-?\d+)\+(-?\d+)', line)
        if match and match.group(2) == title:
            info = x(display, "xwininfo", "-id", match.group(1))
            if "IsViewable" not in info:
                continue
            values = {
                key: int(re.search(rf"{key}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
                for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
            }
            return Geometry(
                values["Width"],
                values["Height"],
                values["Absolute upper-left X"],
                values["Absolute upper-left Y"],
            )
    return None


def x_screenshot(display: str, out: Path) -> Path:
    """The whole X screen as the server shows it (the real framebuffer, not Qt's grab)."""
    dump = subprocess.run(
        ["xwd", "-root", "-silent", "-display", display],
        capture_output=True,
        timeout=30,
        check=True,
    )
    subprocess.run(["convert", "xwd:-", f"png:{out}"], input=dump.stdout, timeout=60, check=True)
    return out


def xdotool(display: str, *args: str) -> None:
    """Real X input events (XTEST), as a touchscreen's driver or a mouse sends them."""
    x(display, "xdotool", *args)


def drag(display: str, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
    """Press at `start`, move in steps to `end`, let go: a finger dragging the page."""
    xdotool(display, "mousemove", str(start[0]), str(start[1]), "mousedown", "1")
    for i in range(1, steps + 1):
        px = start[0] + (end[0] - start[0]) * i // steps
        py = start[1] + (end[1] - start[1]) * i // steps
        xdotool(display, "mousemove", str(px), str(py))
        time.sleep(0.02)
    xdotool(display, "mouseup", "1")


class _CursorImage(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_short),
        ("y", ctypes.c_short),
        ("width", ctypes.c_ushort),
        ("height", ctypes.c_ushort),
        ("xhot", ctypes.c_ushort),
        ("yhot", ctypes.c_ushort),
        ("cursor_serial", ctypes.c_ulong),
        ("pixels", ctypes.POINTER(ctypes.c_ulong)),
        ("atom", ctypes.c_ulong),
        ("name", ctypes.c_char_p),
    ]


def pointer_visible(display: str) -> bool:
    """True if the pointer the X server draws now has any pixel that is not see-through
    (the XFixes extension's copy of the cursor image, which is what the screen shows)."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xfixes = ctypes.CDLL(ctypes.util.find_library("Xfixes") or "libXfixes.so.3")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xlib.XFree.argtypes = [ctypes.c_void_p]
    xfixes.XFixesGetCursorImage.restype = ctypes.POINTER(_CursorImage)
    xfixes.XFixesGetCursorImage.argtypes = [ctypes.c_void_p]
    handle = xlib.XOpenDisplay(display.encode())
    assert handle, f"cannot open the X display {display}"
    try:
        image = xfixes.XFixesGetCursorImage(handle)
        assert image, "the X server gave no cursor image (no XFixes?)"
        try:
            cursor = image.contents
            count = cursor.width * cursor.height
            return any((cursor.pixels[i] >> 24) & 0xFF for i in range(count))
        finally:
            xlib.XFree(ctypes.cast(image, ctypes.c_void_p))
    finally:
        xlib.XCloseDisplay(handle)


# -- pictures and words -----------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word Tesseract read, with its box in screen pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]

    @property
    def centre(self) -> tuple[int, int]:
        """Where a finger would touch it."""
        return self.left + self.width // 2, self.top + self.height // 2


def _tsv_words(output: str, origin: Callable[[int], tuple[int, int, object]]) -> list[Word]:
    """Words from Tesseract's TSV; `origin(page)` gives each page's offset and line key."""
    words = []
    for row in output.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip() or float(cells[10]) < 0:
            continue
        level, page, block, par, line = (int(c) for c in cells[:5])
        if level != 5:
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        dx, dy, key = origin(page)
        words.append(
            Word(cells[11].strip(), left + dx, top + dy, width, height, (hash(key), par, line))
            if key is not None
            else Word(cells[11].strip(), left, top, width, height, (block, par, line))
        )
    return words


def _boxes(png: Path) -> list[tuple[int, int, int, int]]:
    """Button-sized boxes on the screen (x, y, width, height): each outlined or filled control,
    found as a connected shape of the picture made black and white."""
    done = subprocess.run(
        [
            *("convert", str(png), "-colorspace", "Gray", "-threshold", "88%", "-negate"),
            *("-define", "connected-components:verbose=true"),
            *("-define", "connected-components:area-threshold=150"),
            *("-connected-components", "8", "null:"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    boxes: list[tuple[int, int, int, int]] = []
    for line in done.stdout.splitlines():
        match = re.match(r"\s*\d+: (\d+)x(\d+)\+(\d+)\+(\d+) ", line)
        if not match:
            continue
        w, h, left, top = (int(n) for n in match.groups())
        if not (80 <= w <= 1200 and 50 <= h <= 260):
            continue
        if any(abs(left - b[0]) < 12 and abs(top - b[1]) < 12 for b in boxes):
            continue  # the inside of a ring already listed, or the ring of an inside
        boxes.append((left, top, w, h))
    return boxes


def _tesseract(source: Path, psm: int) -> str:
    """Tesseract's TSV for a picture, or for a list file of pictures (one page each)."""
    done = subprocess.run(
        ["tesseract", str(source), "-", "--psm", str(psm), "tsv"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def read_words(png: Path) -> list[Word]:
    """Every word on a screenshot, as Tesseract reads it: the page as a whole, then each
    button on its own (Tesseract's page layout analysis drops words inside outlined boxes)."""
    words = _tsv_words(_tesseract(png, psm=11), lambda _page: (0, 0, None))
    boxes = _boxes(png)
    if not boxes:
        return words
    folder = Path(tempfile.mkdtemp(prefix="ocr-", dir=png.parent))
    try:
        crops = []
        inset = 6
        image = QImage(str(png))
        for i, (left, top, w, h) in enumerate(boxes):
            crop = folder / f"{i:03d}.png"
            image.copy(left + inset, top + inset, w - 2 * inset, h - 2 * inset).save(str(crop))
            crops.append(crop)
        listing = folder / "crops.txt"
        listing.write_text("".join(f"{c}\n" for c in crops), encoding="utf-8")
        each = _tesseract(listing, psm=7)  # one line of words in each crop

        def origin(number: int) -> tuple[int, int, object]:
            left, top, _w, _h = boxes[number - 1]
            return left + inset, top + inset, ("box", number)

        words = _tsv_words(each, origin) + words  # a control's own words first
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return words


def _plain(text: str) -> str:
    return re.sub(r"[^\w]", "", text.casefold())


def find_phrase(words: list[Word], phrase: str) -> Word | None:
    """The first word of `phrase` where the whole phrase stands in one line, else None."""
    wanted = [_plain(w) for w in phrase.split()]
    for i, word in enumerate(words):
        run = words[i : i + len(wanted)]
        if len(run) == len(wanted) and all(
            _plain(w.text) == t and w.line == word.line for w, t in zip(run, wanted, strict=True)
        ):
            return word
    return None


def text_of(words: list[Word]) -> str:
    """All the words, for a failure message."""
    return " ".join(w.text for w in words)


@dataclass(frozen=True)
class Coverage:
    """What a screenshot shows of the kiosk: its size and how much of it is unlit."""

    width: int
    height: int
    black: float  # the share of sampled pixels that are pure black


def coverage(png: Path, step: int = 8) -> Coverage:
    """Sample the picture on a grid; pure black is what no window paints (the kiosk's light
    theme has no pure black at all)."""
    image = QImage(str(png))
    assert not image.isNull(), f"cannot read {png}"
    black = QColor(0, 0, 0)
    points = [(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)]
    dark = sum(1 for x, y in points if image.pixelColor(x, y) == black)
    return Coverage(image.width(), image.height(), dark / len(points))


# -- the kiosk --------------------------------------------------------------------------------


class Kiosk:
    """The kiosk started as the deployment starts it (`main.py --config FILE`, no --windowed)."""

    def __init__(
        self, command: list[str], env: dict[str, str], log_dir: Path, output: Path, **popen: object
    ) -> None:
        self.log_file = log_dir / "kiosk.log"
        self.output = output
        with output.open("wb") as sink:
            self.process = subprocess.Popen(
                command,
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **popen,  # type: ignore[arg-type]
            )

    def log(self) -> str:
        """The kiosk's own log so far."""
        try:
            return self.log_file.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def wait_log(self, pattern: str, timeout: float = 60) -> re.Match[str]:
        """Wait for a log line matching `pattern`; fail with the log and output if it dies."""

        def found() -> re.Match[str] | None:
            if self.process.poll() is not None:
                pytest.fail(f"the kiosk ended ({self.process.returncode}):\n{self.details()}")
            return re.search(pattern, self.log())

        match = wait_for(f"log line {pattern!r}", found, timeout)
        assert isinstance(match, re.Match)
        return match

    def details(self) -> str:
        """The log and the output, for a failure message."""
        out = self.output.read_text(encoding="utf-8", errors="replace")[-3000:]
        return f"--- log\n{self.log()[-3000:]}\n--- output\n{out}"

    def stop(self) -> int:
        """SIGTERM, as the service manager stops it; the exit status."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode


def kiosk_env(base: Path, **extra: str) -> dict[str, str]:
    """The environment of a kiosk with its own data, cache and log folders under `base`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND_"))}
    env.pop("DISPLAY", None)
    env.update(
        KIOSK_DATA_DIR=str(base / "data"),
        KIOSK_CACHE_DIR=str(base / "cache"),
        KIOSK_LOG_DIR=str(base / "log"),
        KIOSK_CONFIG=str(base / "config.toml"),
    )
    env.update(extra)
    return env


def write_config(base: Path, text: str = "") -> Path:
    """The kiosk's config file (empty: every default)."""
    base.mkdir(parents=True, exist_ok=True)
    path = base / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@contextlib.contextmanager
def kiosk_on_x(display: str, base: Path, config: str = "") -> Iterator[Kiosk]:
    """The kiosk on an X display, as an `xinit`-style kiosk machine starts it."""
    path = write_config(base, config)
    env = kiosk_env(base, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    kiosk = Kiosk(
        [sys.executable, str(ROOT / "main.py"), "--config", str(path)],
        env,
        base / "log",
        base / "output.txt",
    )
    try:
        yield kiosk
    finally:
        kiosk.stop()


# -- cage (Wayland) ---------------------------------------------------------------------------

CAGE_USER = "kiosk-display-test"


def cage_skip_reason() -> str | None:
    """Why cage cannot be tested here, or None."""
    if missing(CAGE_TOOLS):
        return f"not installed: {' '.join(missing(CAGE_TOOLS))}"
    if os.geteuid() != 0:
        return "cage refuses to run as root, and only root can run it as another user here"
    return None


def cage_user() -> pwd.struct_passwd:
    """An unprivileged system user to run cage as (cage refuses root), made if missing."""
    try:
        return pwd.getpwnam(CAGE_USER)
    except KeyError:
        subprocess.run(
            [
                *("useradd", "--system", "--user-group", "--no-create-home"),
                *("--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", CAGE_USER),
            ],
            check=True,
            timeout=60,
        )
        return pwd.getpwnam(CAGE_USER)


def _user_can_read(user: pwd.struct_passwd, *paths: Path) -> bool:
    test = " && ".join(f"test -r {shlex_quote(str(p))}" for p in paths)
    done = subprocess.run(
        [*as_user(user), "sh", "-c", test],
        check=False,
        timeout=30,
    )
    return done.returncode == 0


def shlex_quote(text: str) -> str:
    """`text` quoted for sh."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


@dataclass(frozen=True)
class Runnable:
    """How the cage user runs the kiosk: a Python it may run, and where the code is."""

    python: str
    pythonpath: str
    main: Path


def runnable_for(user: pwd.struct_passwd, scratch: Path) -> Runnable:
    """The kiosk in a form `user` can run. The tests' own virtual environment may live where
    only root can look (its Python under root's home): then a system Python of the same
    version runs the same installed packages, copied to `scratch` if the user cannot read them.
    """
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    python = shutil.which(version, path="/usr/local/bin:/usr/bin:/bin")
    if python is None:
        pytest.skip(f"no system {version} for the unprivileged cage user")
    packages = Path(sysconfig.get_paths()["purelib"])
    code, site = ROOT, packages
    if not _user_can_read(user, ROOT / "main.py", packages / "PySide6" / "__init__.py"):
        scratch.mkdir(parents=True, exist_ok=True)
        code, site = scratch / "code", scratch / "site-packages"
        if not site.exists():
            shutil.copytree(packages, site, symlinks=True)
        if code.exists():
            shutil.rmtree(code)
        code.mkdir()
        for part in ("kiosk", "resources", "main.py"):
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, code / part)
        subprocess.run(["chmod", "-R", "a+rX", str(scratch)], check=True, timeout=120)
        for parent in scratch.parents:
            os.chmod(parent, os.stat(parent).st_mode | 0o001)  # let the user walk down to it
            if parent == Path(tempfile.gettempdir()):
                break
    return Runnable(python, f"{site}:{code}", code / "main.py")


def user_folder(user: pwd.struct_passwd, path: Path, mode: int = 0o700) -> Path:
    """A folder owned by `user`."""
    path.mkdir(parents=True, exist_ok=True)
    os.chown(path, user.pw_uid, user.pw_gid)
    os.chmod(path, mode)
    return path


def grim(user: pwd.struct_passwd, runtime: Path, out: Path, cursors: bool = False) -> Path:
    """A screenshot of cage's output, taken by the cage user through the Wayland socket
    (`cursors`: with the pointer drawn in, as the screen shows it)."""
    wayland = (f"XDG_RUNTIME_DIR={runtime}", "WAYLAND_DISPLAY=wayland-0")
    done = subprocess.run(
        [*as_user(user), "env", *wayland, "grim", *(["-c"] if cursors else []), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"grim failed: {done.stderr}"
    return out


def as_user(user: pwd.struct_passwd) -> list[str]:
    """The command prefix that runs a program as `user` (no root groups kept)."""
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups"]


@dataclass(frozen=True)
class CageRun:
    """A kiosk running under cage: the kiosk, the user cage runs as, cage's runtime folder
    (its Wayland socket), and a folder that user may write (for screenshots)."""

    kiosk: Kiosk
    user: pwd.struct_passwd
    runtime: Path
    folder: Path

    def screenshot(self, name: str = "shot.png", cursors: bool = False) -> Path:
        """grim's picture of cage's output."""
        return grim(self.user, self.runtime, self.folder / name, cursors)


@contextlib.contextmanager
def kiosk_in_cage(
    cage_args: tuple[str, ...] = (),
    backend: dict[str, str] | None = None,
    config: str = "",
) -> Iterator[CageRun]:
    """The kiosk under cage as the unit starts it (`cage -d -- kiosk`), as an unprivileged
    user. `backend` is wlroots' back end (default: headless, software rendering, no input
    devices). Its folders live in a fresh folder of the system's temporary folder, which that
    user can reach (pytest's own folders are root's alone)."""
    user = cage_user()
    runnable = runnable_for(user, Path(tempfile.gettempdir()) / "kiosk-display-test-code")
    base = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    try:
        user_folder(user, base, 0o755)
        runtime = user_folder(user, base / "runtime")
        home = user_folder(user, base / "home")
        shots = user_folder(user, base / "shots")
        for name in ("data", "cache", "log"):
            user_folder(user, base / name)
        path = write_config(base, config)
        os.chmod(path, 0o644)
        env = kiosk_env(
            base,
            HOME=str(home),
            XDG_RUNTIME_DIR=str(runtime),
            PYTHONPATH=runnable.pythonpath,
            PYTHONDONTWRITEBYTECODE="1",
            # As deploy/linux/clinic-kiosk.service sets them:
            QT_QPA_PLATFORM="wayland",
            QT_WAYLAND_DISABLE_WINDOWDECORATION="1",
        )
        env.update(
            backend
            or {
                "WLR_BACKENDS": "headless",
                "WLR_RENDERER": "pixman",
                "WLR_LIBINPUT_NO_DEVICES": "1",
            }
        )
        command = [*as_user(user), "cage", "-d", *cage_args, "--"]
        command += [runnable.python, str(runnable.main), "--config", str(path)]
        kiosk = Kiosk(command, env, base / "log", base / "output.txt")
        try:
            yield CageRun(kiosk, user, runtime, shots)
        finally:
            kiosk.stop()
    finally:
        shutil.rmtree(base, ignore_errors=True)
