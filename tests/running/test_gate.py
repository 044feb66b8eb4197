"""The readiness gate for hills and speed: what is met and what is missing, in plain words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from assets import SPEED_PROGRAM_FILE
from session.records import SessionStatus, SoreSide
from session.running.functional import FunctionalResult
from session.running.gate import GateInput, Readiness, gate_met, readiness
from session.running.loader import parse_speed_program
from session.running.runs import RunRecord
from session.running.speed_program import SpeedProgram
from store.speed_program_file import load_speed_program
from tests.running.builders import (
    PROGRAM,
    SPEED,
    at,
    mon_wed_fri,
    mornings,
    result,
    run,
    session,
    settled,
)

NOW = at(20, 12)
SESSIONS = mon_wed_fri(0, 18)
RESULTS = [
    result(19, "heel_raise", left=30, right=28),
    result(19, "side_hop", left=40, right=38),
    result(19, "hop_count", left=10, right=10),
]
RUNS = [run(d, minutes=35) for d in (13, 15, 17, 19)]


def gate(
    *,
    sessions: Sequence[object] = SESSIONS,
    runs: Sequence[RunRecord] = RUNS,
    results: Sequence[FunctionalResult] = RESULTS,
    pains: dict[int, int] | None = None,
    sore_side: SoreSide | None = "right",
    now: dt.datetime = NOW,
    program: SpeedProgram = SPEED,
) -> Readiness:
    inp = GateInput.of(
        sessions,  # type: ignore[arg-type]
        runs,
        results,
        mornings(pains if pains is not None else settled(range(21))),
        sore_side,
        now,
    )
    return readiness(program, inp)


def item(r: Readiness, item_id: str) -> tuple[bool, str]:
    (found,) = [i for i in r.items if i.id == item_id]
    return found.met, found.detail


def test_a_runner_who_meets_every_criterion_is_ready() -> None:
    r = gate()
    assert r.met, [(i.id, i.detail) for i in r.missing]
    assert [i.id for i in r.items] == ["circuit", "heel_raise", "side_hop", "hops", "easy_runs"]
    assert r.summary() == "Ready for hills and speed work: every criterion of the gate is met."
    assert item(r, "circuit")[1] == (
        "Circuit 2 at 3 x 15 for 20 days (9 completed sessions), no flare, pain at most 2/10."
    )
    assert item(r, "heel_raise")[1] == (
        "Sat 22 Mar: sore side 28, other side 30 raises (93%; at least 90% needed)."
    )
    assert item(r, "hops")[1] == (
        "Sat 22 Mar: pain-free hops on the sore side: right 10 (at least 10 needed)."
    )
    assert item(r, "easy_runs")[1] == (
        "4 of 3 easy runs of 30 minutes or more in the last 21 days, with pain at most 3/10 and "
        "a settled next morning."
    )
    assert all(i.source for i in r.items)


def test_two_weeks_of_circuit_2_are_needed() -> None:
    met, detail = item(gate(sessions=mon_wed_fri(9, 18)), "circuit")
    assert not met
    assert detail == (
        "Circuit 2 at 3 x 15 for 11 of 14 days (5 of 6 completed sessions), no flare, pain at "
        "most 2/10."
    )


def test_a_flare_restarts_the_two_weeks() -> None:
    r = gate(pains={**settled(range(21)), 10: 5})
    met, detail = item(r, "circuit")
    assert not met
    assert detail.startswith("Circuit 2 at 3 x 15 for 9 of 14 days (4 of 6 completed sessions)")
    assert detail.endswith("the count restarted after the flare on Thu 13 Mar.")
    assert "circuit 2 at 3 x 15" in r.summary()


def test_pain_above_3_restarts_the_two_weeks() -> None:
    sessions = [session(d, pain=4 if d == 9 else 2) for d in range(19) if d % 7 in (0, 2, 4)]
    met, detail = item(gate(sessions=sessions), "circuit")
    assert not met
    assert "the count restarted after pain 4/10 on Wed 12 Mar" in detail


def test_a_base_from_long_ago_is_not_current() -> None:
    met, detail = item(gate(now=at(40, 12)), "circuit")
    assert not met
    assert detail.endswith("But the last session was 22 days ago: the base needs to be current.")


def test_not_yet_at_circuit_2() -> None:
    met, detail = item(gate(sessions=mon_wed_fri(0, 18, circuit=1)), "circuit")
    assert not met
    assert detail.startswith("Not at circuit 2, 3 x 15 with pain at most 3/10 and no flare yet")
    assert "(now: Circuit 1: 3 x 15)" in detail


def test_an_ended_early_session_does_not_count_but_does_not_break() -> None:
    sessions = [
        session(d, status=SessionStatus.ENDED_EARLY if d == 9 else SessionStatus.COMPLETED)
        for d in range(19)
        if d % 7 in (0, 2, 4)
    ]
    met, detail = item(gate(sessions=sessions), "circuit")
    assert met
    assert "(8 completed sessions)" in detail


def test_the_sore_side_below_90_percent_is_missing() -> None:
    results = [result(19, "heel_raise", left=30, right=26), *RESULTS[1:]]
    met, detail = item(gate(results=results), "heel_raise")
    assert not met
    assert detail == "Sat 22 Mar: sore side 26, other side 30 raises (87%; at least 90% needed)."


def test_two_weak_sides_are_symmetric_but_not_ready() -> None:
    """A symmetric 12 and 12 is not the endurance hills need: the sore side needs 25 too."""
    results = [result(19, "heel_raise", left=12, right=12), *RESULTS[1:]]
    met, detail = item(gate(results=results), "heel_raise")
    assert not met
    assert detail == (
        "Sat 22 Mar: sore side 12, other side 12 raises (100%; at least 90% needed). "
        "The sore side also needs at least 25 raises."
    )


def test_an_old_test_no_longer_counts() -> None:
    met, detail = item(gate(now=at(20 + 28, 12)), "side_hop")
    assert not met
    assert detail == "No side-hop test result in the last 28 days."


def test_a_test_needs_both_legs_for_symmetry() -> None:
    results = [result(19, "heel_raise", right=28), *RESULTS[1:]]
    met, detail = item(gate(results=results), "heel_raise")
    assert not met
    assert detail == "The test of Sat 22 Mar needs a count for each leg."


def test_both_sides_sore_uses_the_reference_or_the_physio() -> None:
    r = gate(sore_side="both", results=[result(19, "heel_raise", left=26, right=25), *RESULTS[1:]])
    assert item(r, "heel_raise") == (
        True,
        "Sat 22 Mar: both sides sore, left 26 and right 25 raises (at least 25 each needed).",
    )
    met, detail = item(r, "side_hop")
    assert not met
    assert "no healthy side to compare with: your physio judges this one" in detail
    assert item(r, "hops")[1] == (
        "Sat 22 Mar: pain-free hops on the sore side: left 10 and right 10 (at least 10 needed)."
    )


def test_a_physio_can_set_a_reference_for_the_side_hop() -> None:
    text = SPEED_PROGRAM_FILE.read_text(encoding="utf-8").replace(
        'test = "side_hop"\nmin_lsi = 90', 'test = "side_hop"\nmin_lsi = 90\nreference = 35'
    )
    r = gate(sore_side="both", program=parse_speed_program(text, PROGRAM.calming_measures))
    assert item(r, "side_hop")[0]


def test_fewer_than_ten_pain_free_hops_is_missing() -> None:
    results = [*RESULTS[:2], result(19, "hop_count", left=10, right=8)]
    met, detail = item(gate(results=results), "hops")
    assert not met
    assert "right 8 (at least 10 needed)" in detail


def test_easy_runs_need_the_planned_length_and_a_morning() -> None:
    short = [run(d, minutes=25) for d in (13, 15, 17, 19)]
    assert item(gate(runs=short), "easy_runs")[1].startswith("0 of 3 easy runs")
    no_mornings = settled([*range(14), 16, 18])  # only day 15's run has a morning after
    met, detail = item(gate(pains=no_mornings), "easy_runs")
    assert not met and detail.startswith("2 of 3")


def test_a_flare_after_a_run_blocks_the_easy_runs_criterion() -> None:
    met, detail = item(gate(pains={**settled(range(21)), 18: 5}), "easy_runs")
    assert not met
    assert detail == (
        "The morning of Fri 21 Mar, after your easy run on Thu 20 Mar (35 min), was worse than "
        "usual: easy runs need settled mornings first."
    )


def test_without_a_sore_side_the_tests_cannot_be_judged() -> None:
    r = gate(sore_side=None)
    assert item(r, "heel_raise") == (False, "The sore side is not set yet.")
    assert item(r, "hops") == (False, "The sore side is not set yet.")


@pytest.mark.parametrize("days_later", [0, 1])
def test_the_gate_at_an_earlier_moment_sees_nothing_later(days_later: int) -> None:
    """Judged on day 12 (before the tests and runs), the gate is not met whatever comes after."""
    r = gate(now=at(12 + days_later, 12))
    assert not r.met
    assert item(r, "heel_raise")[1] == "No heel-raise endurance result in the last 28 days."
    assert item(r, "easy_runs")[1].startswith("0 of 3")


def test_the_shipped_file_is_the_one_under_test() -> None:
    assert load_speed_program(PROGRAM.calming_measures) == SPEED


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"now": at(40, 12)},
        {"sore_side": "both"},
        {"pains": {**settled(range(21)), 18: 5}},
        {"results": RESULTS[:2]},
        {"runs": RUNS[:2]},
    ],
)
def test_the_quick_answer_agrees_with_the_full_one(kw: dict[str, object]) -> None:
    full = gate(**kw)  # type: ignore[arg-type]
    inp = GateInput.of(
        kw.get("sessions", SESSIONS),  # type: ignore[arg-type]
        kw.get("runs", RUNS),  # type: ignore[arg-type]
        kw.get("results", RESULTS),  # type: ignore[arg-type]
        mornings(kw.get("pains", settled(range(21)))),  # type: ignore[arg-type]
        kw.get("sore_side", "right"),  # type: ignore[arg-type]
        kw.get("now", NOW),  # type: ignore[arg-type]
    )
    assert gate_met(SPEED, inp) == full.met
