"""What the workout screen shows, derived from the engine state at a moment: pure and testable.

What each phase shows (its label, what the big counter holds, which leg it names) is in the phase
table; this module reads it, so the screen needs no knowledge of phases to render one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from session.records import Part, SessionStatus
from session.workout.phases import PHASES, Big, LegShown
from session.workout.rhythm import Stroke, rhythm_of
from session.workout.state import Phase, WorkoutState


@dataclass(frozen=True, slots=True)
class WorkoutView:
    phase: Phase
    exercise: str
    how_to: str
    leg: str
    set_index: int
    sets_total: int
    set_number: int
    set_count: int
    rep: int
    reps_target: int
    cadence: float
    remaining: float | None
    """Seconds left of a phase whose time is shown; None when no clock is shown."""
    duration: float | None
    next_up: str
    awaiting_pain: bool
    paused: bool
    status: SessionStatus
    circuit: int
    up_next: bool = False
    """True during a rest: exercise, leg and set are the next set's, so the runner gets ready."""
    label: str = ""
    """The words over the big counter."""
    big: Big = Big.NOTHING
    leg_label: str = "leg"
    stroke: Stroke | None = None
    """A tempo rep: up or down, which second; None for hops."""
    next_load: str | None = None
    """The load of the set shown, in words, when it has one (resting: the next set's)."""
    grace_rating: int | None = None
    """The stopping rating that can still be changed (u) in the grace before the stop."""
    part: Part = "plyometrics"
    """The part of the set shown: part 1, the calf raises, or the circuit."""
    parts: tuple[Part, ...] = ("plyometrics",)
    """The session's parts, in order."""

    @property
    def remaining_whole(self) -> int:
        """Seconds left, rounded up, as a countdown shows them."""
        return 0 if self.remaining is None else max(0, math.ceil(self.remaining - 1e-9))

    @property
    def big_count(self) -> str:
        """The big counter: the rep, the time left (seconds under a minute, else m:ss), a
        question mark, or nothing. Bare seconds ("40", "3") are read from across the room in
        half the width of "0:40": the block font, or the doubled one, where m:ss would not fit."""
        match self.big:
            case Big.REP:
                return str(self.rep)
            case Big.CLOCK:
                secs = self.remaining_whole
                return str(secs) if secs < 60 else f"{secs // 60}:{secs % 60:02d}"
            case Big.ASK:
                return "?"
            case Big.NOTHING:
                return ""

    @property
    def progress(self) -> float:
        """0..1 through the current timed phase, through the reps, or up a tempo rep."""
        if self.stroke is not None:  # a tempo rep: the bar rises and falls with the heels
            return self.stroke.height
        if self.big is Big.REP:
            return self.rep / self.reps_target if self.reps_target else 1.0
        if self.remaining is None or not self.duration:
            return 1.0
        return min(1.0, max(0.0, 1 - self.remaining / self.duration))


def _who(sides: tuple[str, ...], first: int = 0) -> str:
    """ "right leg", or "both legs" for a both-legs set."""
    side = sides[first]
    return "both legs" if side == "both" else f"{side} leg"


def _next_up(state: WorkoutState, resting: bool) -> str:
    """What comes after what the screen shows now, in words."""
    workout = state.workout
    upcoming = state.upcoming
    if resting and upcoming is not None:
        name = workout.exercise(upcoming).name
        load = f", {upcoming.load}" if upcoming.lift is not None and upcoming.load else ""
        who = _who(workout.sides(upcoming))
        return f"{name}, {who}, set {upcoming.set_index} of {upcoming.sets_total}{load}"
    if state.phase is Phase.STOP_GRACE:
        return "the end of the session, unless you change the rating (u)"
    if state.phase in (Phase.REST, Phase.AWAIT_PAIN, Phase.STOP_RATING, Phase.FINISHED):
        return "the end of the session"
    # Switching legs, the screen already names the coming leg: next is the one after it.
    after = state.leg_pos + (2 if state.phase is Phase.SWITCH_LEGS else 1)
    if after < len(state.sides):
        return _who(state.sides, after)
    if upcoming is not None:
        return f"rest, then {workout.exercise(upcoming).name}"
    return "rest, then the end of the session"


def _leg(state: WorkoutState, shown: LegShown, resting: bool) -> str:
    if shown is LegShown.COMING:
        return state.sides[state.leg_pos + 1]
    upcoming = state.upcoming
    if resting and upcoming is not None:
        return state.workout.sides(upcoming)[0]
    return state.leg


def _leg_label(leg: str, ahead: bool) -> str:
    noun = "legs" if leg == "both" else "leg"
    return f"next {noun}" if ahead else noun


def view(state: WorkoutState, now: float) -> WorkoutView:
    workout = state.workout
    row = PHASES[state.phase]
    upcoming = state.upcoming
    resting = row.leg is LegShown.NEXT_SET and upcoming is not None
    plan = upcoming if resting and upcoming is not None else state.current
    exercise = workout.exercise(plan)
    at = state.paused_at if state.paused_at is not None else now
    remaining = duration = None
    if row.big is Big.CLOCK and state.deadline is not None:
        remaining = max(0.0, state.deadline - at)
        duration = state.deadline - state.phase_start
    counting = state.phase in (Phase.REPS, Phase.LEAD_IN)
    stroke = rhythm_of(state).stroke(state) if counting else None
    label = row.label.format(reps=state.reps_target)
    if stroke is not None:
        label += f" · {stroke.direction} {stroke.second} of {stroke.seconds}"
    last = state.last_done
    leg = _leg(state, row.leg, resting)
    return WorkoutView(
        phase=state.phase,
        exercise=exercise.name,
        how_to=exercise.how_to,
        leg=leg,
        set_index=plan.set_index,
        sets_total=plan.sets_total,
        set_number=state.set_pos + (2 if resting else 1),
        set_count=len(workout.sets),
        rep=state.rep if counting else 0,
        reps_target=state.reps_target,
        cadence=state.cadence(),
        remaining=remaining,
        duration=duration,
        next_up=_next_up(state, resting),
        awaiting_pain=state.awaiting_pain,
        paused=state.paused,
        status=state.record.status,
        circuit=state.record.prescription.circuit,
        up_next=resting,
        label=label,
        big=row.big,
        leg_label=_leg_label(leg, resting or row.leg is LegShown.COMING),
        stroke=stroke,
        next_load=plan.load,
        grace_rating=last.pain if state.phase is Phase.STOP_GRACE and last else None,
        part=plan.part,
        parts=state.record.parts,
    )
