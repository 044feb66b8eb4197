"""Part 1 reviewed: one history row per exercise of each session, and the load over the weeks.

Pure functions over part-1 summaries (no sets needed); the time zone for local dates is passed
in. A session's load for an exercise is its working load: the lightest it was done with, the one
the load rules step from. Weeks are calendar weeks from Monday, as in `session.trends`, so the
load chart lines up with the pain lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.history import rating
from session.strength.load import kg
from session.strength.prescribe import trained_history
from session.strength.program import Stance, StrengthProgram
from session.strength.records import ExerciseDone, StrengthSummary
from session.trends import monday

Series = tuple[str, Stance]
"""One line of the load chart: an exercise done in one stance (a different load)."""


@dataclass(frozen=True, slots=True)
class StrengthRow:
    """One exercise in one session, as the history table shows it."""

    session: StrengthSummary
    started: dt.datetime
    """Local start time."""
    done: ExerciseDone


def strength_rows(history: Sequence[StrengthSummary], tz: dt.tzinfo | None) -> list[StrengthRow]:
    """Newest session first; within one, the exercises in the order they were done."""
    rows = [
        StrengthRow(s, s.started_at.astimezone(tz), done)
        for s in reversed(trained_history(history))
        for done in s.exercises
    ]
    return rows


COLUMNS: tuple[str, ...] = ("Date", "Week", "Exercise", "Load", "Reps done", "Pain")
"""The part-1 history table's columns, for the History screen and the CLI alike."""


def series_name(program: StrengthProgram, series: Series) -> str:
    """E.g. "Seated calf raise, knee bent (one leg)"; a dropped exercise keeps its id."""
    exercise, stance = series
    try:
        name = program.exercise(exercise).name
    except KeyError:
        name = exercise
    return f"{name} ({'both legs' if stance == 'both' else 'one leg'})"


def cells(program: StrengthProgram, row: StrengthRow) -> tuple[str, ...]:
    """One row of the part-1 history table as text, in COLUMNS order."""
    d = row.done
    load = kg(program, d.load_min_kg)
    if d.load_max_kg != d.load_min_kg:
        load += f" to {kg(program, d.load_max_kg)}"
    return (
        f"{row.started:%a %d %b %y}",
        f"W{row.session.week} {row.session.sets}x{row.session.reps}RM",
        series_name(program, (d.exercise, d.stance)),
        load,
        f"{d.reps_done}/{d.reps_prescribed}",
        rating(d.max_pain),
    )


@dataclass(frozen=True, slots=True)
class LoadPoint:
    """The working load of one exercise in one session."""

    day: dt.date
    week: int
    """The part-1 week of the session."""
    load_kg: float


def load_series(
    history: Sequence[StrengthSummary], tz: dt.tzinfo | None
) -> dict[Series, list[LoadPoint]]:
    """Each exercise and stance's working load, session by session, oldest first."""
    found: dict[Series, list[LoadPoint]] = {}
    for s in trained_history(history):
        for d in s.exercises:
            point = LoadPoint(s.day(tz), s.week, d.load_min_kg)
            found.setdefault((d.exercise, d.stance), []).append(point)
    return found


@dataclass(frozen=True, slots=True)
class WeekLoads:
    """One calendar week (from Monday): the heaviest working load of each series in it."""

    start: dt.date
    loads: dict[Series, float]
    """Only the series done that week."""


def weekly_loads(
    history: Sequence[StrengthSummary], tz: dt.tzinfo | None, today: dt.date
) -> list[WeekLoads]:
    """Every week from the first calf raises to today's, oldest first, weeks without them too."""
    series = load_series(history, tz)
    by_week: dict[dt.date, dict[Series, float]] = {}
    for key, points in series.items():
        for p in points:
            week = by_week.setdefault(monday(p.day), {})
            week[key] = max(week.get(key, 0.0), p.load_kg)
    if not by_week:
        return []
    result: list[WeekLoads] = []
    day, last = min(by_week), max(monday(today), max(by_week))
    while day <= last:
        result.append(WeekLoads(day, by_week.get(day, {})))
        day += dt.timedelta(days=7)
    return result
