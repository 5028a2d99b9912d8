"""The render process: owns pyttsx3 on its own main thread and renders one sentence at a time.

Run as `python -m kiosk.narration.worker`. Protocol: one JSON object per line each way.
  start-up reply: {"ready": true, "engine": "espeak", "voices": [{"id", "name", "languages"}]}
                  or {"fatal": "reason"} and exit 1
  request:        {"id": 7, "text": "...", "voice": "gmw/en-us", "rate": 165, "out": "/x.wav"}
  reply:          {"id": 7, "ok": true, "frames": 41234, "rate_hz": 22050}
                  or {"id": 7, "ok": false, "error": "reason"}
stdout carries only the protocol: the driver's own prints ("Audio saved to ...") go to stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

FINISH_TIMEOUT_S = 10.0  # below the kiosk's own job timeout, so the answer comes from here
IDLE_WAIT_S = 5.0
# A silent WAV is a race in espeak's driver, rarer after waiting for it to be idle but not gone
# on a busy machine (two in a row seen while another process took the CPU): try a few times,
# pausing a little longer each time.
SILENT_TRIES = 4
SILENT_PAUSE_S = 0.05
# The render process works ahead of the reading (the next sentences, a new language's page):
# it gives way to the kiosk's GUI thread when both want the CPU, so a tap is not kept waiting
# behind speech nobody has asked for yet.
NICENESS = 10


def _protocol_stream() -> TextIO:
    """Keep the real stdout for the protocol and send everything else printed to stderr."""
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return protocol


def wav_frames(path: Path) -> tuple[int, int]:
    """(frames, sample rate) of a WAV file; (0, 0) if it is not a readable WAV."""
    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes(), wav.getframerate()
    except (OSError, EOFError, wave.Error):
        return 0, 0


def _espeak_busy_probe(engine_name: str) -> Callable[[], bool]:
    """True while espeak's own queue has work (only the espeak driver has one to wait for)."""
    if engine_name != "espeak":
        return lambda: False
    from pyttsx3.drivers import _espeak  # noqa: PLC0415 - only with the espeak driver

    return lambda: bool(_espeak.IsPlaying())


class Renderer:
    """One pyttsx3 engine, used strictly one job at a time."""

    def __init__(self) -> None:
        import pyttsx3  # noqa: PLC0415 - imported here so a missing engine becomes a fatal reply

        self.engine = pyttsx3.init()
        self.engine_name = type(self.engine.proxy._driver).__module__.rsplit(".", 1)[-1]
        self._espeak_busy = _espeak_busy_probe(self.engine_name)
        self.voices = [
            {"id": v.id, "name": v.name, "languages": [str(x) for x in (v.languages or [])]}
            for v in self.engine.getProperty("voices")
            if not str(v.id).startswith("mb/")  # MBROLA voices fail without MBROLA installed
        ]
        self._ids = {v["id"] for v in self.voices}
        self._done = threading.Event()
        self._rendered_any = False
        self._error: str = ""
        self.engine.connect("finished-utterance", self._finished)
        self.engine.connect("error", self._failed)
        sys.unraisablehook = self._unraisable

    def _unraisable(self, info: sys.UnraisableHookArgs) -> None:
        """pyttsx3 raises inside espeak's callback when it cannot save the WAV (a full disk, the
        folder deleted meanwhile): Python only prints that, and the engine's loop would never
        end (the kiosk then kills the process as hung). End the job at once, with the reason."""
        sys.__unraisablehook__(info)  # still printed on stderr, which the kiosk logs
        self._error = str(info.exc_value or "engine error")
        with contextlib.suppress(RuntimeError):  # the loop may have ended already
            self.engine.endLoop()
        self._done.set()

    def _finished(self, name: str | None = None, completed: bool = True) -> None:
        self._done.set()

    def _failed(self, name: str | None = None, exception: Exception | None = None) -> None:
        self._error = str(exception or "engine error")
        self._done.set()

    def _wait_idle(self) -> None:
        # Starting a job while espeak is still busy with the last gives silent WAVs now and then.
        # (Before the first job the driver reports busy until its loop first runs: no wait.)
        if not self._rendered_any:
            return
        deadline = time.monotonic() + IDLE_WAIT_S
        while self.engine.isBusy() and time.monotonic() < deadline:
            time.sleep(0.002)

    def _wait_settings_applied(self) -> None:
        """espeak takes a new speed through its own command queue. While that queue is still
        working, espeak says it is playing, and pyttsx3's loop start then cancels "the playing
        sound", which throws the new speed away: the sentence comes out at the last speed (seen
        in about one job in four when the speed changes). Wait for the queue to be empty."""
        deadline = time.monotonic() + IDLE_WAIT_S
        while self._espeak_busy() and time.monotonic() < deadline:
            time.sleep(0.001)

    def render(self, text: str, voice: str, rate: int, out: Path) -> dict[str, Any]:
        """Render text to out (via a temporary name); check it has sound before it lands."""
        if voice not in self._ids:
            return {"ok": False, "error": f"voice '{voice}' is not available"}
        if not text.strip():
            return {"ok": False, "error": "nothing to say"}
        tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
        try:  # the engine hangs rather than fail on a path it cannot write: check first
            tmp.write_bytes(b"")
        except OSError as exc:
            return {"ok": False, "error": f"cannot write {out}: {exc.strerror}"}
        for attempt in range(SILENT_TRIES):
            if attempt:
                time.sleep(SILENT_PAUSE_S * attempt)
            self._wait_idle()
            self._done.clear()
            self._error = ""
            self.engine.setProperty("voice", voice)
            self.engine.setProperty("rate", rate)
            self._wait_settings_applied()
            self.engine.save_to_file(text, str(tmp))
            self.engine.runAndWait()
            self._rendered_any = True
            if not self._done.wait(FINISH_TIMEOUT_S):
                tmp.unlink(missing_ok=True)
                return {"ok": False, "error": "the engine did not finish"}
            if self._error:
                tmp.unlink(missing_ok=True)
                return {"ok": False, "error": self._error}
            frames, rate_hz = wav_frames(tmp)
            if frames > 0:
                try:
                    tmp.replace(out)
                except OSError as exc:
                    tmp.unlink(missing_ok=True)
                    return {"ok": False, "error": f"cannot write {out}: {exc.strerror}"}
                return {"ok": True, "frames": frames, "rate_hz": rate_hz}
        tmp.unlink(missing_ok=True)
        return {"ok": False, "error": "the engine produced silence"}


def serve(stdin: TextIO, protocol: TextIO) -> int:
    """Answer requests until stdin closes."""

    def reply(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    try:
        renderer = Renderer()
    except Exception as exc:
        reply({"fatal": f"speech engine failed to start: {exc}"})
        return 1
    reply({"ready": True, "engine": renderer.engine_name, "voices": renderer.voices})
    for line in stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            job = request["id"]
            result = renderer.render(
                str(request["text"]),
                str(request["voice"]),
                int(request["rate"]),
                Path(request["out"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            reply({"id": None, "ok": False, "error": f"bad request: {exc}"})
            continue
        reply({"id": job, **result})
    return 0


def step_back() -> None:
    """Run at a lower CPU priority than the kiosk that started it (where the system allows)."""
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows
        os.nice(NICENESS)


def main() -> int:
    """Entry point of the render process."""
    step_back()
    protocol = _protocol_stream()
    return serve(sys.stdin, protocol)


if __name__ == "__main__":
    raise SystemExit(main())
