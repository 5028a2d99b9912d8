"""Installed content packs: unpacking, putting in use in one rename, going back, tidying, and
power lost at every step of taking a new pack (a real process killed with SIGKILL)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from kiosk.content import catalog
from kiosk.content.loader import load_topics
from kiosk.content.packs import PackError, load_public_key, open_pack
from kiosk.content.store import PackState, PackStore
from kiosk.content.updates import Outcome, check_once, topics_problem
from tests.conftest import ROOT
from tests.pack_samples import make_keys, make_pack, rewrite, shipped_copy


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return make_keys(tmp_path / "keys")


def packs(tmp_path: Path, key: Path) -> tuple[Path, Path]:
    """Pack 1 (the shipped topics) and pack 2 (those and one more)."""
    one = make_pack(shipped_copy(tmp_path / "t1"), key, tmp_path / "one.kpack", 1)
    two = make_pack(shipped_copy(tmp_path / "t2", "Pack two"), key, tmp_path / "two.kpack", 2)
    return one, two


def take(store: PackStore, pack: Path, public: Path) -> Outcome:
    result = check_once(
        source=str(pack), public_key=public, store=store, max_bytes=10 * 1024 * 1024
    )
    if result.outcome is Outcome.NEW:
        assert result.version is not None
        store.switch(result.version)
    return result.outcome


def shown(store: PackStore) -> set[tuple[str, str, str]]:
    root = store.active_root()
    result = load_topics([root] if root else [])
    assert not result.errors
    return {(t.id, t.lang, t.title) for t in result.topics}


def test_a_pack_is_unpacked_checked_and_put_in_use(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    one, two = packs(tmp_path, keys[0])
    store = PackStore(tmp_path / "content")
    assert store.active() is None
    assert store.active_root() is None
    assert take(store, one, keys[1]) is Outcome.NEW
    assert store.state() == PackState(1, None)
    assert take(store, one, keys[1]) is Outcome.UP_TO_DATE
    assert take(store, two, keys[1]) is Outcome.NEW
    assert store.state() == PackState(2, 1)
    assert ("pack-extra", "en", "Pack two") in shown(store)
    assert store.roll_back() == PackState(1, None)
    assert ("pack-extra", "en", "Pack two") not in shown(store)
    store.switch(2)
    assert store.prune() == [1] or store.state().previous == 1


def test_a_pack_built_moments_ago_is_put_in_use_without_reading_a_topic_again(
    tmp_path: Path, keys: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check lists the unpacked topics into the content index; listing them as the pack
    is put in use (on the GUI thread) must find every one there, even for a pack published
    and fetched within the same second."""
    pack = make_pack(shipped_copy(tmp_path / "t"), keys[0], tmp_path / "now.kpack", 1)
    store, index = PackStore(tmp_path / "content"), tmp_path / "cache" / "index.json"
    result = check_once(
        source=str(pack), public_key=keys[1], store=store, max_bytes=10**7, index=index
    )
    assert result.outcome is Outcome.NEW
    assert result.version is not None
    store.switch(result.version)
    read: list[Path] = []
    real = catalog.read_topic
    monkeypatch.setattr(
        catalog, "read_topic", lambda path, lang: read.append(path) or real(path, lang)
    )
    root = store.active_root()
    assert root is not None
    listed = catalog.scan([root], index)
    assert not listed.errors
    assert len(listed) == len(load_topics([root]).topics) > 0
    assert read == []


