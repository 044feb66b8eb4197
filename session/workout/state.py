"""The workout's state: what stays fixed for a session, where it is now, and a step's outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from session.effects import Effect
from session.program import Exercise, Program
from session.records import DoneSet, Leg, LegResult, SessionRecord, Side
from session.sets import SetPlan
from session.strength.program import StrengthExercise, StrengthProgram
from session.strength.records import StrengthLeg


class Phase(StrEnum):
    ANNOUNCE = "announce"
    """The exercise and leg are said; the countdown starts once that has been heard."""
    COUNTDOWN = "countdown"
    REPS = "reps"
    LEAD_IN = "lead_in"
    """After a pause mid-set: "Ready", then "go" and the next rep."""
    SWITCH_LEGS = "switch_legs"
    REST = "rest"
    AWAIT_PAIN = "await_pain"
    """The rest is over (or there is none) and the set's rating is still missing."""
    STOP_GRACE = "stop_grace"
    """A rating that stops the session came in: a few seconds to change it first."""
    STOP_RATING = "stop_rating"
    """The runner stopped for pain: the rating, then the end."""
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class Workout:
    """What stays fixed during a session: the programs (the circuit's, and part 1's when the
    session holds calf raises), the sets in order, the legs, the clocks."""

    program: Program
    sets: tuple[SetPlan, ...]
    legs: tuple[Leg, ...]
    cadence_scale: float
    clock_origin: float
    wall_origin: dt.datetime
    kept_cadences: tuple[tuple[str, float], ...] = ()
    """Seconds per rep the runner kept from an earlier session, by exercise (settings)."""
    strength: StrengthProgram | None = None

    def __post_init__(self) -> None:
        if self.strength is None and any(p.lift is not None for p in self.sets):
            raise ValueError("part-1 sets need part 1's program (`strength`)")

    def wall(self, t: float) -> dt.datetime:
        """The UTC moment of engine time `t`."""
        return self.wall_origin + dt.timedelta(seconds=t - self.clock_origin)

    @property
    def part1(self) -> StrengthProgram:
        """Part 1's program; only asked for where a part-1 set is on."""
        if self.strength is None:
            raise RuntimeError("no part 1 in this session")
        return self.strength

    def exercise(self, plan: SetPlan) -> Exercise | StrengthExercise:
        """The exercise of a set, from the program of its part."""
        if plan.lift is not None:
            return self.part1.exercise(plan.exercise)
        return self.program.exercise(plan.exercise)

    def sides(self, plan: SetPlan) -> tuple[Side, ...]:
        """Who does a set, in turn: each leg, or both legs at once (a both-legs calf raise)."""
        if plan.lift is not None and plan.lift.stance == "both":
            return ("both",)
        return self.legs

    def callouts_before(self, plan: SetPlan) -> tuple[int, ...]:
        """Seconds left at which the rest before `plan` is said: the program of its part's."""
        if plan.lift is not None:
            return self.part1.rest.callouts
        return self.program.timing.rest_callouts


@dataclass(frozen=True, slots=True)
class HeldRest:
    """The rest that a stopping rating interrupted: it carries on if the rating is changed."""

    start: float
    deadline: float


@dataclass(frozen=True, slots=True)
class WorkoutState:
    """Where the session is.

    `rep` is the rep of this leg last cued (hops: the number said; tempo: the rep in progress).
    `sub_beat` is the next sub-cue of the phase: a countdown or lead-in word, a second of a tempo
    rep, a rest callout, or the pain reminders said so far. `next_at` is when the next sub-cue is
    due, `deadline` when the phase ends; both are absolute engine times.
    """

    workout: Workout
    record: SessionRecord
    phase: Phase
    set_pos: int
    leg_pos: int
    phase_start: float
    deadline: float | None = None
    next_at: float | None = None
    rep: int = 0
    sub_beat: int = 0
    leg_start: float | None = None
    """When this leg's "go" was said; None until then."""
    set_start: float = 0.0
    legs_done: tuple[LegResult | StrengthLeg, ...] = ()
    cadences: tuple[tuple[str, float], ...] = ()
    """Seconds per rep the runner chose this session, by exercise (with + and -)."""
    paused_at: float | None = None
    listening_for: str | None = None
    """The key of the cue whose end the phase waits to hear (the announcement)."""
    rerating: bool = False
    """The runner asked to change the last rating (u): it is asked again."""
    held_rest: HeldRest | None = None

    @property
    def current(self) -> SetPlan:
        return self.workout.sets[self.set_pos]

    @property
    def exercise(self) -> Exercise | StrengthExercise:
        return self.workout.exercise(self.current)

    @property
    def sides(self) -> tuple[Side, ...]:
        """Who does the current set, in turn (see `Workout.sides`)."""
        return self.workout.sides(self.current)

    @property
    def leg(self) -> Side:
        """The leg of the current set in progress (or about to be): "both" for both legs."""
        return self.sides[self.leg_pos]

    @property
    def last_done(self) -> DoneSet | None:
        """The last set saved of the current set's part: between sets, the set just done (the
        one a rating is for); None before that part's first."""
        record = self.record
        done: tuple[DoneSet, ...] = (
            record.sets if self.current.lift is None else record.strength_sets
        )
        return done[-1] if done else None

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

    @property
    def awaiting_pain(self) -> bool:
        """A rating is asked for now: the runner's next 0-10 answers it."""
        if self.phase is Phase.STOP_RATING:
            return True
        if self.phase in (Phase.REST, Phase.AWAIT_PAIN):
            last = self.last_done
            return self.rerating or last is None or last.pain is None
        return False

    @property
    def reps_target(self) -> int:
        lift = self.current.lift
        return self.record.prescription.reps if lift is None else lift.reps

    def cadence(self, exercise_id: str | None = None) -> float:
        """Seconds per rep of an exercise (the current one by default), as the runner set it,
        within the exercise's limits. A tempo's seconds are fixed by the program."""
        if exercise_id is None and self.current.lift is not None:
            return self.workout.part1.tempo.rep_seconds
        program = self.workout.program
        ex = program.exercise(exercise_id or self.current.exercise)
        if ex.kind == "tempo":
            return ex.cadence
        for key, value in self.cadences:
            if key == ex.id:
                return value
        low, high = program.cadence_limits(ex.id)
        kept = dict(self.workout.kept_cadences).get(ex.id)
        chosen = kept if kept is not None else ex.cadence * self.workout.cadence_scale
        return min(max(chosen, low), high)

    @property
    def adjusted_cadences(self) -> dict[str, float]:
        """The exercises whose seconds per rep the runner changed this session (+ and -), and
        the new values, for the UI to offer to keep them."""
        return dict(self.cadences)

    @property
    def cadence_changes(self) -> dict[str, tuple[float, float]]:
        """The changes of this session worth keeping: by exercise, (seconds per rep it started
        at, seconds per rep at the end); a change undone by the runner is none."""
        started = replace(self, cadences=())
        changes = {ex: (started.cadence(ex), new) for ex, new in self.cadences}
        return {ex: (old, new) for ex, (old, new) in changes.items() if abs(new - old) > 1e-9}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a phase handler did: the new state, what to say and save, and the phase to enter
    next at the same moment (None: stay)."""

    state: WorkoutState
    effects: tuple[Effect, ...] = ()
    then: Phase | None = None


Step = tuple[WorkoutState, list[Effect]]
