"""Starting a session, and carrying on an unfinished one after a restart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from session.effects import CueKind, Effect, Persist, Priority
from session.program import Program
from session.records import Prescription, SessionRecord, SessionStatus, Settings
from session.sets import SetPlan, plan_sets
from session.workout import cues
from session.workout.core import advance, settle
from session.workout.rest_phases import finish
from session.workout.state import Outcome, Phase, Step, Workout, WorkoutState


def start(
    program: Program,
    prescription: Prescription,
    settings: Settings,
    *,
    session_id: str,
    now: float,
    wall_now: dt.datetime,
    started_early: bool = False,
    sets: tuple[SetPlan, ...] | None = None,
) -> Step:
    """Begin a new session: the record is persisted at once, then the first set is announced.

    `sets` is the session's sets in order (by default the prescription's, in the program's
    order); a caller gives them to attach a load to each."""
    record = SessionRecord(
        id=session_id,
        started_at=wall_now,
        prescription=prescription,
        legs=settings.legs(),
        started_early=started_early,
    )
    return _begin(program, record, settings, now, wall_now, sets, [Persist(record)])


def resume(
    program: Program,
    record: SessionRecord,
    settings: Settings,
    *,
    now: float,
    wall_now: dt.datetime,
    sets: tuple[SetPlan, ...] | None = None,
) -> Step:
    """Carry on an unfinished session after a restart, from the first set not yet done."""
    return _begin(program, record, settings, now, wall_now, sets, [])


def _begin(
    program: Program,
    record: SessionRecord,
    settings: Settings,
    now: float,
    wall_now: dt.datetime,
    sets: tuple[SetPlan, ...] | None,
    effects: list[Effect],
) -> Step:
    workout = Workout(
        program=program,
        sets=sets if sets is not None else plan_sets(program, record.prescription),
        legs=record.legs,
        cadence_scale=settings.cadence_scale,
        clock_origin=now,
        wall_origin=wall_now,
        kept_cadences=tuple(settings.kept_cadences.items()),
    )
    done = {(s.exercise, s.set_index) for s in record.sets}
    todo = [i for i, s in enumerate(workout.sets) if (s.exercise, s.set_index) not in done]
    state = WorkoutState(
        workout=workout,
        record=record,
        phase=Phase.ANNOUNCE,
        set_pos=todo[0] if todo else len(workout.sets) - 1,
        leg_pos=0,
        phase_start=now,
    )
    state, more = settle(_pick_up(state, todo, now), now)
    state, due = advance(state, now)
    return state, effects + more + due


def _pick_up(state: WorkoutState, todo: list[int], now: float) -> Outcome:
    """Where a session (new, or saved by a run that ended) carries on."""
    record = state.record
    last = record.sets[-1] if record.sets else None
    if last is not None and (not todo or todo[0] > 0):
        # The last set saved comes before the next one to do: it may still need its rating.
        at_last = replace(state, set_pos=todo[0] - 1) if todo else state
        if last.stopped is not None:
            if last.pain is None:
                return Outcome(at_last, then=Phase.STOP_RATING)
            return finish(at_last, SessionStatus.STOPPED_FOR_PAIN)
        if last.pain is None:
            words = state.workout.program.words
            ask = cues.say(words.pain_question, CueKind.PAIN_QUESTION, now, Priority.HIGH, None)
            return Outcome(at_last, (ask,), then=Phase.AWAIT_PAIN)
        if state.workout.program.zone_for(last.pain).stops:
            # It ended in the seconds given to change a stopping rating: the rating stands.
            return finish(at_last, SessionStatus.STOPPED_FOR_PAIN)
    if not todo:
        return finish(state, SessionStatus.COMPLETED)
    return Outcome(state, then=Phase.ANNOUNCE)
