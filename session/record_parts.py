"""The small pieces both parts' records share: the sane range of moments and days and plain text
(`Moment`, `Day`, `Name`, `Line`), legs and sides, a session's status, a change of rating, where
a stop for pain happened.

Their own module so that the session record (`session.records`, which holds part 1) and part 1's
records (`session.strength.records`) both build on them without importing each other.
`session.records` re-exports every name here: import them from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal, Protocol, Self, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The first moment a record may carry. Before any record of this app could exist (it was written in
2026), and far from datetime's limits: date arithmetic on a stored record (a week later, the local
date) never overflows, and every month file has the four-digit year its file name pattern reads."""
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
"""Records end before this moment (exclusive): a year 9999 cannot break the weekly review."""

Moment = Annotated[AwareDatetime, Field(ge=EARLIEST, lt=LATEST)]
"""A timezone-aware moment in the sane range."""
Day = Annotated[dt.date, Field(ge=EARLIEST.date(), lt=LATEST.date())]
"""A calendar day in the sane range."""

PLAIN = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"
"""Text without control characters (tabs and line breaks allowed): what may be shown as is."""
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=PLAIN)]
"""An id, a label, an exercise id: short, never empty."""
Line = Annotated[str, Field(max_length=2000, pattern=PLAIN)]
"""A sentence or a note."""

Leg = Literal["left", "right"]
Side = Literal["left", "right", "both"]
"""Which leg did an effort: one of them, or both together (a both-legs calf raise)."""


class Record(BaseModel):
    """The base of every stored record: immutable, no field it does not know, no infinite or
    not-a-number float (JSON from outside may hold `Infinity` and `NaN`)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    ENDED_EARLY = "ended_early"


class PainChange(Record):
    """The runner changed a rating (a slip of the finger, or a second thought): from, to, when."""

    old: int = Field(ge=0, le=10)
    new: int = Field(ge=0, le=10)
    at: Moment


class StopPoint(Record):
    """Where the runner stopped the session for pain (the set's exercise and number are the set's
    own): in which phase of the workout, on which leg, after how many of its reps, and when."""

    phase: Name = Field(description="The workout phase: reps, countdown, switch_legs, rest, ...")
    leg: Side | None = Field(
        description="The leg being trained, or the last one done ('both': a both-legs set)."
    )
    rep: int = Field(ge=0, le=10_000, description="Reps of that leg done when it was stopped.")
    at: Moment


class Rateable(Protocol):
    """A set that takes a pain rating (either part's)."""

    @property
    def pain(self) -> int | None: ...
    @property
    def pain_changes(self) -> tuple[PainChange, ...]: ...
    def model_copy(
        self, *, update: Mapping[str, Any] | None = None, deep: bool = False
    ) -> Self: ...


R = TypeVar("R", bound=Rateable)


def rerated(result: R, pain: int, at: dt.datetime) -> R:
    """`result` with `pain` as its rating; replacing another rating records the change."""
    if result.pain is None:
        return result.model_copy(update={"pain": pain})
    if result.pain == pain:
        return result
    change = PainChange(old=result.pain, new=pain, at=at)
    return result.model_copy(update={"pain": pain, "pain_changes": (*result.pain_changes, change)})
