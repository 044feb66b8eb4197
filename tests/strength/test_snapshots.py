"""Snapshots (pytest-textual-snapshot) of the screens part 1 adds or changes, at 80x24: Today with
the calf raises, the load screen, a tempo rep in progress, the rest before the next load, and
the summary of both parts.

Each app runs on a ManualClock frozen at a chosen moment, a fixed wall time and the shipped
programs, with part 1 on, so every number on screen is the same on every run; each test checks
what the screen should show before its screenshot is taken. Update the baselines with
`pytest tests/strength/test_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from session.engine import Phase
from session.records import Settings
from tests.pilot import press, settle, text_of, wait_for
from tests.tui.conftest import T0, ManualClock, RigFactory, move_to, wait_today, workout_of
from tui.screens.loads import LoadScreen
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice
from tui.widgets.big_text import BigText

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any], ManualClock], Awaitable[None]]
PART1_ON = Settings(sore_side="right")
GO = T0 + 6.0
"""The first calf raise's "go": the announcement read (3 s), then "three, two, one"."""


def snap(snap_compare: SnapCompare, make_rig: RigFactory, run_before: RunBefore) -> bool:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now), settings=PART1_ON)

    async def prepare(pilot: Pilot[Any]) -> None:
        await run_before(pilot, clock)
        await settle(pilot)

    return snap_compare(rig.app, terminal_size=(80, 24), run_before=prepare)


async def to_loads(pilot: Pilot[Any]) -> LoadScreen:
    await wait_today(pilot)
    await press(pilot, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, LoadScreen), what="the loads")
    screen = pilot.app.screen
    assert isinstance(screen, LoadScreen)
    return screen


async def to_workout(pilot: Pilot[Any]) -> None:
    await to_loads(pilot)
    await press(pilot, "plus", "enter")
    await wait_for(pilot, lambda: workout_of(pilot.app).runner is not None, what="the workout")


def test_today_with_part_1(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await wait_today(pilot)
        app = pilot.app
        assert text_of(app, "#today-heading") == (
            "Today: calf raises, then Circuit 1, first session: 1 x 15"
        )
        assert app.screen.query_one("#today-dose", BigText).text == "3x15RM + 1x15"
        assert text_of(app, ".part1-heading") == (
            "Calf raises first: 3 x 15RM, week 1 · each rep 3 s up, 3 s down"
        )

    assert snap(snap_compare, make_rig, run_before)


def test_the_load_screen(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        screen = await to_loads(pilot)
        await press(pilot, "plus", "plus", "down", "plus")
        assert screen.loads == {"standing_calf_raise": 5.0, "seated_calf_raise": 2.5}

    assert snap(snap_compare, make_rig, run_before)


def test_a_tempo_rep_on_its_way_down(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await to_workout(pilot)
        await move_to(pilot, clock, GO + 6 * 4 + 4.5)  # rep 5, "down" then "two"
        workout = workout_of(pilot.app)
        assert workout.query_one("#w-count", BigText).text == "5"
        assert workout.query_one("#w-leg", BigText).text == "down"
        assert text_of(pilot.app, "#w-count-label") == "rep (of 15) · down 1 of 3"
        assert text_of(pilot.app, "#w-status").startswith("Calf raises · Set 1 of 3")

    assert snap(snap_compare, make_rig, run_before)


def test_the_rest_before_the_next_load(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await to_workout(pilot)
        await move_to(pilot, clock, GO + 91.0)  # the set is over: its rating, then the rest
        assert isinstance(pilot.app.screen, PainScreen)
        await press(pilot, "2")
        await move_to(pilot, clock, GO + 91.0 + 95.0)  # after "Next set: ..., 2.5 kilos."
        runner = workout_of(pilot.app).runner
        assert runner is not None and runner.state.phase is Phase.REST
        assert text_of(pilot.app, "#w-next") == (
            "Next: Standing calf raise, knee straight, both legs, set 2 of 3, 2.5 kg"
        )

    assert snap(snap_compare, make_rig, run_before)


def test_the_summary_of_both_parts(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await to_workout(pilot)
        app = pilot.app
        while not isinstance(app.screen, SummaryScreen):
            if isinstance(app.screen, PainScreen):
                await press(pilot, "2")
                continue
            await press(pilot, "n")  # skip what runs: a leg's reps, a rest
        await wait_for(
            pilot,
            lambda: "Part 1 next time" in text_of(app, "#summary-next"),
            what="the next session",
        )

    assert snap(snap_compare, make_rig, run_before)
