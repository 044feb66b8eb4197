"""The words of the workout: every cue's text from the program's [words], with its window.

Each builder returns a `Say` whose window `[at, stale_after)` is the time in which what it says
is true on screen (see the engine's cue rule); must-hear cues have no window.
"""

from __future__ import annotations

from session.effects import CueKind, Priority, Say
from session.program import Program
from session.records import Side
from session.sets import Lift, SetPlan
from session.strength.program import StrengthProgram
from session.workout.state import Workout, WorkoutState


def say(
    text: str,
    kind: CueKind,
    at: float,
    priority: Priority,
    until: float | None,
    key: str | None = None,
) -> Say:
    return Say(text=text, kind=kind, at=at, priority=priority, stale_after=until, key=key)


def leg_name(leg: Side) -> str:
    return leg.capitalize()


def spoken_load(strength: StrengthProgram, load_kg: float) -> str:
    """A load as the coach says it: "12.5 kilos", or "no added load"."""
    words = strength.words
    if load_kg == 0:
        return words.no_load
    return words.load.format(amount=f"{load_kg:g}", unit=strength.load.spoken_unit)


def announcement(state: WorkoutState) -> str:
    """The set's announcement for its first leg; only the leg for the next ones."""
    words = state.workout.program.words
    if state.leg_pos > 0:
        return words.announce_leg.format(leg=leg_name(state.leg))
    plan = state.current
    if plan.lift is not None:
        return _lift_announcement(state.workout.part1, state, plan.lift)
    return words.announce.format(
        exercise=state.exercise.cue,
        leg=leg_name(state.leg),
        set=plan.set_index,
        sets=plan.sets_total,
    )


def _lift_announcement(strength: StrengthProgram, state: WorkoutState, lift: Lift) -> str:
    words = strength.words
    legs = words.both_legs if state.leg == "both" else words.one_leg.format(leg=leg_name(state.leg))
    plan = state.current
    return words.announce.format(
        exercise=state.exercise.cue,
        legs=legs,
        set=plan.set_index,
        sets=plan.sets_total,
        reps=lift.reps,
        load=spoken_load(strength, lift.load_kg),
    )


def countdown_word(program: Program, i: int) -> str:
    """Word i of the get-ready countdown ending in "go" (numbers if the program has too few)."""
    n = program.timing.get_ready
    words = program.words.countdown
    if len(words) == n + 1:
        return words[i]
    return "go" if i == n else str(n - i)


def go_word(program: Program) -> str:
    return countdown_word(program, program.timing.get_ready)


def strokes(program: Program, up: int, down: int, rep: int) -> tuple[str, ...]:
    """The words of one tempo rep, one a second: the up words, then the down words. A list of
    the wrong length keeps its first word and counts the other seconds."""

    def part(words: tuple[str, ...], seconds: int) -> tuple[str, ...]:
        if len(words) != seconds:
            words = (words[0] if words else "", *(str(i) for i in range(2, seconds + 1)))
        return tuple(w.format(rep=rep) for w in words)

    words = program.words
    return part(words.tempo_up, up) + part(words.tempo_down, down)


def rep_strokes(state: WorkoutState, rep: int) -> tuple[tuple[str, float], ...]:
    """The words of one tempo rep of the current set, each with its seconds: up, then down.

    Part 1 spreads its program's `lift_words` evenly over `lift_seconds`, then its lower words
    over `lower_seconds`; a tempo exercise of the circuit's program says a word a second."""
    plan = state.current
    if plan.lift is not None:
        tempo = state.workout.part1.tempo
        up = tuple((w, tempo.lift_seconds / len(tempo.lift_words)) for w in tempo.lift_words)
        down = tuple((w, tempo.lower_seconds / len(tempo.lower_words)) for w in tempo.lower_words)
        return up + down
    ex = state.workout.program.exercise(plan.exercise)
    return tuple((w, 1.0) for w in strokes(state.workout.program, ex.tempo_up, ex.tempo_down, rep))


def up_strokes(state: WorkoutState) -> int:
    """How many of a rep's words are on the way up."""
    plan = state.current
    if plan.lift is not None:
        return len(state.workout.part1.tempo.lift_words)
    return state.workout.program.exercise(plan.exercise).tempo_up


def rest_callouts(
    program: Program, duration: float, callouts: tuple[int, ...] | None = None
) -> tuple[int, ...]:
    """Seconds left at which the rest's time is said, longest first (`callouts`: the part's,
    by default the circuit program's)."""
    chosen = program.timing.rest_callouts if callouts is None else callouts
    return tuple(sorted((c for c in chosen if 0 < c < duration), reverse=True))


def rest_callouts_of(state: WorkoutState, duration: float) -> tuple[int, ...]:
    """The callouts of the rest before the upcoming set (its part's)."""
    upcoming = state.upcoming
    assert upcoming is not None, "a rest comes only before another set"
    workout = state.workout
    return rest_callouts(workout.program, duration, workout.callouts_before(upcoming))


def callout_text(program: Program, seconds: int) -> str:
    if seconds <= program.timing.rest_count_from:
        return str(seconds)
    return program.words.rest_left.format(seconds=seconds)


def next_up_callout(
    program: Program, duration: float, callouts: tuple[int, ...] | None = None
) -> int | None:
    """Which callout "Next: ..." joins: the first said in words, far enough into the rest for the
    pain question and its answer to be over. None: it follows the rest's announcement."""
    timing = program.timing
    for i, left in enumerate(rest_callouts(program, duration, callouts)):
        if left > timing.rest_count_from and duration - left >= timing.next_up_after:
            return i
    return None


def next_up(program: Program, plan: SetPlan, leg: Side) -> str:
    words = program.words
    exercise = program.exercise(plan.exercise).cue
    if plan.load:
        return words.next_up_load.format(exercise=exercise, leg=leg, load=plan.load)
    return words.next_up.format(exercise=exercise, leg=leg)


def next_set_words(workout: Workout, plan: SetPlan) -> str:
    """What the rest says of the set after it: part 1's next load, or the circuit's next set."""
    if plan.lift is not None:
        strength = workout.part1
        exercise = strength.exercise(plan.exercise).cue
        load = spoken_load(strength, plan.lift.load_kg)
        return strength.words.next_load.format(exercise=exercise, load=load)
    return next_up(workout.program, plan, workout.sides(plan)[0])


def rest_words(state: WorkoutState, seconds: int) -> str:
    """The rest's announcement: its length; between the two parts, that one is done first."""
    upcoming = state.upcoming
    assert upcoming is not None, "a rest comes only before another set"
    workout, done = state.workout, state.current
    if done.lift is None and upcoming.lift is None:
        return workout.program.words.rest.format(seconds=seconds)
    words = workout.part1.words
    rest = words.rest.format(seconds=seconds)
    if done.part == upcoming.part:
        return rest
    changed = words.part_done if done.lift is not None else words.hops_done
    return f"{changed} {rest}"
