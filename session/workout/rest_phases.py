"""The phases between and after sets: rest, waiting for the rating, the grace before a stop,
the rating after a stop for pain, and the end. Ratings, their changes and stops are here.
"""

from __future__ import annotations

from dataclasses import replace

from session.effects import CueKind, Effect, Persist, Priority, Say
from session.records import DoneSet, SessionRecord, SessionStatus
from session.sets import rest_after
from session.workout import cues, results
from session.workout.state import HeldRest, Outcome, Phase, WorkoutState

# --- rest --------------------------------------------------------------------------------------


def _rest_duration(state: WorkoutState) -> float:
    upcoming = state.upcoming
    assert upcoming is not None, "a rest comes only before another set"
    workout = state.workout
    return rest_after(workout.program, state.current, upcoming, workout.strength)


def _next_up(state: WorkoutState, t: float, until: float) -> Say:
    upcoming = state.upcoming
    assert upcoming is not None
    text = cues.next_set_words(state.workout, upcoming)
    return cues.say(text, CueKind.NEXT_UP, t, Priority.LOW, until)


def _next_up_at(state: WorkoutState, duration: float) -> int | None:
    """The callout "Next: ..." (or part 1's next load) joins; None: it follows the rest's words."""
    upcoming = state.upcoming
    assert upcoming is not None
    workout = state.workout
    return cues.next_up_callout(workout.program, duration, workout.callouts_before(upcoming))


def enter_rest(state: WorkoutState, t: float) -> Outcome:
    """The pain question, the rest's length; "Next: ..." joins a callout at a quiet moment."""
    program = state.workout.program
    words = program.words
    duration = _rest_duration(state)
    deadline = t + duration
    callouts = cues.rest_callouts_of(state, duration)
    first = deadline - callouts[0] if callouts else deadline
    new = replace(state, deadline=deadline, next_at=first if callouts else None)
    rest = cues.rest_words(state, round(duration))
    said: list[Effect] = [
        cues.say(words.pain_question, CueKind.PAIN_QUESTION, t, Priority.HIGH, None),
        cues.say(rest, CueKind.REST, t, Priority.NORMAL, first),
    ]
    if _next_up_at(state, duration) is None:
        counted = [c for c in callouts if c <= program.timing.rest_count_from]
        said.append(_next_up(state, t, deadline - counted[0] if counted else deadline))
    return Outcome(new, tuple(said))


def rest_beat(state: WorkoutState, t: float) -> Outcome:
    """A callout of the time left (with "Next: ..." at the one chosen for it)."""
    program = state.workout.program
    deadline = state.deadline
    assert deadline is not None
    duration = deadline - state.phase_start
    callouts = cues.rest_callouts_of(state, duration)
    i = state.sub_beat
    after = deadline - callouts[i + 1] if i + 1 < len(callouts) else None
    until = min(t + 1, deadline)
    said: list[Effect] = [
        cues.say(cues.callout_text(program, callouts[i]), CueKind.REST, t, Priority.NORMAL, until)
    ]
    if _next_up_at(state, duration) == i:
        said.append(_next_up(state, t, after if after is not None else deadline))
    return Outcome(replace(state, sub_beat=i + 1, next_at=after), tuple(said))


def rest_over(state: WorkoutState, t: float) -> Outcome:
    """The rest has ended (or was skipped): the next set, once this one is rated."""
    if state.awaiting_pain:
        reminder = _reminder(state, t)
        return Outcome(state, (reminder,), then=Phase.AWAIT_PAIN)
    return next_set(state, t)


def next_set(state: WorkoutState, t: float) -> Outcome:
    state = replace(state, rerating=False, held_rest=None)
    upcoming = state.upcoming
    if upcoming is None:
        return finish(state, SessionStatus.COMPLETED)
    effects: tuple[Effect, ...] = ()
    if state.current.lift is not None and upcoming.lift is None:
        record = part1_closed(state.record, SessionStatus.COMPLETED)
        state, effects = replace(state, record=record), (Persist(record),)
    return Outcome(
        replace(state, set_pos=state.set_pos + 1, leg_pos=0), effects, then=Phase.ANNOUNCE
    )


def part1_closed(record: SessionRecord, status: SessionStatus) -> SessionRecord:
    """Part 1 ended as `status`, unless it had ended already (or the session holds none)."""
    part = record.strength
    if part is None or part.finished:
        return record
    return record.model_copy(update={"strength": part.model_copy(update={"status": status})})


