"""The real speech thread (real pyttsx3 + espeak-ng, a real player subprocess standing in for the
sound card): ordering, staleness under a fast cadence, interruption, mute, close, failures."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from session.effects import CueKind, Priority
from tests.voice.conftest import PlayerFactory, needs_espeak
from tui.voice import SpeechThread, VoiceStatus
from tui.voice.render import write_silence

NO_ESPEAK = "This means you probably do not have eSpeak or eSpeak-ng installed!"


@pytest.fixture
def threads() -> Iterator[list[SpeechThread]]:
    made: list[SpeechThread] = []
    yield made
    for voice in made:
        voice.close()


def start(threads: list[SpeechThread], **kwargs: object) -> SpeechThread:
    voice = SpeechThread(**kwargs)  # type: ignore[arg-type]
    threads.append(voice)
    return voice


def wait_for(predicate: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@needs_espeak
def test_a_burst_of_rep_numbers_faster_than_speech_drops_late_ones_and_never_lags(
    threads: list[SpeechThread], player: PlayerFactory, tmp_path: Path
) -> None:
    """1 rep per second, time-compressed 5x: a rep every 0.2 s, each taking 0.3 s to play."""
    cadence, play_s, reps = 0.2, 0.3, 15
    log = tmp_path / "played.log"
    voice = start(threads, player=player(seconds=play_s, log=log))
    assert voice.wait_ready().state == "ok"
    t0 = time.monotonic() + 0.05
    for n in range(1, reps + 1):
        time.sleep(max(0.0, t0 + (n - 1) * cadence - time.monotonic()))
        voice.say(str(n), stale_at=t0 + n * cadence, kind=CueKind.REP)
    assert voice.wait_idle(5.0)

    stats = voice.stats()
    said = [int(t.text) for t in stats.timings]
    assert said == sorted(said) and len(set(said)) == len(said)
    for t in stats.timings:  # no number starts after the next rep is due
        assert t.stale_at is not None and t.started_at < t.stale_at, (t.text, t)
        assert t.latency_s < play_s + 0.15, "waited for more than the one cue playing"
    assert stats.dropped >= 3, "a 0.3 s player at 0.2 s per rep cannot say every number"
    assert stats.spoken + stats.dropped == reps
    assert said[0] == 1 and said[-1] >= reps - 2  # it keeps up to the end
    assert len(log.read_text().splitlines()) == 1 + stats.spoken  # + the start-up check


@needs_espeak
def test_urgent_first_then_fifo_and_urgent_cuts_off_the_cue_playing(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    voice = start(threads, player=player(seconds=0.3))
    assert voice.wait_ready().state == "ok"
    voice.say("first")
    wait_for(lambda: voice.spoken == 1)
    voice.say("later", priority=Priority.LOW)
    voice.say("n1")
    voice.say("soon", priority=Priority.HIGH)
    voice.say("n2")
    assert voice.wait_idle(5.0)
    assert [t.text for t in voice.stats().timings] == ["first", "soon", "n1", "n2", "later"]

    slow = start(threads, player=player(seconds=5.0))
    assert slow.wait_ready().state == "ok"
    slow.say("A long announcement about the next exercise.")
    wait_for(lambda: slow.spoken == 1)
    slow.say("Stop. That is too much pain.", priority=Priority.URGENT)
    wait_for(lambda: slow.spoken == 2, timeout=2.0)
    stop = slow.stats().timings[-1]
    assert stop.text.startswith("Stop") and stop.latency_s < 0.3
    assert slow.stats().interrupted == 1


@needs_espeak
def test_a_late_cue_gives_up_only_its_fading_end_to_the_next(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    """The player here keeps going for 1 s whatever the audio's length, so any earlier start of
    the next cue is the thread cutting the current one."""
    voice = start(threads, player=player(seconds=1.0))
    assert voice.wait_ready().state == "ok"
    voice.say("seven", stale_at=time.monotonic() + 0.1, kind=CueKind.REP)
    wait_for(lambda: voice.spoken == 1)
    voice.say("eight", kind=CueKind.REP)
    wait_for(lambda: voice.spoken == 2)
    voice.say("Rest, sixty seconds.")  # must be said in full: no stale_at
    wait_for(lambda: voice.spoken == 3)
    voice.say("nine")
    wait_for(lambda: voice.spoken == 4)
    seven, eight, rest, nine = voice.stats().timings
    cut_after = eight.started_at - seven.started_at
    assert seven.audio_s - 0.1 - 0.03 < cut_after < seven.audio_s - 0.1 + 0.06
    assert nine.started_at - rest.started_at > 0.95
    assert voice.stats().tails_cut == 1 and voice.stats().interrupted == 0


@needs_espeak
def test_mute_cuts_off_speech_and_forgets_pending_cues(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    voice = start(threads, player=player(seconds=5.0))
    assert voice.wait_ready().state == "ok"
    voice.say("one")
    voice.say("two")
    wait_for(lambda: voice.spoken == 1)
    began = time.monotonic()
    voice.muted = True
    assert voice.wait_idle(1.0) and time.monotonic() - began < 0.5
    voice.say("three")
    voice.muted = False
    voice.say("four")
    wait_for(lambda: voice.spoken == 2)
    stats = voice.stats()
    assert [t.text for t in stats.timings] == ["one", "four"]
    assert stats.interrupted == 1 and stats.muted == 2  # "two" forgotten, "three" while muted


@needs_espeak
def test_every_rate_change_is_honoured_from_the_first_cue_on(
    threads: list[SpeechThread], player: PlayerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: pyttsx3's espeak driver lost the first cue's rate (a fresh engine then spoke
    at its own default) and, after that, produced an empty WAV for the next cue."""
    monkeypatch.setattr("tui.voice.wavs.CACHE_SIZE", 0)  # render every cue afresh
    text = "one two three four five six"
    voice = start(threads, player=player(seconds=0.0), rate=300)
    assert voice.wait_ready().state == "ok"
    for rate in (300, 100, 300, 100):
        voice.configure(rate=rate)
        voice.say(text)
        assert voice.wait_idle(5.0)
    fast1, slow1, fast2, slow2 = (t.audio_s for t in voice.stats().timings)
    assert fast1 == pytest.approx(fast2, rel=0.05) and slow1 == pytest.approx(slow2, rel=0.05)
    assert slow1 > 2.5 * fast1 and fast1 > 0.5


