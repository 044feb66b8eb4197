"""The phases of a trial as data: one row per phase says what happens on entry, on each beat, at
its deadline, on the runner's events, and what the screen shows. The active part's handlers are
the kind's (`functional_kinds.KINDS`).

A missing handler means the event does nothing in that phase (a count mid-leg, a skip while the
count is asked); a beat or a deadline with no handler is an impossible state and raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from session.effects import CueKind, Priority, Say
from session.running.functional import make_result, symmetry
from session.workout import cues
from session.workout.functional_kinds import kind_of, leg_counted
from session.workout.functional_state import (
    Ending,
    SaveResult,
    TrialEffect,
    TrialOutcome,
    TrialPhase,
    TrialState,
)
from session.workout.phases import Big

Handler = Callable[[TrialState, float], TrialOutcome]
CountHandler = Callable[[TrialState, int, float], TrialOutcome]
HeardHandler = Callable[[TrialState, bool, float], TrialOutcome]


@dataclass(frozen=True, slots=True)
class TrialPhaseRules:
    enter: Handler
    label: str
    big: Big
    beat: Handler | None = None
    deadline: Handler | None = None
    skip: Handler | None = None
    count: CountHandler | None = None
    heard: HeardHandler | None = None
    restarts: bool = False
    """A pause here starts the leg again from the countdown (a paced or timed test paused
    half-way is not the same test)."""


# --- announce and countdown --------------------------------------------------------------------


def enter_announce(state: TrialState, t: float) -> TrialOutcome:
    """Say the test and the leg; the countdown comes once that has been heard."""
    run = state.run
    timing, words = run.program.timing, run.tests.words
    leg = cues.leg_name(state.leg)
    if state.leg_pos == 0:
        text = words.announce.format(test=run.tests.cue(run.kind), leg=leg)
    else:
        text = words.announce_leg.format(leg=leg)
    if run.kind == "heel_raise":
        text = f"{text} {words.any_key}"
    key = f"trial announce {state.leg_pos} at {t:.6f}"
    until = t + timing.announce_max
    new = replace(state, deadline=until, listening_for=key, count=0, said=0)
    return TrialOutcome(new, (cues.say(text, CueKind.ANNOUNCE, t, Priority.HIGH, until, key),))


def announce_heard(state: TrialState, spoken: bool, t: float) -> TrialOutcome:
    timing = state.run.program.timing
    at = state.phase_start + timing.announce_read
    if spoken:
        at = max(at, t + timing.announce_gap)
    return TrialOutcome(replace(state, deadline=max(at, t), listening_for=None))


def to_countdown(state: TrialState, t: float) -> TrialOutcome:
    return TrialOutcome(replace(state, listening_for=None), then=TrialPhase.COUNTDOWN)


def enter_countdown(state: TrialState, t: float) -> TrialOutcome:
    program = state.run.program
    n = program.timing.get_ready
    if n == 0:
        return TrialOutcome(state, then=TrialPhase.ACTIVE)
    new = replace(state, deadline=t + n, next_at=t + 1 if n > 1 else None, sub_beat=1)
    word = cues.countdown_word(program, 0)
    return TrialOutcome(new, (cues.say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + 1),))


def countdown_beat(state: TrialState, t: float) -> TrialOutcome:
    program = state.run.program
    n = program.timing.get_ready
    word = cues.countdown_word(program, state.sub_beat)
    sub = state.sub_beat + 1
    new = replace(state, sub_beat=sub, next_at=t + 1 if sub < n else None)
    return TrialOutcome(new, (cues.say(word, CueKind.COUNTDOWN, t, Priority.HIGH, t + 1),))


def to_active(state: TrialState, t: float) -> TrialOutcome:
    return TrialOutcome(state, then=TrialPhase.ACTIVE)


# --- the active part (the kind's) --------------------------------------------------------------


def enter_active(state: TrialState, t: float) -> TrialOutcome:
    return kind_of(state).go(state, t)


def active_beat(state: TrialState, t: float) -> TrialOutcome:
    beat = kind_of(state).beat
    if beat is None:
        raise RuntimeError(f"{state.run.kind} has a beat due but no beat handler")
    return beat(state, t)


def active_over(state: TrialState, t: float) -> TrialOutcome:
    return kind_of(state).deadline(state, t)


def active_key(state: TrialState, t: float) -> TrialOutcome:
    key = kind_of(state).key
    return TrialOutcome(state) if key is None else key(state, t)


# --- the count ---------------------------------------------------------------------------------


def question(state: TrialState) -> str:
    tests = state.run.tests
    if state.run.kind == "hop_count":
        return tests.hop_count.question.format(hops=tests.hop_count.hops)
    return tests.side_hop.question


def enter_count(state: TrialState, t: float) -> TrialOutcome:
    """Ask for the leg's count (must be heard); remind every so often until it is in."""
    every = state.run.program.timing.pain_reminder_every
    ask = cues.say(question(state), CueKind.PAIN_QUESTION, t, Priority.HIGH, None)
    return TrialOutcome(replace(state, next_at=t + every), (ask,))


