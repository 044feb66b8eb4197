"""Builders for the part-1 tests: the shipped programs, a runner who trains and checks in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from assets import STRENGTH_FILE
from session.program import Program
from session.records import CheckIn, Leg, SessionStatus
from session.strength.mornings import mornings_after
from session.strength.prescribe import prescribe_strength
from session.strength.program import StrengthProgram, parse_strength
from session.strength.records import (
    Side,
    StrengthLeg,
    StrengthPart,
    StrengthPrescription,
    StrengthSet,
    StrengthSettings,
    StrengthSummary,
    TempoUsed,
)
from store.program_file import load_program

PROGRAM: Program = load_program()
STRENGTH: StrengthProgram = parse_strength(
    STRENGTH_FILE.read_text(encoding="utf-8"), source=str(STRENGTH_FILE)
)
STANDING, SEATED = "standing_calf_raise", "seated_calf_raise"

CET = dt.timezone(dt.timedelta(hours=1), "CET")
MONDAY = dt.datetime(2025, 1, 6, 18, 0, tzinfo=CET)  # Mon 06 Jan 2025, 18:00 local


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=n)


def do_part(
    rx: StrengthPrescription,
    started: dt.datetime,
    *,
    short: Mapping[str, int] | None = None,
    pain: Mapping[str, int] | int = 2,
    loads: Mapping[str, float] | None = None,
    only: tuple[str, ...] | None = None,
    status: SessionStatus = SessionStatus.COMPLETED,
    legs: tuple[Leg, ...] = ("left", "right"),
) -> StrengthPart:
    """Part 1 done as prescribed, straight sets, 6 s a rep: `short` reps missed in each set of an
    exercise, its `pain` after every set, a `loads` other than proposed, `only` some exercises."""
    t = started
    sets: list[StrengthSet] = []
    for proposal in rx.loads:
        ex = proposal.exercise
        if only is not None and ex not in only:
            continue
        sides: tuple[Side, ...] = ("both",) if proposal.stance == "both" else legs
        for k in range(1, rx.sets + 1):
            efforts = _efforts(sides, rx.reps, (short or {}).get(ex, 0), t)
            done = StrengthSet(
                exercise=ex,
                stance=proposal.stance,
                set_index=k,
                sets_total=rx.sets,
                load_kg=(loads or {}).get(ex, proposal.load_kg),
                legs=efforts,
                tempo=TempoUsed(lift_seconds=3.0, lower_seconds=3.0),
                pain=pain if isinstance(pain, int) else pain.get(ex, 2),
                started_at=t,
                ended_at=efforts[-1].ended_at,
                skipped=(short or {}).get(ex, 0) > 0,
            )
            sets.append(done)
            t = done.ended_at + dt.timedelta(seconds=150)
    return StrengthPart(
        prescription=rx, status=status, started_at=started, ended_at=t, sets=tuple(sets), legs=legs
    )


def _efforts(
    sides: tuple[Side, ...], reps: int, missed: int, start: dt.datetime
) -> tuple[StrengthLeg, ...]:
    """Each side in turn, 6 s a rep (3 up, 3 down), with 10 s to switch legs."""
    done = max(reps - missed, 0)
    lasts = dt.timedelta(seconds=6 * done)
    return tuple(
        StrengthLeg(
            side=side,
            reps_done=done,
            reps_target=reps,
            started_at=start + i * (lasts + dt.timedelta(seconds=10)),
            ended_at=start + i * (lasts + dt.timedelta(seconds=10)) + lasts,
        )
        for i, side in enumerate(sides)
    )


@dataclass
class Runner:
    """A runner's part-1 history, built through the real rules: prescribe, train, check in."""

    settings: StrengthSettings = field(default_factory=StrengthSettings)
    history: list[StrengthSummary] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)

    def prescribe(self, now: dt.datetime) -> StrengthPrescription:
        judge = mornings_after(
            self.checkins,
            PROGRAM.rules.morning_normal_window,
            [s.started_at for s in self.history],
        )
        return prescribe_strength(
            STRENGTH, self.settings, self.history, judge, PROGRAM.stop_threshold, now
        )

    def train(self, now: dt.datetime, **how: object) -> StrengthPrescription:
        """Prescribe for `now`, do it (see `do_part`), keep its summary; returns what was done."""
        rx = self.prescribe(now)
        part = do_part(rx, now, **how)  # type: ignore[arg-type]
        self.history.append(part.summary(f"s{len(self.history) + 1}"))
        return rx

    def morning(self, day: dt.date, pain: int) -> None:
        when = dt.datetime.combine(day, dt.time(7, 30), tzinfo=CET)
        self.checkins.append(CheckIn(day=day, pain=pain, recorded_at=when.astimezone(dt.UTC)))
