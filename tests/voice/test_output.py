"""Telling why the audio output fails, and whether it is Bluetooth (no sound server needed)."""

from __future__ import annotations

import socket
from pathlib import Path

from tui.voice.output import explain, looks_like_bluetooth, server_socket, server_state
from tui.voice.player import AudioUnavailable
from tui.voice.status import CHECK_AUDIO, START_SERVER

REFUSED = (
    "no working audio output (paplay exited with status 1: Connection failure: Connection refused)"
)


def test_the_socket_clients_use_comes_from_the_same_variables_as_libpulse() -> None:
    assert server_socket({"PULSE_SERVER": "unix:/tmp/x/native"}) == Path("/tmp/x/native")
    assert server_socket({"PULSE_SERVER": "tcp:host:4713"}) is None
    assert server_socket({"PULSE_RUNTIME_PATH": "/run/p"}) == Path("/run/p/native")
    assert server_socket({"XDG_RUNTIME_DIR": "/run/user/1"}) == Path("/run/user/1/pulse/native")
    assert server_socket({}) is None


def test_up_down_or_absent(tmp_path: Path) -> None:
    path = tmp_path / "native"
    assert server_state({"XDG_RUNTIME_DIR": str(tmp_path / "none")}) == "absent"
    assert server_state({"PULSE_SERVER": f"unix:{path}"}) == "down"  # configured, not there
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        listening.listen()
        assert server_state({"PULSE_SERVER": f"unix:{path}"}) == "up"
    # The socket file stays behind when a server is killed: nobody answers it.
    assert path.exists() and server_state({"PULSE_SERVER": f"unix:{path}"}) == "down"


def test_connection_refused_means_the_sound_server_is_not_running() -> None:
    told = explain(AudioUnavailable(REFUSED, CHECK_AUDIO), {})
    assert told.reason.startswith("no working audio output: the sound server is not running (")
    assert "Connection refused" in told.reason
    assert told.hint == START_SERVER and "pulseaudio --start" in told.hint


def test_a_dead_server_is_named_even_when_the_player_cannot_say_so(tmp_path: Path) -> None:
    """aplay through ALSA's pulse plugin only says "audio open error"; the socket tells."""
    path = tmp_path / "native"
    path.touch()
    alsa = "no working audio output (aplay exited with status 1: audio open error: No such file)"
    told = explain(AudioUnavailable(alsa, CHECK_AUDIO), {"PULSE_SERVER": f"unix:{path}"})
    assert "the sound server is not running" in told.reason and told.hint == START_SERVER
    plain = explain(AudioUnavailable(alsa, CHECK_AUDIO), {})
    assert plain.reason == alsa and plain.hint == CHECK_AUDIO  # no server here: the speakers


def test_bluetooth_sinks_by_name() -> None:
    assert looks_like_bluetooth("bluez_sink.00_1B_66_AA_BB_CC.a2dp_sink")
    assert looks_like_bluetooth("bluez_output.00_1B_66_AA_BB_CC.1")  # PipeWire
    assert not looks_like_bluetooth("alsa_output.pci-0000_00_1f.3.analog-stereo")
    assert not looks_like_bluetooth("")
