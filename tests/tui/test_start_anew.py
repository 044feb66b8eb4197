"""Starting a new session when one could be resumed: the old one is closed as ended early, with
every set it finished, so it never stays "in progress" for good and its sets show in history."""

from __future__ import annotations

import datetime as dt

from session.records import SessionStatus
from tests.pilot import leaving, press, wait_for
from tests.tui.conftest import (
    FIXED_NOW,
    T0,
    ManualClock,
    RigFactory,
    move_to,
    start_workout,
    wait_today,
)
from tests.tui.test_session_flow import stored
from tui.screens.pain import PainScreen


async def test_starting_anew_closes_the_resumable_session_as_ended_early(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    first = make_rig(clock)
    async with first.app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, T0 + 58 + 5)  # set 1 is done: its rest has begun
        assert isinstance(first.app.screen, PainScreen)
        await press(pilot, "3", "ctrl+q")
        await wait_for(pilot, lambda: leaving(first.app), what="the app to quit")
    first.services.close()
    (left,) = stored(first.data_dir)
    assert left.status is SessionStatus.IN_PROGRESS

    later = FIXED_NOW + dt.timedelta(minutes=20)
    second = make_rig(ManualClock(), data_dir=first.data_dir, settings=None, wall=later)
    app = second.app
    async with app.run_test(size=(80, 24)) as pilot:
        today = await wait_today(pilot)
        assert today.today is not None and today.today.resumable is not None
        workout = await start_workout(pilot)  # Enter: a new session, not r (resume)
        assert workout.runner is not None
        new_id = workout.runner.state.record.id
        assert new_id != left.id
        await press(pilot, "ctrl+q")
        await wait_for(pilot, lambda: leaving(app), what="the app to quit")
    second.services.close()

    by_id = {r.id: r for r in stored(first.data_dir)}
    closed, new = by_id[left.id], by_id[new_id]
    assert closed.status is SessionStatus.ENDED_EARLY
    assert closed.sets == left.sets and [s.pain for s in closed.sets] == [3]
    assert closed.ended_at == left.sets[-1].ended_at
    assert new.status is SessionStatus.IN_PROGRESS and new.started_at == later
