"""The real engine (pyttsx3 + espeak-ng) renders speech to WAV files that are real audio."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from tests.voice.conftest import needs_espeak, rms
from tui.voice import VoiceUnavailable, list_voices, render_to_wav
from tui.voice.render import trim_silence, wav_seconds, write_silence

CUE = "Single leg hop up. Left leg. Set one of two."


@needs_espeak
def test_real_engine_renders_a_cue_to_a_valid_non_silent_wav(tmp_path: Path) -> None:
    out = tmp_path / "cue.wav"
    render_to_wav(CUE, out, rate=170)
    with wave.open(str(out), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, 22050)
    seconds, level = rms(out)
    assert level > 0.02, f"audio is nearly silent (RMS {level:.4f} of full scale)"
    words = len(CUE.split())  # 10 words at 170 wpm is ~3.5 s; pauses at the full stops add some
    assert 0.5 * words * 60 / 170 < seconds < 2.0 * words * 60 / 170, seconds


@needs_espeak
def test_rate_and_text_length_change_the_audio_length(tmp_path: Path) -> None:
    slow, fast, short = tmp_path / "slow.wav", tmp_path / "fast.wav", tmp_path / "short.wav"
    render_to_wav(CUE, slow, rate=100)
    render_to_wav(CUE, fast, rate=300)
    render_to_wav("seven", short, rate=170)
    assert wav_seconds(slow) > 1.8 * wav_seconds(fast)
    assert 0.15 < wav_seconds(short) < 1.0
    _, level = rms(short)
    assert level > 0.02


@needs_espeak
def test_espeak_padding_is_trimmed_so_rep_numbers_are_short(tmp_path: Path) -> None:
    """espeak pads ~0.3 s of silence at the end; trimmed, the speech itself is kept whole."""
    out = tmp_path / "seven.wav"
    render_to_wav("seven", out)
    with wave.open(str(out), "rb") as w:
        tail = w.readframes(w.getnframes())[-2 * int(0.06 * 22050) :]
    assert wav_seconds(out) < 0.55
    assert any(tail), "the trim must leave the last 60 ms of sound in place"


def test_trim_leaves_a_silent_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "quiet.wav"
    write_silence(path, seconds=0.2)
    assert trim_silence(path) == pytest.approx(0.2, abs=0.001)


@needs_espeak
def test_list_voices_has_english() -> None:
    voices = list_voices()
    assert len(voices) >= 1
    assert any("en" in vid.split("/")[-1] for vid, _ in voices), voices[:5]


@needs_espeak
def test_an_unknown_voice_falls_back_to_the_default(tmp_path: Path) -> None:
    out = tmp_path / "x.wav"
    render_to_wav("hello", out, voice_id="no-such-voice")
    assert rms(out)[1] > 0.02


def test_render_without_espeak_says_what_to_install(tmp_path: Path) -> None:
    def no_espeak() -> object:
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    with pytest.raises(VoiceUnavailable) as info:
        render_to_wav("hello", tmp_path / "x.wav", engine_factory=no_espeak)
    assert "espeak-ng" in info.value.reason
    assert info.value.hint is not None and "apt-get install espeak-ng" in info.value.hint
    assert not (tmp_path / "x.wav").exists()
