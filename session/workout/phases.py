"""The phases as data: one row per phase says what happens on entry, on each beat, at its
deadline, on each of the runner's events, and what the screen shows.

A missing handler means the event does nothing in that phase (a skip while waiting for the
rating, a rating mid-set): the runner's keys can arrive at any time. A beat or a deadline with no
handler is an impossible state and raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from session.workout import rest_phases as rest
from session.workout import set_phases as sets
from session.workout.state import Outcome, Phase, WorkoutState

Handler = Callable[[WorkoutState, float], Outcome]
RatingHandler = Callable[[WorkoutState, int, float], Outcome]
HeardHandler = Callable[[WorkoutState, bool, float], Outcome]


class Big(StrEnum):
    """What the big counter shows."""

    NOTHING = "nothing"
    REP = "rep"
    CLOCK = "clock"
    """The time left in the phase."""
    ASK = "ask"
    """A question mark: the rating is awaited."""


class LegShown(StrEnum):
    """Which leg (and set) the screen names."""

    CURRENT = "current"
    COMING = "coming"
    """The leg about to start (switching legs)."""
    NEXT_SET = "next_set"
    """The next set's exercise and first leg (resting): the runner gets ready for it."""


@dataclass(frozen=True, slots=True)
class PhaseRules:
    enter: Handler
    label: str
    """The words over the big counter; `{reps}` is the leg's reps."""
    big: Big
    leg: LegShown = LegShown.CURRENT
    beat: Handler | None = None
    deadline: Handler | None = None
    skip: Handler | None = None
    rate: RatingHandler | None = None
    change_rating: Handler | None = None
    stop_for_pain: Handler | None = None
    end_early: Handler | None = None
    heard: HeardHandler | None = None
    """The cue the phase listens for has ended (spoken or not)."""
    lead_in: bool = False
    """Resuming after a pause here says "Ready... go" before the next rep."""


PHASES: dict[Phase, PhaseRules] = {
    Phase.ANNOUNCE: PhaseRules(
        enter=sets.enter_announce,
        label="get ready",
        big=Big.NOTHING,
        deadline=sets.to_countdown,
        skip=sets.to_countdown,
        stop_for_pain=sets.stop_in_set,
        end_early=sets.end_in_set,
        heard=sets.announce_heard,
    ),
    Phase.COUNTDOWN: PhaseRules(
        enter=sets.enter_countdown,
        label="get ready",
        big=Big.CLOCK,
        beat=sets.countdown_beat,
        deadline=sets.to_reps,
        skip=sets.to_reps,
        stop_for_pain=sets.stop_in_set,
        end_early=sets.end_in_set,
        lead_in=True,
    ),
    Phase.REPS: PhaseRules(
        enter=sets.enter_reps,
        label="rep (of {reps})",
        big=Big.REP,
        beat=sets.reps_beat,
        deadline=sets.leg_done,
        skip=sets.leg_done,
        stop_for_pain=sets.stop_in_set,
        end_early=sets.end_in_set,
        lead_in=True,
    ),
    Phase.LEAD_IN: PhaseRules(
        enter=sets.enter_lead_in,
        label="ready…",
        big=Big.REP,
        beat=sets.lead_in_beat,
        deadline=sets.to_reps,
        skip=sets.to_reps,
        stop_for_pain=sets.stop_in_set,
        end_early=sets.end_in_set,
        lead_in=True,
    ),
    Phase.SWITCH_LEGS: PhaseRules(
        enter=sets.enter_switch_legs,
        label="switch legs",
        big=Big.CLOCK,
        leg=LegShown.COMING,
        deadline=sets.to_next_leg,
        skip=sets.to_next_leg,
        stop_for_pain=sets.stop_in_set,
        end_early=sets.end_in_set,
    ),
    Phase.REST: PhaseRules(
        enter=rest.enter_rest,
        label="rest",
        big=Big.CLOCK,
        leg=LegShown.NEXT_SET,
        beat=rest.rest_beat,
        deadline=rest.rest_over,
        skip=rest.rest_over,
        rate=rest.rate_in_rest,
        change_rating=rest.ask_again,
        stop_for_pain=rest.stop_after_set,
        end_early=rest.end_between_sets,
    ),
    Phase.AWAIT_PAIN: PhaseRules(
        enter=rest.enter_await_pain,
        label="rate your pain",
        big=Big.ASK,
        leg=LegShown.NEXT_SET,
        beat=rest.reminder_beat,
        rate=rest.rate_after_rest,
        change_rating=rest.ask_again,
        stop_for_pain=rest.stop_after_set,
        end_early=rest.end_between_sets,
    ),
    Phase.STOP_GRACE: PhaseRules(
        enter=rest.enter_stop_grace,
        label="stopping · u to change",
        big=Big.CLOCK,
        deadline=rest.stop_now,
        skip=rest.stop_now,
        rate=rest.rate_in_grace,
        change_rating=rest.change_in_grace,
        stop_for_pain=rest.stop_now,
        end_early=rest.stop_now,
    ),
    Phase.STOP_RATING: PhaseRules(
        enter=rest.enter_stop_rating,
        label="rate your pain",
        big=Big.ASK,
        beat=rest.reminder_beat,
        rate=rest.rate_stopped,
        end_early=rest.end_stopped,
    ),
    Phase.FINISHED: PhaseRules(enter=rest.enter_finished, label="done", big=Big.NOTHING),
}


def rules(phase: Phase) -> PhaseRules:
    try:
        return PHASES[phase]
    except KeyError:
        raise RuntimeError(f"unknown phase {phase!r}: it has no row in the phase table") from None
