"""Reference cycles are collected on the GUI thread only while a kiosk runs, however much another
thread allocates (without the collector, Python collects them in that other thread)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import collector as collector_module
from kiosk.collector import MainThreadCollector
from tests.conftest import ROOT


class Cycle:
    """Half of a reference cycle that says on which thread it was freed."""

    freed_on: list[str] = []  # noqa: RUF012 (shared on purpose: what every instance saw)

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        Cycle.freed_on.append(threading.current_thread().name)


def churn() -> None:
    """What a worker thread does: allocate many small containers (parsing, say)."""
    kept = [[i] for i in range(200_000)]
    del kept


MANY = 2000  # more than the first generation's threshold (700)


@pytest.fixture
def collector(qtbot: QtBot) -> Iterator[MainThreadCollector]:
    running = MainThreadCollector()
    running.start()
    yield running
    running.stop()


def test_cycles_are_freed_on_the_gui_thread_only(
    collector: MainThreadCollector, qtbot: QtBot
) -> None:
    assert not gc.isenabled()
    Cycle.freed_on.clear()
    gc.collect()
    for _ in range(MANY):
        Cycle()  # garbage only a cycle collection can free
    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    assert Cycle.freed_on == []  # nothing was collected on the worker
    qtbot.wait_until(lambda: len(Cycle.freed_on) == MANY, timeout=5000)  # the GUI's timer
    assert set(Cycle.freed_on) == {threading.main_thread().name}


def test_a_little_garbage_is_freed_at_the_end_of_a_visit(
    collector: MainThreadCollector, qtbot: QtBot
) -> None:
    Cycle.freed_on.clear()
    gc.collect()
    for _ in range(10):
        Cycle()
    qtbot.wait(3 * 250)
    assert Cycle.freed_on == []  # below every threshold: left to wait
    assert collector.collect_between_visits() >= 10
    assert Cycle.freed_on == [threading.main_thread().name] * 10


def test_without_it_the_worker_thread_frees_them(qtbot: QtBot) -> None:
    """The control: Python's own collection ran the cycles' destructors on the worker."""
    assert gc.isenabled()
    Cycle.freed_on.clear()
    gc.collect()
    for _ in range(MANY):
        Cycle()
    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    assert "worker" in Cycle.freed_on
    gc.collect()


def test_collection_comes_back_when_the_last_kiosk_stops() -> None:
    first, second = MainThreadCollector(), MainThreadCollector()
    first.start()
    second.start()
    first.stop()
    assert not gc.isenabled()  # the second still runs
    second.stop()
    assert gc.isenabled()


def test_the_oldest_generation_is_collected_between_visits_at_most_every_ten_minutes(
    collector: MainThreadCollector, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old garbage (cycles that lived long before they were dropped) waits for a full
    collection, which comes between visits once FULL_EVERY_S has passed, not at every one."""
    Cycle.freed_on.clear()
    old = [Cycle() for _ in range(10)]
    gc.collect()  # alive through a full collection: now in the oldest generation
    del old
    assert collector.collect_between_visits() >= 0
    assert Cycle.freed_on == []  # the young generations only
    clock = time.monotonic() + collector_module.FULL_EVERY_S + 1
    monkeypatch.setattr(collector_module.time, "monotonic", lambda: clock)
    collector.collect_between_visits()
    assert len(Cycle.freed_on) == 10


def test_a_settled_start_is_collected_once_and_then_frozen(qtbot: QtBot) -> None:
    """What the start left in cycles is freed; what is alive then is frozen, and no later
    collection walks it: a full collection then finds only what came after."""
    collector = MainThreadCollector()
    collector.start()
    Cycle.freed_on.clear()
    Cycle()  # garbage of the start
    kept = [Cycle() for _ in range(3)]  # alive for the kiosk's life
    try:
        assert collector.settle() > 0
        assert Cycle.freed_on == ["MainThread"]
        frozen = gc.get_freeze_count()
        assert frozen > len(kept)
        walked = {id(thing) for thing in gc.get_objects()}  # what a collection walks
        assert not any(id(k) in walked for k in kept)
        Cycle()  # garbage of a visit, after it
        assert gc.collect() > 0
        assert len(Cycle.freed_on) == 2
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        collector.stop()
        del kept


_BLOCKS = """
import ctypes, sys
from kiosk.collector import map_large_blocks

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
if sys.argv[1] == "mapped":
    assert map_large_blocks()
libc.free(libc.malloc(16 << 20))  # a PIN check's scrypt takes 16 MiB, then lets it go
before = libc.mallinfo2().hblks
block = libc.malloc(8 << 20)  # a page image's size
print(libc.mallinfo2().hblks - before)
libc.free(block)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator only")
def test_large_blocks_keep_memory_of_their_own_after_a_larger_one_was_freed(
    tmp_path: Path,
) -> None:
    """Without it glibc carves a page image's block from the heap once a PIN check's 16 MiB
    has been freed (and what is freed there stays with the process); with it, the block is
    mapped on its own, and given back when freed."""
    script = tmp_path / "blocks.py"
    script.write_text(_BLOCKS, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("MALLOC_MMAP_THRESHOLD_", None)

    def mapped_blocks(how: str) -> str:
        done = subprocess.run(
            [sys.executable, str(script), how], capture_output=True, text=True, env=env, check=True
        )
        return done.stdout.strip()

    assert mapped_blocks("left to glibc") == "0"
    assert mapped_blocks("mapped") == "1"
