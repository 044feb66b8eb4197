"""Starting a session (the circuit alone, or with part 1), and carrying on an unfinished one
after a restart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from session.effects import CueKind, Effect, Persist, Priority
from session.program import Program
from session.records import HOPS_ONLY, Part, Prescription, SessionRecord, SessionStatus, Settings
from session.sets import SetPlan, session_sets
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPart, StrengthPrescription
from session.workout import cues
from session.workout.core import advance, settle
from session.workout.rest_phases import finish, part1_closed
from session.workout.state import Outcome, Phase, Step, Workout, WorkoutState


@dataclass(frozen=True, slots=True)
class PartOne:
    """Part 1 of a session about to start: its program, today's prescription, the loads the
    runner chose (exercise id -> kg added; the proposal's where absent), and the session's parts
    in order (both, or part 1 alone on the program's separate days)."""

    program: StrengthProgram
    prescription: StrengthPrescription
    loads_kg: Mapping[str, float] = field(default_factory=dict)
    parts: tuple[Part, ...] = ("strength", "plyometrics")

    def __post_init__(self) -> None:
        if "strength" not in self.parts:
            raise ValueError(f"parts {list(self.parts)} leave part 1 out")


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
    part1: PartOne | None = None,
) -> Step:
    """Begin a new session: the record is persisted at once, then the first set is announced.

    `sets` is the session's sets in order (by default the prescription's, in the program's
    order, after or before part 1's as `part1.parts` says); a caller gives them to attach a
    load to each. With `part1`, the session holds the calf raises too."""
    strength = None
    if part1 is not None:
        strength = StrengthPart(
            prescription=part1.prescription,
            started_at=wall_now,
            legs=settings.legs(),
            loads_kg=dict(part1.loads_kg),
        )
    record = SessionRecord(
        id=session_id,
        started_at=wall_now,
        prescription=prescription,
        legs=settings.legs(),
        started_early=started_early,
        parts=HOPS_ONLY if part1 is None else part1.parts,
        strength=strength,
    )
    programme = None if part1 is None else part1.program
    return _begin(program, programme, record, settings, now, wall_now, sets, [Persist(record)])


def resume(
    program: Program,
    record: SessionRecord,
    settings: Settings,
    *,
    now: float,
    wall_now: dt.datetime,
    sets: tuple[SetPlan, ...] | None = None,
    strength: StrengthProgram | None = None,
) -> Step:
    """Carry on an unfinished session after a restart, from the first set not yet done
    (`strength`: part 1's program, needed when the session holds part 1)."""
    return _begin(program, strength, record, settings, now, wall_now, sets, [])


def _begin(
    program: Program,
    strength: StrengthProgram | None,
    record: SessionRecord,
    settings: Settings,
    now: float,
    wall_now: dt.datetime,
    sets: tuple[SetPlan, ...] | None,
    effects: list[Effect],
) -> Step:
    workout = Workout(
        program=program,
        sets=sets if sets is not None else session_sets(program, strength, record),
        legs=record.legs,
        cadence_scale=settings.cadence_scale,
        clock_origin=now,
        wall_origin=wall_now,
        kept_cadences=tuple(settings.kept_cadences.items()),
        strength=strength,
    )
    done = {(s.exercise, s.set_index) for s in record.sets}
    lifted = {(s.exercise, s.set_index) for s in record.strength_sets}
    todo = [
        i
        for i, s in enumerate(workout.sets)
        if (s.exercise, s.set_index) not in (lifted if s.lift is not None else done)
    ]
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
    # The last set saved comes before the next one to do: it may still need its rating.
    at_last = replace(state, set_pos=todo[0] - 1) if todo and todo[0] > 0 else state
    last = at_last.last_done if not todo or todo[0] > 0 else None
    if last is not None:
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
    if last is not None and at_last.current.lift is not None and state.current.lift is None:
        # Stopped in the rest between the parts: part 1 was over.
        record = part1_closed(state.record, SessionStatus.COMPLETED)
        return Outcome(replace(state, record=record), (Persist(record),), then=Phase.ANNOUNCE)
    return Outcome(state, then=Phase.ANNOUNCE)
