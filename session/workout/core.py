"""The engine's step: scheduled work first, then the runner's event, through the phase table."""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from session.effects import CueKind, Effect, Priority, Say
from session.events import (
    AdjustCadence,
    ChangeRating,
    CueEnded,
    EndEarly,
    Event,
    PainRating,
    Pause,
    Resume,
    Skip,
    StopForPain,
    Tick,
)
from session.workout.phases import PHASES, rules
from session.workout.rhythm import rhythm_of
from session.workout.state import HeldRest, Outcome, Phase, Step, WorkoutState

MAX_ENTRIES = 2 * len(Phase)
"""More phases entered at one moment than this is a loop in the table, not a session."""


def step(state: WorkoutState, event: Event, now: float) -> Step:
    """Apply one event at engine time `now`. Scheduled work due by `now` is done first, and any
    phase that ends the moment it begins ends within this step."""
    state, effects = advance(state, now)
    if state.finished:
        return state, effects
    state, more = settle(respond(state, event, now), now)
    effects.extend(more)
    state, more = advance(state, now)
    return state, effects + more


def advance(state: WorkoutState, now: float) -> Step:
    """Fire every sub-cue and transition scheduled up to `now`, each at its own scheduled time."""
    effects: list[Effect] = []
    while not state.finished and not state.paused:
        due = next_due(state)
        if due is None or due > now:
            break
        row = rules(state.phase)
        beat = state.next_at is not None and state.next_at == due
        handler = row.beat if beat else row.deadline
        if handler is None:
            what = "beat" if beat else "deadline"
            raise RuntimeError(f"{state.phase} has a {what} due but no handler for it")
        state, more = settle(handler(state, due), due)
        effects.extend(more)
    return state, effects


def next_due(state: WorkoutState) -> float | None:
    """The engine time of the next scheduled cue or transition; None when waiting for the runner."""
    times = [t for t in (state.next_at, state.deadline) if t is not None]
    return min(times) if times else None


def settle(outcome: Outcome, t: float) -> Step:
    """Apply an outcome: enter the phase it leads to (and any that one leads to) at `t`."""
    state, effects, then = outcome.state, list(outcome.effects), outcome.then
    for _ in range(MAX_ENTRIES):
        if then is None:
            return state, effects
        state = replace(state, phase=then, phase_start=t, deadline=None, next_at=None, sub_beat=0)
        entered = rules(then).enter(state, t)
        state, then = entered.state, entered.then
        effects.extend(entered.effects)
    raise RuntimeError(f"the phase table loops: still entering {then} after {MAX_ENTRIES}")


def respond(state: WorkoutState, event: Event, now: float) -> Outcome:
    """What the runner's event (or the voice's report) does in the current phase."""
    row = rules(state.phase)
    match event:
        case Tick():
            return Outcome(state)
        case Pause():
            return _pause(state, now)
        case Resume():
            return _resume(state, now)
        case Skip():
            if state.paused or row.skip is None:
                return Outcome(state)
            return row.skip(state, now)
        case PainRating(rating=rating):
            if not 0 <= rating <= 10:
                raise ValueError(f"pain rating {rating} is outside 0-10")
            if row.rate is None or state.last_done is None:
                return Outcome(state)
            return row.rate(_unpaused(state, now), rating, now)
        case ChangeRating():
            if row.change_rating is None:
                return Outcome(state)
            return row.change_rating(_unpaused(state, now), now)
        case StopForPain():
            if row.stop_for_pain is None:
                return Outcome(state)
            return row.stop_for_pain(_unpaused(state, now), now)
        case EndEarly():
            if row.end_early is None:
                return Outcome(state)
            return row.end_early(_unpaused(state, now), now)
        case AdjustCadence(delta=delta):
            return Outcome(_adjust_cadence(state, delta, now))
        case CueEnded(key=key, spoken=spoken):
            if row.heard is None or key != state.listening_for:
                return Outcome(state)  # a cue nobody waits for (any more)
            at = state.paused_at if state.paused_at is not None else now
            return row.heard(state, spoken, at)
        case _:
            assert_never(event)


# --- pause and resume --------------------------------------------------------------------------


def _pause(state: WorkoutState, now: float) -> Outcome:
    if state.paused:
        return Outcome(state)
    words = state.workout.program.words
    said = Say(words.paused, CueKind.INFO, now, Priority.HIGH)
    return Outcome(replace(state, paused_at=now), (said,))


def _shifted(state: WorkoutState, now: float) -> WorkoutState:
    """Every timer moved on by the length of the pause, which ends now."""
    assert state.paused_at is not None
    shift = now - state.paused_at

    def later(t: float | None) -> float | None:
        return None if t is None else t + shift

    held = state.held_rest
    return replace(
        state,
        paused_at=None,
        phase_start=state.phase_start + shift,
        deadline=later(state.deadline),
        next_at=later(state.next_at),
        held_rest=None if held is None else HeldRest(held.start + shift, held.deadline + shift),
    )


def _unpaused(state: WorkoutState, now: float) -> WorkoutState:
    """The runner is at the keys: a pause ends without a word."""
    return state if state.paused_at is None else _shifted(state, now)


def _resume(state: WorkoutState, now: float) -> Outcome:
    """Carry on; mid-set, "Ready... go" first, and the rep schedule restarts after it."""
    if state.paused_at is None:
        return Outcome(state)
    state = _shifted(state, now)
    reps_left = state.phase is not Phase.REPS or state.next_at is not None
    if rules(state.phase).lead_in and reps_left:
        if state.phase is Phase.REPS:
            state = rhythm_of(state).restart(state)  # a rep half done is done again
        return Outcome(state, then=Phase.LEAD_IN)
    words = state.workout.program.words
    return Outcome(state, (Say(words.resumed, CueKind.INFO, now, Priority.HIGH),))


# --- cadence -----------------------------------------------------------------------------------


def _adjust_cadence(state: WorkoutState, delta: float, now: float) -> WorkoutState:
    """Change the current exercise's seconds per rep, within its limits, for the session."""
    rhythm = rhythm_of(state)
    if not rhythm.adjustable:
        return state
    exercise = state.current.exercise
    low, high = state.workout.program.cadence_limits(exercise)
    old = state.cadence()
    new = round(min(max(old + delta, low), high), 2)
    others = tuple((k, v) for k, v in state.cadences if k != exercise)
    state = replace(state, cadences=(*others, (exercise, new)))
    if state.phase is Phase.REPS:
        floor = state.paused_at if state.paused_at is not None else now
        state = rhythm.retime(state, old, new, floor)
    return state


assert set(PHASES) == set(Phase), "every phase has its row in the table"
