"""Week by week: training days against the three planned, reps, pain, flares, streaks, ladder.

Pure: built from history rows (see session.history) and the local date of today. Adherence counts
training days (local days with at least one set done), not sessions: two sessions in one evening
are one day of load, and the program asks for three days a week with rest between.
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
    """Every session of the week, unfinished and empty ones too."""
    training_days: int = 0
    """Local days with at least one set done: what adherence counts."""
    reps: int = 0
    peak_pain: int | None = None
    """The highest pain rated during any session of the week."""
    morning_pain: int | None = None
    """The highest pain of the mornings after the week's sessions (before each next one)."""
    morning_stiffness: int | None = None
    """The longest morning stiffness (minutes) of those mornings, when any was given."""
    flares: int = 0
    stopped: int = 0
    unfinished: int = 0
    started_early: int = 0
    """Sessions started before the rest interval was over."""
    step: int | None = None
    """The ladder step (0-based) of the week's last session; None in a week without one."""
    planned: int = PLANNED_PER_WEEK

    @property
    def full(self) -> bool:
        return self.training_days >= self.planned

    @property
    def done(self) -> int:
        """Training days, counted against the plan (at most the planned ones)."""
        return min(self.training_days, self.planned)

    @property
    def adherence(self) -> float:
        """Training days over days planned, capped at 1."""
        return self.done / self.planned


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
    peak = morning = stiffness = None
    for r in rows:
        peak = _max(peak, r.max_pain)
        for m in r.mornings:
            morning = _max(morning, m.pain)
            stiffness = _max(stiffness, m.stiffness)
    return Week(
        start=start,
        sessions=len(rows),
        training_days=len({r.day for r in rows if r.trained}),
        reps=sum(r.reps_done for r in rows),
        peak_pain=peak,
        morning_pain=morning,
        morning_stiffness=stiffness,
        flares=sum(1 for r in rows if r.flare),
        stopped=sum(1 for r in rows if r.session.status is SessionStatus.STOPPED_FOR_PAIN),
        unfinished=sum(1 for r in rows if r.unfinished),
        started_early=sum(1 for r in rows if r.session.started_early),
        step=rows[-1].step,
    )


@dataclass(frozen=True, slots=True)
class Streaks:
    """Full weeks (all planned sessions done) in a row."""

    this_week: int
    """Training days so far this week."""
    current: int
    """Full weeks in a row up to now; this week counts once it is full, and cannot break it."""
    longest: int
    planned: int = PLANNED_PER_WEEK


def streaks(week_list: Sequence[Week], today: dt.date) -> Streaks:
    """Streaks of full weeks. The week of `today` is still running: only a full one counts."""
    this = monday(today)
    this_week = next((w.training_days for w in week_list if w.start == this), 0)
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


def adherence_over(week_list: Sequence[Week]) -> tuple[int, int]:
    """Training days done (each week at most its planned) and days planned, over `week_list`."""
    return sum(w.done for w in week_list), sum(w.planned for w in week_list)
