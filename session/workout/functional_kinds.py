"""The three kinds of functional test, one row each in `KINDS`: how a leg's active part goes.

- metronome (heel raises): "go", then the beat: the raise's number on the up beat, "down" on the
  down beat, open-ended until the runner presses a key (no longer keeping the pace or the height);
  the count is the raises completed (each "down" said). At the protocol's most, the leg ends.
- counted (ten hops): "go", each hop's number at the cadence, and the leg ends a hop after the
  last; then the runner says how many were pain-free.
- timed window (side hops): "go", the time left called out, "stop" when the time is up; then the
  runner enters their count.

Each handler returns a `TrialOutcome`; `leg_counted` ends a leg with its count (the next leg, or
the end), `to_count` asks for the count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from session.effects import CueKind, Priority, Say
from session.running.speed_program import TestKind
from session.workout.cues import leg_name, say
from session.workout.functional_state import TrialOutcome, TrialPhase, TrialState
from session.workout.phases import Big

Handler = Callable[[TrialState, float], TrialOutcome]


@dataclass(frozen=True, slots=True)
class TrialKind:
    """How one kind of test runs its active part."""

    go: Handler
    """Entering the active part: "go" was said; schedule the first sub-cue or the end."""
    beat: Handler | None
    deadline: Handler
    key: Handler | None
    """Any key during the active part (None: keys do nothing there)."""
    asks_count: bool
    """After the active part the runner enters the leg's count."""
    big: Big
    label: str
    """The words over the big counter."""


def _go_word(state: TrialState, t: float, until: float) -> Say:
    program = state.run.program
    n = program.timing.get_ready
    words = program.words.countdown
    word = words[n] if len(words) == n + 1 else "go"
    return say(word, CueKind.COUNTDOWN, t, Priority.HIGH, until)


def leg_counted(state: TrialState, count: int, t: float, *first: Say) -> TrialOutcome:
    """This leg's count is in: say it, then the other leg, or the end of the test."""
    words = state.run.tests.words
    text = words.counted.format(count=count, leg=leg_name(state.leg))
    said = (*first, say(text, CueKind.INFO, t, Priority.HIGH, None))
    done = (*state.counts, (state.leg, count))
    state = replace(state, counts=done, count=0, said=0, next_at=None, deadline=None)
    if state.leg_pos + 1 < len(state.run.legs):
        return TrialOutcome(state, said, TrialPhase.SWITCH_LEGS)
    return TrialOutcome(replace(state, ending="done"), said, TrialPhase.FINISHED)


def to_count(state: TrialState, t: float, *first: Say) -> TrialOutcome:
    return TrialOutcome(replace(state, next_at=None, deadline=None), first, TrialPhase.COUNT)


# --- metronome ---------------------------------------------------------------------------------


def _beat_seconds(state: TrialState) -> float:
    return state.run.tests.heel_raise.beat_seconds


def metronome_go(state: TrialState, t: float) -> TrialOutcome:
    beat = _beat_seconds(state)
    new = replace(state, count=0, said=0, sub_beat=0, next_at=t + beat)
    return TrialOutcome(new, (_go_word(state, t, t + beat),))


def metronome_beat(state: TrialState, t: float) -> TrialOutcome:
    """The up beat says the raise's number, the down beat "down" (a raise done)."""
    protocol = state.run.tests.heel_raise
    beat = protocol.beat_seconds
    if state.sub_beat % 2 == 0:
        said = state.said + 1
        text = protocol.cue_up.format(count=said)
        new = replace(state, said=said, sub_beat=state.sub_beat + 1, next_at=t + beat)
        return TrialOutcome(new, (say(text, CueKind.REP, t, Priority.NORMAL, t + beat),))
    count = state.count + 1
    cue = say(protocol.cue_down, CueKind.REP, t, Priority.NORMAL, t + beat)
    if count >= protocol.max_count:
        new = replace(state, count=count, sub_beat=state.sub_beat + 1, next_at=None)
        return TrialOutcome(replace(new, deadline=t + beat), (cue,))
    new = replace(state, count=count, sub_beat=state.sub_beat + 1, next_at=t + beat)
    return TrialOutcome(new, (cue,))


