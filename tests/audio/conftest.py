"""Fixtures for tests that listen: a private PulseAudio server the voice plays to.

`sound_server` starts one per test (about 0.1 s) and points this process, and every player the
voice starts, at it alone (PULSE_SERVER, PULSE_RUNTIME_PATH); a developer's own sound server is
never touched. Without pulseaudio, pactl and parec these tests skip, saying what to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio.server import SINK, SKIP_REASON, SoundServer, missing_tools
from tests.voice.conftest import espeak_missing

REQUIRE = "ACHILLES_REQUIRE_SOUND"
"""Set (CI sets it): a missing sound stack fails these tests instead of skipping them."""


def skip_without_sound() -> None:
    reason = None
    missing = missing_tools()
    if missing:
        reason = SKIP_REASON.format(missing=", ".join(missing))
    elif espeak_missing():
        reason = "espeak-ng is not installed (no libespeak-ng): sudo apt-get install espeak-ng"
    if reason is not None:
        if os.environ.get(REQUIRE):
            pytest.fail(f"{reason} ({REQUIRE} is set)")
        pytest.skip(reason)


def start_server(folder: Path, monkeypatch: pytest.MonkeyPatch, sink: str = SINK) -> SoundServer:
    skip_without_sound()
    server = SoundServer(folder, sink)
    server.start()
    for key, value in server.env().items():
        monkeypatch.setenv(key, value)
    return server


@pytest.fixture
def sound_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoundServer]:
    server = start_server(tmp_path / "sound", monkeypatch)
    try:
        yield server
    finally:
        server.stop()
