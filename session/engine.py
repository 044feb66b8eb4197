"""The workout engine: a pure state machine `(state, event, now) -> (state, effects)`.

It walks one session set by set: for each set, each leg in turn gets an announcement, a get-ready
countdown and counted reps at the exercise's cadence, with a switch-legs rest between legs. After
the set, the pain rating is asked while the rest timer runs; the next set starts only once the
rating is in. Every time is an absolute deadline on the caller's monotonic clock: a transition
happens at its scheduled time, not at the tick that noticed it, so late ticks never add drift.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from session.effects import CueKind, Effect, Persist, Priority, Say
from session.events import (
    AdjustCadence,
    CueEnded,
    EndEarly,
    Event,
    PainRating,
    Pause,
    Resume,
    Skip,
    Tick,
)
from session.plan import SetPlan, plan_sets, rest_after
from session.program import Program
from session.records import (
    Leg,
    LegResult,
    Prescription,
    SessionRecord,
    SessionStatus,
    SetResult,
    Settings,
)

MIN_CADENCE = 0.4
MAX_CADENCE = 10.0


class Phase(StrEnum):
    ANNOUNCE = "announce"
    COUNTDOWN = "countdown"
    REPS = "reps"
    SWITCH_LEGS = "switch_legs"
    REST = "rest"
    AWAIT_PAIN = "await_pain"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Workout:
    """What stays fixed during a session: the program, the sets in order, the legs, the clocks."""

    program: Program
    sets: tuple[SetPlan, ...]
    legs: tuple[Leg, ...]
    cadence_scale: float
    clock_origin: float
    wall_origin: dt.datetime

    def wall(self, t: float) -> dt.datetime:
        """The UTC moment of engine time `t`."""
        return self.wall_origin + dt.timedelta(seconds=t - self.clock_origin)


@dataclass(frozen=True, slots=True)
class WorkoutState:
    """Where the session is. `beat` counts sub-cues in a phase (countdown words, reps, callouts)."""

    workout: Workout
    record: SessionRecord
    phase: Phase
    set_pos: int
    leg_pos: int
    phase_start: float
    deadline: float | None
    next_at: float | None
    beat: int = 0
    leg_start: float = 0.0
    set_start: float = 0.0
    legs_done: tuple[LegResult, ...] = ()
    awaiting_pain: bool = False
    cadences: tuple[tuple[str, float], ...] = ()
    paused_at: float | None = None

    @property
    def current(self) -> SetPlan:
        return self.workout.sets[self.set_pos]

    @property
    def leg(self) -> Leg:
        return self.workout.legs[self.leg_pos]

    @property
    def upcoming(self) -> SetPlan | None:
        nxt = self.set_pos + 1
        return self.workout.sets[nxt] if nxt < len(self.workout.sets) else None

    @property
    def finished(self) -> bool:
        return self.phase is Phase.FINISHED

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def cadence(self, exercise_id: str | None = None) -> float:
        """Seconds per rep for an exercise (the current one by default), with any adjustment."""
        ex = exercise_id or self.current.exercise
        for key, value in self.cadences:
            if key == ex:
                return value
        return self.workout.program.exercise(ex).cadence * self.workout.cadence_scale

    @property
    def reps_target(self) -> int:
        return self.record.prescription.reps


Step = tuple[WorkoutState, list[Effect]]


# --- starting --------------------------------------------------------------------------------


def start(
    program: Program,
    prescription: Prescription,
    settings: Settings,
    *,
    session_id: str,
    now: float,
    wall_now: dt.datetime,
    started_early: bool = False,
) -> Step:
    """Begin a new session: the record is persisted at once, then the first set is announced."""
    record = SessionRecord(
        id=session_id,
        started_at=wall_now,
        prescription=prescription,
        legs=settings.legs(),
        started_early=started_early,
    )
    return _begin(program, record, settings, now, wall_now, [Persist(record)])


def resume(
    program: Program,
    record: SessionRecord,
    settings: Settings,
    *,
    now: float,
    wall_now: dt.datetime,
) -> Step:
    """Carry on an unfinished session after a restart, from the first set not yet done."""
    return _begin(program, record, settings, now, wall_now, [])


def _begin(
    program: Program,
    record: SessionRecord,
    settings: Settings,
    now: float,
    wall_now: dt.datetime,
    effects: list[Effect],
) -> Step:
    workout = Workout(
        program=program,
        sets=plan_sets(program, record.prescription),
        legs=record.legs,
        cadence_scale=settings.cadence_scale,
        clock_origin=now,
        wall_origin=wall_now,
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
        deadline=None,
        next_at=None,
    )
    if record.sets and record.sets[-1].pain is None and (not todo or todo[0] > 0):
        # The last set's rating is missing: it comes first, then the set after it.
        state = replace(state, set_pos=todo[0] - 1 if todo else state.set_pos, awaiting_pain=True)
        state, more = _enter_await_pain(state, now, first=True)
        return state, effects + more
    if not todo:
        return _finish(state, now, SessionStatus.COMPLETED, effects)
    state, more = _enter_announce(state, now, new_set=True)
    return state, effects + more


# --- the public step -------------------------------------------------------------------------


def step(state: WorkoutState, event: Event, now: float) -> Step:
    """Apply one event at engine time `now`. Scheduled work due by `now` is done first."""
    state, effects = advance(state, now)
    if state.finished:
        return state, effects
    match event:
        case Tick():
            return state, effects
        case Pause():
            if state.paused:
                return state, effects
            words = state.workout.program.words
            effects.append(Say(words.paused, CueKind.INFO, now, Priority.HIGH))
            return replace(state, paused_at=now), effects
        case Resume():
            return _resume_clock(state, now, effects, say=True)
        case PainRating(rating=rating):
            if not 0 <= rating <= 10:
                raise ValueError(f"pain rating {rating} is outside 0-10")
            if state.phase not in (Phase.REST, Phase.AWAIT_PAIN) or not state.record.sets:
                return state, effects
            if state.paused:
                state, effects = _resume_clock(state, now, effects, say=False)
            return _rate(state, rating, now, effects)
        case Skip():
            if state.paused:
                return state, effects
            return _skip(state, now, effects)
        case EndEarly():
            return _end_early(state, now, effects)
        case AdjustCadence(delta=delta):
            return _adjust_cadence(state, delta, now), effects
        case CueEnded():
            # No phase waits for the voice yet (the engine rework makes the announcement one).
            return state, effects
    raise TypeError(f"unknown event {event!r}")


def advance(state: WorkoutState, now: float) -> Step:
    """Fire every sub-cue and transition scheduled up to `now`, each at its own scheduled time."""
    effects: list[Effect] = []
    while not state.finished and not state.paused:
        due = next_due(state)
        if due is None or due > now:
            break
        if state.next_at is not None and state.next_at == due:
            state, more = _fire_beat(state, due)
        else:
            state, more = _end_phase(state, due)
        effects.extend(more)
    return state, effects


def next_due(state: WorkoutState) -> float | None:
    """The engine time of the next scheduled cue or transition; None when waiting for the runner."""
    times = [t for t in (state.next_at, state.deadline) if t is not None]
    return min(times) if times else None


# --- phases ----------------------------------------------------------------------------------


def _say(text: str, kind: CueKind, at: float, priority: Priority, stale: float | None) -> Say:
    return Say(text=text, kind=kind, at=at, priority=priority, stale_after=stale)


def _leg_name(leg: Leg) -> str:
    return leg.capitalize()


def _enter_announce(state: WorkoutState, t: float, *, new_set: bool) -> Step:
    program = state.workout.program
    words = program.words
    if new_set:
        plan = state.current
        text = words.announce.format(
            exercise=program.exercise(plan.exercise).cue,
            leg=_leg_name(state.leg),
            set=plan.set_index,
            sets=plan.sets_total,
        )
    else:
        text = words.announce_leg.format(leg=_leg_name(state.leg))
    new = replace(
        state,
        phase=Phase.ANNOUNCE,
        phase_start=t,
        deadline=t + program.timing.announce,
        next_at=None,
        beat=0,
        set_start=t if new_set else state.set_start,
        legs_done=() if new_set else state.legs_done,
    )
    return new, [_say(text, CueKind.ANNOUNCE, t, Priority.HIGH, None)]


def _enter_countdown(state: WorkoutState, t: float) -> Step:
    n = state.workout.program.timing.get_ready
    if n == 0:
        return _enter_reps(state, t)
    words = state.workout.program.words.countdown
    new = replace(
        state,
        phase=Phase.COUNTDOWN,
        phase_start=t,
        deadline=t + n,
        next_at=t + 1 if n > 1 else None,
        beat=1,
    )
    return new, [_say(_countdown_word(words, n, 0), CueKind.COUNTDOWN, t, Priority.HIGH, t + 1)]


def _countdown_word(words: tuple[str, ...], n: int, i: int) -> str:
    """Word i of an n-second countdown ending in "go" (numbers if the program has too few words)."""
    if len(words) == n + 1:
        return words[i]
    return "go" if i == n else str(n - i)


def _enter_reps(state: WorkoutState, t: float) -> Step:
    n = state.workout.program.timing.get_ready
    go = _countdown_word(state.workout.program.words.countdown, n, n)
    new = replace(
        state,
        phase=Phase.REPS,
        phase_start=t,
        deadline=None,
        next_at=t + state.cadence(),
        beat=0,
        leg_start=t,
    )
    return new, [_say(go, CueKind.COUNTDOWN, t, Priority.HIGH, t + state.cadence())]


def _enter_switch_legs(state: WorkoutState, t: float) -> Step:
    program = state.workout.program
    new = replace(
        state,
        phase=Phase.SWITCH_LEGS,
        phase_start=t,
        deadline=t + program.timing.switch_legs,
        next_at=None,
        beat=0,
    )
    return new, [_say(program.words.switch_legs, CueKind.SWITCH_LEGS, t, Priority.HIGH, None)]


def _rest_callouts(program: Program, duration: float) -> tuple[int, ...]:
    return tuple(
        sorted((c for c in program.timing.rest_callouts if 0 < c < duration), reverse=True)
    )


def _enter_rest(state: WorkoutState, t: float, upcoming: SetPlan) -> Step:
    program = state.workout.program
    words = program.words
    duration = rest_after(program, state.current, upcoming)
    callouts = _rest_callouts(program, duration)
    deadline = t + duration
    new = replace(
        state,
        phase=Phase.REST,
        phase_start=t,
        deadline=deadline,
        next_at=deadline - callouts[0] if callouts else None,
        beat=0,
    )
    nxt = program.exercise(upcoming.exercise).cue
    effects: list[Effect] = [
        _say(words.pain_question, CueKind.PAIN_QUESTION, t, Priority.HIGH, None),
        _say(words.rest.format(seconds=round(duration)), CueKind.REST, t, Priority.NORMAL, None),
        _say(
            words.next_up.format(exercise=nxt, leg=state.workout.legs[0]),
            CueKind.NEXT_UP,
            t,
            Priority.LOW,
            deadline,
        ),
    ]
    return new, effects


def _enter_await_pain(state: WorkoutState, t: float, *, first: bool) -> Step:
    words = state.workout.program.words
    every = state.workout.program.timing.pain_reminder_every
    new = replace(
        state, phase=Phase.AWAIT_PAIN, phase_start=t, deadline=None, next_at=t + every, beat=0
    )
    if first:
        cue = _say(words.pain_question, CueKind.PAIN_QUESTION, t, Priority.HIGH, None)
    else:
        cue = _say(words.pain_reminder, CueKind.REMINDER, t, Priority.HIGH, t + every)
    return new, [cue]


def _fire_beat(state: WorkoutState, t: float) -> Step:
    """A sub-cue within the phase is due at `t`."""
    program = state.workout.program
    if state.phase is Phase.COUNTDOWN:
        n = program.timing.get_ready
        word = _countdown_word(program.words.countdown, n, state.beat)
        beat = state.beat + 1
        new = replace(state, beat=beat, next_at=t + 1 if beat < n else None)
        return new, [_say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + 1)]
    if state.phase is Phase.REPS:
        rep = state.beat + 1
        cadence = state.cadence()
        cue = _say(str(rep), CueKind.REP, t, Priority.NORMAL, t + cadence)
        state = replace(state, beat=rep, next_at=t + cadence)
        if rep >= state.reps_target:
            state, more = _leg_done(state, t)
            return state, [cue, *more]
        return state, [cue]
    if state.phase is Phase.REST:
        callouts = _rest_callouts(program, (state.deadline or t) - state.phase_start)
        seconds = callouts[state.beat]
        text = str(seconds) if seconds <= 5 else program.words.rest_left.format(seconds=seconds)
        beat = state.beat + 1
        nxt = (state.deadline or t) - callouts[beat] if beat < len(callouts) else None
        new = replace(state, beat=beat, next_at=nxt)
        return new, [_say(text, CueKind.REST, t, Priority.NORMAL, t + 1)]
    if state.phase is Phase.AWAIT_PAIN:
        every = program.timing.pain_reminder_every
        new = replace(state, beat=state.beat + 1, next_at=t + every)
        words = program.words
        return new, [_say(words.pain_reminder, CueKind.REMINDER, t, Priority.HIGH, t + every)]
    return replace(state, next_at=None), []


def _end_phase(state: WorkoutState, t: float) -> Step:
    """The current phase's deadline has come at `t`."""
    match state.phase:
        case Phase.ANNOUNCE:
            return _enter_countdown(state, t)
        case Phase.COUNTDOWN:
            return _enter_reps(state, t)
        case Phase.SWITCH_LEGS:
            return _enter_announce(replace(state, leg_pos=state.leg_pos + 1), t, new_set=False)
        case Phase.REST:
            if state.awaiting_pain:
                return _enter_await_pain(state, t, first=False)
            return _next_set(state, t)
    return replace(state, deadline=None), []


