"""Synthetic history: realistic session records and check-ins, for the benchmark, tests and demos.

Sessions follow the seed program's shape: three sessions a week, the dose ladder climbed one step
per session up to the regular dose, both legs, three exercises per circuit, a pain rating after
every set, now and then a session stopped for pain or ended early, and a check-in the next morning.
Deterministic for a given seed. Nothing here touches the disk.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from session.program import Program
from session.progression import prescription_at
from session.records import (
    CheckIn,
    Leg,
    LegResult,
    Prescription,
    SessionRecord,
    SessionStatus,
    SetResult,
)

UTC = dt.UTC
LEGS: tuple[Leg, ...] = ("left", "right")


def make_prescription(program: Program, step: int, decided_at: dt.datetime) -> Prescription:
    """The prescription for ladder `step` of `program`, as the engine would record it."""
    label = program.ladder[step].label
    return prescription_at(
        program, step, reasons=(f"Synthetic history: {label}.",), decided_at=decided_at
    )


def make_set(
    exercise: str,
    set_index: int,
    sets_total: int,
    start: dt.datetime,
    *,
    reps: int = 15,
    pain: int | None = 2,
    legs: Sequence[Leg] = LEGS,
) -> SetResult:
    """One finished set: each leg in turn (20 s of work, 10 s to switch), then a pain rating."""
    results: list[LegResult] = []
    t = start
    for leg in legs:
        results.append(
            LegResult(
                leg=leg,
                reps_done=reps,
                reps_target=reps,
                started_at=t,
                ended_at=t + dt.timedelta(seconds=20),
            )
        )
        t += dt.timedelta(seconds=30)
    return SetResult(
        exercise=exercise,
        set_index=set_index,
        sets_total=sets_total,
        legs=tuple(results),
        pain=pain,
        started_at=start,
        ended_at=t,
    )


def session_sets(
    prescription: Prescription,
    start: dt.datetime,
    rng: random.Random,
    *,
    rounds: int | None = None,
) -> list[SetResult]:
    """Every set of a session done in rounds; `rounds` overrides the prescribed number of sets."""
    total = rounds if rounds is not None else prescription.sets
    sets: list[SetResult] = []
    t = start
    for round_no in range(1, total + 1):
        for exercise in prescription.exercises:
            pain = rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4))
            sets.append(make_set(exercise, round_no, total, t, reps=prescription.reps, pain=pain))
            t += dt.timedelta(seconds=105)
    return sets


def sample_history(
    program: Program,
    *,
    sessions: int = 1560,
    end: dt.datetime | None = None,
    rounds: int | None = None,
    seed: int = 0,
) -> tuple[list[SessionRecord], list[CheckIn]]:
    """`sessions` finished sessions, three a week, the last one two days before `end`.

    Each has its next-morning check-in. `rounds` forces that many sets of every exercise (a stress
    shape beyond the program's maximum of 3); by default the ladder's own dose is done.
    """
    rng = random.Random(seed)
    end = end or dt.datetime.now(UTC)
    first = (end - dt.timedelta(days=2 + (sessions - 1) * 7 / 3)).replace(
        hour=7, minute=0, second=0, microsecond=0
    )
    records: list[SessionRecord] = []
    checkins: list[CheckIn] = []
    step = 0
    last = len(program.ladder) - 1
    for n in range(sessions):
        start = first + dt.timedelta(days=(n * 7) // 3)
        prescription = make_prescription(program, step, start - dt.timedelta(minutes=5))
        sets = session_sets(prescription, start, rng, rounds=rounds)
        roll = rng.random()
        status = SessionStatus.COMPLETED
        if roll < 0.03:
            status = SessionStatus.STOPPED_FOR_PAIN
            sets[-1] = sets[-1].model_copy(update={"pain": 6})
        elif roll < 0.06:
            status = SessionStatus.ENDED_EARLY
            sets = sets[: max(1, len(sets) // 2)]
        records.append(
            SessionRecord(
                id=f"{start:%Y%m%d-%H%M}-{n:04d}",
                started_at=start,
                ended_at=sets[-1].ended_at,
                status=status,
                prescription=prescription,
                legs=LEGS,
                sets=tuple(sets),
            )
        )
        morning = (start + dt.timedelta(days=1)).replace(hour=6, minute=30)
        checkins.append(
            CheckIn(
                day=morning.date(),
                pain=rng.choice((0, 1, 1, 2, 2, 3)),
                stiffness_minutes=rng.choice((None, 0, 5, 10)),
                recorded_at=morning,
            )
        )
        if status is SessionStatus.STOPPED_FOR_PAIN:
            step = max(step - 1, 0)
        elif status is SessionStatus.COMPLETED:
            step = min(step + 1, last)
    return records, checkins
