"""The sets of a session in order (rounds or straight sets) and the rest between two of them."""

from __future__ import annotations

from dataclasses import dataclass

from session.program import Program
from session.records import Prescription


@dataclass(frozen=True, slots=True)
class SetPlan:
    """One set to do: exercise, which set of how many. Every leg does it in turn.

    `load` is what to lift for it, in words ("8 kg in the backpack"), for exercises with a load;
    the rest before the set shows and says it.
    """

    exercise: str
    set_index: int
    sets_total: int
    load: str | None = None


def plan_sets(program: Program, prescription: Prescription) -> tuple[SetPlan, ...]:
    exercises, n = prescription.exercises, prescription.sets
    if program.rules.order == "straight":
        return tuple(SetPlan(ex, k, n) for ex in exercises for k in range(1, n + 1))
    return tuple(SetPlan(ex, k, n) for k in range(1, n + 1) for ex in exercises)


def rest_after(program: Program, done: SetPlan, upcoming: SetPlan) -> float:
    """The longer rest before another set of the same exercise (a new round), else the short one."""
    if program.rules.order == "straight":
        longer = upcoming.exercise == done.exercise
    else:
        longer = upcoming.set_index != done.set_index
    timing = program.timing
    return timing.between_rounds if longer else timing.between_exercises