def _leg_done(state: WorkoutState, t: float) -> Step:
    """This leg's reps are over (done or skipped): record it, then the other leg or the rest."""
    workout = state.workout
    leg = LegResult(
        leg=state.leg,
        reps_done=state.beat,
        reps_target=state.reps_target,
        started_at=workout.wall(state.leg_start),
        ended_at=workout.wall(t),
    )
    state = replace(state, legs_done=(*state.legs_done, leg), next_at=None)
    if state.leg_pos + 1 < len(workout.legs):
        return _enter_switch_legs(state, t)
    return _set_done(state, t)


def _set_result(state: WorkoutState, t: float) -> SetResult:
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
    )


def _set_done(state: WorkoutState, t: float) -> Step:
    """Save the set at once, then ask for the pain rating (during the rest, if there is one)."""
    record = state.record.model_copy(update={"sets": (*state.record.sets, _set_result(state, t))})
    state = replace(state, record=record, awaiting_pain=True, legs_done=())
    effects: list[Effect] = [Persist(record)]
    upcoming = state.upcoming
    if upcoming is None:
        state, more = _enter_await_pain(state, t, first=True)
    else:
        state, more = _enter_rest(state, t, upcoming)
    return state, effects + more


def _next_set(state: WorkoutState, t: float) -> Step:
    if state.upcoming is None:
        return _finish(state, t, SessionStatus.COMPLETED, [])
    return _enter_announce(replace(state, set_pos=state.set_pos + 1, leg_pos=0), t, new_set=True)


