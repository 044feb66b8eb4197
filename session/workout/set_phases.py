"""The phases of a set in progress: announce, countdown, reps, the lead-in after a pause, and
switch legs. Each handler returns an `Outcome`; the table in `phases` says which runs when.

Entering a phase, the engine has already set `phase`, `phase_start` (now), `sub_beat` 0 and no
`deadline` or `next_at`: an entry handler sets what its phase needs.
"""

from __future__ import annotations

from dataclasses import replace

from session.effects import CueKind, Effect, Persist, Priority
from session.records import SessionStatus
from session.workout import cues, results
from session.workout.rhythm import rhythm_of
from session.workout.state import Outcome, Phase, WorkoutState

# --- announce ----------------------------------------------------------------------------------


def enter_announce(state: WorkoutState, t: float) -> Outcome:
    """Say the exercise and leg, and listen for the moment it has been heard."""
    timing = state.workout.program.timing
    new_set = state.leg_pos == 0
    key = f"announce {state.set_pos}.{state.leg_pos} at {t:.6f}"
    until = t + timing.announce_max
    new = replace(
        state,
        deadline=until,
        listening_for=key,
        rep=0,
        leg_start=None,
        set_start=t if new_set else state.set_start,
        legs_done=() if new_set else state.legs_done,
    )
    cue = cues.say(cues.announcement(state), CueKind.ANNOUNCE, t, Priority.HIGH, until, key)
    return Outcome(new, (cue,))


def announce_heard(state: WorkoutState, spoken: bool, t: float) -> Outcome:
    """The announcement ended at `t`: the countdown comes a short gap after it was heard, but
    never before a runner reading the caption has had time to read it."""
    timing = state.workout.program.timing
    at = state.phase_start + timing.announce_read
    if spoken:
        at = max(at, t + timing.announce_gap)
    return Outcome(replace(state, deadline=max(at, t), listening_for=None))


def to_countdown(state: WorkoutState, t: float) -> Outcome:
    return Outcome(replace(state, listening_for=None), then=Phase.COUNTDOWN)


# --- countdown ---------------------------------------------------------------------------------


def enter_countdown(state: WorkoutState, t: float) -> Outcome:
    n = state.workout.program.timing.get_ready
    if n == 0:
        return Outcome(state, then=Phase.REPS)
    new = replace(state, deadline=t + n, next_at=t + 1 if n > 1 else None, sub_beat=1)
    word = cues.countdown_word(state.workout.program, 0)
    return Outcome(new, (cues.say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + 1),))


def countdown_beat(state: WorkoutState, t: float) -> Outcome:
    n = state.workout.program.timing.get_ready
    word = cues.countdown_word(state.workout.program, state.sub_beat)
    sub = state.sub_beat + 1
    new = replace(state, sub_beat=sub, next_at=t + 1 if sub < n else None)
    return Outcome(new, (cues.say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + 1),))


def to_reps(state: WorkoutState, t: float) -> Outcome:
    return Outcome(state, then=Phase.REPS)


# --- reps --------------------------------------------------------------------------------------


def enter_reps(state: WorkoutState, t: float) -> Outcome:
    """ "go", then the reps: from the first of the leg, or where a pause left them."""
    if state.leg_start is None:
        state = replace(state, rep=0, leg_start=t)
    first = t + rhythm_of(state).first_gap(state)
    new = replace(state, next_at=first)
    go = cues.go_word(state.workout.program)
    return Outcome(new, (cues.say(go, CueKind.COUNTDOWN, t, Priority.HIGH, first),))


def reps_beat(state: WorkoutState, t: float) -> Outcome:
    return rhythm_of(state).beat(state, t)


def leg_done(state: WorkoutState, t: float) -> Outcome:
    """This leg's reps are over (done, or skipped): the other leg, or the set is done."""
    state = results.with_leg_done(state, t)
    if state.leg_pos + 1 < len(state.sides):
        return Outcome(state, then=Phase.SWITCH_LEGS)
    return set_done(state, t)


def set_done(state: WorkoutState, t: float) -> Outcome:
    """Save the set at once, then ask for its rating: during the rest, if there is one."""
    record = results.with_set(state.record, results.set_result(state, t))
    state = replace(state, record=record, legs_done=(), rerating=False)
    effects: tuple[Effect, ...] = (Persist(record),)
    if state.upcoming is not None:
        return Outcome(state, effects, then=Phase.REST)
    question = state.workout.program.words.pain_question
    ask = cues.say(question, CueKind.PAIN_QUESTION, t, Priority.HIGH, None)
    return Outcome(state, (*effects, ask), then=Phase.AWAIT_PAIN)


# --- the lead-in after a pause -----------------------------------------------------------------


def enter_lead_in(state: WorkoutState, t: float) -> Outcome:
    """ "Ready..." after a pause mid-set; "go" and the next rep follow (see `enter_reps`)."""
    program = state.workout.program
    words, beat = program.words.lead_in, program.timing.resume_beat
    new = replace(
        state,
        deadline=t + len(words) * beat,
        next_at=t + beat if len(words) > 1 else None,
        sub_beat=1,
    )
    return Outcome(new, (cues.say(words[0], CueKind.COUNTDOWN, t, Priority.HIGH, t + beat),))


def lead_in_beat(state: WorkoutState, t: float) -> Outcome:
    program = state.workout.program
    words, beat = program.words.lead_in, program.timing.resume_beat
    sub = state.sub_beat + 1
    new = replace(state, sub_beat=sub, next_at=t + beat if sub < len(words) else None)
    word = words[state.sub_beat]
    return Outcome(new, (cues.say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + beat),))


# --- switch legs -------------------------------------------------------------------------------


def enter_switch_legs(state: WorkoutState, t: float) -> Outcome:
    program = state.workout.program
    until = t + program.timing.switch_legs
    coming = state.sides[state.leg_pos + 1]
    text = program.words.switch_legs.format(leg=coming)
    new = replace(state, deadline=until)
    return Outcome(new, (cues.say(text, CueKind.SWITCH_LEGS, t, Priority.HIGH, until),))


def to_next_leg(state: WorkoutState, t: float) -> Outcome:
    return Outcome(replace(state, leg_pos=state.leg_pos + 1), then=Phase.ANNOUNCE)


# --- stopping in the middle of a set -----------------------------------------------------------


def stop_in_set(state: WorkoutState, t: float) -> Outcome:
    """Stop for pain mid-set: keep what was done with where it stopped, then ask the rating."""
    where = results.stop_point(state, t)
    state = results.with_leg_done(state, t)
    record = results.with_set(state.record, results.set_result(state, t, where))
    state = replace(state, record=record, legs_done=(), rerating=False)
    return Outcome(state, (Persist(record),), then=Phase.STOP_RATING)


def end_in_set(state: WorkoutState, t: float) -> Outcome:
    """End now: a set in progress with any reps done is kept, marked as not complete."""
    leg = results.leg_result(state, t)
    if leg is not None and leg.reps_done > 0:
        state = replace(state, legs_done=(*state.legs_done, leg))
    record = state.record
    if state.legs_done:
        record = results.with_set(record, results.set_result(state, t))
    record = record.model_copy(update={"status": SessionStatus.ENDED_EARLY})
    return Outcome(replace(state, record=record), then=Phase.FINISHED)
