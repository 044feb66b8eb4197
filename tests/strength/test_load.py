"""The load proposal, session by session: up a step when earned, else hold or drop, and why."""

from __future__ import annotations

import datetime as dt

from session.records import SessionStatus
from session.strength.mornings import mornings_after
from session.strength.prescribe import prescribe_strength
from session.strength.records import LoadProposal, StrengthSettings
from tests.strength.helpers import (
    MONDAY,
    PROGRAM,
    SEATED,
    STANDING,
    STRENGTH,
    Runner,
    days,
    do_part,
)


def trained_and_settled(runner: Runner, when: dt.datetime, morning: int = 1, **how: object) -> None:
    runner.train(when, **how)
    runner.morning(when.date() + dt.timedelta(days=1), morning)


def test_the_first_session_starts_both_calf_raises_with_no_added_load() -> None:
    rx = Runner().prescribe(MONDAY)
    assert (rx.week, rx.dose, rx.label) == (1, "3 x 15RM", "Week 1: 3 x 15RM")
    for p in rx.loads:
        assert (p.load_kg, p.previous_kg, p.change, p.steps, p.stance) == (
            0.0,
            None,
            "start",
            None,
            "both",
        )
    assert rx.load_for(STANDING).reasons == (
        "Standing calf raise, knee straight, both legs, for the first time: start with no added "
        "load.",
        "It goes up 2.5 kg each time every rep is done with pain at most 5/10 and a "
        "next-morning check-in shows no flare.",
    )


def test_all_reps_low_pain_and_a_settled_morning_go_up_one_step() -> None:
    runner = Runner()
    runner.morning(MONDAY.date() - dt.timedelta(days=1), 1)
    trained_and_settled(runner, MONDAY, pain=3)
    p = runner.prescribe(MONDAY + days(2)).load_for(STANDING)
    assert (p.load_kg, p.previous_kg, p.change, p.steps) == (2.5, 0.0, "up", 1)
    assert p.reasons == (
        "Last session (Mon 06 Jan): 45 of 45 reps with no added load, pain at most 3/10.",
        "Every rep done, pain at most 5/10, and no flare the next morning (1/10 on Tue 07 Jan): "
        "up one step to 2.5 kg.",
    )


def test_without_a_morning_check_in_the_load_holds() -> None:
    runner = Runner()
    runner.train(MONDAY)
    p = runner.prescribe(MONDAY + days(2)).load_for(SEATED)
    assert (p.load_kg, p.change, p.steps) == (0.0, "hold", 0)
    assert p.reasons[-1] == (
        "Staying at no added load: no morning check-in since; the load goes up only after a "
        "morning with no flare."
    )


def test_a_flare_the_next_morning_drops_every_exercise_a_step() -> None:
    runner = Runner()
    for k in range(4):  # four good sessions: 10 kg, and a usual morning of 1/10
        trained_and_settled(runner, MONDAY + days(2 * k))
    trained_and_settled(runner, MONDAY + days(8), morning=4)
    rx = runner.prescribe(MONDAY + days(10))
    for p in rx.loads:
        assert (p.previous_kg, p.load_kg, p.change, p.steps) == (10.0, 7.5, "down", -1)
        assert p.reasons[-1] == (
            "Down 1 step to 7.5 kg: on the morning of Wed 15 Jan the Achilles was worse than "
            "usual (4/10; usual 1/10), which means the load was too much for now."
        )


def test_pain_in_the_stop_zone_drops_that_exercise_and_holds_the_other() -> None:
    runner = Runner()
    for k in range(2):
        trained_and_settled(runner, MONDAY + days(2 * k))
    trained_and_settled(
        runner,
        MONDAY + days(4),
        pain={STANDING: 6, SEATED: 2},
        status=SessionStatus.STOPPED_FOR_PAIN,
    )
    rx = runner.prescribe(MONDAY + days(6))
    standing, seated = rx.load_for(STANDING), rx.load_for(SEATED)
    assert (standing.load_kg, standing.change) == (2.5, "down")
    assert "pain reached 6/10 in it, which is too much" in standing.reasons[-1]
    assert (seated.load_kg, seated.change) == (5.0, "hold")
    assert seated.reasons[-1] == (
        "Staying at 5 kg: pain reached 6/10 in the last session, so no load is added yet."
    )


def test_reps_short_once_holds_twice_running_drops() -> None:
    runner = Runner()
    for k in range(2):
        trained_and_settled(runner, MONDAY + days(2 * k))
    trained_and_settled(runner, MONDAY + days(4), short={SEATED: 2})
    once = runner.prescribe(MONDAY + days(6)).load_for(SEATED)
    assert (once.load_kg, once.change) == (5.0, "hold")
    assert once.reasons[-1] == (
        "Staying at 5 kg: 3 sets fell short of 15 reps, so this load is about your 15RM."
    )
    trained_and_settled(runner, MONDAY + days(6), short={SEATED: 1})
    twice = runner.prescribe(MONDAY + days(8)).load_for(SEATED)
    assert (twice.load_kg, twice.change) == (2.5, "down")
    assert (
        "Down 1 step to 2.5 kg: reps fell short two sessions running: the load is above your 15RM."
    ) in twice.reasons


def test_a_new_week_with_fewer_reps_climbs_one_step_and_says_so() -> None:
    runner = Runner()
    for k in range(3):
        trained_and_settled(runner, MONDAY + days(2 * k))
    rx = runner.prescribe(MONDAY + days(7))
    assert (rx.week, rx.dose) == (2, "3 x 12RM")
    p = rx.load_for(STANDING)
    assert (p.previous_kg, p.load_kg, p.change) == (5.0, 7.5, "up")
    assert p.reasons[-1] == (
        "The dose now has fewer reps per set (12 instead of 15) at a heavier RM: the load climbs "
        "to it one step at a time, while the rules allow."
    )


