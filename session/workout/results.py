"""What the workout keeps: the one builder of a leg's and a set's result (of either part), the
record with a set added or replaced, ratings and stops."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from session.records import (
    DoneSet,
    Leg,
    LegResult,
    SessionRecord,
    SetResult,
    Side,
    StopPoint,
)
from session.strength.records import StrengthLeg, StrengthSet, TempoUsed
from session.workout.rhythm import rhythm_of
from session.workout.state import Phase, WorkoutState


def _leg(side: Side) -> Leg:
    """The leg of a circuit set (never "both": each leg hops in turn)."""
    if side == "both":
        raise RuntimeError("a plyometric set is done one leg at a time")
    return "left" if side == "left" else "right"


def side_of(leg: LegResult | StrengthLeg) -> Side:
    return leg.leg if isinstance(leg, LegResult) else leg.side


def leg_result(state: WorkoutState, t: float) -> LegResult | StrengthLeg | None:
    """The leg in progress as it stands at `t` (None before its "go")."""
    if state.leg_start is None:
        return None
    workout = state.workout
    started, ended = workout.wall(state.leg_start), workout.wall(t)
    done, target = rhythm_of(state).reps_done(state), state.reps_target
    if state.current.lift is not None:
        return StrengthLeg(
            side=state.leg, reps_done=done, reps_target=target, started_at=started, ended_at=ended
        )
    return LegResult(
        leg=_leg(state.leg), reps_done=done, reps_target=target, started_at=started, ended_at=ended
    )


def with_leg_done(state: WorkoutState, t: float) -> WorkoutState:
    """The leg in progress, ended at `t`, joins the set's legs done."""
    leg = leg_result(state, t)
    legs = state.legs_done if leg is None else (*state.legs_done, leg)
    return replace(state, legs_done=legs, leg_start=None, next_at=None, deadline=None)


def set_result(state: WorkoutState, t: float, stopped: StopPoint | None = None) -> DoneSet:
    """The set in progress as done at `t`: a circuit set, or a part-1 set with its load."""
    workout = state.workout
    plan = state.current
    skipped = len(state.legs_done) < len(state.sides) or any(
        leg.reps_done < leg.reps_target for leg in state.legs_done
    )
    started, ended = workout.wall(state.set_start), workout.wall(t)
    if plan.lift is not None:
        tempo = workout.part1.tempo
        return StrengthSet(
            exercise=plan.exercise,
            stance=plan.lift.stance,
            set_index=plan.set_index,
            sets_total=plan.sets_total,
            load_kg=plan.lift.load_kg,
            legs=tuple(leg for leg in state.legs_done if isinstance(leg, StrengthLeg)),
            tempo=TempoUsed(lift_seconds=tempo.lift_seconds, lower_seconds=tempo.lower_seconds),
            started_at=started,
            ended_at=ended,
            skipped=skipped,
            stopped=stopped,
        )
    return SetResult(
        exercise=plan.exercise,
        set_index=plan.set_index,
        sets_total=plan.sets_total,
        legs=tuple(leg for leg in state.legs_done if isinstance(leg, LegResult)),
        started_at=started,
        ended_at=ended,
        skipped=skipped,
        stopped=stopped,
    )


def with_set(record: SessionRecord, result: DoneSet) -> SessionRecord:
    """The record with `result` added to its part's sets."""
    if isinstance(result, SetResult):
        return record.model_copy(update={"sets": (*record.sets, result)})
    part = record.strength
    if part is None:
        raise RuntimeError("a part-1 set in a session without part 1")
    part = part.model_copy(update={"sets": (*part.sets, result)})
    return record.model_copy(update={"strength": part})


def with_last_set(record: SessionRecord, result: DoneSet) -> SessionRecord:
    """The record with the last set of `result`'s part replaced by it."""
    if isinstance(result, SetResult):
        return record.model_copy(update={"sets": (*record.sets[:-1], result)})
    part = record.strength
    if part is None or not part.sets:
        raise RuntimeError("no part-1 set to replace")
    part = part.model_copy(update={"sets": (*part.sets[:-1], result)})
    return record.model_copy(update={"strength": part})


def stop_point(state: WorkoutState, t: float) -> StopPoint:
    """Where the runner is now: the leg in progress, the leg about to start, or the last done."""
    at = state.workout.wall(t)
    phase = state.phase.value
    if state.leg_start is not None:
        return StopPoint(phase=phase, leg=state.leg, rep=rhythm_of(state).reps_done(state), at=at)
    if state.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN):
        return StopPoint(phase=phase, leg=state.leg, rep=0, at=at)
    last = state.last_done
    legs = state.legs_done or (last.legs if last is not None else ())
    if legs:
        return StopPoint(phase=phase, leg=side_of(legs[-1]), rep=legs[-1].reps_done, at=at)
    return StopPoint(phase=phase, leg=None, rep=0, at=at)


def change_rating(
    record: SessionRecord, rating: int, at: dt.datetime, *, position: int = -1
) -> SessionRecord:
    """The record with circuit set `position` (the last by default) re-rated `rating`, the
    change kept.

    For corrections after the engine is done with a session (the summary, history).
    """
    if not 0 <= rating <= 10:
        raise ValueError(f"pain rating {rating} is outside 0-10")
    sets = list(record.sets)
    if not sets:
        raise ValueError("the session has no set to rate")
    sets[position] = sets[position].rated(rating, at)
    return record.model_copy(update={"sets": tuple(sets)})
