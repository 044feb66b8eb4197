"""Part 1 (the calf raises) for the app and the commands: the notice that it is on, and its
history for the review. What the next session holds is `session.combined`'s (pure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.combined import NextDay, PartOneToday, next_day, parts_done
from session.records import SessionSummary
from session.strength.program import StrengthProgram
from session.strength.records import StrengthSummary
from session.strength.summary import StrengthRow, WeekLoads, strength_rows, weekly_loads

if TYPE_CHECKING:  # the engine loads when a session starts, not with Today's plan
    from session import engine

__all__ = [
    "TOLD",
    "NextDay",
    "PartOneReview",
    "PartOneToday",
    "next_day",
    "part1_review",
    "part_one",
    "parts_done",
]

TOLD = (
    "New: part 1 of the program, slow heavy calf raises, now comes first in each session, then "
    "the hops: the tendon needs both to heal. If you do your calf raises elsewhere (at a gym), "
    "turn part 1 off in Settings (s); the hops then go on exactly as before."
)
"""Said once to a runner with part 1 on (Today's notices), so no one is surprised by it."""


@dataclass(frozen=True, slots=True)
class PartOneReview:
    """Part 1 in the history: a row per exercise of each session, the working load by week."""

    program: StrengthProgram
    rows: list[StrengthRow]
    """Newest first."""
    weeks: list[WeekLoads]


def part_one(today: PartOneToday, loads: Mapping[str, float] | None = None) -> engine.PartOne:
    """Part 1 as the engine starts it: today's prescription, lifting `loads` (exercise id -> kg;
    the proposal's where absent)."""
    from session import engine

    return engine.PartOne(today.program, today.prescription, dict(loads or {}), today.parts)


def part1_review(
    strength: StrengthProgram, summaries: Sequence[SessionSummary], now: dt.datetime
) -> PartOneReview:
    history: list[StrengthSummary] = [s.strength for s in summaries if s.strength is not None]
    return PartOneReview(
        strength,
        strength_rows(history, now.tzinfo),
        weekly_loads(history, now.tzinfo, now.date()),
    )
