"""The sets of a session in order (rounds or straight sets, part 1's before or after the circuit's
as the program says) and the rest between two of them."""

from __future__ import annotations

from dataclasses import dataclass

from session.program import Order, Program
from session.records import Prescription, SessionRecord
from session.strength.load import kg
from session.strength.program import Part, Stance, StrengthProgram
from session.strength.records import StrengthPart


@dataclass(frozen=True, slots=True)
class Lift:
    """What a part-1 set lifts: how (both legs, or one at a time), the reps of each leg (the
    dose's RM), and the load added to body weight, in the program's unit."""

    stance: Stance
    reps: int
    load_kg: float


@dataclass(frozen=True, slots=True)
class SetPlan:
    """One set to do: exercise, which set of how many. Every leg does it in turn (a part-1 set
    done with both legs: one effort).

    `load` is what to lift for it, in words ("8 kg in the backpack"), for exercises with a load;
    the rest before the set shows and says it. `lift` makes it a set of part 1 (the calf raises,
    on a spoken tempo); without it, a set of the plyometric circuit.
    """

    exercise: str
    set_index: int
    sets_total: int
    load: str | None = None
    lift: Lift | None = None

    @property
    def part(self) -> Part:
        return "plyometrics" if self.lift is None else "strength"


def _ordered(exercises: tuple[str, ...], n: int, order: Order) -> list[tuple[str, int]]:
    if order == "straight":
        return [(ex, k) for ex in exercises for k in range(1, n + 1)]
    return [(ex, k) for k in range(1, n + 1) for ex in exercises]


def plan_sets(program: Program, prescription: Prescription) -> tuple[SetPlan, ...]:
    """The circuit's sets, in the program's order."""
    n = prescription.sets
    return tuple(
        SetPlan(ex, k, n) for ex, k in _ordered(prescription.exercises, n, program.rules.order)
    )


def strength_sets(strength: StrengthProgram, part: StrengthPart) -> tuple[SetPlan, ...]:
    """Part 1's sets, in its program's order, each with its stance, reps and the load chosen."""
    rx = part.prescription
    stances = {p.exercise: p.stance for p in rx.loads}
    exercises = tuple(p.exercise for p in rx.loads)
    return tuple(
        SetPlan(
            ex,
            k,
            rx.sets,
            load=kg(strength, part.load_for(ex)),
            lift=Lift(stance=stances[ex], reps=rx.reps, load_kg=part.load_for(ex)),
        )
        for ex, k in _ordered(exercises, rx.sets, strength.rules.order)
    )


def session_sets(
    program: Program, strength: StrengthProgram | None, record: SessionRecord
) -> tuple[SetPlan, ...]:
    """Every set of the session, part by part in the record's order."""
    plans: list[SetPlan] = []
    for part in record.parts:
        if part == "plyometrics":
            plans.extend(plan_sets(program, record.prescription))
        elif record.strength is not None:
            if strength is None:
                raise ValueError("a session with part 1 needs part 1's program to run")
            plans.extend(strength_sets(strength, record.strength))
    return tuple(plans)


def rest_after(
    program: Program,
    done: SetPlan,
    upcoming: SetPlan,
    strength: StrengthProgram | None = None,
) -> float:
    """The rest between two sets. The circuit: the longer one before another set of the same
    exercise (a new round), else the short one. Part 1: its own rests (`Rest`). Between the two
    parts of a session: the program's `between_parts`."""
    if done.lift is not None or upcoming.lift is not None:
        if strength is None:
            raise ValueError("a part-1 set needs part 1's program for its rests")
        if done.part != upcoming.part:
            return strength.day.between_parts
        rest = strength.rest
        return rest.between_sets if upcoming.exercise == done.exercise else rest.between_exercises
    if program.rules.order == "straight":
        longer = upcoming.exercise == done.exercise
    else:
        longer = upcoming.set_index != done.set_index
    timing = program.timing
    return timing.between_rounds if longer else timing.between_exercises
