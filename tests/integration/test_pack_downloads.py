"""Content packs fetched from a real web server on 127.0.0.1 (Python's threading HTTP server, a
static server as a clinic group would run), and from a file as from a USB stick: a server that is
down, slow or lying changes nothing on the kiosk."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content import updates
from kiosk.content.store import PackState, PackStore
from kiosk.content.updates import Outcome, check_once
from tests.pack_samples import Served, make_keys, make_pack, serve_packs, shipped_copy


@pytest.fixture
def server() -> Iterator[tuple[str, Served]]:
    with serve_packs() as served:
        yield served


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "keys")


def built(tmp_path: Path, key: Path, version: int, title: str = "") -> bytes:
    folder = shipped_copy(tmp_path / f"topics-{version}", title)
    return make_pack(folder, key, tmp_path / f"{version}.kpack", version).read_bytes()


def check(
    url: str, public: Path, store: PackStore, etag: str = "", max_mb: int = 10
) -> updates.CheckResult:
    return check_once(
        source=url, public_key=public, store=store, max_bytes=max_mb * 1024 * 1024, etag=etag
    )


def test_a_new_pack_is_downloaded_then_asked_for_again_with_its_etag(
    tmp_path: Path, keys: tuple[Path, Path], server: tuple[str, Served]
) -> None:
    url, served = server
    served.body = built(tmp_path, keys[0], 3, "From the server")
    store = PackStore(tmp_path / "content")
    first = check(url, keys[1], store)
    assert first.outcome is Outcome.NEW
    assert first.version == 3
    assert (store.topics_root(3) / "en" / "pack-extra.toml").is_file()
    assert served.requests[0]["User-Agent"].startswith("clinic-kiosk/")
    store.switch(3)
    again = check(url, keys[1], store, etag=first.etag)
    assert again.outcome is Outcome.UP_TO_DATE
    assert served.requests[1]["If-None-Match"] == first.etag
    assert not list(store.folder.glob(".download.kpack.*"))


def test_a_server_that_is_down_changes_nothing(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    store = PackStore(tmp_path / "content")
    store.write_state(PackState(None, None))
    before = sorted(p.name for p in store.folder.iterdir())
    result = check("http://127.0.0.1:9/pack.kpack", keys[1], store)  # the discard port
    assert result.outcome is Outcome.FAILED
    assert "cannot reach 127.0.0.1:9" in result.detail
    assert sorted(p.name for p in store.folder.iterdir()) == before


@pytest.mark.parametrize(
    ("how", "expected", "outcome"),
    [
        ("not found", "answered 404", Outcome.FAILED),
        ("server error", "answered 500", Outcome.FAILED),
        ("cut short", "was cut short", Outcome.FAILED),
        ("too large", "over the limit", Outcome.FAILED),
        ("garbage", "damaged or cut short", Outcome.REFUSED),
        ("endless", "more than the limit", Outcome.FAILED),
    ],
)
def test_a_server_that_lies_or_fails_changes_nothing(
    *,
    tmp_path: Path,
    keys: tuple[Path, Path],
    server: tuple[str, Served],
    how: str,
    expected: str,
    outcome: Outcome,
) -> None:
    url, served = server
    good = built(tmp_path, keys[0], 2)
    store = PackStore(tmp_path / "content")
    served.body, served.status, served.claimed_length = good, 200, None
    assert check(url, keys[1], store).outcome is Outcome.NEW
    store.switch(2)
    if how == "not found":
        served.status = 404
    elif how == "server error":
        served.status = 500
    elif how == "cut short":
        served.body = built(tmp_path, keys[0], 4)
        served.claimed_length, served.body = len(served.body), served.body[: len(served.body) // 2]
    elif how == "too large":
        served.claimed_length = 50 * 1024 * 1024
        served.body = b"x" * 100
    elif how == "garbage":
        served.body = b"<html><body>Welcome to our captive portal</body></html>" * 20
    elif how == "endless":  # no honest Content-Length, and more than the cap
        served.body = b"x" * (2 * 1024 * 1024)
        served.claimed_length = -1
    result = check(url, keys[1], store, max_mb=1 if how == "endless" else 10)
    assert result.outcome is outcome, result
    assert expected in result.detail
    assert "\n" not in result.detail
    assert store.state() == PackState(2, None)
    assert store.active() == 2
    assert sorted(p.name for p in store.packs.iterdir()) == ["2"]


def test_a_slow_server_times_out(
    tmp_path: Path,
    keys: tuple[Path, Path],
    server: tuple[str, Served],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, served = server
    served.body, served.delay_s = built(tmp_path, keys[0], 2), 3.0
    monkeypatch.setattr(updates, "TIMEOUT_S", 0.5)
    result = check(url, keys[1], PackStore(tmp_path / "content"))
    assert result.outcome is Outcome.FAILED
    assert "did not answer within 0.5 s" in result.detail


def test_a_pack_on_a_usb_stick(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "clinic.kpack").write_bytes(built(tmp_path, keys[0], 6, "From the stick"))
    store = PackStore(tmp_path / "content")
    for source in (str(stick / "clinic.kpack"), (stick / "clinic.kpack").as_uri()):
        result = check(source, keys[1], store)
        assert result.outcome in (Outcome.NEW, Outcome.UP_TO_DATE)
        if result.outcome is Outcome.NEW:
            store.switch(6)
    assert store.active() == 6
    (stick / "clinic.kpack").unlink()  # the stick taken out
    result = check(str(stick / "clinic.kpack"), keys[1], store)
    assert result.outcome is Outcome.FAILED
    assert "is the USB stick in?" in result.detail
    assert store.active() == 6


def test_a_missing_public_key_refuses_every_pack(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    pack = tmp_path / "p.kpack"
    pack.write_bytes(built(tmp_path, keys[0], 2))
    result = check(str(pack), tmp_path / "nowhere.pub", PackStore(tmp_path / "content"))
    assert result.outcome is Outcome.REFUSED
    assert result.detail.startswith("content_public_key: no public key at")


def test_a_full_disk_refuses_the_pack_and_keeps_the_one_in_use(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    """A real full disk: the store on a 1 MiB tmpfs (root only; skipped elsewhere)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        store = PackStore(disk / "content")
        small = tmp_path / "small.kpack"
        small.write_bytes(built(tmp_path, keys[0], 2))
        assert check(str(small), keys[1], store).outcome is Outcome.NEW
        store.switch(2)
        filler = disk / "filler"
        with filler.open("wb") as f:  # leave the disk nearly full
            free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
            f.write(b"\0" * max(0, free - 40 * 1024))
        big = tmp_path / "big.kpack"
        big.write_bytes(built(tmp_path, keys[0], 3, "Too big for the disk"))
        result = check(str(big), keys[1], store)
        assert result.outcome in (Outcome.REFUSED, Outcome.FAILED)
        assert "No space left on device" in result.detail
        assert store.active() == 2
        assert sorted(p.name for p in store.packs.iterdir()) == ["2"]
        assert not store.problem(2)
    finally:
        subprocess.run(["umount", str(disk)], check=False)
