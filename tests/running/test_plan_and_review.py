"""Today's running in one call, and the review: weekly minutes beside pain, symmetry, readiness."""

from __future__ import annotations

import datetime as dt

from session.running.ladder import BEFORE
from session.running.outcome import OutcomeScore
from session.running.plan import speed_plan
from session.running.review import readiness_report, run_weeks, symmetry_series
from session.running.runs import RunKind
from tests.running.builders import (
    CET,
    SPEED,
    at,
    history,
    mon_wed_fri,
    mornings,
    result,
    run,
    settled,
)

SESSIONS = mon_wed_fri(0, 25)
RESULTS = [
    result(19, "heel_raise", left=30, right=28),
    result(19, "side_hop", left=40, right=38),
    result(19, "hop_count", left=10, right=10),
]
EASY = [run(d, minutes=35, calming=("heel_lift", "no_speed")) for d in (13, 15, 17, 19)]


def test_a_ready_runner_may_start_with_strides() -> None:
    h = history(sessions=SESSIONS, runs=EASY, results=RESULTS, pains=settled(range(21)))
    plan = speed_plan(SPEED, h, at(20, 12))
    assert plan.gate.met
    assert plan.ladder.step == BEFORE
    assert plan.next_step is not None and plan.next_step.id == "strides"
    assert plan.lines[0].startswith("The morning after your easy run on Sat 22 Mar (35 min)")
    assert plan.lines[1] == "Ready for hills and speed work: every criterion of the gate is met."
    assert plan.lines[2].startswith("You may start the return ladder with strides: At the end")
    assert plan.lines[3] == "The gate lifts no hills or speed work."


def test_a_strides_run_then_settled_mornings_keep_the_runner_on_the_ladder() -> None:
    runs = [*EASY, run(21, RunKind.STRIDES), run(23, RunKind.STRIDES)]
    h = history(sessions=SESSIONS, runs=runs, results=RESULTS, pains=settled(range(25)))
    plan = speed_plan(SPEED, h, at(24, 12))
    assert plan.ladder.step == 1
    assert plan.next_step is not None and plan.next_step.id == "short_hills"
    assert "moving up to short hill repeats" in plan.lines[1]
    assert plan.lines[2].startswith("Next speed session: short hill repeats. After an easy warm-up")


def test_a_flare_after_a_run_means_no_speed_work() -> None:
    runs = [*EASY, run(21, RunKind.STRIDES, calming=("heel_lift",))]
    h = history(sessions=SESSIONS, runs=runs, results=RESULTS, pains={**settled(range(22)), 22: 5})
    plan = speed_plan(SPEED, h, at(22, 12))
    assert plan.advice.dial_back
    assert plan.next_step is None
    assert plan.ladder.step == BEFORE
    assert "No speed work until a morning after a run is back to usual." in plan.lines
    assert any(line.startswith("Weaning is paused") for line in plan.lines)


def test_waiting_for_the_morning_holds_the_next_speed_session() -> None:
    runs = [*EASY, run(21, RunKind.STRIDES)]
    h = history(sessions=SESSIONS, runs=runs, results=RESULTS, pains=settled(range(21)))
    plan = speed_plan(SPEED, h, at(21, 21))
    assert plan.ladder.step == 0
    assert plan.next_step is None
    assert "Check in the morning after your last run before the next speed session." in plan.lines


def test_a_runner_not_ready_runs_easy() -> None:
    h = history(runs=EASY, pains=settled(range(21)))
    plan = speed_plan(SPEED, h, at(20, 12))
    assert not plan.gate.met and plan.next_step is None
    assert "Easy running only for now." in plan.lines


def test_running_minutes_per_week_beside_pain() -> None:
    runs = [run(1, minutes=30, pain=2), run(3, RunKind.HILLS, minutes=35, pain=4), run(15)]
    weeks = run_weeks(runs, mornings({2: 2, 4: 3, 5: 4, 16: 2}), at(20).date(), CET)
    assert [w.start for w in weeks] == [
        dt.date(2025, 3, 3),
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 17),
    ]
    first, empty, third = weeks
    assert (first.runs, first.minutes, first.longest, first.speed_runs) == (2, 65.0, 35.0, 1)
    assert (first.peak_pain, first.morning_pain, first.flares) == (4, 4, 2)
    assert (empty.runs, empty.minutes, empty.peak_pain, empty.morning_pain) == (0, 0.0, None, None)
    assert (third.runs, third.minutes) == (1, 40.0)
    assert run_weeks([], mornings({}), at(20).date(), CET) == []


def test_symmetry_over_time() -> None:
    results = [
        result(1, "heel_raise", left=30, right=20),
        result(8, "side_hop", left=40, right=36),
        result(15, "heel_raise", left=30, right=27),
        result(15, "hop_count", right=10),
    ]
    series = symmetry_series(results, "right", CET)
    assert [(p.kind, p.lsi) for p in series] == [
        ("heel_raise", 66.7),
        ("side_hop", 90.0),
        ("heel_raise", 90.0),
    ]
    assert symmetry_series(results, "both", CET) == []


def test_the_physio_report_answers_ready_and_why() -> None:
    h = history(sessions=SESSIONS[:4], runs=EASY, results=RESULTS, pains=settled(range(21)))
    plan = speed_plan(SPEED, h, at(20, 12))
    score = OutcomeScore(
        id="o",
        recorded_at=at(18, 9).astimezone(dt.UTC),
        label="VISA-A-based score",
        answers={},
        points={},
        score=71,
    )
    lines = readiness_report(SPEED, plan, [score], CET)
    assert lines[0] == (
        "Not ready for hills and speed work yet: 1 of 5 criteria still missing "
        "(circuit 2 at 3 x 15)."
    )
    assert lines[1] == (
        "- Circuit 2 at 3 x 15: missing. Circuit 2 at 3 x 15 for 20 days (4 of 6 completed "
        "sessions), no flare, pain at most 2/10."
    )
    assert lines[2].startswith("  Source: Issue 15 defaults")
    assert "Return ladder: not started (easy running only). No speed work yet." in lines
    assert "VISA-A-based score 71 on Fri 21 Mar 2025." in lines
