"""The dose by week: counted from the first calf raises; a long break goes back, never forward."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session.strength.weeks import week_of
from tests.strength.helpers import STRENGTH

FIRST = dt.date(2025, 1, 6)  # a Monday


def every_other_day(until: dt.date, start: dt.date = FIRST) -> list[dt.date]:
    return [start + dt.timedelta(days=k) for k in range(0, (until - start).days + 1, 2)]


def test_before_the_first_session_it_is_week_1() -> None:
    position = week_of(STRENGTH, [], FIRST)
    assert (position.week, position.block, position.first_day) == (1, 0, None)
    assert position.reasons == (
        "Your first calf raises: week 1 of part 1, 3 x 15RM.",
        STRENGTH.words.rm_explained,
    )


@pytest.mark.parametrize(
    ("days_in", "week", "dose"),
    [
        (0, 1, "3 x 15RM"),
        (6, 1, "3 x 15RM"),
        (7, 2, "3 x 12RM"),
        (20, 3, "3 x 12RM"),
        (21, 4, "4 x 10RM"),
        (35, 6, "4 x 8RM"),
        (56, 9, "4 x 6RM"),
        (83, 12, "4 x 6RM"),
        (84, 13, "3 x 8RM"),
        (400, 58, "3 x 8RM"),
    ],
)
def test_weeks_count_from_the_first_session(days_in: int, week: int, dose: str) -> None:
    today = FIRST + dt.timedelta(days=days_in)
    position = week_of(STRENGTH, every_other_day(today - dt.timedelta(days=1)) or [FIRST], today)
    assert position.week == week
    assert STRENGTH.doses[position.block].dose == dose
    assert position.reasons[0] == f"Week {week} of part 1: {dose}."
    assert position.reasons[1] == "The weeks count from your first calf raises, on Mon 06 Jan."
    assert not position.today_is_return


def test_ten_days_off_is_not_yet_a_long_break_eleven_is() -> None:
    last = FIRST + dt.timedelta(days=44)  # week 7: 4 x 8RM
    days = every_other_day(last)
    assert week_of(STRENGTH, days, last).week == 7
    ten = week_of(STRENGTH, days, last + dt.timedelta(days=10))
    assert (ten.week, ten.today_is_return) == (8, False)
    eleven = week_of(STRENGTH, days, last + dt.timedelta(days=11))
    assert (eleven.week, STRENGTH.doses[eleven.block].dose) == (4, "4 x 10RM")
    assert eleven.today_is_return
    assert eleven.reasons == (
        "It has been 11 days since your last calf raises (Wed 19 Feb), more than 10: back to "
        "week 4 of part 1 (4 x 10RM), to ease in again.",
    )


def test_after_the_return_the_weeks_count_on_from_it() -> None:
    last = FIRST + dt.timedelta(days=44)
    back = last + dt.timedelta(days=15)
    days = [*every_other_day(last), *every_other_day(back + dt.timedelta(days=14), back)]
    position = week_of(STRENGTH, days, back + dt.timedelta(days=15))
    assert (position.week, position.today_is_return) == (6, False)
    assert position.reasons[1] == (
        "The weeks count on from week 4 on Thu 06 Mar, when you came back after 15 days "
        "without calf raises."
    )


def test_a_break_in_the_first_weeks_goes_back_to_week_1() -> None:
    days = every_other_day(FIRST + dt.timedelta(days=9))  # week 2
    position = week_of(STRENGTH, days, FIRST + dt.timedelta(days=9 + 12))
    assert (position.week, position.block) == (1, 0)


def test_a_very_long_break_starts_part_1_again() -> None:
    last = FIRST + dt.timedelta(days=90)
    position = week_of(STRENGTH, every_other_day(last), last + dt.timedelta(days=43))
    assert (position.week, position.today_is_return) == (1, True)
    assert position.last_return is not None and position.last_return.restart
    assert "more than 42: part 1 starts again at week 1 (3 x 15RM)" in position.reasons[0]


def test_the_day_of_the_return_once_trained_is_no_longer_a_return() -> None:
    last = FIRST + dt.timedelta(days=44)
    back = last + dt.timedelta(days=15)
    position = week_of(STRENGTH, [*every_other_day(last), back], back)
    assert (position.week, position.today_is_return) == (4, False)


def test_sessions_after_today_are_ignored() -> None:
    assert week_of(STRENGTH, [FIRST + dt.timedelta(days=30)], FIRST).first_day is None


@settings(max_examples=120, deadline=None)
@given(gaps=st.lists(st.integers(1, 60), min_size=1, max_size=40), wait=st.integers(0, 60))
def test_a_break_never_moves_the_dose_on(gaps: list[int], wait: int) -> None:
    """Across any history: the week is at least 1; a long break never gives fewer reps per set
    (a heavier block) than before it; without long breaks the week is calendar weeks."""
    days = [FIRST]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    today = days[-1] + dt.timedelta(days=wait)
    position = week_of(STRENGTH, days, today)
    assert position.week >= 1
    before = week_of(STRENGTH, days, days[-1])
    if position.today_is_return:
        assert STRENGTH.doses[position.block].reps >= STRENGTH.doses[before.block].reps
        assert position.block <= before.block
    if all(g <= STRENGTH.rules.long_break_days for g in [*gaps, wait]):
        assert position.week == (today - FIRST).days // 7 + 1
        assert position.last_return is None
