"""How each kind of exercise counts its reps: one entry per kind in `RHYTHMS`.

A rhythm schedules the sub-cues of a leg's reps: when the first comes after "go", what each beat
says, when the leg ends (a full beat after the last rep is cued), how many reps are done, where
counting restarts after a pause, and what a change of cadence does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from session.effects import CueKind, Priority
from session.program import ExerciseKind
from session.workout.cues import rep_strokes, say, up_strokes
from session.workout.state import Outcome, WorkoutState

TEMPO_BEAT = 1.0
"""Seconds from "go" to a tempo's first word."""


@dataclass(frozen=True, slots=True)
class Stroke:
    """Where a tempo rep is: going up or down, which of its words (a second each, in the seed
    programs) of how many, and the word."""

    direction: str
    second: int
    seconds: int
    word: str

    @property
    def height(self) -> float:
        """How high the heels are, 0..1, as a bar can show it: rising, then falling."""
        if self.direction == "up":
            return self.second / self.seconds
        return 1 - self.second / self.seconds


class Rhythm(Protocol):
    @property
    def adjustable(self) -> bool:
        """The runner may change its seconds per rep (+ and -)."""
        ...

    def first_gap(self, state: WorkoutState) -> float:
        """Seconds from "go" to the first sub-cue."""
        ...

    def beat(self, state: WorkoutState, t: float) -> Outcome:
        """The next sub-cue is due at `t`: say it, schedule the next or the end of the leg."""
        ...

    def reps_done(self, state: WorkoutState) -> int: ...

    def restart(self, state: WorkoutState) -> WorkoutState:
        """Where counting picks up after a pause (a rep half done is done again)."""
        ...

    def retime(self, state: WorkoutState, old: float, new: float, floor: float) -> WorkoutState:
        """The runner changed the seconds per rep from `old` to `new` mid-leg."""
        ...

    def stroke(self, state: WorkoutState) -> Stroke | None: ...


@dataclass(frozen=True, slots=True)
class Hops:
    """Each rep's number on the beat of the cadence; the leg ends one beat after the last."""

    @property
    def adjustable(self) -> bool:
        return True

    def first_gap(self, state: WorkoutState) -> float:
        return state.cadence()

    def beat(self, state: WorkoutState, t: float) -> Outcome:
        rep = state.rep + 1
        cadence = state.cadence()
        cue = say(str(rep), CueKind.REP, t, Priority.NORMAL, t + cadence)
        if rep >= state.reps_target:  # the last rep's beat is its own: the leg ends after it
            new = replace(state, rep=rep, next_at=None, deadline=t + cadence)
        else:
            new = replace(state, rep=rep, next_at=t + cadence)
        return Outcome(new, (cue,))

    def reps_done(self, state: WorkoutState) -> int:
        return state.rep

    def restart(self, state: WorkoutState) -> WorkoutState:
        return state

    def retime(self, state: WorkoutState, old: float, new: float, floor: float) -> WorkoutState:
        if state.next_at is not None:
            return replace(state, next_at=max(state.next_at - old + new, floor))
        if state.deadline is not None:
            return replace(state, deadline=max(state.deadline - old + new, floor))
        return state

    def stroke(self, state: WorkoutState) -> Stroke | None:
        return None


@dataclass(frozen=True, slots=True)
class Tempo:
    """Slow reps: each part of the way up, then down, has its word ("up, two, three"), each
    lasting its share of the lift or the lowering (`cues.rep_strokes`)."""

    @property
    def adjustable(self) -> bool:
        return False  # a tempo's seconds are the program's, not the runner's

    def first_gap(self, state: WorkoutState) -> float:
        return TEMPO_BEAT

    def beat(self, state: WorkoutState, t: float) -> Outcome:
        rep = state.rep + 1 if state.sub_beat == 0 else state.rep
        strokes = rep_strokes(state, rep)
        word, lasts = strokes[state.sub_beat]
        cue = say(word, CueKind.REP, t, Priority.NORMAL, t + lasts)
        sub = (state.sub_beat + 1) % len(strokes)
        if sub == 0 and rep >= state.reps_target:
            new = replace(state, rep=rep, sub_beat=0, next_at=None, deadline=t + lasts)
        else:
            new = replace(state, rep=rep, sub_beat=sub, next_at=t + lasts)
        return Outcome(new, (cue,))

    def reps_done(self, state: WorkoutState) -> int:
        return state.rep if state.sub_beat == 0 else state.rep - 1

    def restart(self, state: WorkoutState) -> WorkoutState:
        if state.sub_beat == 0:
            return state
        return replace(state, rep=state.rep - 1, sub_beat=0)

    def retime(self, state: WorkoutState, old: float, new: float, floor: float) -> WorkoutState:
        return state  # a tempo's seconds are the program's, not the runner's

    def stroke(self, state: WorkoutState) -> Stroke | None:
        if state.rep == 0:
            return None
        words = tuple(w for w, _ in rep_strokes(state, state.rep))
        up = up_strokes(state)
        said = (state.sub_beat - 1) % len(words)
        if said < up:
            return Stroke("up", said + 1, up, words[said])
        return Stroke("down", said - up + 1, len(words) - up, words[said])


RHYTHMS: dict[ExerciseKind, Rhythm] = {"hops": Hops(), "tempo": Tempo()}
"""The circuit's kinds of exercise; part 1's sets are all "tempo"."""


def rhythm_of(state: WorkoutState) -> Rhythm:
    plan = state.current
    if plan.lift is not None:
        return RHYTHMS["tempo"]
    return RHYTHMS[state.workout.program.exercise(plan.exercise).kind]
