"""A trial's step: `(state, event, now) -> (state, effects)`, through the phase table.

The public face of the functional tests coached by voice (see `functional_state` for what a trial
is). As in the workout engine, scheduled work due by `now` is done first, each at its own
scheduled time, so late ticks add no drift; then the runner's event; then anything that became
due. Keys: any key (`Skip`) stops the heel raises' count, or moves on from a get-ready or a
switch of legs; `EnterCount` answers the count; `StopForPain` and `EndEarly` end the trial,
keeping every leg finished. A pause during the active part starts that leg again from the
countdown: a paced or timed test paused half-way is not the same test.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import assert_never

from session.effects import CueKind, Priority, Say
from session.events import CueEnded, EndEarly, Pause, Resume, Skip, StopForPain, Tick
from session.program import Program
from session.records import Leg, SoreSide
from session.running.functional import other_leg
from session.running.speed_program import TestKind, Tests
from session.workout.functional_phases import TRIAL_PHASES, end, trial_rules
from session.workout.functional_state import (
    EnterCount,
    Trial,
    TrialEffect,
    TrialEvent,
    TrialOutcome,
    TrialPhase,
    TrialState,
    TrialStep,
)

MAX_ENTRIES = 2 * len(TrialPhase)


def trial_legs(sore_side: SoreSide | None) -> tuple[tuple[Leg, ...], Leg | None]:
    """Both legs, the sore side first; and the sore side when only one is sore."""
    if sore_side in ("left", "right"):
        return (sore_side, other_leg(sore_side)), sore_side
    return ("left", "right"), None


def start_trial(
    kind: TestKind,
    tests: Tests,
    program: Program,
    sore_side: SoreSide | None,
    *,
    now: float,
    wall_now: dt.datetime,
) -> TrialStep:
    """Begin a test: the first leg is announced now."""
    legs, sore = trial_legs(sore_side)
    run = Trial(kind, tests, program, legs, sore, now, wall_now)
    state = TrialState(run=run, phase=TrialPhase.ANNOUNCE, leg_pos=0, phase_start=now)
    state, effects = _settle(TrialOutcome(state, then=TrialPhase.ANNOUNCE), now)
    more_state, more = advance_trial(state, now)
    return more_state, effects + more


def step_trial(state: TrialState, event: TrialEvent, now: float) -> TrialStep:
    """Apply one event at engine time `now`."""
    state, effects = advance_trial(state, now)
    if state.finished:
        return state, effects
    state, more = _settle(_respond(state, event, now), now)
    effects.extend(more)
    state, more = advance_trial(state, now)
    return state, effects + more


def advance_trial(state: TrialState, now: float) -> TrialStep:
    """Fire every sub-cue and transition scheduled up to `now`, each at its own time."""
    effects: list[TrialEffect] = []
    while not state.finished and not state.paused:
        due = next_trial_due(state)
        if due is None or due > now:
            break
        row = trial_rules(state.phase)
        beat = state.next_at is not None and state.next_at == due
        handler = row.beat if beat else row.deadline
        if handler is None:
            what = "beat" if beat else "deadline"
            raise RuntimeError(f"{state.phase} has a {what} due but no handler for it")
        state, more = _settle(handler(state, due), due)
        effects.extend(more)
    return state, effects


def next_trial_due(state: TrialState) -> float | None:
    """The engine time of the next scheduled cue or transition; None when waiting."""
    times = [t for t in (state.next_at, state.deadline) if t is not None]
    return min(times) if times else None


def _settle(outcome: TrialOutcome, t: float) -> TrialStep:
    state, effects, then = outcome.state, list(outcome.effects), outcome.then
    for _ in range(MAX_ENTRIES):
        if then is None:
            return state, effects
        state = replace(state, phase=then, phase_start=t, deadline=None, next_at=None, sub_beat=0)
        entered = trial_rules(then).enter(state, t)
        state, then = entered.state, entered.then
        effects.extend(entered.effects)
    raise RuntimeError(f"the trial's phase table loops: still entering {then}")


def _respond(state: TrialState, event: TrialEvent, now: float) -> TrialOutcome:
    row = trial_rules(state.phase)
    match event:
        case Tick():
            return TrialOutcome(state)
        case Pause():
            return _pause(state, now)
        case Resume():
            return _resume(state, now)
        case Skip():
            if state.paused or row.skip is None:
                return TrialOutcome(state)
            return row.skip(state, now)
        case EnterCount(count=count):
            if row.count is None:
                return TrialOutcome(state)
            return row.count(_unpaused(state, now), count, now)
        case StopForPain():
            return end(_unpaused(state, now), "stopped_for_pain")
        case EndEarly():
            return end(_unpaused(state, now), "ended_early")
        case CueEnded(key=key, spoken=spoken):
            if row.heard is None or key != state.listening_for:
                return TrialOutcome(state)
            at = state.paused_at if state.paused_at is not None else now
            return row.heard(state, spoken, at)
        case _:
            assert_never(event)


def _pause(state: TrialState, now: float) -> TrialOutcome:
    if state.paused:
        return TrialOutcome(state)
    run = state.run
    restarts = trial_rules(state.phase).restarts
    text = run.tests.words.paused if restarts else run.program.words.paused
    said = Say(text, CueKind.INFO, now, Priority.HIGH)
    return TrialOutcome(replace(state, paused_at=now), (said,))


def _shifted(state: TrialState, now: float) -> TrialState:
    assert state.paused_at is not None
    shift = now - state.paused_at

    def later(t: float | None) -> float | None:
        return None if t is None else t + shift

    return replace(
        state,
        paused_at=None,
        phase_start=state.phase_start + shift,
        deadline=later(state.deadline),
        next_at=later(state.next_at),
    )


def _unpaused(state: TrialState, now: float) -> TrialState:
    return state if state.paused_at is None else _shifted(state, now)


def _resume(state: TrialState, now: float) -> TrialOutcome:
    if state.paused_at is None:
        return TrialOutcome(state)
    if trial_rules(state.phase).restarts:
        fresh = replace(state, paused_at=None, count=0, said=0)
        return TrialOutcome(fresh, then=TrialPhase.COUNTDOWN)
    state = _shifted(state, now)
    words = state.run.program.words
    return TrialOutcome(state, (Say(words.resumed, CueKind.INFO, now, Priority.HIGH),))


assert set(TRIAL_PHASES) == set(TrialPhase), "every trial phase has its row in the table"
