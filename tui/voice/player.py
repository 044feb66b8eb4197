"""Playing a WAV file with an external audio player, and telling whether audio output works.

The player runs as a child process (posix_spawn) in its own session, with stdin and stdout on
/dev/null and stderr captured to a temporary file (never the terminal, and no pipe that could fill
up). A non-zero exit that we did not cause means there is no working audio output; its stderr is
summarised into the reason shown to the runner.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tui.voice.status import CHECK_AUDIO, INSTALL_PLAYER, NO_AUDIO

PLAYER_ENV = "ACHILLES_AUDIO_PLAYER"
"""Environment variable naming a player command (e.g. "mpv --really-quiet"); the WAV is appended."""

CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("paplay",),
    ("pw-play",),
    ("aplay", "-q"),
    ("afplay",),
)


class AudioUnavailable(Exception):
    """No working audio output; `reason` and `hint` are plain English. `lasting`: it will not
    come back by itself (no player installed), so checking again is pointless."""

    def __init__(self, reason: str, hint: str | None, *, lasting: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.lasting = lasting


def find_player(environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The player command to use: $ACHILLES_AUDIO_PLAYER, else the first installed candidate."""
    env = os.environ if environ is None else environ
    configured = env.get(PLAYER_ENV, "").strip()
    if configured:
        return tuple(shlex.split(configured))
    path = env.get("PATH", os.defpath)
    for command in CANDIDATES:
        if shutil.which(command[0], path=path):
            return command
    names = ", ".join(c[0] for c in CANDIDATES)
    reason = f"{NO_AUDIO}: no audio player found (looked for {names})"
    raise AudioUnavailable(reason, INSTALL_PLAYER, lasting=True)


class Child:
    """A process started with posix_spawn: poll, wait and signal it by its pid.

    posix_spawn rather than subprocess.Popen: Popen runs a page of Python around its fork and
    waits on a pipe for the exec, so in a busy app (the UI thread holding the GIL) starting a
    player took 13-40 ms; posix_spawn is one call, 0.5-8 ms (bench/README.md).
    """

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: treat as gone
                self.returncode = -1
                return self.returncode
            if pid != 0:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """The exit status; TimeoutError if it is still running after `timeout` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise TimeoutError(f"process {self.pid} still running")
            time.sleep(0.002)
        return code

    def signal(self, sig: int, *, group: bool = True) -> None:
        if self.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if group:
                os.killpg(self.pid, sig)
            else:
                os.kill(self.pid, sig)


@dataclass
class Playback:
    """One running player process."""

    process: Child
    errors: IO[bytes]
    name: str
    interrupted: bool = False

    def poll(self) -> int | None:
        return self.process.poll()

    def interrupt(self) -> None:
        """Stop it now (mute, close, or an urgent cue); the exit is then not a failure."""
        self.interrupted = True
        self.process.signal(signal.SIGTERM)
        try:
            self.process.wait(0.5)
        except TimeoutError:
            self.process.signal(signal.SIGKILL)
            self.process.wait()

    def finish(self) -> None:
        """Reap the process and close the captured stderr."""
        if self.process.poll() is None:
            self.process.signal(signal.SIGKILL)
            self.process.wait()
        self.errors.close()

    def failure(self, returncode: int) -> AudioUnavailable:
        self.errors.seek(0)
        summary = summarise(self.errors.read().decode("utf-8", "replace"))
        detail = f"{self.name} exited with status {returncode}"
        if summary:
            detail += f": {summary}"
        return AudioUnavailable(f"{NO_AUDIO} ({detail})", CHECK_AUDIO)


def start(command: Sequence[str], wav: Path) -> Playback:
    """Start playing `wav`; AudioUnavailable if the player cannot even be started.

    The player gets its own session (so it and its children can be stopped together), stdin and
    stdout on /dev/null and stderr in a temporary file; no other file descriptor (Python opens
    them all non-inheritable)."""
    name = Path(command[0]).name if command else "player"
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Playback.finish
    try:
        if not command:
            raise FileNotFoundError(2, "no player command")
        pid = os.posix_spawnp(
            command[0],
            [*command, str(wav)],
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_DUP2, errors.fileno(), 2),
            ],
            setsid=True,
        )
    except OSError as exc:
        errors.close()
        raise AudioUnavailable(
            f"{NO_AUDIO}: the audio player {name!r} could not be started ({exc.strerror or exc})",
            INSTALL_PLAYER,
            lasting=True,
        ) from exc
    return Playback(Child(pid), errors, name)


def play(command: Sequence[str], wav: Path, timeout: float) -> None:
    """Play `wav` to the end; AudioUnavailable if the player fails or hangs."""
    playback = start(command, wav)
    try:
        try:
            code = playback.process.wait(timeout)
        except TimeoutError:
            playback.interrupt()
            raise AudioUnavailable(
                f"{NO_AUDIO} ({playback.name} did not finish within {timeout:.0f} s)", CHECK_AUDIO
            ) from None
        if code != 0:
            raise playback.failure(code)
    finally:
        playback.finish()


def summarise(stderr: str, limit: int = 160) -> str:
    """The most telling line of a player's error output, shortened.

    Prefers a line naming an error that is not ALSA library noise ("ALSA lib ..." lines come by
    the dozen on machines without a sound card).
    """
    lines = [" ".join(line.split()) for line in stderr.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    own = [line for line in lines if not line.startswith("ALSA lib")] or lines
    errors = [line for line in own if "error" in line.lower() or "fail" in line.lower()]
    best = (errors or own)[-1]
    return best if len(best) <= limit else best[: limit - 3] + "..."
