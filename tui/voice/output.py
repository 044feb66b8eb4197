"""The audio output around the player: why it fails, whether it is Bluetooth, keeping it awake.

All of it runs on the speech thread and never waits: `explain` does one local socket connect
(well under a millisecond), `SinkWatch` runs `pactl` as a child it polls, and `KeepAwake` plays a
quiet WAV with the same player, renewed before it ends, and kills it when told.

Why keep it awake: Bluetooth speakers and headphones (and a sound server that suspends an idle
output) swallow the first 0.1-0.5 s after silence, so "three" is heard as "ee". A stream that
never stops, at -72 dBFS (inaudible), keeps the link and the sink running; the cues mix over it
and start as fast as without it.
"""

from __future__ import annotations

import array
import os
import random
import signal
import socket
import sys
import tempfile
import time
import wave
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Literal

from tui.voice import player as players
from tui.voice.player import AudioUnavailable
from tui.voice.render import write_silence
from tui.voice.status import NO_AUDIO, SERVER_DOWN, START_SERVER

KeepAwakeMode = Literal["auto", "on", "off"]
"""The setting: "auto" keeps the output awake only while the default output is Bluetooth."""

ServerState = Literal["up", "down", "absent"]

SERVER_GONE_WORDS = ("connection refused", "connection terminated", "host is down")
"""What paplay / pw-play print when the sound server is not there (or just went away)."""


def server_socket(env: Mapping[str, str]) -> Path | None:
    """The PulseAudio (or pipewire-pulse) socket clients use, if a unix socket is configured."""
    configured = env.get("PULSE_SERVER", "").strip()
    if configured:
        first = configured.split()[0]
        if first.startswith("unix:"):
            return Path(first[len("unix:") :])
        return Path(first) if first.startswith("/") else None
    if env.get("PULSE_RUNTIME_PATH"):
        return Path(env["PULSE_RUNTIME_PATH"]) / "native"
    if env.get("XDG_RUNTIME_DIR"):
        return Path(env["XDG_RUNTIME_DIR"]) / "pulse" / "native"
    return None


def server_state(env: Mapping[str, str] | None = None) -> ServerState:
    """ "up": the sound server takes connections; "down": its socket is there (or configured)
    but refuses them; "absent": no sound server is set up here (plain ALSA)."""
    env = os.environ if env is None else env
    path = server_socket(env)
    if path is None:
        return "absent"
    if not path.exists():
        return "down" if env.get("PULSE_SERVER") else "absent"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        try:
            sock.connect(str(path))
        except OSError:
            return "down"
    return "up"


def explain(failure: AudioUnavailable, env: Mapping[str, str] | None = None) -> AudioUnavailable:
    """Name the real cause of a player failure when it is the sound server not running."""
    told = failure.reason.lower()
    if SERVER_DOWN in told:
        return failure
    said_so = any(words in told for words in SERVER_GONE_WORDS)
    if said_so or server_state(env) == "down":
        detail = failure.reason.removeprefix(NO_AUDIO).strip(" :")
        return AudioUnavailable(f"{NO_AUDIO}: {SERVER_DOWN} {detail}".rstrip(), START_SERVER)
    return failure


def looks_like_bluetooth(sink: str) -> bool:
    """PulseAudio names Bluetooth sinks bluez_sink.*, PipeWire bluez_output.*."""
    return sink.strip().lower().startswith("bluez")


class SinkWatch:
    """Asks `pactl get-default-sink` now and then, without waiting for the answer (spawned like a
    player, so asking costs the speech thread well under a millisecond)."""

    EVERY_S = 30.0
    PATIENCE_S = 5.0

    def __init__(self) -> None:
        self.sink: str | None = None
        self._asking: tuple[players.Child, IO[bytes]] | None = None
        self._asked_at = -1e9

    @property
    def bluetooth(self) -> bool:
        return self.sink is not None and looks_like_bluetooth(self.sink)

    def ask(self) -> None:
        """Start a query unless one runs (pactl missing: the sink stays unknown)."""
        if self._asking is not None:
            return
        self._asked_at = time.monotonic()
        out = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the answer is read
        try:
            pid = os.posix_spawnp(
                "pactl",
                ["pactl", "get-default-sink"],
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, out.fileno(), 1),
                    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                ],
                setsid=True,
            )
        except OSError:
            out.close()
            return
        self._asking = (players.Child(pid), out)

    def poll(self) -> bool:
        """Collect a finished answer; ask again every EVERY_S. True when the answer changed."""
        if self._asking is None:
            if time.monotonic() - self._asked_at >= self.EVERY_S:
                self.ask()
            return False
        child, out = self._asking
        code = child.poll()
        if code is None:
            if time.monotonic() - self._asked_at > self.PATIENCE_S:
                child.signal(signal.SIGKILL)  # a wedged pactl: reaped on the next poll
            return False
        out.seek(0)
        answer = out.read().decode("utf-8", "replace").strip()
        out.close()
        self._asking = None
        sink = answer if code == 0 and answer else None
        changed, self.sink = sink != self.sink, sink
        return changed

    def close(self) -> None:
        if self._asking is not None:
            child, out = self._asking
            child.signal(signal.SIGKILL)
            child.wait()
            out.close()
            self._asking = None