def _finish(state: WorkoutState, t: float, status: SessionStatus, effects: list[Effect]) -> Step:
    words = state.workout.program.words
    record = state.record.model_copy(update={"status": status, "ended_at": state.workout.wall(t)})
    new = replace(
        state, record=record, phase=Phase.FINISHED, deadline=None, next_at=None, paused_at=None
    )
    text = {
        SessionStatus.COMPLETED: words.session_done,
        SessionStatus.STOPPED_FOR_PAIN: words.stop_for_pain,
        SessionStatus.ENDED_EARLY: words.ended_early,
    }.get(status, words.ended_early)
    kind = CueKind.STOP if status is SessionStatus.STOPPED_FOR_PAIN else CueKind.DONE
    priority = Priority.URGENT if status is SessionStatus.STOPPED_FOR_PAIN else Priority.HIGH
    return new, [*effects, Persist(record), _say(text, kind, t, priority, None)]


# --- the runner's events ---------------------------------------------------------------------


def _resume_clock(state: WorkoutState, now: float, effects: list[Effect], *, say: bool) -> Step:
    if state.paused_at is None:
        return state, effects
    shift = now - state.paused_at

    def later(t: float | None) -> float | None:
        return None if t is None else t + shift

    new = replace(
        state,
        paused_at=None,
        phase_start=state.phase_start + shift,
        deadline=later(state.deadline),
        next_at=later(state.next_at),
    )
    if say:
        words = state.workout.program.words
        effects.append(Say(words.resumed, CueKind.INFO, now, Priority.HIGH))
    return new, effects


