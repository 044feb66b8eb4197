"""The listener and the judge are strict: a missing, doubled, swapped or late rep number fails.

Recordings are built here from real espeak-ng speech (resampled another way than the listener
does, with noise added), placed where a test wants them; no sound server is needed.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from session.effects import CueKind
from tests.audio.listen import Listener, Signal, band_limit, read_wav
from tests.audio.schedule import Expected, Verdict, judge
from tests.audio.server import RATE
from tests.voice.conftest import needs_espeak
from tui.voice.render import Renderer, start_engine

TEXTS = ["1", "2", "3", "4", "5", "one", "go"]
KNOWN = TEXTS[:-1]
"""The listener knows these; "go" stands for a sound no cue explains."""
CADENCE = 1.2
ORIGIN = 500.0
"""The monotonic time of the recording's first sample."""


@pytest.fixture(scope="module")
def wavs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("speech")
    renderer = Renderer(start_engine())
    try:
        renderer.configure(rate=170)
        paths = {text: folder / f"{n}.wav" for n, text in enumerate(TEXTS)}
        for text, path in paths.items():
            renderer.render(text, path)
    finally:
        renderer.close()
    return paths


def as_played(path: Path) -> Signal:
    """The WAV as a sound server might pass it on: resampled linearly to 16 kHz, at 80%."""
    with wave.open(str(path), "rb") as w:
        rate, frames = w.getframerate(), w.readframes(w.getnframes())
    x = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    n = round(len(x) * RATE / rate)
    return 0.8 * np.interp(np.arange(n) * rate / RATE, np.arange(len(x)), x)


def recording(wavs: dict[str, Path], placed: list[tuple[str, float]]) -> Signal:
    total = np.random.default_rng(3).normal(0.0, 0.002, int(12 * RATE))
    for text, at in placed:
        sound = as_played(wavs[text])
        start = int((at - ORIGIN) * RATE)
        total[start : start + len(sound)] += sound
    return band_limit(total, RATE)


def reps(n: int = 5) -> list[Expected]:
    due = [ORIGIN + 2 + k * CADENCE for k in range(n)]
    return [Expected(str(k + 1), CueKind.REP, due[k], due[k] + CADENCE, k) for k in range(n)]


def verdict(wavs: dict[str, Path], placed: list[tuple[str, float]]) -> Verdict:
    speech = {text: read_wav(wavs[text]) for text in KNOWN}
    return judge(reps(), Listener(recording(wavs, placed), ORIGIN, speech))


def on_time(order: list[str], late: float = 0.02) -> list[tuple[str, float]]:
    return [(text, cue.due + late) for text, cue in zip(order, reps(), strict=False)]


@needs_espeak
def test_every_number_on_its_beat_is_heard_once_in_order(wavs: dict[str, Path]) -> None:
    v = verdict(wavs, on_time(["1", "2", "3", "4", "5"]))
    assert v.missing == [] and v.extra == [] and v.unexplained == []
    assert v.sequence(CueKind.REP) == ["1", "2", "3", "4", "5"]
    assert all(h.late_s is not None and abs(h.late_s - 0.02) < 0.003 for h in v.heard)
    assert min(h.match.score for h in v.heard if h.match) > 0.9


@needs_espeak
def test_a_missing_number_fails(wavs: dict[str, Path]) -> None:
    v = verdict(wavs, [p for p in on_time(["1", "2", "3", "4", "5"]) if p[0] != "3"])
    assert [c.text for c in v.missing] == ["3"] and v.extra == []


@needs_espeak
def test_a_doubled_number_fails(wavs: dict[str, Path]) -> None:
    placed = [*on_time(["1", "2", "3", "4", "5"]), ("2", ORIGIN + 2 + CADENCE + 0.6)]
    v = verdict(wavs, placed)
    assert v.missing == [] and [m.sound for m in v.extra] == ["2"]
    assert v.sequence(CueKind.REP) == ["1", "2", "extra:2", "3", "4", "5"]


@needs_espeak
def test_swapped_numbers_fail(wavs: dict[str, Path]) -> None:
    v = verdict(wavs, on_time(["1", "2", "4", "3", "5"]))
    assert [c.text for c in v.missing] == ["3", "4"]
    assert sorted(m.sound for m in v.extra) == ["3", "4"]


@needs_espeak
def test_a_number_heard_after_the_next_was_due_fails(wavs: dict[str, Path]) -> None:
    due = [cue.due for cue in reps()]
    placed = [("1", due[0]), ("2", due[1]), ("3", due[3] + 0.05), ("4", due[3] + 0.6)]
    v = verdict(wavs, [*placed, ("5", due[4])])
    assert "3" in [c.text for c in v.missing]
    assert "3" in [m.sound for m in v.extra]


@needs_espeak
def test_a_word_nobody_scheduled_is_extra_and_an_unknown_sound_unexplained(
    wavs: dict[str, Path],
) -> None:
    placed = [*on_time(["1", "2", "3", "4", "5"]), ("one", ORIGIN + 9.0), ("go", ORIGIN + 10.5)]
    v = verdict(wavs, placed)
    assert v.missing == [] and [m.sound for m in v.extra] == ["one"]
    ((start, end),) = v.unexplained
    assert abs(start - (ORIGIN + 10.5)) < 0.05 and 0.2 < end - start < 0.5
