"""The return to speed work's use cases: the run log, the watch-file import, the readiness gate and
the return ladder on Today, and the review of the runs.

Each function reads the store, applies the pure rules (session.running) and returns what the
screen or the command shows; `Coach` calls them with its store, its programs and the time. The
mornings are the one morning model (session.morning), read once per call, so the run rules, the
plyometric ladder, the history and the report can never disagree about a morning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from session.running.outcome import Due, OutcomeTrend, outcome_due, outcome_trend
from session.running.plan import History, SpeedPlan, speed_plan
from session.running.review import (
    LogRow,
    RunWeek,
    SymmetryPoint,
    log_rows,
    run_weeks,
    symmetry_series,
)
from session.running.run_rule import RunAdvice
from session.running.runs import (
    KIND_WORDS,
    RunEntryError,
    RunKind,
    RunRecord,
    is_duplicate,
    make_run,
)
from tui.coach.run_mornings import mornings_of

if TYPE_CHECKING:
    from session.program import CalmingMeasure, Program
    from session.running.functional import FunctionalResult
    from session.running.imports import ImportedRun
    from session.running.outcome import OutcomeScore
    from session.running.speed_program import SpeedProgram
    from store import Store


def running_history(store: Store, program: Program, now: dt.datetime) -> History:
    finished = [s for s in store.summaries() if s.finished]
    return History(
        finished,
        store.runs(),
        store.results(),
        mornings_of(store, program, now),
        store.settings().sore_side,
    )


@dataclass(frozen=True, slots=True)
class RunningToday:
    """Today's speed-work block: the plan (run rule, weaning, gate, ladder), the questionnaire."""

    plan: SpeedPlan
    questionnaire: Due
    last_run: RunRecord | None
    runs: int

    @property
    def lines(self) -> tuple[str, ...]:
        """What Today lists, most important first (the questionnaire when it is due)."""
        due = (self.questionnaire.words,) if self.questionnaire.offer else ()
        return (*self.plan.lines, *due)


def running_today(
    store: Store, program: Program, speed: SpeedProgram, now: dt.datetime
) -> RunningToday:
    history = running_history(store, program, now)
    runs = [r for r in history.runs if r.started_at <= now]
    return RunningToday(
        plan=speed_plan(speed, history, now),
        questionnaire=outcome_due(speed.outcome, store.scores(), now),
        last_run=runs[-1] if runs else None,
        runs=len(runs),
    )


# --- the run log -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunForm:
    """What the run form offers: the kinds, the program's calming measures (the ones on the last
    run ticked), and when it is."""

    now: dt.datetime
    kinds: tuple[tuple[RunKind, str], ...]
    measures: tuple[CalmingMeasure, ...]
    in_use: tuple[str, ...]
    last_run: RunRecord | None


def run_form(store: Store, speed: SpeedProgram, now: dt.datetime) -> RunForm:
    runs = [r for r in store.runs() if r.started_at <= now]
    last = runs[-1] if runs else None
    return RunForm(
        now=now,
        kinds=tuple((k, KIND_WORDS[k]) for k in RunKind),
        measures=speed.calming_measures,
        in_use=last.calming if last is not None else (),
        last_run=last,
    )


@dataclass(frozen=True, slots=True)
class RunAnswers:
    """A run as the runner gave it (already parsed: session.running.runs' parse helpers)."""

    started_at: dt.datetime
    kind: RunKind
    minutes: float
    pain_during: int
    distance_km: float | None = None
    pain_after: int | None = None
    note: str = ""
    calming: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RunLogged:
    """A run saved, and what it means for the next one."""

    run: RunRecord
    replaced: bool
    """A run with the same start was logged before: this one replaces it."""
    advice: RunAdvice
    plan: SpeedPlan
    warnings: tuple[str, ...] = ()
    """Pain in the program's stop or see-a-clinician zones, in the program's words."""


def _near(run: RunRecord, runs: Sequence[RunRecord]) -> RunRecord | None:
    """Another run (another id) logged within minutes of this one's start: the same run."""
    others = [r for r in runs if r.id != run.id]
    for other in others:
        if is_duplicate(run.started_at, [other.started_at]):
            return other
    return None


def _pain_warnings(program: Program, run: RunRecord) -> tuple[str, ...]:
    zone = program.zone_for(run.worst_pain())
    if not zone.stops:
        return ()
    found = [f"{run.worst_pain()}/10 is in the {zone.label} zone. {zone.advice}"]
    if zone.see_clinician:
        found.append(program.morning_words.see_clinician)
    return tuple(found)


