"""The voices without audio, and how engine `Say` effects reach a voice."""

from __future__ import annotations

from session.effects import CueKind, Priority, Say
from tui.voice import RecordingVoice, SilentVoice, Voice, say_effect


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_recording_voice_records_and_drops_stale_like_the_real_one() -> None:
    clock = FakeClock()
    voice = RecordingVoice(clock=clock)
    voice.say("Set one of two.", priority=Priority.HIGH)
    clock.now = 101.0
    voice.say("seven", stale_at=101.5, kind=CueKind.REP)
    voice.say("six", stale_at=101.0, kind=CueKind.REP)
    assert voice.spoken == [
        (100.0, "Set one of two.", Priority.HIGH),
        (101.0, "seven", Priority.NORMAL),
    ]
    assert voice.dropped == 1
    assert voice.status.state == "ok"


def test_recording_voice_mute_configure_close() -> None:
    voice = RecordingVoice()
    voice.muted = True
    voice.say("eight")
    voice.muted = False
    voice.configure(rate=200, voice_id="gmw/en-us")
    voice.close()
    voice.close()
    voice.say("nine")
    assert voice.texts == [] and voice.muted_count == 1
    assert voice.settings == {"rate": 200, "voice_id": "gmw/en-us"}
    assert voice.status.state == "off"


def test_silent_voice_says_why() -> None:
    voice: Voice = SilentVoice("voice is turned off in settings")
    voice.say("anything")
    assert voice.status.state == "off"
    assert voice.status.describe() == "Voice off: voice is turned off in settings."


def test_say_effect_maps_engine_time_to_the_monotonic_clock() -> None:
    clock = FakeClock()
    voice = RecordingVoice(clock=clock)
    rep = Say("seven", CueKind.REP, at=200.0, stale_after=202.0)
    # the engine runs 2x faster than real time, from origin 100.0: engine 202 is monotonic 151
    say_effect(voice, rep, to_monotonic=lambda t: 100.0 + (t - 100.0) / 2)
    clock.now = 151.0
    say_effect(voice, rep, to_monotonic=lambda t: 100.0 + (t - 100.0) / 2)
    assert voice.texts == ["seven"] and voice.dropped == 1
    assert voice.kinds == [CueKind.REP]


def test_voices_without_audio_report_the_end_of_each_cue_at_once() -> None:
    ends: list[bool] = []
    recording = RecordingVoice()
    recording.say("one", on_end=ends.append)
    recording.muted = True
    recording.say("two", on_end=ends.append)
    SilentVoice().say("three", on_end=ends.append)
    assert ends == [True, False, False]
