"""Which tempo word was heard when: a finder of each word's own speech in a recording of the
private sound server (tests/audio: the server, the recorder and the band limit are the voice's).

Measured here: espeak-ng does not render a word the same twice (two renders of "up" correlated
0.44 to 0.81 sample by sample: its output jitters in phase), so a word rendered again for the test
is compared with the recording by spectra over time (`spectra`: log band energies every 10 ms,
100 Hz to 6 kHz), which the jitter leaves alone, rather than by waveform (tests/audio/listen.py,
which matches the very WAVs the voice played): the word said scores 0.92-0.99 against its own
rendering, the other tempo words 0.75 at most. That says which word was heard and when, to 10 ms.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from tests.audio.listen import CUTOFF_HZ, Signal
from tests.audio.server import RATE

__all__ = ["Heard", "Match", "Signal", "spectra"]


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
        last = min(len(self.spectra) - m + 1, round((end - self.origin) * 100))
        best = Match(0.0, start)
        for k in range(first, last):  # [start, end): the next word, due at `end`, is not in it
            r = self.spectra[k : k + m]
            r = r - r.mean()
            denom = float(np.sqrt((r * r).sum() * (t * t).sum()))
            score = float((r * t).sum()) / denom if denom else 0.0
            if score > best.score:
                best = Match(score, self.origin + k / 100)
        return best
