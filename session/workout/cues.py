"""The words of the workout: every cue's text from the program's [words], with its window.

Each builder returns a `Say` whose window `[at, stale_after)` is the time in which what it says
is true on screen (see the engine's cue rule); must-hear cues have no window.
"""

from __future__ import annotations

from session.effects import CueKind, Priority, Say
from session.program import Program
from session.records import Leg
from session.sets import SetPlan
from session.workout.state import WorkoutState


def say(
    text: str,
    kind: CueKind,
    at: float,
    priority: Priority,
    until: float | None,
    key: str | None = None,
) -> Say:
    return Say(text=text, kind=kind, at=at, priority=priority, stale_after=until, key=key)


def leg_name(leg: Leg) -> str:
    return leg.capitalize()


def announcement(state: WorkoutState) -> str:
    """The set's announcement for its first leg; only the leg for the next ones."""
    words = state.workout.program.words
    if state.leg_pos > 0:
        return words.announce_leg.format(leg=leg_name(state.leg))
    plan = state.current
    return words.announce.format(
        exercise=state.exercise.cue,
        leg=leg_name(state.leg),
        set=plan.set_index,
        sets=plan.sets_total,
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


def rest_callouts(program: Program, duration: float) -> tuple[int, ...]:
    """Seconds left at which the rest's time is said, longest first."""
    return tuple(
        sorted((c for c in program.timing.rest_callouts if 0 < c < duration), reverse=True)
    )


def callout_text(program: Program, seconds: int) -> str:
    if seconds <= program.timing.rest_count_from:
        return str(seconds)
    return program.words.rest_left.format(seconds=seconds)


def next_up_callout(program: Program, duration: float) -> int | None:
    """Which callout "Next: ..." joins: the first said in words, far enough into the rest for the
    pain question and its answer to be over. None: it follows the rest's announcement."""
    timing = program.timing
    for i, left in enumerate(rest_callouts(program, duration)):
        if left > timing.rest_count_from and duration - left >= timing.next_up_after:
            return i
    return None


def next_up(program: Program, plan: SetPlan, leg: Leg) -> str:
    words = program.words
    exercise = program.exercise(plan.exercise).cue
    if plan.load:
        return words.next_up_load.format(exercise=exercise, leg=leg, load=plan.load)
    return words.next_up.format(exercise=exercise, leg=leg)
