"""The content packs a kiosk has taken, and which one is in use (plain Python, no Qt).

In the data folder, `content/`:

- `packs/<version>/`: one folder per pack taken, its files under `topics/` beside the signed
  `manifest.json` and `manifest.sig` it came with. A pack is unpacked into a hidden
  `packs/.incoming-...` folder, every file written and flushed to the disk, checked, and only
  then renamed to `packs/<version>`.
- `state.json`: which pack is in use (`current`) and the one before it (`previous`, kept to go
  back to). A new pack is put in use by writing a new state file and renaming it over the old
  one: one rename, so a power cut leaves the old content or the new, never a mix.

Nothing here trusts a pack that was not checked: only `install` (given a pack whose signature
is checked) makes a pack folder, and every pack folder is checked against its manifest (each
file there, of its size) before it is used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk import paths
from kiosk.content.catalog import RACY_NS
from kiosk.content.packs import (
    FILES_FOLDER,
    MANIFEST,
    SIGNATURE,
    Manifest,
    OpenPack,
    PackError,
    fsync_folder,
    json_object,
    parse_manifest,
    write_durably,
)

log = logging.getLogger("kiosk.content")

STORE_NAME = "content"  # in the data folder
STATE_NAME = "state.json"
INCOMING = ".incoming-"


@dataclass(frozen=True, slots=True)
class PackState:
    """The pack in use and the one before it (None: none; the shipped topics are used)."""

    current: int | None = None
    previous: int | None = None


def _version(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


class PackStore:
    """The packs folder of one kiosk."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.packs = folder / "packs"
        self.state_file = folder / STATE_NAME

    @classmethod
    def default(cls) -> PackStore:
        """The store in the kiosk's data folder (KIOSK_DATA_DIR, or the platform's)."""
        return cls(paths.data_dir() / STORE_NAME)

    # -- reading ------------------------------------------------------------------------------

    def state(self) -> PackState:
        """What the state file says (an unreadable or damaged one: no pack)."""
        try:
            data = json_object(self.state_file.read_bytes())
        except OSError:
            return PackState()
        if data is None:
            return PackState()
        return PackState(_version(data.get("current")), _version(data.get("previous")))

    def pack_folder(self, version: int) -> Path:
        return self.packs / str(version)

    def topics_root(self, version: int) -> Path:
        """The topic folder (`<lang>/<id>.toml`) of an installed pack."""
        return self.pack_folder(version) / FILES_FOLDER

    def manifest(self, version: int) -> Manifest | None:
        """The manifest an installed pack came with, or None if it cannot be read."""
        try:
            return parse_manifest(self.pack_folder(version).joinpath(MANIFEST).read_bytes())
        except (OSError, PackError):
            return None

    def problem(self, version: int) -> str:
        """Why an installed pack cannot be used ("" if it can): its folder, its manifest and
        every file it lists, of the size listed (the hashes were checked when it was taken)."""
        manifest = self.manifest(version)
        if manifest is None:
            return f"pack {version} is missing or its manifest is damaged"
        root = self.topics_root(version)
        for item in manifest.files:
            try:
                size = (root / item.path).stat().st_size
            except OSError:
                return f"pack {version} has lost {item.path}"
            if size != item.size:
                return f"pack {version} has a damaged {item.path}"
        return ""

    def active(self) -> int | None:
        """The version in use: the current pack if it is whole, else the previous one, else
        None (the shipped topics). Reads only; `recover` makes the state file say so."""
        state = self.state()
        for version in (state.current, state.previous):
            if version is not None and not self.problem(version):
                return version
        return None

    def active_root(self) -> Path | None:
        """The topic folder of the pack in use, or None."""
        version = self.active()
        return self.topics_root(version) if version is not None else None

    # -- changing -----------------------------------------------------------------------------

    def recover(self) -> list[str]:
        """At start: clear what an interrupted unpacking left, and stop using a pack that is no
        longer whole (back to the one before it, or to the shipped topics). One line for each
        thing done, for the log."""
        lines: list[str] = []
        with contextlib.suppress(OSError):
            for leftover in self.packs.glob(f"{INCOMING}*"):
                shutil.rmtree(leftover, ignore_errors=True)
                lines.append(f"removed an unfinished unpacking ({leftover.name})")
        state = self.state()
        if state.current is None:
            return lines
        problem = self.problem(state.current)
        if not problem:
            return lines
        fallback = state.previous if state.previous and not self.problem(state.previous) else None
        try:
            self.write_state(PackState(fallback, None))
        except OSError as exc:
            lines.append(f"{problem}; cannot record going back ({exc.strerror})")
            return lines
        back = f"back to pack {fallback}" if fallback else "back to the shipped topics"
        lines.append(f"{problem}: {back}")
        return lines

    def install(self, pack: OpenPack, check: Callable[[Path], str]) -> Path:
        """Unpack a checked pack into a new folder of its own, checking every file's bytes as
        they are written and flushing each to the disk, rename the folder to
        `packs/<version>`, then `check(its topics folder)`: a non-empty answer refuses the pack
        and removes the folder. The pack in use, and the state file, are not touched."""
        version = pack.manifest.version
        self.packs.mkdir(parents=True, exist_ok=True)
        incoming = self.packs / f"{INCOMING}{version}-{secrets.token_hex(4)}"
        final = self.pack_folder(version)
        incoming.mkdir()
        try:
            folders = {incoming, incoming / FILES_FOLDER}
            for item, chunks in pack.files():
                target = incoming / FILES_FOLDER / item.path
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.update(p for p in target.parents if incoming in p.parents)
                write_durably(target, chunks)
            write_durably(incoming / MANIFEST, [pack.manifest_bytes])
            write_durably(incoming / SIGNATURE, [pack.signature])
            _date_files(incoming, pack.manifest)
            for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
                fsync_folder(folder)
            if final.exists():  # an earlier unpacking of the same pack that was never used
                shutil.rmtree(final)
            os.rename(incoming, final)
            fsync_folder(self.packs)
        except OSError as exc:
            shutil.rmtree(incoming, ignore_errors=True)
            raise PackError(f"cannot unpack it: {exc.strerror or exc}") from None
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        # Checked where it will be read from, so the content index made by the check is the
        # one the kiosk uses once the pack is in use. Not in use until `switch`.
        try:
            problem = check(final / FILES_FOLDER)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        if problem:
            shutil.rmtree(final, ignore_errors=True)
            raise PackError(problem)
        return final

    def write_state(self, state: PackState) -> None:
        """Put a state in place in one rename, after it is on the disk."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f".{STATE_NAME}.{secrets.token_hex(4)}"
        data = {"current": state.current, "previous": state.previous}
        try:
            write_durably(tmp, [json.dumps(data).encode() + b"\n"])
            os.replace(tmp, self.state_file)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        fsync_folder(self.folder)

    def switch(self, version: int) -> PackState:
        """Use `version` from now on, keeping the pack in use now to go back to."""
        old = self.state()
        keep = old.current if old.current != version else old.previous
        new = PackState(version, keep)
        self.write_state(new)
        return new

    def roll_back(self) -> PackState:
        """Go back to the pack used before (or to the shipped topics)."""
        new = PackState(self.state().previous, None)
        self.write_state(new)
        return new

    def prune(self) -> list[int]:
        """Delete installed packs that are neither in use nor kept to go back to."""
        state = self.state()
        keep = {state.current, state.previous}
        removed: list[int] = []
        with contextlib.suppress(OSError):
            for folder in self.packs.iterdir():
                if folder.name.startswith("."):
                    continue
                version = int(folder.name) if folder.name.isdigit() else None
                if version is None or version in keep:
                    continue
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(version)
        return sorted(removed)


def _date_files(folder: Path, manifest: Manifest) -> None:
    """Give the unpacked files the pack's build time: the content index then takes them as
    settled at once (a file changed within seconds of indexing is read again every start).
    A pack built moments ago (published and fetched at once) is dated just far enough back
    to count as settled: its files never change once checked, and read again they would be
    read on the GUI thread, as the pack is put in use."""
    built = manifest.built_at()
    if built is None or built.tzinfo is None:
        return
    now = dt.datetime.now(dt.UTC).timestamp()
    if built.timestamp() > now:
        return  # a pack from a clock ahead of ours keeps the time it was unpacked
    stamp = min(built.timestamp(), now - RACY_NS / 1e9 - 1)
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (stamp, stamp))
