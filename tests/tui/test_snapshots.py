"""Snapshots (pytest-textual-snapshot) of every screen a runner sees in a session, at 80x24.

Each app runs on a ManualClock frozen at a chosen moment, a fixed wall time and fixed settings, so
the countdowns, rep counts and timestamps on screen are the same on every run. Before each
screenshot the test also checks that the screen shows what it should: a screenshot of a
half-loaded screen would be a bad baseline.

Update the baselines with `pytest tests/tui/test_snapshots.py --snapshot-update`, then look at
the SVGs in tests/tui/__snapshots__/.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from session.engine import Phase
from tests.pilot import press, settle, text_of, wait_for
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    move_to,
    start_workout,
    wait_today,
    workout_of,
)
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.screens.workout import WorkoutScreen
from tui.voice import RecordingVoice
from tui.widgets.big_text import BigText

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any], ManualClock], Awaitable[None]]

SET_1_END = T0 + 60.4
"""Set 1 (Single Leg Hop Up, 1.2 s per rep, the last rep with its beat): 6 s + 19.2 s right,
10 s switch, 6 s + 19.2 s left."""


def snap(snap_compare: SnapCompare, make_rig: RigFactory, run_before: RunBefore) -> bool:
    """Screenshot the app after `run_before(pilot, clock)` has brought it to the screen."""
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))

    async def prepare(pilot: Pilot[Any]) -> None:
        await run_before(pilot, clock)
        await settle(pilot)

    return snap_compare(rig.app, terminal_size=(80, 24), run_before=prepare)


def test_today(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await wait_today(pilot)
        app = pilot.app
        assert text_of(app, "#today-heading") == (
            "Today: Circuit 1, first session: 1 x 15 · Circuit 1: gentle"
        )
        assert app.screen.query_one("#today-dose", BigText).text == "1 x 15"
        assert text_of(app, "#today-summary") == (
            "1 set of 15 reps of each exercise, each leg in turn (right, then left)."
        )

    assert snap(snap_compare, make_rig, run_before)


def test_workout_counting(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await start_workout(pilot)
        # Reps start at T0 + 6; rep 7 is said at T0 + 6 + 8.4.
        await move_to(pilot, clock, T0 + 6 + 1.2 * 7 + 0.5)
        workout = workout_of(pilot.app)
        assert pilot.app.screen is workout
        assert workout.query_one("#w-leg", BigText).text == "right"
        assert workout.query_one("#w-count", BigText).text == "7"
        assert text_of(pilot.app, "#w-count-label") == "rep (of 15)"
        assert text_of(pilot.app, "#w-caption") == "7"

    assert snap(snap_compare, make_rig, run_before)


def test_pain_rating_over_the_rest(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await start_workout(pilot)
        await move_to(pilot, clock, SET_1_END + 5)
        screen = pilot.app.screen
        assert isinstance(screen, PainScreen)
        assert screen.query_one("#pain-rest", BigText).text == "0:40"
        assert text_of(pilot.app, "#pain-rest-label") == (
            "Rest · next: Single Leg Forward Hop, right leg, set 1 of 1"
        )

    assert snap(snap_compare, make_rig, run_before)


def test_workout_resting_after_the_rating(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await start_workout(pilot)
        await move_to(pilot, clock, SET_1_END + 5)
        await press(pilot, "2")
        workout = pilot.app.screen
        assert isinstance(workout, WorkoutScreen)
        assert workout.runner is not None and workout.runner.state.phase is Phase.REST
        assert workout.query_one("#w-count", BigText).text == "0:40"
        assert text_of(pilot.app, "#w-caption") == "Safe zone. Good, carry on."
        assert text_of(pilot.app, "#w-next") == (
            "Next: Single Leg Forward Hop, right leg, set 1 of 1"
        )

    assert snap(snap_compare, make_rig, run_before)


def test_summary(snap_compare: SnapCompare, make_rig: RigFactory) -> None:
    async def run_before(pilot: Pilot[Any], clock: ManualClock) -> None:
        await start_workout(pilot)
        # Set 1 ends at T0 + 60.4, then 45 s rest; set 2 (2.5 s per rep) takes 102 s, then 45 s
        # rest; set 3 takes 60.4 s and ends at T0 + 312.8, the last rating being asked at once.
        for t, rating in ((SET_1_END + 5, "2"), (T0 + 212.4, "4"), (T0 + 313.8, "1")):
            await move_to(pilot, clock, t)
            assert isinstance(pilot.app.screen, PainScreen), t
            await press(pilot, rating)
        app = pilot.app
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="summary")
        await wait_for(
            pilot,
            lambda: text_of(app, "#summary-next").startswith("Next session:"),
            what="the next session",
        )
        await wait_for(  # the save line follows the saves: "Saving…" until the last is on disk
            pilot,
            lambda: text_of(app, "#summary-saved") == "Every finished set is saved.",
            what="the saves",
        )
        assert text_of(app, "#summary-line") == (
            "Circuit 1, first session: 1 x 15 · 90 of 90 reps · highest pain 4/10"
        )

    assert snap(snap_compare, make_rig, run_before)
