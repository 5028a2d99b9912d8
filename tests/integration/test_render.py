"""The render process with the real espeak-ng: sound, languages, bad input, crashes."""

from __future__ import annotations

import os
import signal
import sys
import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.narration.engine import NORMAL_SPEED, SLOW_SPEED
from kiosk.narration.render import RenderClient
from kiosk.narration.voices import choose_voice
from kiosk.narration.worker import NICENESS


def render(
    qtbot: QtBot,
    client: RenderClient,
    text: str,
    voice: str,
    out: Path,
    *,
    speed: float = NORMAL_SPEED,
) -> tuple[int, str]:
    results: list[tuple[int, str]] = []
    client.rendered.connect(lambda job, path: results.append((job, "ok")))
    client.failed.connect(lambda job, reason: results.append((job, reason)))
    job = client.render(text, voice, speed, out)
    qtbot.wait_until(lambda: any(r[0] == job for r in results), timeout=20_000)
    return next(r for r in results if r[0] == job)


def test_english_and_spanish_render_real_sound(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    english = choose_voice("en", client.voices)
    spanish = choose_voice("es", client.voices)
    assert english == "gmw/en-us"
    assert spanish == "roa/es-419"
    assert client.engine == "espeak"
    for voice, text in (
        (english, "Drink small sips of water."),
        (spanish, "¿Le duelen las piernas?"),
    ):
        out = tmp_path / f"{voice.replace('/', '_')}.wav"
        assert render(qtbot, client, text, voice, out)[1] == "ok"
        with wave.open(str(out)) as wav:
            assert wav.getframerate() == 22050
            assert wav.getnchannels() == 1
            assert wav.getsampwidth() == 2
            assert wav.getnframes() > 22050 * 0.5  # more than half a second of speech
    assert not list(tmp_path.glob(".*.part"))  # written under a temporary name, then renamed


def test_sixty_quick_renders_none_silent(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    done: dict[int, str] = {}
    client.rendered.connect(done.__setitem__)
    client.failed.connect(lambda job, reason: done.__setitem__(job, f"FAILED {reason}"))
    jobs = [
        client.render(f"Sentence number {n} is short.", "gmw/en-us", 1.2, tmp_path / f"{n}.wav")
        for n in range(60)
    ]
    qtbot.wait_until(lambda: len(done) == 60, timeout=60_000)
    assert [done[j] for j in jobs if done[j].startswith("FAILED")] == []
    for n in range(60):
        with wave.open(str(tmp_path / f"{n}.wav")) as wav:
            assert wav.getnframes() > 5000, n


def test_the_sentence_being_rendered_is_not_queued_again(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    """Skipping ahead and back drops a narrator's queued work and asks again for the sentence
    half made: that ask waits for the one in progress and gets its answer."""
    done: list[int] = []
    client.rendered.connect(lambda job, path: done.append(job))
    text = " ".join(["A long sentence keeps the engine busy for a while."] * 6)
    out = tmp_path / "long.wav"
    first = client.render(text, "gmw/en-us", 1.0, out)
    assert client.pending() == 1  # being rendered now
    again = client.render(text, "gmw/en-us", 1.0, out)
    slower = client.render(text, "gmw/en-us", 0.8, out)  # not the same sound: its own job
    assert again == first
    assert slower != first
    assert client.pending() == 2
    qtbot.wait_until(lambda: len(done) == 2, timeout=30_000)
    assert done == [first, slower]
    qtbot.wait(300)
    assert done == [first, slower]


def test_bad_voice_is_an_error_reply_and_the_engine_keeps_working(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    assert render(qtbot, client, "Hello.", "mb/mb-en1", tmp_path / "a.wav")[1] == (
        "voice 'mb/mb-en1' is not available"
    )
    assert render(qtbot, client, "Hello.", "gmw/en-us", tmp_path / "b.wav")[1] == "ok"


def test_missing_engine_command_makes_speech_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    client = RenderClient(command=[str(tmp_path / "no-such-program")])
    with qtbot.wait_signal(client.unavailable, timeout=10_000) as blocker:
        client.start()
    assert blocker.args[0].startswith("the speech program could not start")
    failed: list[str] = []
    client.failed.connect(lambda job, reason: failed.append(reason))
    client.render("Hello.", "gmw/en-us", 1.0, tmp_path / "x.wav")
    qtbot.wait_until(lambda: bool(failed))
    assert failed == [client.dead_reason]


def test_engine_that_cannot_start_reports_fatal(qtbot: QtBot) -> None:
    """A Python without pyttsx3's engine: the process says why and speech is unavailable."""
    script = 'print(\'{"fatal": "speech engine failed to start: no espeak"}\')'
    client = RenderClient(command=[sys.executable, "-c", script])
    with qtbot.wait_signal(client.unavailable, timeout=10_000) as blocker:
        client.start()
    assert blocker.args == ["speech engine failed to start: no espeak"]


def test_killed_process_is_restarted_once_then_given_up(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    first = client.pid
    os.kill(first, signal.SIGKILL)
    qtbot.wait_until(lambda: client.is_ready and client.pid not in (0, first), timeout=20_000)
    assert render(qtbot, client, "Still here.", "gmw/en-us", tmp_path / "a.wav")[1] == "ok"
    with qtbot.wait_signal(client.unavailable, timeout=20_000):
        os.kill(client.pid, signal.SIGKILL)
    assert client.dead_reason.startswith("the speech program stopped")


def test_killed_mid_job_the_sentence_is_rendered_after_the_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    client = RenderClient()
    with qtbot.wait_signal(client.ready, timeout=20_000):
        client.start()
    try:
        results: list[tuple[int, str]] = []
        client.rendered.connect(lambda job, path: results.append((job, "ok")))
        long_text = " ".join(["This is a long sentence to keep the engine busy."] * 40)
        job = client.render(long_text, "gmw/en-us", 1.0, tmp_path / "long.wav")
        os.kill(client.pid, signal.SIGKILL)
        qtbot.wait_until(lambda: results == [(job, "ok")], timeout=30_000)
        assert (tmp_path / "long.wav").stat().st_size > 100_000
    finally:
        client.stop()


def test_hung_process_is_killed_and_restarted(qtbot: QtBot, tmp_path: Path) -> None:
    client = RenderClient(job_timeout_ms=300)
    with qtbot.wait_signal(client.ready, timeout=20_000):
        client.start()
    try:
        first = client.pid
        os.kill(first, signal.SIGSTOP)  # frozen: it will never answer
        client.render("Hello.", "gmw/en-us", 1.0, tmp_path / "a.wav")
        qtbot.wait_until(lambda: client.pid not in (0, first) and client.is_ready, timeout=20_000)
        with pytest.raises(ProcessLookupError):  # the frozen one was killed, not left behind
            os.kill(first, 0)
        qtbot.wait_until((tmp_path / "a.wav").exists, timeout=20_000)
    finally:
        client.stop()


def seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def test_slower_speech_is_slower_by_the_kiosks_own_measure(
    client: RenderClient, qtbot: QtBot, tmp_path: Path
) -> None:
    """The kiosk asks for a speed (1.0 normal); the engine turns it into espeak's words per
    minute. The slow sentence takes about 1 / SLOW_SPEED as long (espeak adds a little
    silence of its own, so the match is rough). The speed changes every sentence, as when a
    patient taps Slower and back: each sentence must come out at the speed asked for it (espeak
    once kept the last speed in about one change in four)."""
    text = "Drink small sips of water often, and rest with your legs up for a while."
    ratios = []
    for n in range(12):
        normal, slow = tmp_path / f"normal{n}.wav", tmp_path / f"slow{n}.wav"
        assert render(qtbot, client, text, "gmw/en-us", normal)[1] == "ok"
        assert render(qtbot, client, text, "gmw/en-us", slow, speed=SLOW_SPEED)[1] == "ok"
        ratios.append(round(seconds(slow) / seconds(normal), 2))
    assert all(1.15 < ratio < 1.6 for ratio in ratios), f"slow/normal = {ratios}"


def _niceness(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[16])  # field 19: after the name, the 17th


def test_the_render_process_gives_way_to_the_kiosk(client: RenderClient) -> None:
    """It renders ahead of the reading; a patient's tap on the GUI thread comes first."""
    assert client.pid
    assert _niceness(client.pid) == _niceness(os.getpid()) + NICENESS
