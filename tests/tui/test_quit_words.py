"""Ctrl+C in the middle of a session that holds part 1: the words on the way out count the calf
raises kept too (the real app under Pilot on a real store, then the command line's own words
from the history, as `achilles` prints them)."""

from __future__ import annotations

import argparse

from session.records import Settings
from tests.pilot import press, settle, wait_for
from tests.tui.conftest import T0, ManualClock, RigFactory, move_to, wait_today, workout_running
from tui.cli.app import left_behind
from tui.screens.loads import LoadScreen
from tui.screens.pain import PainScreen
from tui.voice import RecordingVoice

SET_1_RATED = T0 + 6 + 91.0 + 1
"""Part 1's first set is over (announced, counted in, 15 reps of 6 s) and its rating asked."""


async def test_quitting_after_a_calf_raise_set_says_it_was_kept(make_rig: RigFactory) -> None:
    clock = ManualClock()
    part1_on = Settings(sore_side="right")
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now), settings=part1_on)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen), what="the loads")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: workout_running(app), what="the workout")
        await move_to(pilot, clock, SET_1_RATED)
        assert isinstance(app.screen, PainScreen)
        await press(pilot, "2")
        await settle(pilot)
        await app.action_quit()
        session_id = app.interrupted
    assert session_id is not None
    args = argparse.Namespace(data_dir=rig.data_dir, program=None)
    said = rig.services.coach.call(lambda c: left_behind(c, session_id, args)).result(10)
    assert said.startswith(
        "achilles: you quit in the middle of the session. Kept: 1 of 9 sets, each saved when it "
        "ended (Standing calf raise, knee straight 1 of 3)."
    ), said
