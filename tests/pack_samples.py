"""Content packs for tests: keys, topic folders, and packs built, signed and broken for real."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import stat
import zipfile
from pathlib import Path

from kiosk import paths
from kiosk.content.packs import (
    FILES_FOLDER,
    MANIFEST,
    PUBLIC_KEY_NAME,
    SIGNATURE,
    build_pack,
    generate_keys,
    load_private_key,
)


def make_keys(folder: Path) -> tuple[Path, Path]:
    """(private key file, public key file), made by the kiosk's own keygen."""
    return generate_keys(folder)


def shipped_copy(root: Path, extra_title: str = "") -> Path:
    """A copy of the shipped topics; `extra_title` adds an English topic `pack-extra` with that
    title (so a pack's content is told apart from the shipped one)."""
    shutil.copytree(paths.TOPICS, root)
    if extra_title:
        text = (paths.TOPICS / "en" / "ibs-leg-pain.toml").read_text(encoding="utf-8")
        text = text.replace('id = "ibs-leg-pain"', 'id = "pack-extra"', 1)
        start = text.index('\ntitle = "') + len('\ntitle = "')
        end = text.index('"', start)
        (root / "en" / "pack-extra.toml").write_text(
            text[:start] + extra_title + text[end:], encoding="utf-8"
        )
    return root


def make_pack(
    folder: Path, key_file: Path, out: Path, version: int, when: dt.datetime | None = None
) -> Path:
    """Pack and sign `folder` as version `version`."""
    build_pack(folder, load_private_key(key_file), out, version, when)
    return out


def rewrite(
    pack: Path,
    out: Path,
    *,
    files: dict[str, bytes | None] | None = None,
    manifest: bytes | None = None,
    signature: bytes | None = None,
    modes: dict[str, int] | None = None,
) -> Path:
    """A copy of `pack` with members replaced (None: removed) or added, as an attacker or a bad
    disk would change it; the manifest and signature are kept unless given."""
    changes = dict(files or {})
    if manifest is not None:
        changes[MANIFEST] = manifest
    if signature is not None:
        changes[SIGNATURE] = signature
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in changes:
                data = changes.pop(info.filename)
                if data is None:
                    continue
            else:
                data = source.read(info)
            target.writestr(_info(info.filename, (modes or {}).get(info.filename)), data)
        for name, data in changes.items():
            if data is not None:
                target.writestr(_info(name, (modes or {}).get(name)), data)
    return out


def _info(name: str, mode: int | None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 12, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (mode if mode is not None else stat.S_IFREG | 0o644) << 16
    return info


def signed_manifest(key_file: Path, data: dict[str, object]) -> tuple[bytes, bytes]:
    """(manifest bytes, signature) for a manifest written by hand: what someone holding the
    real key could sign, to prove the kiosk's other checks do not rest on the signature."""
    raw = json.dumps(data, sort_keys=True).encode()
    return raw, load_private_key(key_file).sign(raw)


def file_entry(data: bytes) -> dict[str, object]:
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def manifest_of(pack: Path) -> dict[str, object]:
    with zipfile.ZipFile(pack) as archive:
        data = json.loads(archive.read(MANIFEST))
    assert isinstance(data, dict)
    return data


def member(path: str) -> str:
    """A topic file's name inside a pack."""
    return f"{FILES_FOLDER}/{path}"


def other_key(folder: Path) -> Path:
    """The public key of a key pair that is not the clinic group's."""
    folder.mkdir(parents=True, exist_ok=True)
    generate_keys(folder)
    return folder / PUBLIC_KEY_NAME
