"""One check for a new content pack: fetch, verify, validate, unpack (plain Python, no Qt).

Runs off the GUI thread (`kiosk.flows.content` starts it and puts the result in use while
nobody is at the kiosk). A pack comes from `content_url`: an http or https address (any static
web server), or a file (a USB stick: a path, or a file:// address). The download is capped in
size and time; a server that is down, slow or lying changes nothing on the kiosk.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.content.catalog import scan
from kiosk.content.packs import PackError, describe, load_public_key, open_pack
from kiosk.content.store import PackStore

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

TIMEOUT_S = 30.0
DOWNLOAD_NAME = "download.kpack"


class Outcome(StrEnum):
    NEW = "new"  # a newer pack, checked and unpacked: ready to be put in use
    UP_TO_DATE = "up-to-date"  # the pack offered is the one in use
    REFUSED = "refused"  # the pack offered is not acceptable (signature, files, older, ...)
    FAILED = "failed"  # nothing could be fetched (server down, no USB stick)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What one check found; `detail` is one line for the log and the staff screen."""

    outcome: Outcome
    detail: str
    checked_at: float  # time.time()
    version: int | None = None  # the pack offered, once its signature was checked
    etag: str = ""  # the server's tag for what it sent (asked again with If-None-Match)


def source_problem(source: str) -> str | None:
    """Why `content_url` cannot be a pack's source (None: it can; "" is off)."""
    if source == "":
        return None
    parsed = urllib.parse.urlsplit(source)
    if parsed.scheme in ("http", "https"):
        return None if parsed.netloc else "must be an http or https address with a host name"
    if parsed.scheme == "file" or os.path.isabs(source):
        return None
    return "must be an http:// or https:// address, a file:// address or an absolute file path"


def _file_of(source: str) -> Path | None:
    parsed = urllib.parse.urlsplit(source)
    if parsed.scheme == "file":
        from urllib.request import url2pathname  # noqa: PLC0415 (for a file:// address only)

        return Path(url2pathname(parsed.path))
    if parsed.scheme in ("http", "https"):
        return None
    return Path(source)


def _copy_capped(chunks: Iterable[bytes], out: Path, max_bytes: int, where: str) -> int:
    written = 0
    with out.open("wb") as f:
        for chunk in chunks:
            written += len(chunk)
            if written > max_bytes:
                raise PackError(f"{where} sent more than the limit of {max_bytes // 1024} KiB")
            f.write(chunk)
    return written


def _read_chunks(stream: object, size: int = 64 * 1024) -> Iterable[bytes]:
    read = stream.read  # type: ignore[attr-defined]
    while True:
        chunk = read(size)
        if not chunk:
            return
        yield chunk


