"""Signed content packs: the topics a clinic group sends to all its kiosks as one file.

A pack (`.kpack`) is a zip file of three parts:

- `manifest.json`: the pack format, the pack's version (a whole number that only grows), the
  time it was built, and the size and SHA-256 of every file;
- `manifest.sig`: the Ed25519 signature of manifest.json's exact bytes;
- `topics/...`: the files, laid out as a topic folder (`<lang>/<id>.toml`, `figures/<name>.svg`).

A pack is trusted only as far as its signature, made with the clinic group's private key and
checked with its public key (`cryptography`, no cryptography of our own), and only for the files
the signed manifest lists, each of the size and hash it gives. Anything else is refused with one
line: a wrong signature, a changed or missing byte, a truncated file, a file the manifest does not
list, a path that could leave the pack's folder (`..`, absolute, a link), a file over the size
limit. Plain Python, no Qt; the kiosk's side is `kiosk.flows.content`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.loader import FIGURES_FOLDER, TOPIC_SUFFIX

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

PACK_FORMAT = 1
PACK_SUFFIX = ".kpack"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
FILES_FOLDER = "topics"  # inside the pack and inside an installed pack's folder
PRIVATE_KEY_NAME = "pack-signing.key"
PUBLIC_KEY_NAME = "pack-signing.pub"

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_FILES = 10_000
MAX_DEPTH = 6
SIGNATURE_BYTES = 64
MAX_VERSION = 2**53  # exact in JSON readers everywhere
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
_CHUNK = 64 * 1024

# One part of a path in a pack: letters, digits, dot, dash and underscore, not starting with a
# dot. This alone keeps out "..", ".", "", absolute paths, backslashes, drive letters and
# hidden files.
_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")


class PackError(Exception):
    """A pack, a key or a download refused or failed, with a one-line reason."""


@dataclass(frozen=True, slots=True)
class PackFile:
    """One file the manifest lists: its path under `topics/`, size and SHA-256 (hex)."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a pack says of itself, once its signature is checked."""

    version: int
    built: str  # ISO 8601, UTC
    files: tuple[PackFile, ...]

    @property
    def topic_count(self) -> int:
        """The topic files in the pack (every language)."""
        return sum(1 for f in self.files if f.path.endswith(TOPIC_SUFFIX))

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    def built_at(self) -> dt.datetime | None:
        """When the pack was built, or None if the manifest's date cannot be read."""
        try:
            return dt.datetime.fromisoformat(self.built)
        except ValueError:
            return None

    def to_json(self) -> bytes:
        data = {
            "format": PACK_FORMAT,
            "version": self.version,
            "built": self.built,
            "files": {f.path: {"size": f.size, "sha256": f.sha256} for f in self.files},
        }
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def path_problem(path: str) -> str:
    """Why `path` may not be a file's path in a pack, or "" (see `_PART`)."""
    parts = path.split("/")
    if len(parts) > MAX_DEPTH:
        return f"{path!r} is nested too deeply"
    for part in parts:
        if not _PART.match(part):
            return f"{path!r} is not a plain relative path inside the pack"
    return ""