def save_run(
    store: Store, program: Program, speed: SpeedProgram, run: RunRecord, now: dt.datetime
) -> RunLogged:
    """Save a checked run (a near twin is refused) and say what it means for the next one."""
    near = _near(run, store.runs())
    if near is not None:
        tz = now.tzinfo
        raise RunEntryError(
            f"date: your {near.words(tz)} at {near.started_at.astimezone(tz):%H:%M} is already "
            "logged; to change it, give the same start time (it then replaces it)."
        )
    replaced = store.save_run(run)
    plan = speed_plan(speed, running_history(store, program, now), now)
    return RunLogged(run, replaced, plan.advice, plan, _pain_warnings(program, run))


def log_run(
    store: Store, program: Program, speed: SpeedProgram, answers: RunAnswers, now: dt.datetime
) -> RunLogged:
    """Check and save a run from the form (RunEntryError names the field)."""
    run = make_run(
        started_at=answers.started_at,
        kind=answers.kind,
        minutes=answers.minutes,
        pain_during=answers.pain_during,
        distance_km=answers.distance_km,
        pain_after=answers.pain_after,
        note=answers.note,
        calming=answers.calming,
        now=now,
        known_measures=speed.measure_ids(),
    )
    return save_run(store, program, speed, run, now)


# --- the watch-file import ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FoundRun:
    """A run read from a watch file, and the run already logged at that time, if any."""

    imported: ImportedRun
    logged: RunRecord | None


@dataclass(frozen=True, slots=True)
class RunFiles:
    """What a file or folder held: the runs to complete by hand, and what could not be used."""

    runs: tuple[FoundRun, ...]
    errors: tuple[str, ...]
    """One plain message per file that could not be read, naming it."""
    skipped: tuple[str, ...] = ()
    """Files that are not .gpx, .tcx or .fit."""
    not_runs: tuple[ImportedRun, ...] = field(default=())
    """Activities of another sport (a ride): left out."""

    @property
    def new(self) -> tuple[ImportedRun, ...]:
        return tuple(f.imported for f in self.runs if f.logged is None)


def read_run_files(store: Store, path: Path) -> RunFiles:
    """Every run in a watch file or a folder of them, each matched to a run already logged.

    The parsers (gpxpy, fit-tool: about a second to import) load here, on first use."""
    from tui.coach.run_files import read_runs

    found = read_runs(path)
    logged = store.runs()
    runs: list[FoundRun] = []
    for imported in found.runs:
        if not imported.is_run:
            continue
        twin = next((r for r in logged if is_duplicate(imported.started_at, [r.started_at])), None)
        runs.append(FoundRun(imported, twin))
    others = tuple(r for r in found.runs if not r.is_run)
    return RunFiles(tuple(runs), found.errors, found.skipped, others)


def log_imported(
    store: Store,
    program: Program,
    speed: SpeedProgram,
    imported: ImportedRun,
    answers: RunAnswers,
    now: dt.datetime,
) -> RunLogged:
    """Save an imported run with what the runner added (kind, pain, note, measures)."""
    run = imported.to_run(
        kind=answers.kind,
        pain_during=answers.pain_during,
        pain_after=answers.pain_after,
        note=answers.note,
        calming=answers.calming,
        now=now,
        known_measures=speed.measure_ids(),
    )
    return save_run(store, program, speed, run, now)


# --- the review --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RunningReview:
    """Runs, tests and scores for the History screen and the report."""

    speed: SpeedProgram
    runs: tuple[RunRecord, ...]
    results: tuple[FunctionalResult, ...]
    scores: tuple[OutcomeScore, ...]
    weeks: tuple[RunWeek, ...]
    symmetry: tuple[SymmetryPoint, ...]
    trend: OutcomeTrend
    today: dt.date
    log: tuple[LogRow, ...]
    """Every run, test and score, newest first."""


def running_review(
    store: Store, program: Program, speed: SpeedProgram, now: dt.datetime
) -> RunningReview:
    tz = now.tzinfo
    runs, results, scores = store.runs(), store.results(), store.scores()
    mornings = mornings_of(store, program, now)
    sore = store.settings().sore_side
    return RunningReview(
        speed=speed,
        runs=tuple(runs),
        results=tuple(results),
        scores=tuple(scores),
        weeks=tuple(run_weeks(runs, mornings, now.date(), tz)),
        symmetry=tuple(symmetry_series(results, sore, tz)),
        trend=outcome_trend(speed.outcome, scores, tz),
        today=now.date(),
        log=tuple(log_rows(speed, runs, results, scores, sore, tz)),
    )
