"""Week by week: sessions done against the three planned, reps, pain, flares, streaks, ladder.

Pure: built from history rows (see session.history) and the local date of today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from session.history import HistoryRow
from session.records import SessionStatus

PLANNED_PER_WEEK = 3
"""Monday, Wednesday and Friday: the program's three sessions a week."""


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Week:
    """One calendar week (Monday to Sunday) of training."""

    start: dt.date
    sessions: int = 0
    reps: int = 0
    peak_pain: int | None = None
    """The highest pain rated during any session of the week."""
    morning_pain: int | None = None
    """The highest next-morning pain after the week's sessions."""
    flares: int = 0
    stopped: int = 0
    step: int | None = None
    """The ladder step (0-based) of the week's last session; None in a week without one."""
    planned: int = PLANNED_PER_WEEK

    @property
    def full(self) -> bool:
        return self.sessions >= self.planned

    @property
    def adherence(self) -> float:
        """Sessions done over sessions planned, capped at 1."""
        return min(self.sessions, self.planned) / self.planned


def _max(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else max(a, b)


def weeks(rows: Iterable[HistoryRow], today: dt.date) -> list[Week]:
    """Every week from the first session's to today's, oldest first; weeks without sessions too."""
    grouped: dict[dt.date, list[HistoryRow]] = {}
    for r in sorted(rows, key=lambda r: r.started):
        grouped.setdefault(monday(r.day), []).append(r)
    by_week = {start: _week(start, week_rows) for start, week_rows in grouped.items()}
    if not by_week:
        return []
    first = min(by_week)
    last = max(monday(today), max(by_week))
    result: list[Week] = []
    day = first
    while day <= last:
        result.append(by_week.get(day) or Week(day))
        day += dt.timedelta(days=7)
    return result


def _week(start: dt.date, rows: Sequence[HistoryRow]) -> Week:
    """The week starting on `start`, from its sessions' rows (oldest first, at least one)."""
    peak = morning = None
    for r in rows:
        peak = _max(peak, r.max_pain)
        morning = _max(morning, r.morning_pain)
    return Week(
        start=start,
        sessions=len(rows),
        reps=sum(r.reps_done for r in rows),
        peak_pain=peak,
        morning_pain=morning,
        flares=sum(1 for r in rows if r.flare),
        stopped=sum(1 for r in rows if r.session.status is SessionStatus.STOPPED_FOR_PAIN),
        step=rows[-1].step,
    )


@dataclass(frozen=True, slots=True)
class Streaks:
    """Full weeks (all planned sessions done) in a row."""

    this_week: int
    """Sessions done so far this week."""
    current: int
    """Full weeks in a row up to now; this week counts once it is full, and cannot break it."""
    longest: int
    planned: int = PLANNED_PER_WEEK


def streaks(week_list: Sequence[Week], today: dt.date) -> Streaks:
    """Streaks of full weeks. The week of `today` is still running: only a full one counts."""
    this = monday(today)
    this_week = next((w.sessions for w in week_list if w.start == this), 0)
    longest = run = 0
    for w in week_list:
        if w.full:
            run += 1
            longest = max(longest, run)
        elif w.start != this:
            run = 0
    current = 0
    for w in reversed(week_list):
        if w.full:
            current += 1
        elif w.start != this:
            break
    return Streaks(this_week=this_week, current=current, longest=longest)


def since(week_list: Sequence[Week], first: dt.date | None) -> list[Week]:
    """The weeks starting on or after the Monday of `first` (all of them for None)."""
    if first is None:
        return list(week_list)
    start = monday(first)
    return [w for w in week_list if w.start >= start]