def metronome_most(state: TrialState, t: float) -> TrialOutcome:
    """As many raises as the protocol counts: the leg ends there."""
    most = say(state.run.tests.words.most, CueKind.INFO, t, Priority.HIGH, None)
    return leg_counted(state, state.count, t, most)


def metronome_key(state: TrialState, t: float) -> TrialOutcome:
    """The runner can no longer keep the pace or the height: the raises completed count."""
    return leg_counted(state, state.count, t)


# --- counted hops ------------------------------------------------------------------------------


def hops_go(state: TrialState, t: float) -> TrialOutcome:
    cadence = state.run.tests.hop_count.cadence
    new = replace(state, count=0, said=0, next_at=t + cadence)
    return TrialOutcome(new, (_go_word(state, t, t + cadence),))


def hops_beat(state: TrialState, t: float) -> TrialOutcome:
    protocol = state.run.tests.hop_count
    said = state.said + 1
    cue = say(str(said), CueKind.REP, t, Priority.NORMAL, t + protocol.cadence)
    if said >= protocol.hops:  # the last hop's beat is its own: the leg ends after it
        new = replace(state, said=said, count=said, next_at=None, deadline=t + protocol.cadence)
    else:
        new = replace(state, said=said, count=said, next_at=t + protocol.cadence)
    return TrialOutcome(new, (cue,))


def hops_done(state: TrialState, t: float) -> TrialOutcome:
    return to_count(state, t)


# --- the timed window --------------------------------------------------------------------------


def _callouts(state: TrialState) -> tuple[int, ...]:
    return tuple(sorted(state.run.tests.side_hop.callouts, reverse=True))


def window_go(state: TrialState, t: float) -> TrialOutcome:
    seconds = state.run.tests.side_hop.seconds
    end = t + seconds
    callouts = _callouts(state)
    first = end - callouts[0] if callouts else None
    new = replace(state, count=0, said=0, sub_beat=0, deadline=end, next_at=first)
    return TrialOutcome(new, (_go_word(state, t, min(t + 1, end)),))


def window_beat(state: TrialState, t: float) -> TrialOutcome:
    """A call-out of the time left."""
    callouts = _callouts(state)
    left = callouts[state.sub_beat]
    text = state.run.tests.words.time_left.format(seconds=left)
    i = state.sub_beat + 1
    assert state.deadline is not None
    after = state.deadline - callouts[i] if i < len(callouts) else None
    new = replace(state, sub_beat=i, next_at=after)
    until = min(t + 2, state.deadline)
    return TrialOutcome(new, (say(text, CueKind.REST, t, Priority.HIGH, until),))


def window_over(state: TrialState, t: float) -> TrialOutcome:
    """Time is up: "stop", which the runner must hear; then the count."""
    stop = say(state.run.tests.words.stop, CueKind.STOP, t, Priority.URGENT, None)
    return to_count(state, t, stop)


KINDS: dict[TestKind, TrialKind] = {
    "heel_raise": TrialKind(
        go=metronome_go,
        beat=metronome_beat,
        deadline=metronome_most,
        key=metronome_key,
        asks_count=False,
        big=Big.REP,
        label="raise · any key to stop",
    ),
    "hop_count": TrialKind(
        go=hops_go,
        beat=hops_beat,
        deadline=hops_done,
        key=None,
        asks_count=True,
        big=Big.REP,
        label="hop (of {hops})",
    ),
    "side_hop": TrialKind(
        go=window_go,
        beat=window_beat,
        deadline=window_over,
        key=None,
        asks_count=True,
        big=Big.CLOCK,
        label="side hops · count them",
    ),
}


def kind_of(state: TrialState) -> TrialKind:
    return KINDS[state.run.kind]