def finish(state: WorkoutState, status: SessionStatus) -> Outcome:
    """The session ends as `status`; part 1 too, if it was still on. Ended early after its last
    set, part 1 was done: it counts as completed."""
    part1_sets = sum(1 for p in state.workout.sets if p.lift is not None)
    part1 = status
    if status is SessionStatus.ENDED_EARLY and len(state.record.strength_sets) >= part1_sets:
        part1 = SessionStatus.COMPLETED
    record = part1_closed(state.record, part1).model_copy(update={"status": status})
    return Outcome(replace(state, record=record), then=Phase.FINISHED)


# --- waiting for the rating --------------------------------------------------------------------


def _reminder(state: WorkoutState, t: float) -> Say:
    program = state.workout.program
    until = t + program.timing.pain_reminder_every
    return cues.say(program.words.pain_reminder, CueKind.REMINDER, t, Priority.HIGH, until)


def enter_await_pain(state: WorkoutState, t: float) -> Outcome:
    """Wait for the rating; whoever enters says why (the question, or a reminder)."""
    every = state.workout.program.timing.pain_reminder_every
    return Outcome(replace(state, next_at=t + every))


def reminder_beat(state: WorkoutState, t: float) -> Outcome:
    every = state.workout.program.timing.pain_reminder_every
    new = replace(state, sub_beat=state.sub_beat + 1, next_at=t + every)
    return Outcome(new, (_reminder(state, t),))


# --- ratings -----------------------------------------------------------------------------------


def _last(state: WorkoutState) -> DoneSet:
    last = state.last_done
    if last is None:
        raise RuntimeError(f"a rating in {state.phase} with no set done")
    return last


def _rated(state: WorkoutState, rating: int, t: float) -> tuple[WorkoutState, Persist]:
    last = _last(state).rated(rating, state.workout.wall(t))
    record = results.with_last_set(state.record, last)
    return replace(state, record=record, rerating=False), Persist(record)


def _advice(state: WorkoutState, rating: int, t: float, priority: Priority) -> Say:
    advice = state.workout.program.zone_for(rating).advice
    return cues.say(advice, CueKind.PAIN_ADVICE, t, priority, None)


def rate_in_rest(state: WorkoutState, rating: int, t: float) -> Outcome:
    """A rating during the rest (a second one replaces the first, the change kept)."""
    state, saved = _rated(state, rating, t)
    if state.workout.program.zone_for(rating).stops:
        assert state.deadline is not None
        held = HeldRest(start=state.phase_start, deadline=state.deadline)
        return Outcome(replace(state, held_rest=held), (saved,), then=Phase.STOP_GRACE)
    return Outcome(state, (saved, _advice(state, rating, t, Priority.HIGH)))


def rate_after_rest(state: WorkoutState, rating: int, t: float) -> Outcome:
    state, saved = _rated(state, rating, t)
    if state.workout.program.zone_for(rating).stops:
        return Outcome(replace(state, held_rest=None), (saved,), then=Phase.STOP_GRACE)
    going_on = next_set(state, t)
    advice = _advice(state, rating, t, Priority.HIGH)
    return Outcome(going_on.state, (saved, advice, *going_on.effects), going_on.then)


def ask_again(state: WorkoutState, t: float) -> Outcome:
    """u: the last rating is asked again (nothing to change before the first one is given)."""
    last = state.last_done
    if last is None or last.pain is None:
        return Outcome(state)
    words = state.workout.program.words
    ask = cues.say(words.pain_again, CueKind.PAIN_QUESTION, t, Priority.HIGH, None)
    return Outcome(replace(state, rerating=True), (ask,))


def stop_after_set(state: WorkoutState, t: float) -> Outcome:
    """x between sets: the stop is kept on the set just done; its rating is asked (again)."""
    last = _last(state)
    stopped = last.model_copy(update={"stopped": results.stop_point(state, t)})
    record = results.with_last_set(state.record, stopped)
    state = replace(state, record=record, rerating=False, held_rest=None)
    return Outcome(state, (Persist(record),), then=Phase.STOP_RATING)


def end_between_sets(state: WorkoutState, t: float) -> Outcome:
    return finish(state, SessionStatus.ENDED_EARLY)


# --- the grace before a stop -------------------------------------------------------------------


def enter_stop_grace(state: WorkoutState, t: float) -> Outcome:
    """ "Six. Press u to change it.": the session stops when the grace is over."""
    program = state.workout.program
    rating = _last(state).pain
    until = t + program.timing.stop_grace
    if until <= t:  # no grace in this program: nothing to offer
        return Outcome(replace(state, deadline=until))
    text = program.words.stop_grace.format(rating=rating)
    cue = cues.say(text, CueKind.STOP_GRACE, t, Priority.HIGH, until)
    return Outcome(replace(state, deadline=until), (cue,))


