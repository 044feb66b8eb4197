"""What the workout screen shows, derived from the engine state at a moment: pure and testable."""

from __future__ import annotations

import math
from dataclasses import dataclass

from session.engine import Phase, WorkoutState
from session.records import SessionStatus


@dataclass(frozen=True, slots=True)
class WorkoutView:
    phase: Phase
    exercise: str
    how_to: str
    leg: str
    set_index: int
    sets_total: int
    set_number: int
    set_count: int
    rep: int
    reps_target: int
    cadence: float
    remaining: float | None
    duration: float | None
    next_up: str
    awaiting_pain: bool
    paused: bool
    status: SessionStatus
    circuit: int
    up_next: bool = False
    """True during a rest: exercise, leg and set are the next set's, so the runner gets ready."""

    @property
    def remaining_whole(self) -> int:
        """Seconds left, rounded up, as a countdown shows them."""
        return 0 if self.remaining is None else max(0, math.ceil(self.remaining - 1e-9))

    @property
    def progress(self) -> float:
        """0..1 through the current timed phase, or through the reps."""
        if self.phase is Phase.REPS:
            return self.rep / self.reps_target if self.reps_target else 1.0
        if self.remaining is None or not self.duration:
            return 1.0
        return min(1.0, max(0.0, 1 - self.remaining / self.duration))


def view(state: WorkoutState, now: float) -> WorkoutView:
    workout = state.workout
    program = workout.program
    upcoming = state.upcoming
    resting = state.phase in (Phase.REST, Phase.AWAIT_PAIN) and upcoming is not None
    plan = upcoming if resting and upcoming is not None else state.current
    exercise = program.exercise(plan.exercise)
    at = state.paused_at if state.paused_at is not None else now
    remaining = None if state.deadline is None else max(0.0, state.deadline - at)
    duration = None if state.deadline is None else state.deadline - state.phase_start
    if resting:
        next_up = (
            f"{exercise.name}, {workout.legs[0]} leg, set {plan.set_index} of {plan.sets_total}"
        )
    elif state.phase in (Phase.REST, Phase.AWAIT_PAIN, Phase.FINISHED):
        next_up = "the end of the session"
    elif state.leg_pos + 1 < len(workout.legs):
        next_up = f"{workout.legs[state.leg_pos + 1]} leg"
    elif upcoming is not None:
        next_up = f"rest, then {program.exercise(upcoming.exercise).name}"
    else:
        next_up = "rest, then the end of the session"
    return WorkoutView(
        phase=state.phase,
        exercise=exercise.name,
        how_to=exercise.how_to,
        leg=workout.legs[0] if resting else state.leg,
        set_index=plan.set_index,
        sets_total=plan.sets_total,
        set_number=state.set_pos + (2 if resting else 1),
        set_count=len(workout.sets),
        rep=state.beat if state.phase is Phase.REPS else 0,
        reps_target=state.reps_target,
        cadence=state.cadence(),
        remaining=remaining,
        duration=duration,
        next_up=next_up,
        awaiting_pain=state.awaiting_pain,
        paused=state.paused,
        status=state.record.status,
        circuit=state.record.prescription.circuit,
        up_next=resting,
    )
