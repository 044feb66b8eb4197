"""Small hand-made records for the review tests: a session at a ladder step, a morning check-in.

The review functions take session summaries, as the store keeps them: `summaries(records)`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from bench.sample_history import make_set
from session.progression import prescription_at
from session.records import (
    CheckIn,
    Prescription,
    SessionRecord,
    SessionStatus,
    SessionSummary,
    SetResult,
)
from tests.review.conftest import CET, LEGS, PROGRAM

MON = dt.datetime(2025, 5, 26, 18, 0, tzinfo=CET)
"""Monday 26 May 2025, 18:00 local."""


def at(days: int, hour: int = 18, minute: int = 0) -> dt.datetime:
    """Local time `days` after Monday 26 May 2025."""
    return (MON + dt.timedelta(days=days)).replace(hour=hour, minute=minute)


def rx(step: int, decided: dt.datetime, reasons: Sequence[str] = ("test",)) -> Prescription:
    return prescription_at(PROGRAM, step, reasons=reasons, decided_at=decided)


def session(
    step: int,
    start: dt.datetime,
    *,
    pains: Sequence[int] | None = None,
    status: SessionStatus = SessionStatus.COMPLETED,
    sid: str | None = None,
    reasons: Sequence[str] = ("test",),
) -> SessionRecord:
    """A session at ladder `step`: every prescribed set, rated 2 unless `pains` says otherwise."""
    p = rx(step, start, reasons)
    sets: list[SetResult] = []
    t = start
    n = p.sets * len(p.exercises) if pains is None else len(pains)
    for i in range(n):
        exercise = p.exercises[i % len(p.exercises)]
        pain = 2 if pains is None else pains[i]
        sets.append(make_set(exercise, i // len(p.exercises) + 1, p.sets, t, pain=pain, legs=LEGS))
        t += dt.timedelta(seconds=105)
    return SessionRecord(
        id=sid or f"s-{start:%m%d}",
        started_at=start.astimezone(dt.UTC),
        ended_at=None if status is SessionStatus.IN_PROGRESS else t,
        status=status,
        prescription=p,
        legs=LEGS,
        sets=tuple(sets),
    )


def morning(days: int, pain: int, hour: int = 7) -> CheckIn:
    """The check-in of the morning `days` after Monday 26 May."""
    when = at(days, hour, 30)
    return CheckIn(day=when.date(), pain=pain, recorded_at=when.astimezone(dt.UTC))


def calm_mornings(before_days: int, count: int = 7, pain: int = 2) -> list[CheckIn]:
    """`count` ordinary mornings ending the day before `before_days`: they set the normal."""
    return [morning(before_days - count + i, pain) for i in range(count)]


def summaries(records: Iterable[SessionRecord]) -> list[SessionSummary]:
    """The sessions' summaries, as `Store.summaries()` gives them, in the same order."""
    return [r.summary() for r in records]