def fetch(source: str, out: Path, max_bytes: int, etag: str = "") -> str | None:
    """Fetch the pack at `source` into `out` (at most `max_bytes`). Returns the server's ETag
    ("" if none), or None when the server says the pack has not changed since `etag`.
    PackError with one line for anything else."""
    path = _file_of(source)
    if path is not None:
        try:
            with path.open("rb") as f:
                _copy_capped(_read_chunks(f), out, max_bytes, str(path))
        except FileNotFoundError:
            raise PackError(f"no content pack at {path} (is the USB stick in?)") from None
        except OSError as exc:
            raise PackError(f"cannot read {path}: {exc.strerror}") from None
        return ""
    # Loaded for the first download, not at the kiosk's start (HTTP pulls in the email parser).
    import http.client  # noqa: PLC0415
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415

    headers = {"User-Agent": f"clinic-kiosk/{__version__}"}
    if etag:
        headers["If-None-Match"] = etag
    host = urllib.parse.urlsplit(source).netloc
    request = urllib.request.Request(source, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise PackError(
                    f"{host} offers {int(length) // 1024} KiB, over the limit of "
                    f"{max_bytes // 1024} KiB"
                )
            got = _copy_capped(_read_chunks(response), out, max_bytes, host)
            if length and length.isdigit() and got != int(length):
                raise PackError(f"the download from {host} was cut short ({got} of {length} bytes)")
            return str(response.headers.get("ETag") or "")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise PackError(f"{host} answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise PackError(f"{host} did not answer within {TIMEOUT_S:g} s") from None
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise PackError(f"cannot reach {host}: {text}") from None
    except TimeoutError:
        raise PackError(f"{host} did not answer within {TIMEOUT_S:g} s") from None
    except http.client.IncompleteRead:
        raise PackError(f"the download from {host} was cut short") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise PackError(f"the download from {host} failed ({type(exc).__name__})") from None
    except OSError as exc:
        raise PackError(f"cannot write the download: {exc.strerror}") from None


def topics_problem(root: Path, other_roots: Iterable[Path] = (), index: Path | None = None) -> str:
    """Why an unpacked pack's topics cannot be shown ("" if every one loads). Listed as the
    kiosk will list them (with the clinic's own folders, in the content index if given), so
    putting the pack in use reads no file again."""
    catalog = scan([root, *other_roots], index)
    errors = [e for e in catalog.errors if Path(e.path).is_relative_to(root)]
    if errors:
        more = len(errors) - 1
        extra = f" (and {more} more)" if more else ""
        return f"a topic does not load: {errors[0]}{extra}"
    if not any(Path(entry.path).is_relative_to(root) for entry in catalog.entries):
        return "it has no topics"
    return ""


def check_once(
    *,
    source: str,
    public_key: Path,
    store: PackStore,
    max_bytes: int,
    etag: str = "",
    other_roots: Iterable[Path] = (),
    index: Path | None = None,
) -> CheckResult:
    """Fetch the pack at `source`, check it whole, and unpack it if it is newer than the pack
    in use. Never raises for a bad pack or a bad server: the result says what happened.
    `other_roots` and `index`: the clinic's own topic folders and the content index, brought up
    to date for the new pack here, so putting it in use costs the GUI thread no file reading."""
    now = time.time
    try:
        key = load_public_key(public_key)
    except PackError as exc:
        return CheckResult(Outcome.REFUSED, f"content_public_key: {exc}", now())
    try:
        store.folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return CheckResult(Outcome.FAILED, f"cannot make {store.folder}: {exc.strerror}", now())
    download = store.folder / f".{DOWNLOAD_NAME}.{secrets.token_hex(4)}"
    try:
        try:
            new_etag = fetch(source, download, max_bytes, etag)
        except PackError as exc:
            return CheckResult(Outcome.FAILED, str(exc), now())
        if new_etag is None:
            return CheckResult(
                Outcome.UP_TO_DATE, "not changed since the last check", now(), etag=etag
            )
        return _take(
            download=download,
            key=key,
            store=store,
            max_bytes=max_bytes,
            etag=new_etag,
            other_roots=other_roots,
            index=index,
        )
    finally:
        download.unlink(missing_ok=True)


def _take(
    *,
    download: Path,
    key: Ed25519PublicKey,
    store: PackStore,
    max_bytes: int,
    etag: str,
    other_roots: Iterable[Path],
    index: Path | None,
) -> CheckResult:
    now = time.time
    version: int | None = None
    try:
        with open_pack(download, key, max_bytes) as pack:
            version = pack.manifest.version
            current = store.active()
            if current is not None and version < current:
                return CheckResult(
                    Outcome.REFUSED,
                    f"pack {version} is older than pack {current} in use (an old pack sent "
                    "again); kept the one in use",
                    now(),
                    version,
                    etag,
                )
            if version == current:
                return CheckResult(
                    Outcome.UP_TO_DATE, describe(pack.manifest), now(), version, etag
                )
            others = list(other_roots)
            store.install(pack, lambda root: topics_problem(root, others, index))
            detail = describe(pack.manifest)
    except PackError as exc:
        where = f"pack {version}" if version is not None else "the pack"
        return CheckResult(Outcome.REFUSED, f"{where} was refused: {exc}", now(), version, etag)
    return CheckResult(Outcome.NEW, detail, now(), version, etag)


def remove_download_leftovers(store: PackStore) -> None:
    """Downloads an earlier run left behind (it was stopped mid-download)."""
    with contextlib.suppress(OSError):
        for leftover in store.folder.glob(f".{DOWNLOAD_NAME}.*"):
            leftover.unlink(missing_ok=True)