def stop_now(state: WorkoutState, t: float) -> Outcome:
    """The grace is over (or the runner confirmed): the advice for the rating, then the end."""
    rating = _last(state).pain
    assert rating is not None
    stopped = finish(state, SessionStatus.STOPPED_FOR_PAIN)
    return Outcome(stopped.state, (_advice(state, rating, t, Priority.URGENT),), stopped.then)


def _back_from_grace(state: WorkoutState, t: float) -> Outcome:
    """The stopping rating is being changed: the rest carries on where it was, if it is not over."""
    held = state.held_rest
    state = replace(state, held_rest=None)
    if held is None or held.deadline <= t:
        return Outcome(state, then=Phase.AWAIT_PAIN)
    callouts = cues.rest_callouts_of(state, held.deadline - held.start)
    left = [i for i, c in enumerate(callouts) if held.deadline - c > t]
    new = replace(
        state,
        phase=Phase.REST,
        phase_start=held.start,
        deadline=held.deadline,
        sub_beat=left[0] if left else len(callouts),
        next_at=held.deadline - callouts[left[0]] if left else None,
    )
    return Outcome(new)


def change_in_grace(state: WorkoutState, t: float) -> Outcome:
    back = _back_from_grace(state, t)
    asked = ask_again(back.state, t)
    return Outcome(asked.state, asked.effects, back.then)


def rate_in_grace(state: WorkoutState, rating: int, t: float) -> Outcome:
    """A new rating in the grace changes the stopping one; still stopping, the grace restarts."""
    if state.workout.program.zone_for(rating).stops:
        state, saved = _rated(state, rating, t)
        return Outcome(state, (saved,), then=Phase.STOP_GRACE)
    back = _back_from_grace(state, t)
    if back.then is Phase.AWAIT_PAIN:
        return rate_after_rest(replace(back.state, phase=Phase.AWAIT_PAIN), rating, t)
    return rate_in_rest(back.state, rating, t)


# --- the rating after a stop for pain, and the end ---------------------------------------------


def enter_stop_rating(state: WorkoutState, t: float) -> Outcome:
    program = state.workout.program
    every = program.timing.pain_reminder_every
    ask = cues.say(program.words.pain_stop, CueKind.PAIN_QUESTION, t, Priority.URGENT, None)
    return Outcome(replace(state, next_at=t + every), (ask,))


def rate_stopped(state: WorkoutState, rating: int, t: float) -> Outcome:
    state, saved = _rated(state, rating, t)
    stopped = finish(state, SessionStatus.STOPPED_FOR_PAIN)
    return Outcome(stopped.state, (saved, _advice(state, rating, t, Priority.URGENT)), stopped.then)


def end_stopped(state: WorkoutState, t: float) -> Outcome:
    return finish(state, SessionStatus.STOPPED_FOR_PAIN)


def _red_flag(state: WorkoutState, t: float) -> Say | None:
    """After a stop for pain through x (a set keeps where it stopped), the red flags' spoken
    line: the runner reported pain themselves, so they hear once when it is not for the program
    to handle (in either part: a calf-raise set keeps its stop too). Urgent and without a
    window: never dropped; said before the closing words, so the session still ends on them."""
    spoken = state.workout.program.red_flags.spoken
    if not spoken or not any(s.stopped is not None for s in state.record.all_sets):
        return None
    return cues.say(spoken, CueKind.RED_FLAG, t, Priority.URGENT, None)


def enter_finished(state: WorkoutState, t: float) -> Outcome:
    """Save the record with its end, and say how it ended."""
    words = state.workout.program.words
    status = state.record.status
    ended = state.workout.wall(t)
    record = state.record.model_copy(update={"ended_at": ended})
    if record.strength is not None:  # the mornings after part 1 are read from the session's end
        part = record.strength.model_copy(update={"ended_at": ended})
        record = record.model_copy(update={"strength": part})
    new = replace(state, record=record, paused_at=None, listening_for=None, rerating=False)
    match status:
        case SessionStatus.COMPLETED:
            cue = cues.say(words.session_done, CueKind.DONE, t, Priority.HIGH, None)
        case SessionStatus.STOPPED_FOR_PAIN:
            cue = cues.say(words.stop_for_pain, CueKind.STOP, t, Priority.URGENT, None)
            if (flag := _red_flag(state, t)) is not None:
                return Outcome(new, (Persist(record), flag, cue))
        case SessionStatus.ENDED_EARLY:
            cue = cues.say(words.ended_early, CueKind.DONE, t, Priority.HIGH, None)
        case SessionStatus.IN_PROGRESS:
            raise RuntimeError("a session cannot finish still in progress")
    return Outcome(new, (Persist(record), cue))
