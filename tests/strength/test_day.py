"""The combined day: both parts in one session by default, or taking turns; off means hops only."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session.strength.day import DayPlan, PartsDone, plan_day
from session.strength.program import Part, StrengthProgram
from session.strength.records import StrengthSettings
from tests.strength.helpers import MONDAY, PROGRAM, STRENGTH, days

ON, OFF = StrengthSettings(), StrengthSettings(enabled=False)


def with_day(**day: object) -> StrengthProgram:
    return STRENGTH.model_copy(update={"day": STRENGTH.day.model_copy(update=day)})


SEPARATE = with_day(arrangement="separate")


def done(start: dt.datetime, *parts: Part, minutes: float = 50) -> PartsDone:
    return PartsDone(start, start + dt.timedelta(minutes=minutes), frozenset(parts))


def test_by_default_one_session_holds_calf_raises_then_the_circuit() -> None:
    plan = plan_day(PROGRAM, STRENGTH, ON, [], MONDAY)
    assert plan.parts == ("strength", "plyometrics")
    assert (plan.earliest_start, plan.rest_between_parts) == (None, 180.0)
    assert plan.reasons == (
        "One session with both parts: calf raises first, then the plyometric circuit, with 180 "
        "seconds of rest between them.",
    )


def test_the_program_data_may_put_the_circuit_first() -> None:
    plan = plan_day(PROGRAM, with_day(parts=("plyometrics", "strength")), ON, [], MONDAY)
    assert plan.parts == ("plyometrics", "strength")
    assert "the plyometric circuit first, then calf raises" in plan.reasons[0]


def test_part_1_off_is_the_circuit_alone_with_its_own_rules() -> None:
    history = [done(MONDAY - dt.timedelta(hours=2), "strength", "plyometrics")]
    plan = plan_day(PROGRAM, STRENGTH, OFF, history, MONDAY)
    assert plan == DayPlan(
        ("plyometrics",),
        ("Part 1, the calf raises, is off in your settings: the plyometric circuit only.",),
    )


@pytest.mark.parametrize(
    ("last", "today", "words"),
    [
        ((), "strength", "starting with calf raises"),
        (("strength",), "plyometrics", "was calf raises, so now the plyometric circuit"),
        (("plyometrics",), "strength", "was the plyometric circuit, so now calf raises"),
        (("strength", "plyometrics"), "strength", "held both, so the turns start again with"),
    ],
)
def test_on_separate_days_the_parts_take_turns(
    last: tuple[Part, ...], today: Part, words: str
) -> None:
    history = [done(MONDAY - days(4), "plyometrics"), done(MONDAY - days(2), *last)] if last else []
    plan = plan_day(PROGRAM, SEPARATE, ON, history, MONDAY)
    assert (plan.parts, plan.rest_between_parts) == ((today,), None)
    assert words in plan.reasons[0]


def test_the_tendon_rests_24_hours_after_either_part() -> None:
    last = done(MONDAY - dt.timedelta(hours=20), "strength", minutes=30)
    plan = plan_day(PROGRAM, SEPARATE, ON, [last], MONDAY)
    assert plan.earliest_start == MONDAY + dt.timedelta(hours=4, minutes=30)
    assert not plan.ready_at(MONDAY) and plan.ready_at(MONDAY + dt.timedelta(hours=5))
    assert plan.reasons[-1] == (
        "The tendon needs 24 hours between sessions: the next one can start Mon 06 Jan at 22:30."
    )


def test_a_session_with_nothing_done_neither_rests_nor_takes_a_turn() -> None:
    history = [done(MONDAY - days(2), "strength"), done(MONDAY - dt.timedelta(hours=1))]
    plan = plan_day(PROGRAM, SEPARATE, ON, history, MONDAY)
    assert (plan.parts, plan.earliest_start) == (("plyometrics",), None)


def test_an_impossible_day_is_an_error() -> None:
    with pytest.raises(ValueError):
        DayPlan((), ("nothing",))
    with pytest.raises(ValueError):
        DayPlan(("strength", "strength"), ("twice",), None, 180.0)
    with pytest.raises(ValueError):
        DayPlan(("strength", "plyometrics"), ("no rest",))


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_day(PROGRAM, STRENGTH, ON, [], MONDAY.replace(tzinfo=None))


parts_done = st.lists(
    st.tuples(
        st.integers(1, 96),  # hours after the previous session
        st.sets(st.sampled_from(["strength", "plyometrics"])),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    history=parts_done,
    wait=st.integers(0, 72),
    arrangement=st.sampled_from(["together", "separate"]),
    enabled=st.booleans(),
)
def test_what_a_day_holds(
    history: list[tuple[int, set[Part]]], wait: int, arrangement: str, enabled: bool
) -> None:
    sessions, when = [], MONDAY
    for gap, parts in history:
        when += dt.timedelta(hours=gap)
        sessions.append(done(when, *parts))
    now = when + dt.timedelta(hours=wait)
    program = with_day(arrangement=arrangement)
    plan = plan_day(PROGRAM, program, StrengthSettings(enabled=enabled), sessions, now)
    trained = [s for s in sessions if s.parts]
    if not enabled:
        assert plan.parts == ("plyometrics",) and plan.earliest_start is None
        return
    if arrangement == "together":
        assert plan.parts == program.day.parts
    else:
        assert len(plan.parts) == 1
        if trained and len(trained[-1].parts) == 1:
            assert plan.parts[0] not in trained[-1].parts, "the turn passes to the other part"
    ready: dt.datetime | None = None
    if trained:
        end = trained[-1].ended_at
        assert end is not None
        ready = end + dt.timedelta(hours=PROGRAM.rules.min_rest_hours)
    assert plan.earliest_start == (ready if ready is not None and now < ready else None)
