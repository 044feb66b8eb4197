"""A private PulseAudio server with a null sink, and a recorder of what it plays.

Tests and benchmarks hear the app through it: the server runs as our own child process with a
private runtime folder (mode 700) and no D-Bus, so it never meets a developer's desktop server,
and `env()` gives the variables (PULSE_SERVER, PULSE_RUNTIME_PATH) that point every client we
start (paplay, the ALSA pulse plugin behind aplay, parec, pactl) at it and nowhere else.

Facts it relies on (PulseAudio 16, see /work/shared/notes/VOICE-AND-STORE.md): the null sink
renders in 2 s blocks unless a low-latency reader is attached, so `Recorder` reads its monitor at
10 ms latency; the first ~2 s of a recording are never delivered, so start recording 2.5 s before
anything is played; the pulseaudio package routes ALSA's default device to the server while it runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SINK = "virt"
RATE = 16_000
"""The recording's sample rate (mono, 16-bit)."""
BLOCK_S = 0.010
"""The recorder's latency: the monitor delivers blocks of this length."""
RECORD_LEAD_S = 2.5
"""Start recording this long before anything is played (the first ~2 s are never delivered)."""
TOOLS = ("pulseaudio", "pactl", "parec")


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


SKIP_REASON = (
    "needs a PulseAudio server (missing: {missing}): "
    "sudo apt-get install pulseaudio pulseaudio-utils alsa-utils libasound2-plugins"
)


class SoundServerError(RuntimeError):
    """The private server did not start (the message says what it printed)."""


@dataclass
class SoundServer:
    """One private server in `folder`; `start()`, `kill()` (as a crash would), `stop()`."""

    folder: Path
    sink: str = SINK
    """The null sink's name (the default output); e.g. "bluez_sink.*" to look like Bluetooth."""
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def runtime(self) -> Path:
        return self.folder / "runtime"

    @property
    def socket(self) -> Path:
        return self.runtime / "pulse" / "native"

    def env(self) -> dict[str, str]:
        """What points a client at this server only (merge into os.environ)."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime / "pulse"),
        }

    def client_env(self) -> dict[str, str]:
        return {**os.environ, **self.env()}

    def start(self, timeout: float = 10.0) -> None:
        """Start the server (again, after `kill`) and wait until `pactl info` answers."""
        if self.process is not None and self.process.poll() is None:
            return
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        log = self.folder / f"pulseaudio-{self.starts}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "DBUS_"))}
        env["XDG_RUNTIME_DIR"] = str(self.runtime)
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [
                    "pulseaudio",
                    "--daemonize=no",
                    "-n",
                    "--exit-idle-time=-1",
                    "--disallow-exit",
                    "--system=false",
                    "--use-pid-file=no",
                    f"--load=module-null-sink sink_name={self.sink} rate=44100",
                    f"--load=module-native-protocol-unix socket={self.socket}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                env=env,
                start_new_session=True,
            )
        self.starts += 1
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SoundServerError(
                    f"pulseaudio did not start: {log.read_text(errors='replace')[-800:]}"
                )
            time.sleep(0.05)

    def answers(self) -> bool:
        """True when the server takes a client connection (`pactl info`)."""
        try:
            done = subprocess.run(
                ["pactl", "info"],
                env=self.client_env(),
                capture_output=True,
                timeout=5,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False
        return done.returncode == 0

    def streams(self) -> int:
        """How many streams play to the server now (`pactl list short sink-inputs`)."""
        done = subprocess.run(
            ["pactl", "list", "short", "sink-inputs"],
            env=self.client_env(),
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        return len([line for line in done.stdout.splitlines() if line.strip()])

    def default_sink(self) -> str:
        done = subprocess.run(
            ["pactl", "get-default-sink"],
            env=self.client_env(),
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        return done.stdout.strip()

    def kill(self) -> None:
        """End the server abruptly (SIGKILL), as a crash would; its socket file stays behind."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(5)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    @contextlib.contextmanager
    def exported(self) -> Iterator[None]:
        """Point this process and every child it starts (the app's players) at this server only,
        restoring the environment afterwards."""
        saved = {key: os.environ.get(key) for key in self.env()}
        os.environ.update(self.env())
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    @contextlib.contextmanager
    def recording(self) -> Iterator[Recorder]:
        recorder = Recorder(self.client_env(), self.sink)
        recorder.start()
        try:
            yield recorder
        finally:
            recorder.stop()


@dataclass
class Arrival:
    """`samples` samples in total had arrived at monotonic time `at`."""

    at: float
    samples: int


@dataclass
class Recorder:
    """Reads the null sink's monitor (parec, raw s16le mono 16 kHz, 10 ms latency) on a thread.

    Every read is stamped with time.monotonic(); sample i of the recording was played at
    `origin + i / RATE`. The reads come in 10 ms blocks (`--latency-msec=10`) that the null sink
    renders when their period begins, so a block arrives about when its first sample is due:
    `origin` is the smallest (arrival - samples / RATE) seen, the read that came with the least
    delay, plus one block. Times are good to a few milliseconds.
    """

    env: dict[str, str]
    sink: str = SINK
    process: subprocess.Popen[bytes] | None = None
    chunks: list[bytes] = field(default_factory=list)
    arrivals: list[Arrival] = field(default_factory=list)
    _thread: threading.Thread | None = None
    _total: int = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "parec",
                "--raw",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
                "-d",
                f"{self.sink}.monitor",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
            start_new_session=True,
        )
        self._thread = threading.Thread(target=self._read, name="monitor-recorder", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        pending = b""
        while True:
            data = os.read(fd, 65536)
            now = time.monotonic()
            if not data:
                return
            data = pending + data
            whole = len(data) - len(data) % 2
            pending = data[whole:]
            self.chunks.append(data[:whole])
            self._total += whole // 2
            self.arrivals.append(Arrival(now, self._total))

    def wait_started(self, timeout: float = 10.0) -> None:
        """Wait until samples flow (the first ~2 s of a recording never arrive)."""
        deadline = time.monotonic() + timeout
        while self._total < RATE // 10:
            if time.monotonic() > deadline:
                raise SoundServerError("no audio arrived from the monitor of the null sink")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(5)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(5)
        if self._thread is not None:
            self._thread.join(5)
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()

    @property
    def samples(self) -> bytes:
        return b"".join(self.chunks)

    @property
    def origin(self) -> float:
        """The monotonic time of sample 0 (see the class docstring)."""
        return min(a.at - a.samples / RATE for a in self.arrivals) + BLOCK_S

    def lost(self) -> float:
        """Seconds of audio that never arrived (a dropout makes every later read look late by
        that much): the quickest read of the last 200 against the quickest of the first 200."""
        offsets = [a.at - a.samples / RATE for a in self.arrivals]
        if len(offsets) < 2:
            return 0.0
        window = max(1, min(200, len(offsets) // 4))
        return max(0.0, min(offsets[-window:]) - min(offsets[:window]))

    def jitter(self) -> float:
        """The largest delay of a read beyond the quickest one, seconds (a dropout shows here)."""
        origin = self.origin
        return max(a.at - a.samples / RATE - origin for a in self.arrivals)
