"""Shared pieces for the voice tests: a real audio-player stand-in and the espeak-ng check.

There is no sound card on CI machines, so a tiny Python script stands in for the audio player:
a real subprocess that reads the WAV it is given, logs when it started, lasts (for the audio's
length or a fixed time, counted from its process start, read from /proc: Linux only), optionally
writes an error to stderr, and exits with a chosen status.
"""

from __future__ import annotations

import ctypes.util
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import pytest

STANDIN = r"""
import os, sys, time, wave
start = time.monotonic()
with open("/proc/self/stat") as stat:  # when this process was started (10 ms ticks)
    ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
age = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
opts = dict(zip(sys.argv[1:-1:2], sys.argv[2:-1:2]))
wav = sys.argv[-1]
with wave.open(wav) as w:
    seconds = w.getnframes() / w.getframerate()
if "--log" in opts:
    with open(opts["--log"], "a") as log:
        log.write(f"{start} {seconds} {wav}\n")
if "--stderr" in opts:
    sys.stderr.write(opts["--stderr"])
busy = float(opts.get("--seconds", seconds)) if seconds > 0.1 else seconds
time.sleep(max(0.0, busy - age))
sys.exit(int(opts.get("--exit", "0")))
"""

PlayerFactory = Callable[..., list[str]]


@pytest.fixture
def player(tmp_path: Path) -> PlayerFactory:
    """`player(seconds=None, exit=0, stderr=None, log=None)` -> a player command (WAV appended).

    seconds None: sleep for the audio's real length, like a real player. Either way the voice's
    50 ms start-up check (silence) plays for its real length.
    """
    script = tmp_path / "standin_player.py"
    script.write_text(STANDIN)

    def make(
        seconds: float | None = None,
        exit: int = 0,
        stderr: str | None = None,
        log: Path | None = None,
    ) -> list[str]:
        cmd = [sys.executable, str(script)]
        if seconds is not None:
            cmd += ["--seconds", str(seconds)]
        if exit:
            cmd += ["--exit", str(exit)]
        if stderr is not None:
            cmd += ["--stderr", stderr]
        if log is not None:
            cmd += ["--log", str(log)]
        return cmd

    return make


def espeak_missing() -> bool:
    return (
        ctypes.util.find_library("espeak-ng") is None and ctypes.util.find_library("espeak") is None
    )


needs_espeak = pytest.mark.skipif(
    espeak_missing(),
    reason="espeak-ng is not installed (no libespeak-ng): sudo apt-get install espeak-ng",
)


def rms(path: Path) -> tuple[float, float]:
    """(seconds, RMS as a fraction of full scale) of a mono 16-bit WAV."""
    import array

    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    samples = array.array("h")
    samples.frombytes(frames)
    if not samples:
        return 0.0, 0.0
    mean_square = sum(s * s for s in samples) / len(samples)
    return len(samples) / rate, (mean_square**0.5) / 32768.0
