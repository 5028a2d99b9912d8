"""Content packs in the running kiosk: checked at start, put in use only while nobody is at the
kiosk, gone back from when they do not load, and told on the staff screen."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Settings
from kiosk.content.updates import Outcome
from kiosk.staff import hash_pin
from kiosk.ui.home import TopicTile
from kiosk.ui.screens import Screen
from tests.conftest import free_port
from tests.gui.conftest import MakeKiosk
from tests.gui.test_staff import PIN, _open_staff
from tests.pack_samples import make_keys, make_pack, serve_packs, shipped_copy

WAIT_MS = 30_000


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "keys")


def settings_for(source: Path, public: Path, **more: object) -> Settings:
    """Real idle times: a visit here lasts until the test resets it."""
    return Settings(
        content_url=str(source),
        content_public_key=str(public),
        **more,  # type: ignore[arg-type]
    )


def publish(tmp_path: Path, key: Path, source: Path, version: int, title: str) -> None:
    """The clinic group puts pack `version` (the shipped topics and one called `title`) where
    the kiosks look."""
    folder = shipped_copy(tmp_path / f"topics-{version}", title)
    make_pack(folder, key, source, version)


def titles(kiosk: Kiosk) -> set[str]:
    return {entry.title for entry in kiosk.content.entries}


def checked(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Wait for the check under way to end."""
    qtbot.wait_until(
        lambda: not kiosk.packs.checking and kiosk.packs.last is not None, timeout=WAIT_MS
    )


def pack_two_waiting(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    tmp_path: Path,
    keys: tuple[Path, Path],
    **more: object,
) -> Kiosk:
    """A kiosk with pack 1 in use, a patient's visit on, and pack 2 checked and waiting."""
    source = tmp_path / "site" / "clinic.kpack"
    source.parent.mkdir()
    publish(tmp_path, keys[0], source, 1, "Pack one")
    kiosk = make_kiosk(settings_for(source, keys[1], **more), listed=True)
    kiosk.packs.start()
    qtbot.wait_until(lambda: "Pack one" in titles(kiosk), timeout=WAIT_MS)
    kiosk.visits.start()
    publish(tmp_path, keys[0], source, 2, "Pack two")
    kiosk.packs.check_now()
    checked(qtbot, kiosk)
    assert kiosk.packs.pending == 2
    return kiosk