def _rate(state: WorkoutState, rating: int, now: float, effects: list[Effect]) -> Step:
    program = state.workout.program
    rated = state.record.sets[-1].model_copy(update={"pain": rating})
    record = state.record.model_copy(update={"sets": (*state.record.sets[:-1], rated)})
    state = replace(state, record=record, awaiting_pain=False)
    zone = program.zone_for(rating)
    effects.append(Persist(record))
    if zone.stops:
        effects.append(_say(zone.advice, CueKind.PAIN_ADVICE, now, Priority.URGENT, None))
        return _finish(state, now, SessionStatus.STOPPED_FOR_PAIN, effects)
    effects.append(_say(zone.advice, CueKind.PAIN_ADVICE, now, Priority.HIGH, None))
    if state.phase is Phase.AWAIT_PAIN:
        state, more = _next_set(state, now)
        effects.extend(more)
    return state, effects


def _skip(state: WorkoutState, now: float, effects: list[Effect]) -> Step:
    match state.phase:
        case Phase.ANNOUNCE:
            state, more = _enter_countdown(state, now)
        case Phase.COUNTDOWN:
            state, more = _enter_reps(state, now)
        case Phase.REPS:
            state, more = _leg_done(state, now)
        case Phase.SWITCH_LEGS | Phase.REST:
            state, more = _end_phase(state, now)
        case _:
            more = []
    return state, effects + more