def test_a_long_break_goes_back_a_block_and_a_step() -> None:
    runner = Runner()
    when = MONDAY
    while when < MONDAY + days(44):  # into week 7, 4 x 8RM
        trained_and_settled(runner, when)
        when += days(2)
    last = runner.history[-1]
    assert (last.week, last.reps) == (7, 8)
    rx = runner.prescribe(when + days(13))
    assert (rx.week, rx.dose) == (4, "4 x 10RM")
    p = rx.load_for(STANDING)
    assert p.previous_kg is not None
    assert (p.load_kg, p.change, p.steps) == (p.previous_kg - 5.0, "down", -2)
    assert p.reasons[-1] == (
        f"Down 2 steps to {p.load_kg:g} kg: after 15 days without calf raises, start a step "
        "lighter; the dose now has more reps per set (10 instead of 8), which needs a lighter "
        "load."
    )


def test_after_six_weeks_off_part_1_and_its_load_start_again() -> None:
    runner = Runner()
    for k in range(6):
        trained_and_settled(runner, MONDAY + days(2 * k))
    rx = runner.prescribe(MONDAY + days(10 + 50))
    assert (rx.week, rx.dose) == (1, "3 x 15RM")
    p = rx.load_for(STANDING)
    assert (p.load_kg, p.previous_kg, p.change, p.steps) == (0.0, 12.5, "start", None)
    assert p.reasons[0] == "Part 1 starts again, so the load does too: no added load."
    assert "It has been 50 days since your last calf raises" in rx.reasons[0]


def test_one_leg_at_a_time_is_a_new_load_that_starts_again() -> None:
    runner = Runner()
    for k in range(3):
        trained_and_settled(runner, MONDAY + days(2 * k))
    runner.settings = StrengthSettings(stances={SEATED: "single"})
    rx = runner.prescribe(MONDAY + days(6))
    seated = rx.load_for(SEATED)
    assert (seated.stance, seated.load_kg, seated.change) == ("single", 0.0, "start")
    assert seated.reasons[0].startswith("Seated calf raise, knee bent, one leg at a time, for the")
    assert rx.load_for(STANDING).change == "up"


def test_an_exercise_not_done_last_time_holds_from_its_last_load() -> None:
    runner = Runner()
    for k in range(2):
        trained_and_settled(runner, MONDAY + days(2 * k))
    trained_and_settled(
        runner, MONDAY + days(4), only=(STANDING,), status=SessionStatus.ENDED_EARLY
    )
    p = runner.prescribe(MONDAY + days(6)).load_for(SEATED)
    assert (p.load_kg, p.change) == (2.5, "hold")
    assert p.reasons == (
        "Last done (Wed 08 Jan): 45 of 45 reps with 2.5 kg, pain at most 2/10.",
        "Staying at 2.5 kg: it was not done in the last session (Fri 10 Jan).",
    )


def test_a_load_changed_mid_session_steps_from_the_lighter() -> None:
    runner = Runner()
    runner.morning(MONDAY.date() - dt.timedelta(days=1), 1)
    trained_and_settled(runner, MONDAY)
    rx = runner.prescribe(MONDAY + days(2))
    part = do_part(rx, MONDAY + days(2))
    heavier = part.sets[0].model_copy(update={"load_kg": 5.0})
    runner.history.append(part.model_copy(update={"sets": (heavier, *part.sets[1:])}).summary("x"))
    runner.morning(MONDAY.date() + dt.timedelta(days=3), 1)
    p = runner.prescribe(MONDAY + days(4)).load_for(STANDING)
    assert (p.previous_kg, p.load_kg) == (2.5, 5.0)
    assert "with 2.5 kg to 5 kg (the lighter counts)" in p.reasons[0]


def test_at_no_added_load_a_drop_stays_there_and_says_so() -> None:
    runner = Runner()
    for k in range(3):
        runner.morning(MONDAY.date() - dt.timedelta(days=k + 1), 1)
    trained_and_settled(runner, MONDAY, morning=5)
    p: LoadProposal = runner.prescribe(MONDAY + days(2)).load_for(STANDING)
    assert (p.load_kg, p.change, p.steps) == (0.0, "hold", 0)
    assert p.reasons[-1].startswith(
        "Staying at no added load, the lightest there is: on the morning"
    )


def test_where_the_program_waives_the_morning_the_load_rises_without_one() -> None:
    runner = Runner()
    runner.train(MONDAY)
    waived = STRENGTH.model_copy(
        update={"rules": STRENGTH.rules.model_copy(update={"rise_needs_morning": False})}
    )
    judge = mornings_after([], 7, [s.started_at for s in runner.history])
    rx = prescribe_strength(
        waived, runner.settings, runner.history, judge, PROGRAM.stop_threshold, MONDAY + days(2)
    )
    p = rx.load_for(STANDING)
    assert (p.load_kg, p.change) == (2.5, "up")
    assert "no morning check-in since (the program does not wait for one)" in p.reasons[-1]


def test_a_stance_the_program_does_not_offer_falls_back_and_says_so() -> None:
    seated = STRENGTH.exercise(SEATED).model_copy(update={"stances": ("both",)})
    program = STRENGTH.model_copy(update={"exercises": (STRENGTH.exercise(STANDING), seated)})
    runner = Runner(settings=StrengthSettings(stances={SEATED: "single"}))
    judge = mornings_after([], 7, [])
    rx = prescribe_strength(program, runner.settings, [], judge, PROGRAM.stop_threshold, MONDAY)
    assert rx.load_for(SEATED).stance == "both"
    assert rx.reasons[-1] == (
        "Seated calf raise, knee bent: one leg at a time is not offered by the program, so both "
        "legs."
    )
