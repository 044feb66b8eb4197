"""What the Today screen says, as plain words: built from the coach's `Today`, kept as JSON.

The Today screen shows these and nothing else, so the plan looks the same whether its words were
worked out on the history's thread or by the start-up's preview process (`tui.coach.preview`),
which hands them over as JSON. This module imports no model and no Textual at run time: the app
reads a preview's words before either has loaded (bench/startup.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from session.strength.records import LoadProposal
    from tui.coach.part1 import PartOneToday
    from tui.coach.today import Today

CHANGE_WORDS = {"start": "to start", "up": "up a step", "hold": "same as last time", "down": "down"}


@dataclass(frozen=True, slots=True)
class PartOneWords:
    """Part 1's block on Today: its heading and a line per calf raise."""

    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TodayWords:
    """Everything Today shows of the plan; the rest day and the time of day are read when shown
    (`earliest_start` against the clock)."""

    heading: str
    """A training day's headline: "Today: Circuit 1, first session: 1 x 15"."""
    big: str
    """The dose in big digits: "1 X 15"."""
    summary: str
    """The line under it: sets, reps and the order of the legs."""
    next_words: str
    """What the next session is, as a rest day says it ("Next: ...")."""
    circuit: str
    exercises: tuple[tuple[str, str], ...]
    """Each exercise of the circuit: its name and how it is done (text from the program file)."""
    show_circuit: bool
    """False on a day of part 1 alone (the circuit's exercises are not done)."""
    reasons: tuple[str, ...]
    part1: PartOneWords | None
    earliest_start: dt.datetime | None
    """When the next session may start (aware); None: at any time."""
    resumable_from: dt.datetime | None
    """When today's unfinished session started (aware); None: there is none."""
    resumable_sets: int = 0

    def rest_day(self, now: dt.datetime) -> bool:
        return self.earliest_start is not None and now < self.earliest_start

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=_iso)

    @classmethod
    def from_json(cls, text: str | bytes) -> TodayWords:
        """The words `to_json` wrote; ValueError (or TypeError) when they are anything else."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not the words of a plan")
        part1 = data.pop("part1")
        return cls(
            heading=_text(data, "heading"),
            big=_text(data, "big"),
            summary=_text(data, "summary"),
            next_words=_text(data, "next_words"),
            circuit=_text(data, "circuit"),
            exercises=tuple((str(n), str(h)) for n, h in data["exercises"]),
            show_circuit=bool(data["show_circuit"]),
            reasons=tuple(str(r) for r in data["reasons"]),
            part1=None
            if part1 is None
            else PartOneWords(str(part1["heading"]), tuple(map(str, part1["lines"]))),
            earliest_start=_moment(data["earliest_start"]),
            resumable_from=_moment(data["resumable_from"]),
            resumable_sets=int(data["resumable_sets"]),
        )


def _iso(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"not a moment: {value!r}")


def _text(data: dict[str, Any], key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"{key}: not text")
    return value


def _moment(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"a moment without its time zone: {value}")
    return moment


# --- from the coach's Today ---------------------------------------------------------------------


def today_words(today: Today) -> TodayWords:
    """What Today shows of `today`."""
    program, rx = today.program, today.prescription
    heading, big, summary = plan_words(today)
    hops = "plyometrics" in today.parts
    what = heading.removeprefix("Today: ")
    if hops:
        what += f", each leg in turn ({leg_order(today.settings.legs())})"
    part1 = today.part1
    resumable = today.resumable
    return TodayWords(
        heading=heading,
        big=big,
        summary=summary,
        next_words=f"Next: {what}.",
        circuit=program.circuit(rx.circuit).name,
        exercises=tuple((ex.name, ex.how_to) for ex in map(program.exercise, rx.exercises)),
        show_circuit=hops or today.next is None or part1 is None,
        reasons=tuple(_reasons(today)),
        part1=None if part1 is None else part_one_words(part1),
        earliest_start=today.earliest_start,
        resumable_from=None if resumable is None else resumable.started_at,
        resumable_sets=0 if resumable is None else resumable.sets_done,
    )


def _reasons(today: Today) -> list[str]:
    """Why: the notices, then both parts' reasons when the session holds part 1 (each once)."""
    if today.next is None or today.part1 is None:
        return [*today.notices, *today.prescription.reasons]
    why = [*today.notices, *today.next.plan.reasons, *part1_reasons(today.part1)]
    if "plyometrics" in today.parts:
        why += today.prescription.reasons
    return list(dict.fromkeys(why))


def leg_order(legs: tuple[str, ...]) -> str:
    return ", then ".join(legs) if len(legs) > 1 else f"{legs[0]} only"


def circuit_summary(sets: int, reps: int, legs: tuple[str, ...]) -> str:
    return (
        f"{sets} set{'s' if sets > 1 else ''} of {reps} reps of each exercise, "
        f"each leg in turn ({leg_order(legs)})."
    )


def plan_words(today: Today) -> tuple[str, str, str]:
    """A training day's headline, its big dose and the line under it: the circuit's, or both
    parts' when the session holds part 1's calf raises (or part 1 alone on its own day)."""
    rx, legs = today.prescription, today.settings.legs()
    part1 = today.part1 if today.next is not None else None
    if part1 is None:
        return f"Today: {rx.label}", rx.dose, circuit_summary(rx.sets, rx.reps, legs)
    p1 = part1.prescription
    if "plyometrics" not in today.parts:
        return f"Today: calf raises only · {p1.label}", f"{p1.sets} x {p1.reps}RM", ""
    summary = "Then the circuit: " + circuit_summary(rx.sets, rx.reps, legs)
    return (
        f"Today: calf raises, then {rx.label}",
        f"{p1.sets}x{p1.reps}RM + {rx.dose.replace(' ', '')}",
        summary,
    )


# --- part 1's block -----------------------------------------------------------------------------


def part_one_words(part1: PartOneToday) -> PartOneWords:
    """The calf raises of today's session: the heading, then each with its stance and load."""
    lines = []
    for n, proposal in enumerate(part1.prescription.loads, start=1):
        exercise = part1.program.exercise(proposal.exercise)
        lines.append(f"{n}. {exercise.name} · {load_line(part1, proposal)}")
    return PartOneWords(part1_heading(part1), tuple(lines))


def load_line(part1: PartOneToday, proposal: LoadProposal) -> str:
    """ "both legs · 12.5 kg (up a step)"."""
    from session.strength.load import kg, stance_words  # loaded with the models, not before

    load = kg(part1.program, proposal.load_kg)
    return f"{stance_words(proposal.stance)} · {load} ({CHANGE_WORDS[proposal.change]})"


def part1_heading(part1: PartOneToday) -> str:
    rx = part1.prescription
    when = "first" if part1.parts[0] == "strength" else "after the circuit"
    if len(part1.parts) == 1:
        when = "today"
    tempo = part1.program.tempo
    return (
        f"Calf raises {when}: {rx.dose}, week {rx.week} · each rep {tempo.lift_seconds:g} s up, "
        f"{tempo.lower_seconds:g} s down"
    )


def part1_reasons(part1: PartOneToday) -> list[str]:
    """Why this week and these loads, each load's reasons named by its exercise."""
    found = list(part1.prescription.reasons)
    loads = part1.prescription.loads
    every = [r for r in loads[0].reasons if all(r in p.reasons for p in loads)]
    for proposal in loads:
        name = part1.program.exercise(proposal.exercise).name
        for reason in proposal.reasons:
            if reason not in every:
                found.append(reason if reason.startswith(name) else f"{name}: {reason}")
    return found + every  # a reason true of every exercise, once