def _end_early(state: WorkoutState, now: float, effects: list[Effect]) -> Step:
    """Stop now. A set in progress with any reps done is kept, marked as not complete."""
    if state.paused:
        state, effects = _resume_clock(state, now, effects, say=False)
    in_set = state.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN, Phase.REPS, Phase.SWITCH_LEGS)
    if in_set:
        if state.phase is Phase.REPS and state.beat > 0:
            partial = LegResult(
                leg=state.leg,
                reps_done=state.beat,
                reps_target=state.reps_target,
                started_at=state.workout.wall(state.leg_start),
                ended_at=state.workout.wall(now),
            )
            state = replace(state, legs_done=(*state.legs_done, partial))
        if state.legs_done:
            result = _set_result(state, now)
            record = state.record.model_copy(update={"sets": (*state.record.sets, result)})
            state = replace(state, record=record)
    return _finish(state, now, SessionStatus.ENDED_EARLY, effects)


def _adjust_cadence(state: WorkoutState, delta: float, now: float) -> WorkoutState:
    exercise = state.current.exercise
    old = state.cadence()
    new = round(min(max(old + delta, MIN_CADENCE), MAX_CADENCE), 2)
    others = tuple((k, v) for k, v in state.cadences if k != exercise)
    state = replace(state, cadences=(*others, (exercise, new)))
    if state.phase is Phase.REPS and state.next_at is not None:
        last_beat = state.next_at - old
        floor = state.paused_at if state.paused_at is not None else now
        state = replace(state, next_at=max(last_beat + new, floor))
    return state
