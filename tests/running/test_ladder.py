"""The return ladder: up only after settled next mornings, back one on a flare, never up on one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from session.records import CheckIn
from session.running.ladder import BEFORE, LadderState, fold
from session.running.mornings import CheckInMornings
from session.running.runs import RunKind, RunRecord
from tests.running.builders import CET, SPEED, checkin, run, settled

LADDER, RULES = SPEED.ladder, SPEED.running
OPEN: Callable[[dt.datetime], bool] = lambda when: True  # noqa: E731
CLOSED: Callable[[dt.datetime], bool] = lambda when: False  # noqa: E731
BASE = settled(range(-7, 0))


def walk(
    runs: Sequence[RunRecord],
    pains: dict[int, int],
    gate: Callable[[dt.datetime], bool] = OPEN,
) -> LadderState:
    judged = CheckInMornings([checkin(d, p) for d, p in {**BASE, **pains}.items()], 7)
    return fold(LADDER, RULES, runs, judged.items, gate, CET)


def test_speed_work_before_the_gate_does_not_start_the_ladder() -> None:
    state = walk([run(1, RunKind.STRIDES)], {2: 2}, CLOSED)
    assert state.step == BEFORE
    assert state.reason == (
        "Your run with strides on Tue 04 Mar (40 min) came before the gate was met."
    )


def test_two_settled_strides_runs_move_up_to_short_hills() -> None:
    runs = [run(1, RunKind.STRIDES), run(3, RunKind.STRIDES)]
    one = walk(runs[:1], {2: 2})
    assert (one.step, one.position.done) == (0, 1)
    assert one.reason == (
        "The morning after your run with strides on Tue 04 Mar (40 min) was no worse than "
        "usual: strides counted 1 time, 1 more before short hill repeats."
    )
    two = walk(runs, {2: 2, 4: 2})
    assert (two.step, two.position.done) == (1, 0)
    assert two.reason == (
        "2 times strides with a settled next morning (the last after your run with strides on "
        "Thu 06 Mar (40 min)): moving up to short hill repeats."
    )


def test_without_a_morning_check_in_a_step_run_does_not_count() -> None:
    runs = [run(1, RunKind.STRIDES), run(3, RunKind.STRIDES)]
    state = walk(runs, {4: 2})  # no check-in after the first
    assert (state.step, state.position.done) == (0, 1)


def test_a_flare_after_a_hill_session_steps_back_to_strides() -> None:
    runs = [run(1, RunKind.STRIDES), run(3, RunKind.STRIDES), run(5, RunKind.HILLS)]
    state = walk(runs, {2: 2, 4: 2, 6: 5})
    assert state.step == 0
    assert state.moves[-1].flare
    assert state.reason == (
        "The morning after your hill session on Sat 08 Mar (40 min) the Achilles was worse than "
        "usual (5/10; your normal is 2/10): back one step to strides."
    )


def test_a_flare_on_the_first_step_goes_back_to_easy_running_only() -> None:
    state = walk([run(1, RunKind.STRIDES)], {2: 4})
    assert state.step == BEFORE
    assert state.reason.endswith(": back one step to easy running only.")


def test_a_flare_after_an_easy_run_also_steps_back() -> None:
    runs = [run(1, RunKind.STRIDES), run(3, RunKind.STRIDES), run(5, RunKind.EASY)]
    state = walk(runs, {2: 2, 4: 2, 6: 4})
    assert state.step == 0
    assert "after your easy run on Sat 08 Mar" in state.reason


def test_acceptable_pain_repeats_the_step_and_too_much_steps_back() -> None:
    hold = walk([run(1, RunKind.STRIDES, pain=4)], {2: 2})
    assert (hold.step, hold.position.done) == (0, 0)
    assert "hurt 4/10 (acceptable, but above 3/10)" in hold.reason
    runs = [run(1, RunKind.STRIDES), run(3, RunKind.STRIDES), run(5, RunKind.HILLS, pain=6)]
    back = walk(runs, {2: 2, 4: 2})
    assert back.step == 0
    assert back.reason == (
        "Your hill session on Sat 08 Mar (40 min) hurt 6/10: back one step to strides."
    )


def test_running_ahead_of_the_ladder_counts_for_nothing() -> None:
    state = walk([run(1, RunKind.STRIDES), run(3, RunKind.INTERVALS)], {2: 2, 4: 2})
    assert (state.step, state.position.done) == (0, 1)
    assert "was ahead of the ladder (strides)" in state.reason


def test_the_last_step_repeats() -> None:
    kinds = [RunKind.STRIDES] * 2 + [RunKind.HILLS] * 2 + [RunKind.INTERVALS] * 3
    runs = [run(1 + 2 * i, k) for i, k in enumerate(kinds)]
    state = walk(runs, settled(range(2, 16, 2)))
    assert state.step == 2
    assert state.reason.endswith("the last step: repeat it as you like, still pain-monitored.")


# Property: the ladder never rises on a flare, and steps back on every one that finds it on a step.

KINDS = [RunKind.EASY, RunKind.STRIDES, RunKind.HILLS, RunKind.INTERVALS, RunKind.TEMPO]
day_event = st.tuples(
    st.one_of(st.none(), st.sampled_from(KINDS)),  # a run that evening, or none
    st.integers(0, 7),  # pain during
    st.one_of(st.none(), st.integers(0, 7)),  # pain an hour after
    st.one_of(st.none(), st.integers(0, 6)),  # the next morning's pain, or no check-in
)


def timeline(
    days: Sequence[tuple[RunKind | None, int, int | None, int | None]],
) -> tuple[list[RunRecord], list[CheckIn]]:
    runs: list[RunRecord] = []
    checkins = [checkin(d, 2) for d in range(-7, 0)]
    for d, (kind, pain, after, morning) in enumerate(days):
        if kind is not None:
            runs.append(run(d, kind, pain=pain, after=after))
        if morning is not None:
            checkins.append(checkin(d + 1, morning))
    return runs, checkins


@settings(max_examples=300, deadline=None)
@given(st.lists(day_event, min_size=1, max_size=40), st.integers(0, 40))
def test_the_ladder_never_rises_after_a_flare(
    days: list[tuple[RunKind | None, int, int | None, int | None]], gate_day: int
) -> None:
    runs, checkins = timeline(days)
    judged = CheckInMornings(checkins, 7).items
    gate_from = runs[0].started_at + dt.timedelta(days=gate_day) if runs else None
    state = fold(
        LADDER,
        RULES,
        runs,
        judged,
        lambda when: gate_from is not None and when >= gate_from,
        CET,
    )
    flare_times = [m.recorded_at for m in judged if m.flare]
    on_flare = [m for m in state.moves if m.flare]
    assert [m.when for m in on_flare] == flare_times  # every flare is acted on, in order
    for move in on_flare:
        assert move.after <= move.before
        assert move.after == max(move.before - 1, BEFORE)
    settled_times = {m.recorded_at for m in judged if not m.flare}
    for move in state.moves:
        if move.after > move.before:
            assert move.after == move.before + 1
            # Up a step only on a settled morning; onto the first step only on a run.
            assert move.when in settled_times or (move.before == BEFORE and move.after == 0)
    assert BEFORE <= state.step < len(LADDER.steps)
