"""Review data for the runs: minutes per week beside pain, symmetry over time, and readiness.

Pure, for the Trends screen, the CSV/JSON export and the physio report: "is this runner ready
for speed work, and why".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.records import SoreSide
from session.running.functional import FunctionalResult, symmetry
from session.running.mornings import MorningModel
from session.running.outcome import OutcomeScore, outcome_trend
from session.running.plan import SpeedPlan
from session.running.runs import KIND_WORDS, RunRecord
from session.running.speed_program import SpeedProgram, TestKind
from session.trends import monday


@dataclass(frozen=True, slots=True)
class RunWeek:
    """One calendar week (Monday to Sunday) of running, beside the pain."""

    start: dt.date
    runs: int = 0
    minutes: float = 0.0
    longest: float = 0.0
    distance_km: float = 0.0
    speed_runs: int = 0
    """Runs that were not easy or long."""
    peak_pain: int | None = None
    """The highest pain during any run of the week."""
    morning_pain: int | None = None
    """The highest morning pain of the week."""
    flares: int = 0
    """Mornings of the week worse than usual."""


def run_weeks(
    runs: Sequence[RunRecord], mornings: MorningModel, today: dt.date, tz: dt.tzinfo | None
) -> list[RunWeek]:
    """Every week from the first run's to today's, oldest first, weeks without runs too."""
    if not runs:
        return []
    ordered = sorted(runs, key=lambda r: r.started_at)
    first = monday(ordered[0].started_at.astimezone(tz).date())
    last = monday(max(today, ordered[-1].started_at.astimezone(tz).date()))
    by_week: dict[dt.date, list[RunRecord]] = {}
    for r in ordered:
        by_week.setdefault(monday(r.started_at.astimezone(tz).date()), []).append(r)
    weeks: list[RunWeek] = []
    start = first
    while start <= last:
        week_runs = by_week.get(start, [])
        week_mornings = mornings.between(start, start + dt.timedelta(days=6))
        weeks.append(
            RunWeek(
                start=start,
                runs=len(week_runs),
                minutes=round(sum(r.minutes for r in week_runs), 1),
                longest=max((r.minutes for r in week_runs), default=0.0),
                distance_km=round(sum(r.distance_km or 0 for r in week_runs), 2),
                speed_runs=sum(1 for r in week_runs if not r.easy),
                peak_pain=max((r.pain_during for r in week_runs), default=None),
                morning_pain=max((m.pain for m in week_mornings), default=None),
                flares=sum(1 for m in week_mornings if m.flare),
            )
        )
        start += dt.timedelta(days=7)
    return weeks


@dataclass(frozen=True, slots=True)
class SymmetryPoint:
    day: dt.date
    kind: TestKind
    sore: int
    other: int
    lsi: float


def symmetry_series(
    results: Sequence[FunctionalResult], sore_side: SoreSide | None, tz: dt.tzinfo | None
) -> list[SymmetryPoint]:
    """The LSI of every result that has one (both legs tested, one sore side), oldest first."""
    points: list[SymmetryPoint] = []
    for r in sorted(results, key=lambda r: r.recorded_at):
        sym = symmetry(r, sore_side)
        if sym is not None and sym.other > 0:
            day = r.recorded_at.astimezone(tz).date()
            points.append(SymmetryPoint(day, r.kind, sym.sore, sym.other, round(sym.lsi, 1)))
    return points


def readiness_report(
    program: SpeedProgram,
    plan: SpeedPlan,
    scores: Sequence[OutcomeScore],
    tz: dt.tzinfo | None,
) -> list[str]:
    """The physio report's answer to "is this runner ready for speed work, and why"."""
    lines = [plan.gate.summary()]
    for item in plan.gate.items:
        mark = "met" if item.met else "missing"
        lines.append(f"- {item.title}: {mark}. {item.detail}")
        if item.source:
            lines.append(f"  Source: {item.source}")
    steps = program.ladder.steps
    if plan.ladder.started:
        lines.append(
            f"Return ladder: step {plan.ladder.step + 1} of {len(steps)}, "
            f"{steps[plan.ladder.step].label.lower()}. {plan.ladder.reason}"
        )
    else:
        lines.append(f"Return ladder: not started (easy running only). {plan.ladder.reason}")
    flares = sum(1 for m in plan.ladder.moves if m.flare)
    if flares:
        lines.append(f"Flares that stepped the return back or held it: {flares}.")
    lines.extend(plan.advice.reasons)
    lines.extend(plan.weaning.reasons)
    lines.extend(outcome_trend(program.outcome, scores, tz).words)
    return lines


@dataclass(frozen=True, slots=True)
class LogRow:
    """One run, test or questionnaire, as the history's running log lists it."""

    when: dt.datetime
    what: str
    detail: str
    pain: str
    """Runs: the pain during (and an hour after); empty for tests and scores."""
    kind: str
    """ "run", "test" or "score"."""


def _run_row(program: SpeedProgram, r: RunRecord, tz: dt.tzinfo | None) -> LogRow:
    parts = [f"{r.minutes:g} min"]
    if r.distance_km:
        parts.append(f"{r.distance_km:g} km")
    parts += [program.measure(m).short for m in r.calming if m in program.measure_ids()]
    pain = f"{r.pain_during}/10" + ("" if r.pain_after is None else f", after {r.pain_after}/10")
    what = KIND_WORDS[r.kind]
    when = r.started_at.astimezone(tz)
    return LogRow(when, what[0].upper() + what[1:], " · ".join(parts), pain, "run")


def _test_row(
    program: SpeedProgram, r: FunctionalResult, sore_side: SoreSide | None, tz: dt.tzinfo | None
) -> LogRow:
    counts = (("left", r.left), ("right", r.right))
    legs = " · ".join(f"{leg} {n}" for leg, n in counts if n is not None)
    sym = symmetry(r, sore_side)
    if sym is not None and sym.other > 0:
        legs += f" ({sym.lsi:.0f}%)"
    return LogRow(r.recorded_at.astimezone(tz), program.tests.name(r.kind), legs, "", "test")


def log_rows(
    program: SpeedProgram,
    runs: Sequence[RunRecord],
    results: Sequence[FunctionalResult],
    scores: Sequence[OutcomeScore],
    sore_side: SoreSide | None,
    tz: dt.tzinfo | None,
) -> list[LogRow]:
    """Every run, test and score, newest first."""
    rows = [_run_row(program, r, tz) for r in runs]
    rows += [_test_row(program, r, sore_side, tz) for r in results]
    rows += [
        LogRow(s.recorded_at.astimezone(tz), s.label, f"{s.score} of 100", "", "score")
        for s in scores
    ]
    return sorted(rows, key=lambda row: row.when, reverse=True)
