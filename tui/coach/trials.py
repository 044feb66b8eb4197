"""The functional tests and the questionnaire: what the Tests screen shows, a test started by
voice or entered by hand, its result saved with its symmetry, and the VISA-A-based score.

`Coach` calls these with its store, its programs and the time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.running.functional import FunctionalResult, Symmetry, latest, make_result, symmetry
from session.running.gate import GateItem, readiness
from session.running.outcome import (
    Answer,
    Due,
    OutcomeScore,
    OutcomeTrend,
    make_score,
    outcome_due,
    outcome_trend,
)
from session.running.plan import gate_input
from session.workout.functional import start_trial
from tui.coach.running import running_history

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Leg, SoreSide
    from session.running.speed_program import Outcome, SpeedProgram, TestKind
    from session.workout.functional_state import TrialStep
    from store import Store

KINDS: tuple[TestKind, ...] = ("heel_raise", "hop_count", "side_hop")

BeginTrial = Callable[[float, dt.datetime], "TrialStep"]
"""Starts a test at engine time `now` and wall time `wall_now` (UTC), once its screen is up."""


@dataclass(frozen=True, slots=True)
class TestLine:
    """One test as the Tests screen lists it: its protocol, its latest result, the gate's word."""

    __test__ = False  # not a pytest class

    kind: TestKind
    name: str
    how: str
    source: str
    latest: FunctionalResult | None
    symmetry: Symmetry | None
    gate: GateItem | None
    """The gate's criterion this test answers (symmetry or pain-free hops), as of now."""


@dataclass(frozen=True, slots=True)
class TestsOverview:
    __test__ = False  # not a pytest class

    lines: tuple[TestLine, ...]
    sore_side: SoreSide | None
    questionnaire: Due
    label: str
    """The questionnaire's name ("VISA-A-based score")."""


def _gate_items(
    store: Store, program: Program, speed: SpeedProgram, now: dt.datetime
) -> dict[str, GateItem]:
    gate = readiness(speed, gate_input(running_history(store, program, now), now))
    return {item.id: item for item in gate.items}


def tests_overview(
    store: Store, program: Program, speed: SpeedProgram, now: dt.datetime
) -> TestsOverview:
    results, sore = store.results(), store.settings().sore_side
    items = _gate_items(store, program, speed, now)
    lines = []
    for kind in KINDS:
        protocol = speed.tests.protocol(kind)
        last = latest(results, kind, now)
        lines.append(
            TestLine(
                kind=kind,
                name=protocol.name,
                how=protocol.how,
                source=protocol.source,
                latest=last,
                symmetry=symmetry(last, sore) if last is not None else None,
                gate=items.get("hops" if kind == "hop_count" else kind),
            )
        )
    due = outcome_due(speed.outcome, store.scores(), now)
    return TestsOverview(tuple(lines), sore, due, speed.outcome.label)


@dataclass(frozen=True, slots=True)
class TestSaved:
    """A test result saved: its symmetry, and where the gate's criterion stands now."""

    __test__ = False  # not a pytest class

    result: FunctionalResult
    symmetry: Symmetry | None
    gate: GateItem | None


def save_result(
    store: Store, program: Program, speed: SpeedProgram, result: FunctionalResult, now: dt.datetime
) -> TestSaved:
    store.save_result(result)
    items = _gate_items(store, program, speed, now)
    gate = items.get("hops" if result.kind == "hop_count" else result.kind)
    return TestSaved(result, symmetry(result, store.settings().sore_side), gate)


def enter_result(
    store: Store,
    program: Program,
    speed: SpeedProgram,
    kind: TestKind,
    counts: dict[Leg, int],
    note: str,
    now: dt.datetime,
) -> TestSaved:
    """A test done without the voice (at the physio's, say), entered by hand. Raises ResultError."""
    result = make_result(speed.tests, kind, counts, now, note)
    return save_result(store, program, speed, result, now)


def begin_trial(
    program: Program, speed: SpeedProgram, kind: TestKind, sore_side: SoreSide | None
) -> BeginTrial:
    def begin(clock_now: float, wall_now: dt.datetime) -> TrialStep:
        return start_trial(kind, speed.tests, program, sore_side, now=clock_now, wall_now=wall_now)

    return begin


# --- the questionnaire -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """The VISA-A-based questionnaire's questions, and whether it is due."""

    outcome: Outcome
    due: Due


def questionnaire(store: Store, speed: SpeedProgram, now: dt.datetime) -> Questionnaire:
    return Questionnaire(speed.outcome, outcome_due(speed.outcome, store.scores(), now))


@dataclass(frozen=True, slots=True)
class ScoreSaved:
    score: OutcomeScore
    trend: OutcomeTrend


def save_score(
    store: Store, speed: SpeedProgram, answers: Mapping[str, Answer], now: dt.datetime
) -> ScoreSaved:
    """Score and save the answers (OutcomeAnswerError names the question), and the trend."""
    score = make_score(speed.outcome, answers, now)
    store.save_score(score)
    return ScoreSaved(score, outcome_trend(speed.outcome, store.scores(), now.tzinfo))
