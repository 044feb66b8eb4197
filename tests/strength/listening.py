"""Hearing the app: a private PulseAudio server with a null sink, a recorder of its monitor, and
a finder of each cue's own speech in the recording.

Written the way the voice branch's listening test works (tests/audio there; it had not landed on
main when part 1 was wired): the server is our own child process with a private runtime folder
and no D-Bus, so a developer's sound server is never touched; `env()` points every client we
start (paplay, parec, pactl) at it alone. The null sink renders in 2 s blocks unless a
low-latency reader is attached, so the recorder reads at 10 ms latency, and the first ~2 s of a
recording never arrive (start it before anything plays). A cue is found where its speech,
rendered again by the same engine with the same settings, matches the recording; both are
band-limited to 6 kHz first (the server resamples 22050 Hz -> 44.1 kHz -> 16 kHz with its own
filter). That says which word was heard and when, to 10 ms.

Measured here: espeak-ng does not render a word the same twice (two renders of "up" correlated
0.44 to 0.81 sample by sample: its output jitters in phase), so words are compared by their
spectra over time (`spectra`: log band energies every 10 ms), which the jitter leaves alone: the
word said scores 0.92-0.99 against its own rendering, the other tempo words 0.75 at most.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import threading
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

SINK = "virt"
RATE = 16_000
"""The recording's rate (mono, 16-bit)."""
BLOCK_S = 0.010
CUTOFF_HZ = 6000.0
TOOLS = ("pulseaudio", "pactl", "parec", "paplay")

Signal = npt.NDArray[np.float64]


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass
class SoundServer:
    """One private server in `folder`: `start()`, `stop()`, `exported()`, `recording()`."""

    folder: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def runtime(self) -> Path:
        return self.folder / "runtime"

    @property
    def socket(self) -> Path:
        return self.runtime / "pulse" / "native"

    def env(self) -> dict[str, str]:
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.runtime / "pulse"),
        }

    def start(self, timeout: float = 10.0) -> None:
        self.runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "DBUS_"))}
        env["XDG_RUNTIME_DIR"] = str(self.runtime)
        log = self.folder / "pulseaudio.log"
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
                    f"--load=module-null-sink sink_name={SINK} rate=44100",
                    f"--load=module-native-protocol-unix socket={self.socket}",
                ],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=out,
                env=env,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"pulseaudio did not start: {log.read_text()[-800:]}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        try:
            done = subprocess.run(
                ["pactl", "info"], env={**os.environ, **self.env()}, capture_output=True, timeout=5
            )
        except subprocess.TimeoutExpired:
            return False
        return done.returncode == 0

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
        """Point this process and every player it starts at this server only, meanwhile."""
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
        recorder = Recorder({**os.environ, **self.env()})
        recorder.start()
        try:
            yield recorder
        finally:
            recorder.stop()


@dataclass
class Recorder:
    """Reads the null sink's monitor (parec, s16le mono 16 kHz, 10 ms latency) on a thread; each
    read stamped with time.monotonic(), so sample i was played at `origin + i / RATE`."""

    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    chunks: list[bytes] = field(default_factory=list)
    arrivals: list[tuple[float, int]] = field(default_factory=list)
    _thread: threading.Thread | None = None
    _total: int = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("parec", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1"),
                *("--latency-msec=10", "-d", f"{SINK}.monitor"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.env,
            start_new_session=True,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        fd, pending = self.process.stdout.fileno(), b""
        while data := os.read(fd, 65536):
            now = time.monotonic()
            data = pending + data
            whole = len(data) - len(data) % 2
            pending = data[whole:]
            self.chunks.append(data[:whole])
            self._total += whole // 2
            self.arrivals.append((now, self._total))

    def wait_started(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self._total < RATE // 10:
            if time.monotonic() > deadline:
                raise RuntimeError("no audio arrived from the null sink's monitor")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(5)
        if self._thread is not None:
            self._thread.join(5)

    @property
    def origin(self) -> float:
        """The monotonic time of sample 0: the read that came with the least delay."""
        return min(at - total / RATE for at, total in self.arrivals) + BLOCK_S

    def signal(self) -> Signal:
        raw = np.frombuffer(b"".join(self.chunks), dtype="<i2").astype(np.float64) / 32768.0
        return band_limit(raw, RATE)


def band_limit(signal: Signal, rate: float, new_rate: float = RATE) -> Signal:
    """Resample to `new_rate` through the spectrum, keeping only what is under CUTOFF_HZ."""
    if len(signal) == 0:
        return signal
    spectrum = np.fft.rfft(signal)
    n = round(len(signal) * new_rate / rate)
    keep = min(len(spectrum), n // 2 + 1)
    spectrum = spectrum[:keep].copy()
    spectrum[np.arange(keep) * (rate / len(signal)) > CUTOFF_HZ] = 0
    result: Signal = np.fft.irfft(spectrum, n) * (n / len(signal))
    return result


def read_wav(path: Path) -> Signal:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, f"{path}: not mono 16-bit"
        frames, rate = w.readframes(w.getnframes()), w.getframerate()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    return band_limit(samples, rate)


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    """Correlation of the spectra, 1.0 for the same sound."""
    onset: float
    """Monotonic time the matched speech began."""


HOP = RATE // 100
"""10 ms between spectra."""
FRAME = 2 * HOP
BANDS = np.geomspace(100.0, CUTOFF_HZ, 25)
FLOOR = 1.0
"""Band energy counted as silence (speech bands are ~1e2-1e5 here), so silence matches nothing."""


def spectra(signal: Signal) -> Signal:
    """Log band energies (24 bands, 100 Hz to 6 kHz) of 20 ms frames every 10 ms."""
    if len(signal) < FRAME:
        return np.zeros((0, len(BANDS) - 1))
    count = 1 + (len(signal) - FRAME) // HOP
    idx = np.arange(FRAME)[None, :] + HOP * np.arange(count)[:, None]
    power = np.abs(np.fft.rfft(signal[idx] * np.hanning(FRAME), axis=1)) ** 2
    freqs = np.fft.rfftfreq(FRAME, 1 / RATE)
    bands = [
        power[:, (freqs >= lo) & (freqs < hi)].sum(axis=1) for lo, hi in itertools.pairwise(BANDS)
    ]
    result: Signal = np.log(np.stack(bands, axis=1) + FLOOR)
    return result


@dataclass(frozen=True, slots=True)
class Heard:
    """A recording as spectra, with the monotonic time of its first sample."""

    spectra: Signal
    origin: float

    @classmethod
    def of(cls, signal: Signal, origin: float) -> Heard:
        return cls(spectra(signal), origin)

    def find(self, word: Signal, start: float, end: float) -> Match:
        """Where in [start, end) (monotonic) the sound begins that best matches `word` (its
        spectra), and how well (correlation of the spectra: 1.0 for the same)."""
        t = spectra(word)
        t = t - t.mean()
        m = len(t)
        first = max(0, round((start - self.origin) * 100))
        last = min(len(self.spectra) - m, round((end - self.origin) * 100))
        best = Match(0.0, start)
        for k in range(first, last + 1):
            r = self.spectra[k : k + m]
            r = r - r.mean()
            denom = float(np.sqrt((r * r).sum() * (t * t).sum()))
            score = float((r * t).sum()) / denom if denom else 0.0
            if score > best.score:
                best = Match(score, self.origin + k / 100)
        return best
