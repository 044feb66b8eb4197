"""A count made faster or slower with + and - is offered to be kept at the end of the session
(one key on the summary), saved in the settings through the coach, and counted at by the next
session. Through the real app on a real store in tmp_path."""

from __future__ import annotations

from store import Store
from tests.pilot import footer_keys, press, text_of, wait_for
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    move_to,
    start_workout,
    wait_today,
    workout_of,
)
from tui.screens.summary import SummaryScreen
from tui.screens.workout import WorkoutScreen
from tui.voice import RecordingVoice


async def test_a_faster_count_is_kept_for_the_next_session(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 3 + 0.5)
        await press(pilot, "plus", "plus")  # 1.2 -> 1.0 s per rep
        assert text_of(app, "#w-detail") == "1.0 s per rep  (+ faster, - slower)"
        await press(pilot, "q", "y")  # end early: the summary
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="summary")
        assert text_of(app, "#summary-cadence") == (
            "You changed the count: Single Leg Hop Up at 1.0 s per rep (was 1.2). "
            "Press k to keep it for next time."
        )
        assert "k Keep the new count" in footer_keys(app)
        await press(pilot, "k")
        await wait_for(
            pilot, lambda: text_of(app, "#summary-cadence").startswith("Kept"), what="kept"
        )
        assert text_of(app, "#summary-cadence") == (
            "Kept for next time: Single Leg Hop Up at 1.0 s per rep (was 1.2). "
            "+ and - change it again during a set."
        )
        assert "k Keep the new count" not in footer_keys(app)

        # The next session counts at the kept pace (Enter twice: the rest is not over).
        await press(pilot, "enter")
        today = await wait_today(pilot)
        assert today.has_class("-rest-day")
        await press(pilot, "enter", "enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, WorkoutScreen) and app.screen.runner is not None,
            what="the next workout",
        )
        assert app.screen is not workout
        runner = workout_of(app).runner
        assert runner is not None and runner.state.cadence("hop_up") == 1.0
        assert runner.state.cadence("forward_hop") == 2.5
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().kept_cadences == {"hop_up": 1.0}


async def test_no_change_no_offer(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 3 + 0.5)
        await press(pilot, "plus", "minus")  # changed, and changed back
        await press(pilot, "q", "y")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="summary")
        assert not app.screen.query("#summary-cadence")
        assert "k Keep the new count" not in footer_keys(app)
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().kept_cadences == {}
