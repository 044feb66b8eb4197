"""Keeping the output awake for Bluetooth: on by itself when the default output looks like
Bluetooth (PulseAudio calls those sinks bluez_sink.*), off otherwise, and never in the way.

The private server's null sink is named like a Bluetooth sink here; a real headset cannot be
tested on CI, so what is checked is what the app controls: a quiet stream plays between cues (it
keeps a real Bluetooth link and a suspending sound server awake), stops while muted, is never
heard as sound, and the cues play over it as quickly and exactly as without it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio.conftest import start_server
from tests.audio.listen import Listener, from_raw, read_wav
from tests.audio.server import SoundServer
from tui.voice import SpeechThread
from tui.voice.output import KeepAwakeMode

BLUEZ = "bluez_sink.00_1B_66_AA_BB_CC.a2dp_sink"


@pytest.fixture
def bluetooth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SoundServer]:
    server = start_server(tmp_path / "bt", monkeypatch, sink=BLUEZ)
    try:
        yield server
    finally:
        server.stop()


def voice_on(player: tuple[str, ...], mode: KeepAwakeMode, wavs: Path) -> SpeechThread:
    voice = SpeechThread(player=player, keep_awake=mode, workdir=wavs)
    assert voice.wait_ready(15).state == "ok"
    return voice


def settle(seconds: float = 1.5) -> None:
    time.sleep(seconds)  # pactl answers within milliseconds; the speech thread looks every 0.5 s


def test_auto_keeps_a_bluetooth_output_awake_and_cues_play_over_it_exactly(
    bluetooth: SoundServer, tmp_path: Path
) -> None:
    assert bluetooth.default_sink() == BLUEZ
    voice = voice_on(("paplay",), "auto", tmp_path / "wavs")
    try:
        settle()
        assert voice.default_sink == BLUEZ
        assert voice.keeping_awake and bluetooth.streams() == 1
        with bluetooth.recording() as recorder:
            recorder.wait_started()
            time.sleep(0.5)
            said_at = time.monotonic()
            voice.say("three")
            assert voice.wait_idle(5)
            time.sleep(0.5)
        (timing,) = voice.stats().timings
        listener = Listener(
            from_raw(recorder.samples),
            recorder.origin,
            {"three": read_wav(tmp_path / "wavs" / timing.wav)},
        )
        (match,) = listener.matches()
        assert match.score > 0.95, "the cue is heard as it is, over the quiet stream"
        assert match.onset - said_at < 0.15
        assert listener.unexplained([match]) == [], "the keep-awake stream is never heard"

        voice.muted = True
        settle(1.0)
        assert not voice.keeping_awake and bluetooth.streams() == 0
        voice.muted = False
        settle(1.0)
        assert voice.keeping_awake
    finally:
        voice.close()
    assert bluetooth.streams() == 0, "closing the voice ends the keep-awake stream"


def test_off_never_keeps_it_awake_even_on_bluetooth(bluetooth: SoundServer, tmp_path: Path) -> None:
    voice = voice_on(("paplay",), "off", tmp_path / "wavs")
    try:
        settle()
        assert not voice.keeping_awake and bluetooth.streams() == 0
        voice.configure(keep_awake="on")
        settle(1.0)
        assert voice.keeping_awake and bluetooth.streams() == 1
    finally:
        voice.close()


def test_auto_leaves_an_ordinary_output_alone(sound_server: SoundServer, tmp_path: Path) -> None:
    voice = voice_on(("aplay", "-q"), "auto", tmp_path / "wavs")
    try:
        settle()
        assert voice.default_sink == "virt"
        assert not voice.keeping_awake and sound_server.streams() == 0
    finally:
        voice.close()