def test_an_older_pack_sent_again_is_refused(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    one, two = packs(tmp_path, keys[0])
    store = PackStore(tmp_path / "content")
    take(store, two, keys[1])
    result = check_once(source=str(one), public_key=keys[1], store=store, max_bytes=10**7)
    assert result.outcome is Outcome.REFUSED
    assert "older than pack 2 in use" in result.detail
    assert store.state().current == 2


def test_a_pack_whose_topics_do_not_load_is_refused_and_leaves_nothing(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    topics = shipped_copy(tmp_path / "t")
    (topics / "en" / "ibs-leg-pain.toml").write_text('id = "ibs-leg-pain"\n', encoding="utf-8")
    bad = make_pack(topics, keys[0], tmp_path / "bad.kpack", 5)
    store = PackStore(tmp_path / "content")
    result = check_once(source=str(bad), public_key=keys[1], store=store, max_bytes=10**7)
    assert result.outcome is Outcome.REFUSED
    assert "a topic does not load" in result.detail
    assert "ibs-leg-pain.toml" in result.detail
    assert store.state() == PackState()
    assert not any(store.packs.iterdir())  # no folder of it, not even a hidden one


def test_a_pack_folder_damaged_on_disk_is_not_used(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    one, two = packs(tmp_path, keys[0])
    store = PackStore(tmp_path / "content")
    take(store, one, keys[1])
    take(store, two, keys[1])
    (store.topics_root(2) / "en" / "pack-extra.toml").unlink()
    assert store.problem(2) == "pack 2 has lost en/pack-extra.toml"
    assert store.active() == 1  # read-only fall-back, for the tools
    assert store.recover() == ["pack 2 has lost en/pack-extra.toml: back to pack 1"]
    assert store.state() == PackState(1, None)


def test_unpacking_checks_every_byte_as_it_is_written(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    """Opening a pack checks its signature and list; the bytes are checked as they are
    written, and a file that fails leaves nothing of the pack on disk."""
    one, _two = packs(tmp_path, keys[0])
    name = "topics/en/ibs-leg-pain.toml"
    with zipfile.ZipFile(one) as archive:
        data = bytearray(archive.read(name))
    data[-2] ^= 0x01
    changed = rewrite(one, tmp_path / "changed.kpack", files={name: bytes(data)})
    store = PackStore(tmp_path / "content")
    # the list and sizes are right: only the bytes are not
    with (
        open_pack(changed, load_public_key(keys[1])) as pack,
        pytest.raises(PackError, match=r"en/ibs-leg-pain\.toml does not match its signed"),
    ):
        store.install(pack, topics_problem)
    assert not any(store.packs.iterdir())
    assert store.state() == PackState()


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    stop_at, count = int(sys.argv[1]), 0
    real = {name: getattr(os, name) for name in ("fsync", "replace", "rename")}

    def killing(name):
        def call(*args, **kwargs):
            global count
            count += 1
            if count == stop_at:  # power lost just before this durable step
                os.kill(os.getpid(), signal.SIGKILL)
            return real[name](*args, **kwargs)
        return call

    for name in real:
        setattr(os, name, killing(name))
    from pathlib import Path
    from kiosk.content.store import PackStore
    from kiosk.content.updates import Outcome, check_once
    store = PackStore(Path(sys.argv[2]))
    result = check_once(source=sys.argv[3], public_key=Path(sys.argv[4]), store=store,
                        max_bytes=10**7)
    assert result.outcome is Outcome.NEW, result
    store.switch(result.version)
    print("done")
    """
)


def test_power_lost_at_every_step_leaves_the_old_pack_or_the_new_never_a_mix(
    tmp_path: Path, keys: tuple[Path, Path]
) -> None:
    one, two = packs(tmp_path, keys[0])
    store = PackStore(tmp_path / "content")
    take(store, one, keys[1])
    old = shown(store)
    expected = {(t.id, t.lang, t.title) for t in load_topics([tmp_path / "t2"]).topics}
    new: set[tuple[str, str, str]] | None = None
    outcomes: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for stop_at in range(1, 200):
        run = subprocess.run(
            [sys.executable, "-c", KILLER, str(stop_at), str(store.folder), str(two), str(keys[1])],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        after = PackStore(store.folder)
        after.recover()  # what the kiosk does at its next start
        seen = shown(after)
        if run.returncode == 0:
            assert "done" in run.stdout
            new = seen
            break
        assert run.returncode == -9, run.stderr
        assert seen in (old, expected), f"killed at step {stop_at}: a mix of old and new"
        assert not list(after.packs.glob(".incoming-*"))
        outcomes.append("old" if seen == old else "new")
        # back to before the step, so every kill starts from the same state
        after.write_state(PackState(1, None))
        after.prune()
    assert new == expected != old
    assert ("pack-extra", "en", "Pack two") in new
    # a kill before each file's flush, the folder's rename, the state's rename and after it
    assert outcomes.count("old") >= 10, outcomes
