"""The functional tests' results: heel-raise endurance, ten hops, the side-hop test; their symmetry.

A result holds one count per leg tested: heel raises kept to the beat, pain-free hops out of the
protocol's hops, or side hops in the time. The limb symmetry index (LSI) is the sore side's count
as a percentage of the other side's; with both sides sore (or the side not yet known) there is no
healthy side to compare with, so it is None.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from session.records import Leg, Line, Moment, Name, SoreSide
from session.running.speed_program import TestKind, Tests

COUNT_MAX = 1000


class FunctionalResult(BaseModel):
    """One functional test, done on one or both legs."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: Name
    kind: TestKind
    recorded_at: Moment
    left: int | None = Field(default=None, ge=0, le=COUNT_MAX)
    right: int | None = Field(default=None, ge=0, le=COUNT_MAX)
    note: Line = Field(default="", max_length=500)

    @model_validator(mode="after")
    def _a_leg(self) -> Self:
        if self.left is None and self.right is None:
            raise ValueError("a result needs a count for at least one leg")
        return self

    def count(self, leg: Leg) -> int | None:
        return self.left if leg == "left" else self.right


class ResultError(ValueError):
    """A test result that cannot be saved; the message says what is expected."""


def make_result(
    tests: Tests,
    kind: TestKind,
    counts: dict[Leg, int],
    now: dt.datetime,
    note: str = "",
) -> FunctionalResult:
    """A checked result: each count within what the protocol allows (hops: out of its hops)."""
    most = tests.most(kind)
    for leg, n in counts.items():
        if not 0 <= n <= most:
            what = "pain-free hops" if kind == "hop_count" else "count"
            raise ResultError(f"{leg} leg: {n} {what} is out of range; enter 0 to {most}.")
    if not counts:
        raise ResultError("Enter a count for at least one leg.")
    stamp = now.astimezone(dt.UTC)
    return FunctionalResult(
        id=f"{kind}-{stamp:%Y%m%dT%H%M%SZ}",
        kind=kind,
        recorded_at=stamp,
        left=counts.get("left"),
        right=counts.get("right"),
        note=note.strip(),
    )


def other_leg(leg: Leg) -> Leg:
    return "right" if leg == "left" else "left"


@dataclass(frozen=True, slots=True)
class Symmetry:
    """The sore side against the other, for one result."""

    result: FunctionalResult
    sore: int
    other: int

    @property
    def lsi(self) -> float:
        """Per cent. A sore side that matches or beats an other side of 0 is 100."""
        if self.other == 0:
            return 100.0 if self.sore == 0 else float("inf")
        return 100.0 * self.sore / self.other


def symmetry(result: FunctionalResult, sore_side: SoreSide | None) -> Symmetry | None:
    """The LSI of `result`; None with both sides sore, no side known, or a leg not tested."""
    if sore_side not in ("left", "right"):
        return None
    sore, other = result.count(sore_side), result.count(other_leg(sore_side))
    if sore is None or other is None:
        return None
    return Symmetry(result, sore, other)


def latest(
    results: Sequence[FunctionalResult],
    kind: TestKind,
    now: dt.datetime,
    valid_days: int | None = None,
) -> FunctionalResult | None:
    """The newest result of `kind` up to `now` (no older than `valid_days`, if given)."""
    oldest = None if valid_days is None else now - dt.timedelta(days=valid_days)
    found = [
        r
        for r in results
        if r.kind == kind and r.recorded_at <= now and (oldest is None or r.recorded_at >= oldest)
    ]
    return max(found, key=lambda r: r.recorded_at) if found else None
