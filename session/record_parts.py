"""The small pieces both parts' records share: legs and sides, a session's status, a change of
rating, where a stop for pain happened.

Their own module so that the session record (`session.records`, which holds part 1) and part 1's
records (`session.strength.records`) both build on them without importing each other.
`session.records` re-exports every name here: import them from there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal, Protocol, Self, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Leg = Literal["left", "right"]
Side = Literal["left", "right", "both"]
"""Which leg did an effort: one of them, or both together (a both-legs calf raise)."""


class Record(BaseModel):
    """The base of every stored record: immutable, and no field it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    ENDED_EARLY = "ended_early"


class PainChange(Record):
    """The runner changed a rating (a slip of the finger, or a second thought): from, to, when."""

    old: int = Field(ge=0, le=10)
    new: int = Field(ge=0, le=10)
    at: AwareDatetime


class StopPoint(Record):
    """Where the runner stopped the session for pain (the set's exercise and number are the set's
    own): in which phase of the workout, on which leg, after how many of its reps, and when."""

    phase: str = Field(description="The workout phase: reps, countdown, switch_legs, rest, ...")
    leg: Side | None = Field(
        description="The leg being trained, or the last one done ('both': a both-legs set)."
    )
    rep: int = Field(ge=0, description="Reps of that leg done when it was stopped.")
    at: AwareDatetime


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