def count_reminder(state: TrialState, t: float) -> TrialOutcome:
    every = state.run.program.timing.pain_reminder_every
    again = cues.say(question(state), CueKind.REMINDER, t, Priority.HIGH, t + every)
    return TrialOutcome(replace(state, next_at=t + every), (again,))


def counted(state: TrialState, count: int, t: float) -> TrialOutcome:
    if not 0 <= count <= state.most:
        raise ValueError(f"count {count} is outside 0-{state.most}")
    return leg_counted(state, count, t)


# --- switch legs -------------------------------------------------------------------------------


def enter_switch_legs(state: TrialState, t: float) -> TrialOutcome:
    program = state.run.program
    until = t + program.timing.switch_legs
    coming = state.run.legs[state.leg_pos + 1]
    text = program.words.switch_legs.format(leg=coming)
    new = replace(state, deadline=until)
    return TrialOutcome(new, (cues.say(text, CueKind.SWITCH_LEGS, t, Priority.HIGH, until),))


def to_next_leg(state: TrialState, t: float) -> TrialOutcome:
    return TrialOutcome(replace(state, leg_pos=state.leg_pos + 1), then=TrialPhase.ANNOUNCE)


# --- the end -----------------------------------------------------------------------------------


def end(state: TrialState, ending: Ending) -> TrialOutcome:
    """Stop here (for pain, or the runner ends it): what was finished is kept."""
    return TrialOutcome(replace(state, ending=ending), then=TrialPhase.FINISHED)


def _summary(state: TrialState) -> str:
    """The counts in words: the symmetry with one side sore, else left and right."""
    result, words, sore = state.result, state.run.tests.words, state.run.sore
    if result is None:
        return ""
    sym = symmetry(result, sore)
    if sym is not None and sym.other > 0:
        return words.symmetry.format(sore=sym.sore, other=sym.other, lsi=round(sym.lsi))
    if result.left is not None and result.right is not None:
        return words.both_legs.format(left=result.left, right=result.right)
    return ""


def _note(state: TrialState) -> str:
    leg = state.leg
    if state.ending == "stopped_for_pain":
        return f"Stopped for pain during the {leg} leg."
    if state.ending == "ended_early":
        return f"Ended early, during the {leg} leg."
    return ""


def enter_finished(state: TrialState, t: float) -> TrialOutcome:
    """Save what was finished (every leg with its count) and say how it ended."""
    run = state.run
    words = run.tests.words
    effects: list[TrialEffect] = []
    if state.counts:
        result = make_result(run.tests, run.kind, dict(state.counts), run.wall(t), _note(state))
        state = replace(state, result=result)
        effects.append(SaveResult(result))
    state = replace(state, paused_at=None, listening_for=None, next_at=None, deadline=None)
    text = {"done": words.done, "stopped_for_pain": words.stopped, "ended_early": words.ended}[
        state.ending or "done"
    ]
    summary = _summary(state) if state.ending == "done" else ""
    priority = Priority.URGENT if state.ending == "stopped_for_pain" else Priority.HIGH
    kind = CueKind.STOP if state.ending == "stopped_for_pain" else CueKind.DONE
    effects.append(Say(" ".join(w for w in (summary, text) if w), kind, t, priority))
    return TrialOutcome(state, tuple(effects))


TRIAL_PHASES: dict[TrialPhase, TrialPhaseRules] = {
    TrialPhase.ANNOUNCE: TrialPhaseRules(
        enter=enter_announce,
        label="get ready",
        big=Big.NOTHING,
        deadline=to_countdown,
        skip=to_countdown,
        heard=announce_heard,
    ),
    TrialPhase.COUNTDOWN: TrialPhaseRules(
        enter=enter_countdown,
        label="get ready",
        big=Big.CLOCK,
        beat=countdown_beat,
        deadline=to_active,
        skip=to_active,
    ),
    TrialPhase.ACTIVE: TrialPhaseRules(
        enter=enter_active,
        label="",  # the kind's
        big=Big.REP,  # the kind's
        beat=active_beat,
        deadline=active_over,
        skip=active_key,
        restarts=True,
    ),
    TrialPhase.COUNT: TrialPhaseRules(
        enter=enter_count,
        label="enter your count",
        big=Big.ASK,
        beat=count_reminder,
        count=counted,
    ),
    TrialPhase.SWITCH_LEGS: TrialPhaseRules(
        enter=enter_switch_legs,
        label="switch legs",
        big=Big.CLOCK,
        deadline=to_next_leg,
        skip=to_next_leg,
    ),
    TrialPhase.FINISHED: TrialPhaseRules(enter=enter_finished, label="done", big=Big.NOTHING),
}


def trial_rules(phase: TrialPhase) -> TrialPhaseRules:
    try:
        return TRIAL_PHASES[phase]
    except KeyError:
        raise RuntimeError(f"unknown trial phase {phase!r}: it has no row in the table") from None
