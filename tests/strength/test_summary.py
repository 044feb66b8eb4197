"""Part 1 in the history: a row per exercise of each session, and the load over the weeks."""

from __future__ import annotations

import datetime as dt

from session.records import SessionStatus
from session.strength.summary import (
    COLUMNS,
    LoadPoint,
    cells,
    load_series,
    series_name,
    strength_rows,
    weekly_loads,
)
from session.trends import monday
from tests.strength.helpers import CET, MONDAY, SEATED, STANDING, STRENGTH, Runner, days


def three_weeks() -> Runner:
    """Mon/Wed/Fri for a week, then a week off, then Monday; each one with a good morning."""
    runner = Runner()
    for when in (MONDAY, MONDAY + days(2), MONDAY + days(4), MONDAY + days(14)):
        runner.train(when, pain={STANDING: 2, SEATED: 3})
        runner.morning(when.date() + dt.timedelta(days=1), 1)
    return runner


def test_rows_are_newest_first_one_per_exercise() -> None:
    runner = three_weeks()
    runner.train(MONDAY + days(16), only=(STANDING,), status=SessionStatus.ENDED_EARLY)
    rows = strength_rows(runner.history, CET)
    assert [(r.started.date().isoformat(), r.done.exercise) for r in rows[:3]] == [
        ("2025-01-22", STANDING),
        ("2025-01-20", STANDING),
        ("2025-01-20", SEATED),
    ]
    assert len(rows) == 9
    assert len(COLUMNS) == len(cells(STRENGTH, rows[0]))
    assert cells(STRENGTH, rows[1]) == (
        "Mon 20 Jan 25",
        "W3 3x12RM",
        "Standing calf raise, knee straight (both legs)",
        "7.5 kg",
        "36/36",
        "2/10",
    )
    assert cells(STRENGTH, rows[-1])[3] == "no added load"


def test_unfinished_and_empty_sessions_are_not_rows() -> None:
    runner = three_weeks()
    runner.train(MONDAY + days(16), status=SessionStatus.IN_PROGRESS)
    runner.train(MONDAY + days(17), only=())
    assert len(strength_rows(runner.history, CET)) == 8


def test_the_load_series_follows_each_exercise_session_by_session() -> None:
    series = load_series(three_weeks().history, CET)
    assert set(series) == {(STANDING, "both"), (SEATED, "both")}
    assert series[(STANDING, "both")] == [
        LoadPoint(dt.date(2025, 1, 6), 1, 0.0),
        LoadPoint(dt.date(2025, 1, 8), 1, 2.5),
        LoadPoint(dt.date(2025, 1, 10), 1, 5.0),
        LoadPoint(dt.date(2025, 1, 20), 3, 7.5),  # ten days off is not yet a long break
    ]
    assert series_name(STRENGTH, (SEATED, "single")) == "Seated calf raise, knee bent (one leg)"
    assert series_name(STRENGTH, ("gone", "both")) == "gone (both legs)"


def test_weekly_loads_line_up_with_the_pain_weeks_gaps_included() -> None:
    today = (MONDAY + days(24)).date()
    weeks = weekly_loads(three_weeks().history, CET, today)
    assert [w.start for w in weeks] == [
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 13),
        dt.date(2025, 1, 20),
        dt.date(2025, 1, 27),
    ]
    assert all(w.start == monday(w.start) for w in weeks)
    assert [w.loads.get((STANDING, "both")) for w in weeks] == [5.0, None, 7.5, None]
    assert weekly_loads([], CET, today) == []
