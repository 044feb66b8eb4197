"""Run the real app through a session at real speed and record what the sound server played.

The app is the real one (`AchillesApp`, real `Services`, real store in a temporary folder, the
shipped program, the real engine at time scale 1), headless under `App.run_test()`, with the real
speech thread built from the saved settings by the app's own `voice_from_settings`, playing with a
real player (paplay or aplay) through the private PulseAudio server. Settings are saved first
(right leg sore, both legs), so the first-launch questions are skipped; the first session is
circuit 1 at 1 x 15, right leg then left.

`one_exercise`: the first exercise only (both legs, then the pain question and whatever follows
it at once), then the app quits; otherwise the whole session, answering each pain rating with 2
after `rate_after` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from session.effects import Say
from session.records import Settings
from session.strength.records import StrengthSettings
from store import Store
from tests.audio.listen import Listener, Signal, from_raw, read_wav
from tests.audio.schedule import Expected, Verdict, judge
from tests.audio.server import RATE, RECORD_LEAD_S, Recorder, SoundServer
from tui.app import AchillesApp
from tui.clock import EngineClock
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.screens.today import TodayScreen
from tui.screens.workout import WorkoutScreen
from tui.services import Services
from tui.voice import CueTiming, SpeechThread, VoiceStats, VoiceStatus
from tui.voice.factory import voice_from_settings

SORE_RIGHT = Settings(sore_side="right", strength=StrengthSettings(enabled=False))
"""Part 1 (the calf raises, on by default) off: the session listened to is the circuit alone
(tests/strength/test_listening_tempo.py listens to part 1's tempo)."""


@dataclass
class Listened:
    """A session as emitted by the engine, as played by the voice, and as heard."""

    expected: list[Expected]
    timings: list[CueTiming]
    stats: VoiceStats
    statuses: list[VoiceStatus]
    verdict: Verdict
    recording_s: float
    jitter_s: float
    lost_s: float
    workout_s: float
    listener: Listener

    def timing_of(self, text: str) -> list[CueTiming]:
        return [t for t in self.timings if t.text == text]


async def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def _workout(app: AchillesApp) -> WorkoutScreen | None:
    for screen in app.screen_stack:
        if isinstance(screen, WorkoutScreen) and screen.runner is not None:
            return screen
    return None


@dataclass
class _Rig:
    """The app on real services, with a voice factory that keeps the voices and their news."""

    app: AchillesApp
    services: Services
    clock: EngineClock
    voices: list[SpeechThread]
    statuses: list[VoiceStatus]

    @classmethod
    def build(cls, data_dir: Path, wavs: Path, player: Sequence[str]) -> _Rig:
        statuses: list[VoiceStatus] = []
        voices: list[SpeechThread] = []

        def factory(chosen: Settings, on_status: Callable[[VoiceStatus], None]) -> SpeechThread:
            def both(status: VoiceStatus) -> None:
                statuses.append(status)
                on_status(status)

            voices.append(voice_from_settings(chosen, both, player=player, workdir=wavs))
            return voices[-1]

        clock = EngineClock.started(1.0)
        services = Services(data_dir=data_dir, clock=clock, voice_factory=factory)
        return cls(AchillesApp(services), services, clock, voices, statuses)


@dataclass
class _Played:
    cues: list[Say]
    stats: VoiceStats
    workout_s: float


async def _play(rig: _Rig, recorder: Recorder, one_exercise: bool, rate_after: float) -> _Played:
    """From Today to the end (of the first exercise, or of the session), as a runner does."""
    app = rig.app
    began = time.monotonic()
    async with app.run_test(size=(80, 24)) as pilot:
        await _wait(lambda: _today_loaded(app), 30, "Today's plan")
        # The voice starts once the plan is on screen (tui.app: PlanShown), a frame later.
        await _wait(lambda: bool(rig.voices), 10, "the voice to start")
        voice = rig.voices[-1]
        status = await asyncio.to_thread(voice.wait_ready, 30)
        if status.state != "ok":
            raise RuntimeError(f"the voice is not working: {status.describe()}")
        # A runner reads Today before pressing Enter: the voice renders ahead meanwhile.
        await asyncio.to_thread(voice.wait_prepared, 60)
        await asyncio.to_thread(recorder.wait_started)
        await asyncio.sleep(max(0.0, began + RECORD_LEAD_S - time.monotonic()))
        await pilot.press("enter")
        await _wait(lambda: _workout(app) is not None, 10, "the workout screen")
        workout = _workout(app)
        assert workout is not None and workout.runner is not None
        started = time.monotonic()
        await _drive(app, one_exercise, rate_after)
        workout_s = time.monotonic() - started
        await asyncio.to_thread(voice.wait_idle, 30)
        await asyncio.sleep(0.5)  # the last word's tail, through the sink
        played = _Played(list(workout.runner.captions), voice.stats(), workout_s)
        app.exit()
    return played


async def run_session(
    server: SoundServer,
    folder: Path,
    player: Sequence[str],
    *,
    one_exercise: bool = True,
    settings: Settings = SORE_RIGHT,
    rate_after: float = 1.0,
) -> Listened:
    """Run, record and judge one session (see the module docstring)."""
    data_dir, wavs = folder / "data", folder / "wavs"
    with Store.open(data_dir) as store:
        store.save_settings(settings)
    rig = _Rig.build(data_dir, wavs, player)
    with server.exported(), server.recording() as recorder:
        try:
            played = await _play(rig, recorder, one_exercise, rate_after)
        finally:
            rig.services.close()
    timings = list(played.stats.timings)
    listener = Listener(from_raw(recorder.samples), recorder.origin, _speech(timings, wavs))
    expected = [_expected(cue, n, rig.clock) for n, cue in enumerate(played.cues)]
    return Listened(
        expected,
        timings,
        played.stats,
        rig.statuses,
        judge(expected, listener),
        len(recorder.samples) / 2 / RATE,
        recorder.jitter(),
        recorder.lost(),
        played.workout_s,
        listener,
    )


def _today_loaded(app: AchillesApp) -> bool:
    screen = app.screen
    return isinstance(screen, TodayScreen) and screen.today is not None


async def _drive(app: AchillesApp, one_exercise: bool, rate_after: float) -> None:
    """Let the session run; rate pain (whole session) or stop after the first pain question."""
    first = None
    while not isinstance(app.screen, SummaryScreen):
        screen = app.screen
        if isinstance(screen, PainScreen):
            if one_exercise:
                return
            if first is not screen:
                first = screen
                await asyncio.sleep(rate_after)
                app.simulate_key("2")
        await asyncio.sleep(0.02)


def _speech(timings: list[CueTiming], wavs: Path) -> dict[str, Signal]:
    """Each text's WAV as the voice played it (the first, if settings changed meanwhile)."""
    speech: dict[str, Signal] = {}
    for timing in timings:
        if timing.text not in speech:
            speech[timing.text] = read_wav(wavs / timing.wav)
    return speech


def _expected(cue: Say, order: int, clock: EngineClock) -> Expected:
    stale = None if cue.stale_after is None else clock.to_monotonic(cue.stale_after)
    return Expected(cue.text, cue.kind, clock.to_monotonic(cue.at), stale, order)