@needs_espeak
def test_a_cue_said_before_reuses_its_wav_until_the_settings_change(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    voice = start(threads, player=player(seconds=0.0))
    assert voice.wait_ready().state == "ok"
    for rate in (170, 170, 250, 170):
        voice.configure(rate=rate)
        voice.say("seven")
        assert voice.wait_idle(5.0)
    first, again, faster, back = voice.stats().timings
    assert [t.cached for t in (first, again, faster, back)] == [False, True, False, True]
    assert again.audio_s == first.audio_s and faster.audio_s < 0.85 * first.audio_s
    assert again.render_s < 0.005 < first.render_s


@needs_espeak
def test_configure_volume_and_an_unknown_voice(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    voice = start(threads, player=player(seconds=0.0))
    assert voice.wait_ready().state == "ok"
    voice.configure(volume=0.5, voice_id="no-such-voice")
    voice.say("hello")
    assert voice.wait_idle(5.0)
    assert voice.spoken == 1
    assert voice.status.state == "ok" and "not installed" in (voice.status.reason or "")
    voice.configure(voice_id="gmw/en-us")
    voice.say("hello")
    assert voice.wait_idle(5.0)
    assert voice.status.state == "ok" and voice.status.reason is None


@needs_espeak
def test_close_is_quick_and_idempotent_even_mid_sentence(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    voice = start(threads, player=player(seconds=10.0))
    assert voice.wait_ready().state == "ok"
    voice.say("A long sentence.")
    wait_for(lambda: voice.spoken == 1)
    began = time.monotonic()
    voice.close()
    voice.close()
    assert time.monotonic() - began < 1.0
    assert not voice.alive and voice.status.state == "off"
    voice.say("after close")
    assert voice.stats().unspoken == 1


@needs_espeak
def test_say_only_enqueues(threads: list[SpeechThread], player: PlayerFactory) -> None:
    voice = start(threads, player=player(seconds=10.0))
    assert voice.wait_ready().state == "ok"
    voice.say("busy")
    wait_for(lambda: voice.spoken == 1)
    costs = []
    for n in range(2000):
        began = time.perf_counter()
        voice.say(str(n), stale_at=time.monotonic() + 60, kind=CueKind.REP)
        costs.append(time.perf_counter() - began)
    assert statistics.median(costs) < 0.0002
    assert sorted(costs)[int(0.99 * len(costs))] < 0.001


def test_without_espeak_the_voice_is_unavailable_says_why_and_costs_nothing(
    threads: list[SpeechThread], player: PlayerFactory, capfd: pytest.CaptureFixture[str]
) -> None:
    seen: list[VoiceStatus] = []

    def no_espeak() -> object:
        raise RuntimeError(NO_ESPEAK)

    voice = start(threads, engine_factory=no_espeak, player=player(), on_status=seen.append)
    status = voice.wait_ready()
    assert status.state == "unavailable"
    assert status.reason is not None and "espeak-ng" in status.reason
    assert status.hint == "install espeak-ng: sudo apt-get install espeak-ng"
    assert seen == [status]
    began = time.perf_counter()
    for _ in range(1000):
        voice.say("seven")
    assert time.perf_counter() - began < 0.01
    assert voice.spoken == 0 and voice.stats().unspoken == 1000
    assert capfd.readouterr() == ("", "")


@needs_espeak
def test_a_failing_player_means_no_working_audio_output(
    threads: list[SpeechThread], player: PlayerFactory, capfd: pytest.CaptureFixture[str]
) -> None:
    alsa = (
        "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n"
        "ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n"
        "aplay: main:831: audio open error: No such file or directory\n"
    )
    seen: list[VoiceStatus] = []
    voice = start(threads, player=player(exit=1, stderr=alsa), on_status=seen.append)
    status = voice.wait_ready()
    assert status.state == "unavailable" and seen == [status]
    assert status.reason is not None and status.reason.startswith("no working audio output")
    assert "audio open error: No such file or directory" in status.reason
    assert "ALSA lib" not in status.reason
    voice.say("seven")
    assert voice.spoken == 0
    assert capfd.readouterr() == ("", "")


@needs_espeak
def test_no_player_installed_or_a_missing_player_binary(
    threads: list[SpeechThread],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("ACHILLES_AUDIO_PLAYER", raising=False)
    auto = start(threads)
    status = auto.wait_ready()
    assert status.state == "unavailable"
    assert status.reason is not None and "no audio player found" in status.reason
    assert status.hint is not None and "alsa-utils" in status.hint

    missing = start(threads, player=[str(tmp_path / "paplay")])
    status = missing.wait_ready()
    assert status.state == "unavailable"
    assert status.reason is not None and "could not be started" in status.reason
    assert capfd.readouterr() == ("", "")


@needs_espeak
def test_a_player_that_fails_mid_session_turns_the_voice_off_then_back_on(
    threads: list[SpeechThread], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The player fails while a "broken" file exists (a speaker unplugged): the voice says why,
    forgets what was queued, checks the output every RETRY_EVERY_S, and speaks again once the
    player works."""
    monkeypatch.setattr("tui.voice.speech_loop.RETRY_EVERY_S", 0.2)
    broken, log = tmp_path / "broken", tmp_path / "plays.log"
    script = tmp_path / "flaky.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$1" >> "{log}"\n'
        f'if [ -e "{broken}" ]; then echo "device unplugged" >&2; exit 2; fi\n'
    )
    script.chmod(0o755)
    seen: list[VoiceStatus] = []
    voice = start(threads, player=[str(script)], on_status=seen.append)
    assert voice.wait_ready().state == "ok"
    broken.touch()
    voice.say("Single leg hop up.")
    wait_for(lambda: voice.status.state == "unavailable")
    status = voice.status
    assert status.recovers and "device unplugged" in (status.reason or "")
    assert status.hint is not None and "speakers or headphones" in status.hint
    voice.say("seven")  # while unavailable: not queued for later, where it would be stale
    plays_before = len(log.read_text().splitlines())
    time.sleep(1.0)
    probes = len(log.read_text().splitlines()) - plays_before
    assert 3 <= probes <= 7, "checks the output every 0.2 s, no more often"
    assert voice.status.state == "unavailable" and voice.alive

    broken.unlink()
    wait_for(lambda: voice.status.state == "ok", timeout=2.0)
    voice.say("eight")
    assert voice.wait_idle(5.0)
    assert [s.state for s in seen] == ["ok", "unavailable", "ok"]
    assert [t.text for t in voice.stats().timings] == ["Single leg hop up.", "eight"]
    assert voice.stats().unspoken == 1 and voice.stats().outages == 1


class WedgingEngine:
    """Stands in for a pyttsx3 engine that works `good_runs` times, then never finishes a run
    (a wedged espeak): runAndWait blocks until endLoop() is called."""

    def __init__(self, good_runs: int) -> None:
        self.good_runs = good_runs
        self.ended = threading.Event()
        self.callbacks: list[Callable[..., None]] = []
        self.path = ""

    def connect(self, topic: str, callback: Callable[..., None]) -> object:
        if topic == "finished-utterance":
            self.callbacks.append(callback)
        return callback

    def disconnect(self, token: object) -> None:
        pass

    def getProperty(self, name: str) -> object:
        return [] if name == "voices" else None

    def setProperty(self, name: str, value: object) -> None:
        pass

    def save_to_file(self, text: str, path: str) -> None:
        self.path = path

    def runAndWait(self) -> None:
        if self.good_runs > 0:
            self.good_runs -= 1
            write_silence(Path(self.path), 0.1)
            for callback in self.callbacks:
                callback(completed=True)
            return
        self.ended.wait()
        self.ended.clear()

    def endLoop(self) -> None:
        self.ended.set()


def test_an_engine_that_hangs_is_detected_at_start(
    threads: list[SpeechThread],
    player: PlayerFactory,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("tui.voice.render.RENDER_TIMEOUT_S", 0.1)
    voice = start(threads, engine_factory=lambda: WedgingEngine(good_runs=0), player=player())
    status = voice.wait_ready()
    assert status.state == "unavailable"
    assert status.reason == "the speech engine failed: no result within 0.1 s"
    assert status.hint is not None and "--reinstall espeak-ng" in status.hint
    assert capfd.readouterr() == ("", "")


def test_an_engine_that_hangs_later_turns_the_voice_off_after_three_cues(
    threads: list[SpeechThread],
    player: PlayerFactory,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("tui.voice.render.RENDER_TIMEOUT_S", 0.1)
    seen: list[VoiceStatus] = []
    engine = WedgingEngine(good_runs=2)  # the warm-up and "one"
    voice = start(threads, engine_factory=lambda: engine, player=player(), on_status=seen.append)
    assert voice.wait_ready().state == "ok"
    for text in ("one", "two", "three", "four", "five"):
        voice.say(text)
    wait_for(lambda: not voice.alive)
    assert [s.state for s in seen] == ["ok", "unavailable"]
    assert "no result within 0.1 s" in (seen[-1].reason or "")
    assert [t.text for t in voice.stats().timings] == ["one"]
    assert voice.stats().unspoken == 1  # "five", forgotten when the voice gave up
    assert capfd.readouterr() == ("", "")


@needs_espeak
def test_each_cue_reports_once_whether_it_was_heard_to_its_end(
    threads: list[SpeechThread], player: PlayerFactory
) -> None:
    """`on_end`: True once played to the end; False when superseded or stale; exactly once."""
    ends: dict[str, list[bool]] = {}

    def ender(name: str) -> Callable[[bool], None]:
        return lambda spoken: ends.setdefault(name, []).append(spoken)

    voice = start(threads, player=player(seconds=0.3))
    assert voice.wait_ready().state == "ok"
    voice.say("first", on_end=ender("first"))
    wait_for(lambda: voice.spoken == 1)
    now = time.monotonic()
    voice.say("1", stale_at=now + 5, kind=CueKind.REP, on_end=ender("rep1"))
    voice.say("2", stale_at=now + 5, kind=CueKind.REP, on_end=ender("rep2"))  # supersedes 1
    voice.say("late", stale_at=now + 0.01, on_end=ender("late"))  # stale before "first" ends
    assert voice.wait_idle(5.0)
    assert ends == {"first": [True], "rep1": [False], "rep2": [True], "late": [False]}
    voice.close()
    voice.say("after close", on_end=ender("closed"))
    assert ends["closed"] == [False]