def parse_manifest(raw: bytes) -> Manifest:
    """The manifest's content (its signature is checked before this is called)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise PackError("its manifest is not valid JSON") from None
    if not isinstance(data, dict):
        raise PackError("its manifest is not a JSON object")
    if data.get("format") != PACK_FORMAT:
        raise PackError(
            f"pack format {data.get('format')!r} is not one this kiosk reads ({PACK_FORMAT})"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 0 < version < MAX_VERSION:
        raise PackError("its manifest has no valid pack version")
    built = data.get("built")
    if not isinstance(built, str) or len(built) > 40:
        raise PackError("its manifest has no valid build date")
    listed = data.get("files")
    if not isinstance(listed, dict) or not listed:
        raise PackError("its manifest lists no files")
    if len(listed) > MAX_FILES:
        raise PackError(f"it lists {len(listed)} files (at most {MAX_FILES})")
    files: list[PackFile] = []
    for path, spec in sorted(listed.items()):
        problem = path_problem(path)
        if problem:
            raise PackError(problem)
        size = spec.get("size") if isinstance(spec, dict) else None
        digest = spec.get("sha256") if isinstance(spec, dict) else None
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise PackError(f"its manifest has no valid size for {path}")
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise PackError(f"its manifest has no valid SHA-256 for {path}")
        files.append(PackFile(path, size, digest))
    return Manifest(version, built, tuple(files))


# -- keys ---------------------------------------------------------------------------------------


def generate_keys(folder: Path) -> tuple[Path, Path]:
    """A new Ed25519 key pair in `folder`: the private key readable by its owner only (PEM,
    PKCS#8) and the public key (PEM) that kiosks are given. Never overwrites a key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path, public_path = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise PackError(f"{path} exists already; a key is never overwritten")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(private_pem)
        public_path.write_bytes(public_pem)
    except OSError as exc:
        raise PackError(f"cannot write the keys in {folder}: {exc.strerror}") from None
    return private_path, public_path


def _key_bytes(path: Path, what: str) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PackError(f"no {what} key at {path}") from None
    except OSError as exc:
        raise PackError(f"cannot read the {what} key {path}: {exc.strerror}") from None
    if len(raw) > 16 * 1024:
        raise PackError(f"{path} is not a {what} key (too large)")
    return raw


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The signing key from a PEM file, or PackError."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = _key_bytes(path, "private")
    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError):
        raise PackError(f"{path} is not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path} is not an Ed25519 key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The checking key from a PEM file, or PackError."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    raw = _key_bytes(path, "public")
    try:
        key = serialization.load_pem_public_key(raw)
    except (ValueError, TypeError):
        raise PackError(f"{path} is not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise PackError(f"{path} is not an Ed25519 public key")
    return key


# -- building -----------------------------------------------------------------------------------


def pack_files(folder: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """(path in the pack, file) for every topic file and drawing under a topic folder, and the
    files left out (with why). Links are refused: a pack holds plain files only."""
    found: list[tuple[str, Path]] = []
    left_out: list[str] = []
    if not folder.is_dir():
        raise PackError(f"{folder} is not a folder")
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.is_symlink():
            raise PackError(f"{rel} is a link; a pack holds plain files only")
        if path.is_dir():
            continue
        top = rel.split("/", 1)[0]
        wanted = (top == FIGURES_FOLDER and rel.endswith(".svg")) or (
            top != FIGURES_FOLDER and "/" in rel and rel.endswith(TOPIC_SUFFIX)
        )
        if not wanted:
            left_out.append(f"{rel} (not a topic file or a drawing)")
            continue
        problem = path_problem(rel)
        if problem:
            raise PackError(problem)
        found.append((rel, path))
    if not found:
        raise PackError(f"{folder} has no topic files (<lang>/<id>.toml)")
    return found, left_out


def default_version(now: dt.datetime | None = None) -> int:
    """The build time as a number that reads as a date: 20261201171500."""
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return int(when.strftime("%Y%m%d%H%M%S"))


def build_pack(
    folder: Path,
    key: Ed25519PrivateKey,
    out: Path,
    version: int | None = None,
    now: dt.datetime | None = None,
) -> Manifest:
    """Pack a topic folder into `out` (written whole, then renamed into place)."""
    files, _left_out = pack_files(folder)
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    number = default_version(when) if version is None else version
    if not 0 < number < MAX_VERSION:
        raise PackError(f"pack version must be a whole number from 1 to {MAX_VERSION - 1}")
    listed: list[PackFile] = []
    contents: list[bytes] = []
    for rel, path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PackError(f"cannot read {path}: {exc.strerror}") from None
        listed.append(PackFile(rel, len(data), hashlib.sha256(data).hexdigest()))
        contents.append(data)
    manifest = Manifest(number, when.isoformat(), tuple(listed))
    raw = manifest.to_json()
    signature = key.sign(raw)
    tmp = out.with_name(f".{out.name}.part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as pack:
            pack.writestr(_member(MANIFEST, when), raw)
            pack.writestr(_member(SIGNATURE, when), signature)
            for item, data in zip(listed, contents, strict=True):
                pack.writestr(_member(f"{FILES_FOLDER}/{item.path}", when), data)
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PackError(f"cannot write {out}: {exc.strerror}") from None
    return manifest


def _member(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    return info


# -- checking -----------------------------------------------------------------------------------


class OpenPack:
    """A pack whose signature and file list are checked; its files are checked as they are
    read (`files()`), so nothing unchecked ever reaches the disk."""

    def __init__(self, archive: zipfile.ZipFile, manifest: Manifest) -> None:
        self._zip = archive
        self.manifest = manifest
        self.manifest_bytes = b""
        self.signature = b""

    def files(self) -> Iterator[tuple[PackFile, Iterator[bytes]]]:
        """Each listed file with its content in chunks; PackError as soon as a file is longer
        or shorter than listed or its hash differs (after its last chunk)."""
        for item in self.manifest.files:
            yield item, self._chunks(item)

    def _chunks(self, item: PackFile) -> Iterator[bytes]:
        digest, seen = hashlib.sha256(), 0
        try:
            with self._zip.open(f"{FILES_FOLDER}/{item.path}") as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    seen += len(chunk)
                    if seen > item.size:
                        raise PackError(f"{item.path} is longer than the manifest says")
                    digest.update(chunk)
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
            raise PackError(f"{item.path} is damaged in the pack") from None
        if seen != item.size or digest.hexdigest() != item.sha256:
            raise PackError(f"{item.path} does not match its signed checksum")

    def check_all(self) -> None:
        """Read every file once, checking each (`pack verify`)."""
        for _item, chunks in self.files():
            for _chunk in chunks:
                pass


@contextmanager
def open_pack(
    path: Path, public_key: Ed25519PublicKey, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[OpenPack]:
    """Open a pack and check its signature and its list of files against what the zip holds.
    PackError, with one line saying why, for anything that is not exactly a signed pack."""
    from cryptography.exceptions import InvalidSignature

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PackError(f"no pack at {path}") from None
    except OSError as exc:
        raise PackError(f"cannot read {path}: {exc.strerror}") from None
    if size > max_bytes:
        raise PackError(f"it is {size // 1024} KiB, over the limit of {max_bytes // 1024} KiB")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PackError("it is not a content pack (damaged or cut short)") from None
    except OSError as exc:
        raise PackError(f"cannot read {path}: {exc.strerror}") from None
    with archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        if len(names) != len(set(names)):
            raise PackError("it holds two files of the same name")
        for info in infos:
            kind = stat.S_IFMT(info.external_attr >> 16)
            if kind not in (0, stat.S_IFREG):
                raise PackError(f"{info.filename} is a link or special file; refused")
        manifest_bytes = _small_member(archive, MANIFEST, MAX_MANIFEST_BYTES)
        signature = _small_member(archive, SIGNATURE, SIGNATURE_BYTES)
        try:
            public_key.verify(signature, manifest_bytes)
        except InvalidSignature:
            raise PackError(
                "its signature does not match the public key (changed, or signed by another key)"
            ) from None
        manifest = parse_manifest(manifest_bytes)
        listed = {f"{FILES_FOLDER}/{f.path}": f for f in manifest.files}
        for info in infos:
            if info.filename in (MANIFEST, SIGNATURE):
                continue
            item = listed.get(info.filename)
            if item is None:
                raise PackError(f"{info.filename} is in the pack but not in its signed manifest")
            if info.file_size != item.size:
                raise PackError(f"{item.path} does not match its signed size")
        missing = sorted(set(listed) - set(names))
        if missing:
            raise PackError(f"{missing[0]} is in the manifest but missing from the pack")
        if manifest.total_bytes > max_bytes:
            raise PackError(
                f"its files come to {manifest.total_bytes // 1024} KiB, over the limit of "
                f"{max_bytes // 1024} KiB"
            )
        opened = OpenPack(archive, manifest)
        opened.manifest_bytes, opened.signature = manifest_bytes, signature
        yield opened


def _small_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise PackError(f"it has no {name}; it is not a signed content pack") from None
    if info.file_size > limit:
        raise PackError(f"its {name} is too large")
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error):
        raise PackError(f"its {name} is damaged") from None
    if len(data) > limit:
        raise PackError(f"its {name} is too large")
    return data


def verify_pack(
    path: Path, public_key: Ed25519PublicKey, max_bytes: int = DEFAULT_MAX_BYTES
) -> Manifest:
    """Check a pack whole: signature, file list and every file's bytes."""
    with open_pack(path, public_key, max_bytes) as pack:
        pack.check_all()
        return pack.manifest


def describe(manifest: Manifest) -> str:
    """`pack version 20261201171500, built 2026-12-01 17:15 UTC, 6 topics (en, es, zh)`."""
    langs = sorted(
        {f.path.split("/", 1)[0] for f in manifest.files if f.path.endswith(TOPIC_SUFFIX)}
    )
    built = manifest.built_at()
    when = built.strftime("%Y-%m-%d %H:%M UTC") if built else manifest.built
    count = manifest.topic_count
    return (
        f"pack version {manifest.version}, built {when}, {count} topic"
        f"{'' if count == 1 else 's'} ({', '.join(langs)})"
    )


def write_durably(path: Path, chunks: Iterator[bytes] | list[bytes]) -> None:
    """A new file, written and flushed to the disk (never an existing one: O_EXCL)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        for chunk in chunks:
            f.write(chunk)
        f.flush()
        os.fsync(f.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a folder's new entries durable (POSIX; a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def json_object(raw: bytes) -> dict[str, Any] | None:
    """A JSON object from bytes, or None."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return data if isinstance(data, dict) else None
