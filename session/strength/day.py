"""The combined day: what the next session holds (calf raises, the circuit, or both, in order),
from when it may start, and why.

"together" (the seed): every session holds both parts in the program's order, strength first.
"separate": one part a session, taking turns, so each part keeps its three sessions a week.
Part 1 off in the settings: the circuit only, and its own rules say when, exactly as without
part 1. Otherwise the tendon gets the main program's rest (`min_rest_hours`) after any session
that loaded it, whichever part that was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.program import Program
from session.strength.program import Part, StrengthProgram
from session.strength.records import StrengthSettings

PART_WORDS: dict[Part, str] = {"strength": "calf raises", "plyometrics": "the plyometric circuit"}


@dataclass(frozen=True, slots=True)
class PartsDone:
    """A finished session, as the day plan reads it: when, and which parts had a set done."""

    started_at: dt.datetime
    ended_at: dt.datetime | None
    parts: frozenset[Part]


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The next session: its parts in order, and when it may start (None: now)."""

    parts: tuple[Part, ...]
    reasons: tuple[str, ...]
    earliest_start: dt.datetime | None = None
    rest_between_parts: float | None = None
    """Seconds of rest between the two parts of a combined session; None for one part."""

    def __post_init__(self) -> None:
        if not self.parts or len(set(self.parts)) != len(self.parts):
            raise ValueError(f"a day holds each part at most once, and at least one: {self.parts}")
        if (self.rest_between_parts is None) != (len(self.parts) == 1):
            raise ValueError("a rest between parts exactly when there are two parts")

    def ready_at(self, when: dt.datetime) -> bool:
        return self.earliest_start is None or when >= self.earliest_start


def plan_day(
    program: Program,
    strength: StrengthProgram,
    settings: StrengthSettings,
    sessions: Sequence[PartsDone],
    now: dt.datetime,
) -> DayPlan:
    """What the next session holds. `sessions`: the finished ones; `now` timezone-aware."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if not settings.enabled:
        return DayPlan(
            ("plyometrics",),
            ("Part 1, the calf raises, is off in your settings: the plyometric circuit only.",),
        )
    trained = sorted((s for s in sessions if s.parts), key=lambda s: s.started_at)
    order = strength.day.parts
    if strength.day.arrangement == "together":
        parts = order
        first, second = (PART_WORDS[p] for p in order)
        reasons = [
            f"One session with both parts: {first} first, then {second}, with "
            f"{strength.day.between_parts:g} seconds of rest between them."
        ]
    else:
        parts, why = _turn(order, trained[-1] if trained else None, now.tzinfo)
        reasons = [why]
    earliest = _ready(program, trained[-1], now) if trained else None
    if earliest is not None:
        reasons.append(
            f"The tendon needs {program.rules.min_rest_hours:g} hours between sessions: "
            f"the next one can start {earliest.astimezone(now.tzinfo):%a %d %b at %H:%M}."
        )
    between = strength.day.between_parts if len(parts) == 2 else None
    return DayPlan(parts, tuple(reasons), earliest, between)


def _ready(program: Program, last: PartsDone, now: dt.datetime) -> dt.datetime | None:
    """When the rest after `last` is over, if that is still to come."""
    ready = (last.ended_at or last.started_at) + dt.timedelta(hours=program.rules.min_rest_hours)
    return ready if now < ready else None


def _turn(
    order: tuple[Part, ...], last: PartsDone | None, tz: dt.tzinfo | None
) -> tuple[tuple[Part, ...], str]:
    """Separate days: the part not done last time; the first in `order` to begin, or after a
    session that held both."""
    intro = "Calf raises and the circuit take turns, one a session"
    if last is None:
        return (order[0],), f"{intro}: starting with {PART_WORDS[order[0]]}."
    when = last.started_at.astimezone(tz).strftime("%a %d %b")
    if len(last.parts) == 1:
        (done,) = last.parts
        nxt = next(p for p in order if p != done)
        return (nxt,), (
            f"{intro}: your last session ({when}) was {PART_WORDS[done]}, so now {PART_WORDS[nxt]}."
        )
    return (order[0],), (
        f"{intro}: your last session ({when}) held both, so the turns start again with "
        f"{PART_WORDS[order[0]]}."
    )
