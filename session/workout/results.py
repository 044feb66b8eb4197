"""What the workout keeps: the one builder of a leg's and a set's result, ratings and stops."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from session.records import LegResult, SessionRecord, SetResult, StopPoint
from session.workout.rhythm import rhythm_of
from session.workout.state import Phase, WorkoutState


def leg_result(state: WorkoutState, t: float) -> LegResult | None:
    """The leg in progress as it stands at `t` (None before its "go")."""
    if state.leg_start is None:
        return None
    workout = state.workout
    return LegResult(
        leg=state.leg,
        reps_done=rhythm_of(state).reps_done(state),
        reps_target=state.reps_target,
        started_at=workout.wall(state.leg_start),
        ended_at=workout.wall(t),
    )


def with_leg_done(state: WorkoutState, t: float) -> WorkoutState:
    """The leg in progress, ended at `t`, joins the set's legs done."""
    leg = leg_result(state, t)
    legs = state.legs_done if leg is None else (*state.legs_done, leg)
    return replace(state, legs_done=legs, leg_start=None, next_at=None, deadline=None)


def set_result(state: WorkoutState, t: float, stopped: StopPoint | None = None) -> SetResult:
    workout = state.workout
    plan = state.current
    return SetResult(
        exercise=plan.exercise,
        set_index=plan.set_index,
        sets_total=plan.sets_total,
        legs=state.legs_done,
        started_at=workout.wall(state.set_start),
        ended_at=workout.wall(t),
        skipped=len(state.legs_done) < len(workout.legs)
        or any(leg.reps_done < leg.reps_target for leg in state.legs_done),
        stopped=stopped,
    )


def with_set(record: SessionRecord, result: SetResult) -> SessionRecord:
    return record.model_copy(update={"sets": (*record.sets, result)})


def with_last_set(record: SessionRecord, result: SetResult) -> SessionRecord:
    return record.model_copy(update={"sets": (*record.sets[:-1], result)})


def stop_point(state: WorkoutState, t: float) -> StopPoint:
    """Where the runner is now: the leg in progress, the leg about to start, or the last done."""
    at = state.workout.wall(t)
    phase = state.phase.value
    if state.leg_start is not None:
        return StopPoint(phase=phase, leg=state.leg, rep=rhythm_of(state).reps_done(state), at=at)
    if state.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN):
        return StopPoint(phase=phase, leg=state.leg, rep=0, at=at)
    legs = state.legs_done or (state.record.sets[-1].legs if state.record.sets else ())
    if legs:
        return StopPoint(phase=phase, leg=legs[-1].leg, rep=legs[-1].reps_done, at=at)
    return StopPoint(phase=phase, leg=None, rep=0, at=at)


def change_rating(
    record: SessionRecord, rating: int, at: dt.datetime, *, position: int = -1
) -> SessionRecord:
    """The record with set `position` (the last by default) re-rated `rating`, the change kept.

    For corrections after the engine is done with a session (the summary, history).
    """
    if not 0 <= rating <= 10:
        raise ValueError(f"pain rating {rating} is outside 0-10")
    sets = list(record.sets)
    if not sets:
        raise ValueError("the session has no set to rate")
    sets[position] = sets[position].rated(rating, at)
    return record.model_copy(update={"sets": tuple(sets)})
