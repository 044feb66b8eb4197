"""Finding which cue was heard when, in a recording of the null sink.

Onsets alone do not say which word was heard, and a quiet first sound ("th" of "three") fools an
energy threshold by 60-80 ms. So each expected cue's own speech (rendered again with the same
engine and settings) is searched for in the recording by normalised cross-correlation: a cue is
heard where its waveform matches (score near 1.0; other words score well below), which gives
its onset to the sample. Both are band-limited to 6 kHz first, since the sound server resamples
(22050 Hz -> 44.1 kHz -> 16 kHz) with its own filter.

Texts that sound the same ("3" and "three") form one sound class: a match says which class was
heard, and `schedule.py` decides which cue it was from the times.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tests.audio.server import RATE

Signal = npt.NDArray[np.float64]

CUTOFF_HZ = 6000.0
MATCH = 0.8
"""A window of the recording scoring at least this against a cue's speech is that cue heard."""
SAME_SOUND = 0.9
"""Two texts whose speech scores this against each other sound the same (one class)."""
VOICED_RMS = 0.01
"""10 ms frames louder than this (fraction of full scale) are sound, for `unexplained`."""


def band_limit(signal: Signal, rate: float, new_rate: float = RATE) -> Signal:
    """Resample to `new_rate` through the spectrum, keeping only what is under CUTOFF_HZ."""
    if len(signal) == 0:
        return signal
    spectrum = np.fft.rfft(signal)
    n = round(len(signal) * new_rate / rate)
    keep = min(len(spectrum), n // 2 + 1)
    spectrum = spectrum[:keep].copy()
    spectrum[np.arange(keep) * (rate / len(signal)) > CUTOFF_HZ] = 0
    return np.fft.irfft(spectrum, n) * (n / len(signal))


def read_wav(path: Path) -> Signal:
    """A mono 16-bit WAV, band-limited and at the recording's rate."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise ValueError(f"{path}: expected mono 16-bit audio")
        frames = w.readframes(w.getnframes())
        rate = w.getframerate()
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    return band_limit(samples, rate)


def from_raw(data: bytes) -> Signal:
    """The recorder's raw s16le samples, band-limited."""
    samples = np.frombuffer(data, dtype="<i2").astype(np.float64) / 32768.0
    return band_limit(samples, RATE)


@dataclass(frozen=True, slots=True)
class Match:
    """One stretch of the recording that is a sound class's speech."""

    sound: str
    """The class: the first text of it (`Listener.classes`)."""
    onset: float
    """Monotonic time the first sample of the cue's WAV was played."""
    seconds: float
    score: float

    @property
    def end(self) -> float:
        return self.onset + self.seconds


class Listener:
    """The recording (`origin`: monotonic time of its sample 0) and the speech of every text."""

    def __init__(self, recording: Signal, origin: float, speech: dict[str, Signal]) -> None:
        self.recording = recording
        self.origin = origin
        self.classes = sound_classes(speech)
        self.speech = {name: speech[name] for name in self.classes}
        self._size = 1 << int(np.ceil(np.log2(len(recording) + max(map(len, speech.values())))))
        self._spectrum = np.fft.rfft(recording, self._size)
        energy = np.concatenate([[0.0], np.cumsum(recording**2)])
        self._energy = energy

    def sound_of(self, text: str) -> str:
        for name, texts in self.classes.items():
            if text in texts:
                return name
        raise KeyError(text)

    def scores(self, name: str) -> Signal:
        """Normalised cross-correlation of a class's speech at every offset of the recording."""
        tpl = self.speech[name]
        m = len(tpl)
        if m > len(self.recording):
            return np.zeros(0)
        product = self._spectrum * np.conj(np.fft.rfft(tpl, self._size))
        corr = np.fft.irfft(product, self._size)[: len(self.recording) - m + 1]
        window = np.sqrt(np.maximum(self._energy[m:] - self._energy[:-m], 1e-12))
        scores: Signal = corr / (window * max(float(np.linalg.norm(tpl)), 1e-12))
        return scores

    def matches(self) -> list[Match]:
        """Every place some class's speech was heard, best first resolving overlaps, by onset."""
        found: list[Match] = []
        for name, tpl in self.speech.items():
            found += self._peaks(name, self.scores(name), len(tpl))
        found.sort(key=lambda m: -m.score)
        kept: list[Match] = []
        for match in found:
            if all(
                _overlap(match, other) < 0.3 * min(match.seconds, other.seconds) for other in kept
            ):
                kept.append(match)
        return sorted(kept, key=lambda m: m.onset)

    def _peaks(self, name: str, scores: Signal, length: int) -> list[Match]:
        peaks: list[Match] = []
        above = np.flatnonzero(scores >= MATCH)
        start = 0
        while start < len(above):  # one match per run of offsets, at its best score
            end = start
            while end + 1 < len(above) and above[end + 1] - above[end] < length // 2:
                end += 1
            run = above[start : end + 1]
            best = int(run[np.argmax(scores[run])])
            peaks.append(Match(name, self.origin + best / RATE, length / RATE, float(scores[best])))
            start = end + 1
        return peaks

    def unexplained(self, matches: list[Match]) -> list[tuple[float, float]]:
        """Stretches of sound longer than 50 ms that no match covers (a word nobody expected,
        two players at once, noise): runs of 10 ms frames louder than VOICED_RMS outside every
        match."""
        frame = RATE // 100
        n = len(self.recording) // frame
        rms = np.sqrt(np.mean(self.recording[: n * frame].reshape(n, frame) ** 2, axis=1))
        loose = rms > VOICED_RMS
        for m in matches:
            first = max(0, int((m.onset - self.origin) * 100) - 1)
            loose[first : int(np.ceil((m.end - self.origin) * 100))] = False
        spans: list[tuple[float, float]] = []
        for i in np.flatnonzero(loose):
            t = self.origin + float(i) / 100
            if spans and abs(t - spans[-1][1]) < 0.005:
                spans[-1] = (spans[-1][0], t + 0.01)
            else:
                spans.append((t, t + 0.01))
        return [(a, b) for a, b in spans if b - a > 0.05]


def _overlap(a: Match, b: Match) -> float:
    return max(0.0, min(a.end, b.end) - max(a.onset, b.onset))


def similarity(a: Signal, b: Signal) -> float:
    """The best normalised cross-correlation of two short signals at any offset."""
    if len(a) < len(b):
        a, b = b, a
    size = 1 << int(np.ceil(np.log2(len(a) + len(b))))
    corr = np.fft.irfft(np.fft.rfft(a, size) * np.conj(np.fft.rfft(b, size)), size)
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.max(np.abs(corr))) / max(norm, 1e-12)


def sound_classes(speech: dict[str, Signal]) -> dict[str, tuple[str, ...]]:
    """Group texts whose speech is the same sound; each class is named by its first text."""
    classes: dict[str, list[str]] = {}
    for text, signal in speech.items():
        for name, members in classes.items():
            if (
                abs(len(signal) - len(speech[name])) <= RATE // 100
                and similarity(signal, speech[name]) >= SAME_SOUND
            ):
                members.append(text)
                break
        else:
            classes[text] = [text]
    return {name: tuple(members) for name, members in classes.items()}
