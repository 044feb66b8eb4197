"""`achilles voice`, run as the runner would run it (a subprocess)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import wave
from pathlib import Path

from tests.voice.conftest import PlayerFactory, needs_espeak, rms

ROOT = Path(__file__).resolve().parents[2]


def achilles(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "voice", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@needs_espeak
def test_voice_to_wav_writes_speech(tmp_path: Path) -> None:
    out = tmp_path / "out.wav"
    proc = achilles("--to", str(out), "--say", "hello")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"Wrote the speech to {out}.\n" and proc.stderr == ""
    with wave.open(str(out), "rb") as w:
        assert w.getnchannels() == 1 and w.getframerate() == 22050
    seconds, level = rms(out)
    assert 0.15 < seconds < 1.5 and level > 0.02


@needs_espeak
def test_voice_list_shows_installed_voices() -> None:
    proc = achilles("--list")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) >= 1
    assert any(line.split()[0].endswith("/en") for line in lines), lines[:5]


@needs_espeak
def test_voice_speaks_through_a_working_player(player: PlayerFactory, tmp_path: Path) -> None:
    log = tmp_path / "played.log"
    command = shlex.join(player(log=log))
    proc = achilles("--say", "Set one of two.", "--player", command)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Said: 'Set one of two.'")
    assert len(log.read_text().splitlines()) == 2  # the start-up check, then the sentence


@needs_espeak
def test_voice_says_plainly_why_it_cannot_speak(player: PlayerFactory) -> None:
    failing = player(exit=1, stderr="aplay: main:831: audio open error: No such file or directory")
    proc = achilles(env={"ACHILLES_AUDIO_PLAYER": shlex.join(failing)})
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("achilles: No voice: no working audio output")
    assert "audio open error" in proc.stderr and "To get it:" in proc.stderr
    assert "on-screen captions" in proc.stderr


@needs_espeak
def test_voice_without_any_player(tmp_path: Path) -> None:
    proc = achilles(env={"PATH": str(tmp_path), "ACHILLES_AUDIO_PLAYER": ""})
    assert proc.returncode == 1
    assert "no audio player found" in proc.stderr and "alsa-utils" in proc.stderr
