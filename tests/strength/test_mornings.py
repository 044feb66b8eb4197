"""The mornings after a strength session are judged by the one morning model, as part 2's are."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session.morning import read_mornings
from session.progression import assess
from session.records import CheckIn
from session.strength.mornings import NOT_CHECKED, MorningVerdict, mornings_after
from tests.session.helpers import session_record
from tests.strength.helpers import CET, MONDAY, PROGRAM

WINDOW = PROGRAM.rules.morning_normal_window
ENDED = MONDAY + dt.timedelta(minutes=40)


def checkin(day: dt.date, pain: int, hour: int = 7) -> CheckIn:
    when = dt.datetime.combine(day, dt.time(hour, 30), tzinfo=CET)
    return CheckIn(day=day, pain=pain, recorded_at=when.astimezone(dt.UTC))


def test_no_check_in_since_is_not_checked() -> None:
    judge = mornings_after([checkin(MONDAY.date(), 1)], WINDOW, [MONDAY])
    assert judge(ENDED, MONDAY.date()) == NOT_CHECKED


def test_the_same_evening_is_not_a_morning() -> None:
    judge = mornings_after([checkin(MONDAY.date(), 5, hour=21)], WINDOW, [MONDAY])
    assert judge(ENDED, MONDAY.date()) == NOT_CHECKED


def test_the_worst_flare_is_named_with_the_usual_before_it() -> None:
    tue, wed = MONDAY.date() + dt.timedelta(days=1), MONDAY.date() + dt.timedelta(days=2)
    earlier = [checkin(MONDAY.date() - dt.timedelta(days=k), 1) for k in range(1, 4)]
    judge = mornings_after([*earlier, checkin(tue, 3), checkin(wed, 4)], WINDOW, [MONDAY])
    assert judge(ENDED, MONDAY.date()) == MorningVerdict(True, True, wed, 4, 1.0)


def test_the_window_ends_where_the_next_session_of_either_part_began() -> None:
    tue, wed = MONDAY.date() + dt.timedelta(days=1), MONDAY.date() + dt.timedelta(days=2)
    earlier = [checkin(MONDAY.date() - dt.timedelta(days=k), 1) for k in range(1, 4)]
    checkins = [*earlier, checkin(tue, 1), checkin(wed, 6)]
    tuesday_hops = dt.datetime.combine(tue, dt.time(18), tzinfo=CET)
    judge = mornings_after(checkins, WINDOW, [MONDAY, tuesday_hops])
    assert judge(ENDED, MONDAY.date()) == MorningVerdict(True, False, tue, 1, 1.0)


@pytest.mark.parametrize(
    "bad",
    [
        {"checked": False, "flare": True},
        {"checked": True},
        {"checked": False, "day": MONDAY.date(), "pain": 2},
        {"checked": True, "flare": True, "day": MONDAY.date(), "pain": 2},
    ],
)
def test_an_impossible_verdict_is_an_error(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        MorningVerdict(**bad)  # type: ignore[arg-type]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pains=st.lists(st.integers(0, 10), min_size=0, max_size=12),
    offsets=st.lists(st.integers(-6, 5), min_size=12, max_size=12),
    evening=st.lists(st.booleans(), min_size=12, max_size=12),
    next_in=st.one_of(st.none(), st.integers(1, 5)),
)
def test_a_flare_for_part_1_is_a_flare_for_part_2(
    pains: list[int], offsets: list[int], evening: list[bool], next_in: int | None
) -> None:
    """The same session, the same check-ins: part 1's verdict and part 2's rule agree."""
    checkins: dict[dt.date, CheckIn] = {}
    for pain, off, late in zip(pains, offsets, evening, strict=False):
        day = MONDAY.date() + dt.timedelta(days=off)
        checkins[day] = checkin(day, pain, hour=21 if late else 7)
    items = list(checkins.values())
    session = session_record(PROGRAM, 1, MONDAY)
    next_start = None if next_in is None else MONDAY + dt.timedelta(days=next_in, hours=1)
    starts = [MONDAY] + ([] if next_start is None else [next_start])
    verdict = mornings_after(items, WINDOW, starts, CET)(session.ended_at or MONDAY, MONDAY.date())
    sessions = [session] + ([] if next_start is None else [session_record(PROGRAM, 1, next_start)])
    book = read_mornings(sessions, items, PROGRAM.rules, CET)
    outcome = assess(PROGRAM, book.after(session), CET)
    assert verdict.flare == outcome.flare
