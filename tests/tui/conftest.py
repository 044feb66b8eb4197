"""Shared pieces for the workout TUI tests: the app built on real services in tmp_path.

(Waiting, keys and what is on screen are `tests.pilot`'s, shared with every app test.)

Every app here runs on a real store (in `tmp_path`), the shipped program, a fixed wall time and a
`RecordingVoice`. The engine clock is either a real `EngineClock` at a high time scale (whole
sessions in a second or two) or a `ManualClock` that only moves when a test moves it (pauses and
snapshots, where every number on screen must be exact).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from session.engine import next_due
from session.events import Tick
from session.records import Settings
from session.strength.records import StrengthSettings
from store import Store
from tests.pilot import settle, tap, wait_for
from tui.app import AchillesApp, make_app
from tui.clock import Clock
from tui.screens.today import TodayScreen
from tui.screens.workout import WorkoutScreen
from tui.services import Services
from tui.voice import RecordingVoice
from tui.widgets.big_text import render_figlet

# A fixed-offset zone keeps the tests independent of the machine's tz database.
CET = dt.timezone(dt.timedelta(hours=1), "CET")
FIXED_NOW = dt.datetime(2025, 3, 10, 9, 30, tzinfo=CET)
"""Monday 10 March 2025, 09:30 local: the wall time every app in these tests sees."""

PART1_OFF = StrengthSettings(enabled=False)
RIGHT_SORE = Settings(sore_side="right", strength=PART1_OFF)
"""Saved before the app starts, so the first-launch questions are skipped. Part 1 (the calf raises,
on by default) is off: these tests drive the circuit, which is then exactly what it was before
part 1 existed; tests/strength drives the two parts together."""

T0 = 1000.0
"""Where a ManualClock starts (engine seconds)."""


@dataclass
class ManualClock:
    """A `Clock` that stands still until the test advances it. Scale 1; engine time is real time."""

    t: float = T0
    scale: float = 1.0

    def now(self) -> float:
        return self.t

    def to_monotonic(self, engine_time: float) -> float:
        return engine_time

    def set(self, t: float) -> None:
        self.t = t


def never_stale() -> float:
    """A voice clock under which no cue is ever stale (it is always before every deadline).

    At a high time scale a rep's cue goes stale within milliseconds; with this clock the voice
    records every cue, so a test can check the whole script, in order.
    """
    return float("-inf")


@dataclass
class Rig:
    """One app and everything it was built on."""

    app: AchillesApp
    services: Services
    voice: RecordingVoice
    clock: Clock
    data_dir: Path


@dataclass
class RigFactory:
    tmp_path: Path
    made: list[Rig] = field(default_factory=list)

    def __call__(
        self,
        clock: Clock,
        *,
        voice: RecordingVoice | None = None,
        settings: Settings | None = RIGHT_SORE,
        data_dir: Path | None = None,
        wall: dt.datetime = FIXED_NOW,
    ) -> Rig:
        data_dir = data_dir or self.tmp_path / "data"
        if settings is not None:
            with Store.open(data_dir) as store:
                store.save_settings(settings)
        if voice is None:
            voice = RecordingVoice(clock=never_stale)
        chosen = voice
        app = make_app(
            data_dir=data_dir,
            clock=clock,
            wall=lambda: wall,
            voice_factory=lambda settings, on_status: chosen,
        )
        rig = Rig(app, app.services, voice, clock, data_dir)
        self.made.append(rig)
        return rig

    def close_all(self) -> None:
        for rig in self.made:
            rig.services.close()


@pytest.fixture
def make_rig(tmp_path: Path) -> Iterator[RigFactory]:
    """`make_rig(clock, voice=..., settings=..., data_dir=...)` -> a Rig; closed in teardown."""
    factory = RigFactory(tmp_path)
    yield factory
    factory.close_all()


async def wait_today(pilot: Pilot[None]) -> TodayScreen:
    """Wait until the Today screen has loaded its plan (it loads in a worker)."""
    app = pilot.app

    def loaded() -> bool:
        screen = app.screen
        return isinstance(screen, TodayScreen) and screen.today is not None

    await wait_for(pilot, loaded, what="the Today screen to load")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


async def start_workout(pilot: Pilot[None]) -> WorkoutScreen:
    """From a loaded Today screen, press Enter and wait for the workout screen."""
    await wait_today(pilot)
    tap(pilot.app, "enter")  # at a high time scale the app is never idle: don't wait for it
    app = pilot.app

    def opened() -> bool:
        return any(isinstance(s, WorkoutScreen) and s.runner for s in app.screen_stack)

    await wait_for(pilot, opened, what="the workout screen")
    return workout_of(app)


async def move_to(pilot: Pilot[None], clock: ManualClock, t: float) -> None:
    """Move the manual clock on to engine time `t` as real time would pass: stopping at each
    deadline the screen's timer would fire on, so what reports back (the voice, on the loop)
    arrives in between; then let the workout screen act on `t` at once."""
    workout = workout_of(pilot.app)
    while workout.runner is not None and not workout.runner.state.paused:
        due = next_due(workout.runner.state)
        if due is None or due > t:
            break
        clock.set(max(due, clock.t))
        workout.dispatch(Tick())
        await settle(pilot)
    clock.set(t)
    workout.dispatch(Tick())
    await settle(pilot)
    # The screen repaints ten times a second (the pain box with it): as if that time passed.
    workout._repaint()
    await settle(pilot)


def workout_of(app: App[Any]) -> WorkoutScreen:
    """The workout screen, whether on top or under the pain / confirm modal."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, WorkoutScreen):
            return screen
    raise AssertionError("no workout screen on the stack")


def workout_running(app: App[Any]) -> bool:
    """Whether a workout screen is on the stack with its session started (a predicate for
    `wait_for`: False, not an error, before the screen is pushed)."""
    screens = [s for s in app.screen_stack if isinstance(s, WorkoutScreen)]
    return bool(screens) and screens[-1].runner is not None


def big_lines(text: str, font: str | None) -> list[str]:
    """What a BigText shows for `text` in one of its fonts (None: the plain fallback)."""
    if font is None:
        return [text.upper()]
    return list(render_figlet(text.upper(), font))
