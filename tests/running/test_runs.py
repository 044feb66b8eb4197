"""The run log: a run is checked at entry, and the form's answers are read with clear messages."""

from __future__ import annotations

import datetime as dt

import pytest

from session.running.runs import (
    RunEntryError,
    RunKind,
    RunRecord,
    make_run,
    parse_distance,
    parse_kind,
    parse_minutes,
    parse_note,
    parse_rating,
    run_id,
)
from tests.running.builders import MEASURES, at, run

NOW = at(10, 20)


def entry(**kw: object) -> RunRecord:
    args: dict[str, object] = {
        "started_at": at(10, 7),
        "kind": RunKind.EASY,
        "minutes": 40,
        "pain_during": 2,
        "now": NOW,
        "known_measures": MEASURES,
    }
    args.update(kw)
    return make_run(**args)  # type: ignore[arg-type]


def test_a_run_is_kept_in_utc_with_the_measures_in_program_order() -> None:
    r = entry(calming=("slow_pace", "heel_lift"), note="  windy  ", distance_km=7.5)
    assert r.started_at.tzinfo == dt.UTC
    assert r.started_at == at(10, 7)
    assert r.calming == ("heel_lift", "slow_pace")
    assert r.note == "windy"
    assert r.id == run_id(at(10, 7))
    assert r.ended_at == at(10, 7) + dt.timedelta(minutes=40)
    assert RunRecord.model_validate(r.model_dump(mode="json")) == r


def test_the_words_name_the_kind_day_and_length() -> None:
    assert run(1, RunKind.HILLS, minutes=35).words(at(0).tzinfo) == (
        "hill session on Tue 04 Mar (35 min)"
    )


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"started_at": at(10, 20)}, "ends in the future"),
        ({"started_at": at(11, 7)}, "ends in the future"),
        ({"started_at": dt.datetime(1999, 12, 31, tzinfo=dt.UTC)}, "before 2000"),
        ({"calming": ("magic_socks",)}, "calming: unknown measure 'magic_socks'"),
        ({"distance_km": 30.0, "minutes": 40}, "45 km/h: check the distance"),
        ({"minutes": 700}, "minutes: Input should be less than or equal to 600"),
        ({"minutes": 0}, "minutes: Input should be greater than 0"),
        ({"pain_during": 11}, "pain_during: Input should be less than or equal to 10"),
        ({"pain_after": -1}, "pain_after: Input should be greater than or equal to 0"),
        ({"distance_km": 0.0}, "distance_km: Input should be greater than 0"),
    ],
)
def test_an_impossible_run_is_refused_with_the_field_named(
    kw: dict[str, object], message: str
) -> None:
    with pytest.raises(RunEntryError, match=message):
        entry(**kw)


def test_a_run_ending_a_few_minutes_after_now_is_a_clock_difference() -> None:
    assert entry(started_at=NOW - dt.timedelta(minutes=37)).minutes == 40


def test_a_naive_time_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        entry(started_at=dt.datetime(2025, 3, 13, 7))


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("40", 40.0), ("42.5", 42.5), ("42,5", 42.5), ("1:05", 65.0), ("1:05:30", 65.5)],
)
def test_minutes_read_as_a_runner_types_them(text: str, minutes: float) -> None:
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "please enter how long"),
        ("forty", "'forty' is not a length of time"),
        ("0", "out of range"),
        ("601", "out of range"),
        ("1:75", "'1:75' is not a length of time"),
    ],
)
def test_bad_minutes_say_what_is_expected(text: str, message: str) -> None:
    with pytest.raises(RunEntryError, match=message):
        parse_minutes(text)


def test_distance_in_km_or_blank() -> None:
    assert parse_distance("") is None
    assert parse_distance("8.2 km") == 8.2
    assert parse_distance("8,2") == 8.2
    with pytest.raises(RunEntryError, match="'far' is not a number of kilometres"):
        parse_distance("far")
    with pytest.raises(RunEntryError, match="out of range"):
        parse_distance("300")


def test_ratings_kinds_and_notes() -> None:
    assert parse_rating("4", "pain during") == 4
    assert parse_rating(" ", "pain after", optional=True) is None
    with pytest.raises(RunEntryError, match="pain during: please enter"):
        parse_rating("", "pain during")
    with pytest.raises(RunEntryError, match="pain during: 12 is outside the scale"):
        parse_rating("12", "pain during")
    with pytest.raises(RunEntryError, match=r"pain after: 'x' is not a whole number"):
        parse_rating("x", "pain after")
    assert parse_kind(" Hills ") is RunKind.HILLS
    with pytest.raises(RunEntryError, match="'jog' is not a kind of run"):
        parse_kind("jog")
    with pytest.raises(RunEntryError, match="keep it to 500"):
        parse_note("x" * 501)