def test_a_pack_found_at_start_is_put_in_use_on_the_attract_screen(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    source = tmp_path / "stick" / "clinic.kpack"
    source.parent.mkdir()
    publish(tmp_path, keys[0], source, 5, "Pack five")
    kiosk = make_kiosk(settings_for(source, keys[1]), listed=True)
    assert "Pack five" not in titles(kiosk)
    reloaded: list[bool] = []
    kiosk.library.reloaded.connect(lambda: reloaded.append(True))
    kiosk.packs.start()
    checked(qtbot, kiosk)
    assert kiosk.packs.last is not None
    assert kiosk.packs.last.outcome is Outcome.NEW
    qtbot.wait_until(lambda: "Pack five" in titles(kiosk), timeout=WAIT_MS)
    assert reloaded == [True]
    assert kiosk.packs.store.active() == 5
    kiosk.visits.start()
    tiles = [t for t in kiosk.window.home.findChildren(TopicTile) if t.isVisible()]
    assert "pack-extra" in {t.topic_id for t in tiles}  # its tile on the patient's home screen


def test_a_pack_waits_while_a_patient_reads_and_goes_in_use_after_the_reset(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    source = tmp_path / "site" / "clinic.kpack"
    source.parent.mkdir()
    publish(tmp_path, keys[0], source, 1, "Pack one")
    kiosk = make_kiosk(settings_for(source, keys[1]), listed=True)
    kiosk.packs.start()
    qtbot.wait_until(lambda: "Pack one" in titles(kiosk), timeout=WAIT_MS)
    kiosk.visits.start()
    kiosk.reading.open_topic("ibs-leg-pain")
    assert kiosk.window.current_screen == Screen.TOPIC
    publish(tmp_path, keys[0], source, 2, "Pack two")
    kiosk.packs.check_now()
    checked(qtbot, kiosk)
    assert kiosk.packs.pending == 2
    qtbot.wait(300)
    assert "Pack one" in titles(kiosk)  # the patient's screen is left alone
    assert kiosk.window.current_screen == Screen.TOPIC
    assert kiosk.packs.status()[1].count("pack 2 is ready") == 1
    kiosk.visits.reset()
    qtbot.wait_until(lambda: "Pack two" in titles(kiosk), timeout=WAIT_MS)
    assert "Pack one" not in titles(kiosk)
    assert kiosk.packs.pending is None
    assert kiosk.packs.store.state().previous == 1


def test_a_pack_waits_while_staff_open_their_screen_through_the_reset(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    """Opening the staff screen resets the visit, passing through the attract screen: the
    waiting pack is not put in use in that moment (nor in the staff's turn of the event loop),
    but once staff leave and the attract screen stays."""
    kiosk = pack_two_waiting(qtbot, make_kiosk, tmp_path, keys, staff_pin_hash=hash_pin(PIN))
    _open_staff(qtbot, kiosk)
    qtbot.wait(100)
    assert kiosk.window.current_screen == Screen.STAFF
    assert kiosk.packs.pending == 2
    assert "Pack one" in titles(kiosk)
    kiosk.window.staff.back.click()
    qtbot.wait_until(lambda: "Pack two" in titles(kiosk), timeout=WAIT_MS)
    assert kiosk.window.current_screen == Screen.ATTRACT


def test_a_pack_that_does_not_load_once_in_use_goes_back_to_the_last_good_one(
    qtbot: QtBot,
    make_kiosk: MakeKiosk,
    tmp_path: Path,
    keys: tuple[Path, Path],
    caplog: pytest.LogCaptureFixture,
) -> None:
    kiosk = pack_two_waiting(qtbot, make_kiosk, tmp_path, keys)
    # The disk goes bad between the check and the switch: a file of the new pack is damaged
    # in place (same size, so only reading it shows it).
    broken = kiosk.packs.store.topics_root(2) / "en" / "pack-extra.toml"
    broken.write_bytes(b"[" * broken.stat().st_size)
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        kiosk.visits.reset()
        qtbot.wait_until(lambda: kiosk.packs.pending is None, timeout=WAIT_MS)
    assert "Pack one" in titles(kiosk)
    assert "Pack two" not in titles(kiosk)
    assert kiosk.packs.store.active() == 1
    ok, line = kiosk.packs.status()
    assert ok is False
    assert "pack 2 did not load" in line
    assert "back to pack 1" in line
    assert any("pack 2 did not load" in r.getMessage() for r in caplog.records)


def test_the_staff_screen_shows_the_pack_and_the_last_check(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    source = tmp_path / "site" / "clinic.kpack"
    source.parent.mkdir()
    publish(tmp_path, keys[0], source, 20261201120000, "Pack one")
    config = tmp_path / "kiosk.toml"
    config.write_text(f'staff_pin_hash = "{hash_pin(PIN)}"\n', encoding="utf-8")
    settings = settings_for(source, keys[1], staff_pin_hash=hash_pin(PIN))
    kiosk = make_kiosk(settings, listed=True, config_path=config)
    kiosk.packs.start()
    qtbot.wait_until(lambda: "Pack one" in titles(kiosk), timeout=WAIT_MS)
    _open_staff(qtbot, kiosk)
    text = kiosk.window.staff.pack_status.text()
    assert text.startswith("Content pack: Working: in use: pack version 20261201120000")
    assert "last check" in text
    assert "new" in text
    # an old pack sent again, while staff look
    publish(tmp_path, keys[0], source, 7, "Old pack")
    kiosk.packs.check_now()
    checked(qtbot, kiosk)
    qtbot.wait_until(lambda: "refused" in kiosk.window.staff.pack_status.text())
    text = kiosk.window.staff.pack_status.text()
    assert "Content pack: Problem:" in text
    assert "older than pack 20261201120000 in use" in text


def test_content_url_without_a_public_key_takes_nothing_and_says_why(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    source = tmp_path / "clinic.kpack"
    publish(tmp_path, keys[0], source, 3, "Unchecked")
    settings = Settings(content_url=str(source))
    kiosk = make_kiosk(settings, listed=True)
    kiosk.packs.start()
    qtbot.wait(300)
    assert not kiosk.packs.checking
    assert kiosk.packs.last is None
    ok, line = kiosk.packs.status()
    assert ok is False
    assert "content_public_key is not" in line
    assert "Unchecked" not in titles(kiosk)


def test_the_metrics_follow_the_pack_in_use_and_its_checks(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    source = tmp_path / "clinic.kpack"
    publish(tmp_path, keys[0], source, 11, "Pack eleven")
    settings = settings_for(source, keys[1], metrics_listen=f"127.0.0.1:{free_port()}")
    kiosk = make_kiosk(settings, listed=True)
    metrics = kiosk.metrics
    assert metrics is not None
    before = metrics.snapshot()
    assert before.content_enabled
    assert before.content_version is None  # none taken yet
    assert before.content_last_check is None
    kiosk.packs.start()
    qtbot.wait_until(lambda: metrics.snapshot().content_version == 11, timeout=WAIT_MS)
    last = metrics.snapshot().content_last_check
    assert last is not None
    assert kiosk.packs.last is not None
    assert last == kiosk.packs.last.checked_at


def test_a_refused_pack_stays_refused_on_the_next_check_from_a_web_server(
    qtbot: QtBot, make_kiosk: MakeKiosk, tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    """The server's ETag is kept for a pack taken, not for one refused: asked again with it, the
    server would answer "not changed" and the staff screen would call a refused pack up to date."""
    good = tmp_path / "good.kpack"
    publish(tmp_path, keys[0], good, 8, "Pack eight")
    old = tmp_path / "old.kpack"
    publish(tmp_path, keys[0], old, 3, "Old pack")
    with serve_packs() as (url, served):
        served.body = good.read_bytes()
        settings = Settings(content_url=url, content_public_key=str(keys[1]))
        kiosk = make_kiosk(settings, listed=True)
        kiosk.packs.start()
        qtbot.wait_until(lambda: "Pack eight" in titles(kiosk), timeout=WAIT_MS)
        served.body = old.read_bytes()
        for _ in range(2):
            kiosk.packs.check_now()
            checked(qtbot, kiosk)
            last = kiosk.packs.last
            assert last is not None
            assert last.outcome is Outcome.REFUSED, last
        assert "If-None-Match" not in served.requests[-1]
        assert served.requests[1]["If-None-Match"]  # the taken pack's tag was sent once
