"""Content packs for tests: keys, topic folders, and packs built, signed and broken for real."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import shutil
import stat
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


# -- a real web server ---------------------------------------------------------------------


@dataclass
class Served:
    """What the server sends for /pack.kpack, and what it was asked."""

    body: bytes = b""
    status: int = 200
    claimed_length: int | None = None  # a Content-Length that is not the body's (-1: none)
    delay_s: float = 0.0
    requests: list[dict[str, str]] = field(default_factory=list)


class PackServer(ThreadingHTTPServer):
    served: Served


class Handler(BaseHTTPRequestHandler):
    server: PackServer

    def do_GET(self) -> None:
        served = self.server.served
        served.requests.append(dict(self.headers.items()))
        if served.delay_s:
            time.sleep(served.delay_s)
        if self.path != "/pack.kpack" or served.status == 404:
            self.send_error(404)
            return
        tag = '"' + hashlib.sha256(served.body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.end_headers()
            return
        self.send_response(served.status)
        length = served.claimed_length if served.claimed_length is not None else len(served.body)
        if length >= 0:  # -1: no length given, the body ends when the connection closes
            self.send_header("Content-Length", str(length))
        self.send_header("ETag", tag)
        self.end_headers()
        self.wfile.write(served.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_packs() -> Iterator[tuple[str, Served]]:
    """A static web server on 127.0.0.1 serving `Served.body` at /pack.kpack: (its URL, what it
    serves and was asked)."""
    httpd = PackServer(("127.0.0.1", 0), Handler)
    httpd.served = Served()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/pack.kpack", httpd.served
    finally:
        httpd.shutdown()
        httpd.server_close()
