"""Today's running, in one call: the run rule, weaning, the gate, the ladder and the next step.

This is what a Today panel, `achilles run` and the physio report read; they show `lines` and
never re-decide. Pure: the history arrives as records, the mornings as a MorningModel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.records import SoreSide
from session.running.functional import FunctionalResult
from session.running.gate import DoseFacts, GateInput, Readiness, gate_met, readiness
from session.running.ladder import BEFORE, LadderState, ladder_state
from session.running.mornings import MorningModel
from session.running.run_rule import RunAdvice, run_advice
from session.running.runs import RunRecord
from session.running.speed_program import LadderStep, SpeedProgram
from session.running.weaning import WeaningAdvice, weaning_advice


@dataclass(frozen=True, slots=True)
class History:
    """The runner's history as the running rules read it."""

    sessions: Sequence[DoseFacts]
    runs: Sequence[RunRecord]
    results: Sequence[FunctionalResult]
    mornings: MorningModel
    sore_side: SoreSide | None


@dataclass(frozen=True, slots=True)
class SpeedPlan:
    advice: RunAdvice
    weaning: WeaningAdvice
    gate: Readiness
    ladder: LadderState
    next_step: LadderStep | None
    """The speed session the runner may do next; None: easy running only for now."""
    lines: tuple[str, ...]
    """Plain words, most important first."""


def gate_input(history: History, now: dt.datetime) -> GateInput:
    return GateInput.of(
        history.sessions, history.runs, history.results, history.mornings, history.sore_side, now
    )


def speed_plan(program: SpeedProgram, history: History, now: dt.datetime) -> SpeedPlan:
    """Everything about today's running, judged at `now` (timezone-aware)."""
    tz = now.tzinfo
    advice = run_advice(program.running, history.runs, history.mornings, now)
    weaning = weaning_advice(program, history.runs, history.mornings, now)
    inp = gate_input(history, now)
    gate = readiness(program, inp)
    starts = [r.started_at.astimezone(tz).date() for r in history.runs if r.started_at <= now]
    ladder = ladder_state(
        program.ladder,
        program.running,
        history.runs,
        history.mornings,
        lambda when: gate_met(program, inp.at(when)),
        now,
        min(starts, default=now.date()),
    )
    next_step, lines = _next(program, advice, gate, ladder, weaning)
    return SpeedPlan(
        advice, weaning, gate, ladder, next_step, (*advice.reasons, *lines, *weaning.reasons)
    )


def _next(
    program: SpeedProgram,
    advice: RunAdvice,
    gate: Readiness,
    ladder: LadderState,
    weaning: WeaningAdvice,
) -> tuple[LadderStep | None, list[str]]:
    """The speed session allowed next, and the words for it."""
    steps = program.ladder.steps
    if advice.dial_back:
        return None, ["No speed work until a morning after a run is back to usual."]
    if ladder.step == BEFORE:
        if not gate.met:
            return None, [gate.summary(), "Easy running only for now."]
        lines = [
            gate.summary(),
            f"You may start the return ladder with {steps[0].label.lower()}: {steps[0].how}",
        ]
        lifted = [m.short for m in weaning.in_use if m.lifted_by == "gate"]
        if lifted:
            lines.append(f"The gate lifts {', '.join(lifted)}.")
        return steps[0], lines
    step = steps[ladder.step]
    if advice.waiting_for_morning:
        return None, [
            ladder.reason,
            "Check in the morning after your last run before the next speed session.",
        ]
    return step, [ladder.reason, f"Next speed session: {step.label.lower()}. {step.how}"]