KEEP_AWAKE_S = 20.0
"""Length of the quiet clip the keeper plays; the next starts RENEW_S before it ends."""
RENEW_S = 1.0
KEEP_AWAKE_LEVEL = 8
"""Peak of the keeper's noise in 16-bit units: -72 dBFS, under any room's noise."""


def write_quiet(path: Path, seconds: float = KEEP_AWAKE_S, rate: int = 22050) -> None:
    """Very quiet noise (not digital silence, which some speakers detect and sleep on)."""
    levels = range(-KEEP_AWAKE_LEVEL, KEEP_AWAKE_LEVEL + 1)
    samples = array.array("h", random.Random(7).choices(levels, k=int(seconds * rate)))
    if sys.byteorder == "big":
        samples.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


class KeepAwake:
    """Plays the quiet clip over and over with the cue player while `active`."""

    def __init__(self, command: Sequence[str], workdir: Path) -> None:
        self._command = tuple(command)
        self._path = workdir / "keep-awake.wav"
        self._playing: list[players.Playback] = []
        self._last_start: float | None = None
        self.starts = 0

    @property
    def running(self) -> bool:
        return bool(self._playing)

    def tend(self, active: bool) -> None:
        """Start, renew or stop the clip (cheap: called every few milliseconds while playing)."""
        for playback in [p for p in self._playing if p.poll() is not None]:
            playback.finish()
            self._playing.remove(playback)
        if not active:
            self.stop()
            return
        now = time.monotonic()
        last = self._last_start
        if last is None or now >= last + KEEP_AWAKE_S - RENEW_S:
            self._start(now)
        elif not self._playing and now >= last + 1.0:
            self._start(now)  # it ended early (the player failed): again, at most once a second

    def _start(self, now: float) -> None:
        self._last_start = now
        if not self._path.exists():
            write_quiet(self._path)
        try:
            self._playing.append(players.start(self._command, self._path))
        except AudioUnavailable:
            return
        self.starts += 1

    def stop(self) -> None:
        for playback in self._playing:
            playback.interrupt()
            playback.finish()
        self._playing.clear()
        self._last_start = None


PROBE_TIMEOUT_S = 5.0


class AudioOutput:
    """The player command and what keeps it working: the probe, the sink, the keep-awake clip."""

    def __init__(self, command: Sequence[str], workdir: Path, mode: KeepAwakeMode) -> None:
        self.command = tuple(command)
        self.mode: KeepAwakeMode = mode
        self._probe = workdir / "probe.wav"
        self._awake = KeepAwake(self.command, workdir)
        self._sink = SinkWatch()
        self._mixing = False

    def check(self) -> None:
        """Play 50 ms of silence; AudioUnavailable (its cause named) if the output fails."""
        if not self._probe.exists():
            write_silence(self._probe)
        try:
            players.play(self.command, self._probe, PROBE_TIMEOUT_S)
        except AudioUnavailable as exc:
            raise exc if exc.lasting else explain(exc) from None
        # A keep-awake stream beside the cues needs a server that mixes them (plain ALSA would
        # give the device to the keep-awake clip and refuse every cue).
        self._mixing = server_state() == "up"
        if self.mode == "auto":
            self._sink.ask()

    def tend(self, speaking: bool) -> None:
        """Keep the output awake while it should be and the voice can speak (cheap)."""
        if not self._mixing:
            return
        if self.mode == "auto":
            self._sink.poll()
        wanted = self.mode == "on" or (self.mode == "auto" and self._sink.bluetooth)
        self._awake.tend(wanted and speaking)

    def quiet(self) -> None:
        """Stop the keep-awake clip now (the output failed, or the thread ends)."""
        self._awake.stop()

    @property
    def keeping_awake(self) -> bool:
        return self._awake.running

    @property
    def sink(self) -> str | None:
        return self._sink.sink

    def close(self) -> None:
        self._awake.stop()
        self._sink.close()
