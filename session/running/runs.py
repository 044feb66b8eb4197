"""The run log: one run as kept, checked at entry, and the run form's answers read from text.

A run is saved with its kind, length, pain during and an hour after, a note, and the temporary
calming measures in use (their ids in the program data). Datetimes are timezone-aware UTC, as in
session.records; store with `model_dump(mode="json")`, read with `model_validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from enum import StrEnum
from typing import Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

NOTE_MAX = 500
MINUTES_MAX = 600
"""Ten hours: anything longer is a typing slip (an ultra is still within it)."""
DISTANCE_KM_MAX = 250.0
SPEED_KMH_MAX = 25.0
"""Faster than anyone holds for a minute or more: a distance and time that imply it are a slip."""
FUTURE_SLACK = dt.timedelta(minutes=5)
"""A run may end this far after `now` (clocks differ a little between a watch and the laptop)."""
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
DUPLICATE_WINDOW = dt.timedelta(minutes=2)
"""Two runs starting this close are the same run (a watch file imported twice, or logged too)."""


class RunKind(StrEnum):
    EASY = "easy"
    LONG = "long"
    HILLS = "hills"
    STRIDES = "strides"
    INTERVALS = "intervals"
    TEMPO = "tempo"
    RACE = "race"


KIND_WORDS: dict[RunKind, str] = {
    RunKind.EASY: "easy run",
    RunKind.LONG: "long run",
    RunKind.HILLS: "hill session",
    RunKind.STRIDES: "run with strides",
    RunKind.INTERVALS: "interval session",
    RunKind.TEMPO: "tempo run",
    RunKind.RACE: "race",
}
"""How a run of each kind reads in a sentence: "after your hill session on Tue 04 Mar"."""

EASY_KINDS = frozenset({RunKind.EASY, RunKind.LONG})


class RunEntryError(ValueError):
    """A run that cannot be saved; the message names the field and says what is expected."""


class RunRecord(BaseModel):
    """One run, as logged by hand or imported from a watch file and completed by hand."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    started_at: AwareDatetime
    kind: RunKind
    minutes: float = Field(gt=0, le=MINUTES_MAX)
    distance_km: float | None = Field(default=None, gt=0, le=DISTANCE_KM_MAX)
    pain_during: int = Field(ge=0, le=10, description="The highest pain during the run.")
    pain_after: int | None = Field(default=None, ge=0, le=10, description="An hour after.")
    note: str = Field(default="", max_length=NOTE_MAX)
    calming: tuple[str, ...] = Field(default=(), description="Ids of the measures in use.")
    imported_from: str | None = Field(default=None, description="The watch file's name.")
    recorded_at: AwareDatetime

    @model_validator(mode="after")
    def _plausible(self) -> Self:
        if self.distance_km is not None:
            speed = self.distance_km / (self.minutes / 60)
            if speed > SPEED_KMH_MAX:
                raise ValueError(
                    f"{self.distance_km:g} km in {self.minutes:g} minutes is {speed:.0f} km/h: "
                    "check the distance (in km) and the minutes"
                )
        if len(set(self.calming)) != len(self.calming):
            raise ValueError(f"calming lists a measure twice: {list(self.calming)}")
        return self

    @property
    def ended_at(self) -> dt.datetime:
        return self.started_at + dt.timedelta(minutes=self.minutes)

    @property
    def easy(self) -> bool:
        return self.kind in EASY_KINDS

    def worst_pain(self) -> int:
        """The higher of the pain during and an hour after."""
        return max(self.pain_during, self.pain_after or 0)

    def words(self, tz: dt.tzinfo | None) -> str:
        """ "easy run on Tue 04 Mar (40 min)", for the reasons."""
        return (
            f"{KIND_WORDS[self.kind]} on {self.started_at.astimezone(tz):%a %d %b} "
            f"({self.minutes:g} min)"
        )


def run_id(started_at: dt.datetime) -> str:
    """A run's id from its start: the same run imported twice gets the same id."""
    return "run-" + started_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def is_duplicate(run_start: dt.datetime, existing: Sequence[dt.datetime]) -> bool:
    """Whether a run starting at `run_start` is already logged (within DUPLICATE_WINDOW)."""
    return any(abs(run_start - other) <= DUPLICATE_WINDOW for other in existing)


def make_run(
    *,
    started_at: dt.datetime,
    kind: RunKind,
    minutes: float,
    pain_during: int,
    now: dt.datetime,
    known_measures: Collection[str],
    distance_km: float | None = None,
    pain_after: int | None = None,
    note: str = "",
    calming: Collection[str] = (),
    imported_from: str | None = None,
) -> RunRecord:
    """A checked run: not in the future, not before 2000, known calming measures, sane numbers.

    Raises RunEntryError with a message fit to show as is.
    """
    _check_when_and_measures(started_at, minutes, now, calming, known_measures)
    start = started_at.astimezone(dt.UTC)
    ordered = [m for m in known_measures if m in calming]
    try:
        return RunRecord(
            id=run_id(start),
            started_at=start,
            kind=kind,
            minutes=minutes,
            distance_km=distance_km,
            pain_during=pain_during,
            pain_after=pain_after,
            note=note.strip(),
            calming=tuple(ordered),
            imported_from=imported_from,
            recorded_at=now.astimezone(dt.UTC),
        )
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        raise RunEntryError(_first_error(exc)) from None


def _check_when_and_measures(
    started_at: dt.datetime,
    minutes: float,
    now: dt.datetime,
    calming: Collection[str],
    known_measures: Collection[str],
) -> None:
    if started_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("started_at and now must be timezone-aware")
    unknown = [m for m in calming if m not in known_measures]
    if unknown:
        raise RunEntryError(
            f"calming: unknown measure {unknown[0]!r} (known: {', '.join(known_measures)})"
        )
    if started_at < EARLIEST:
        raise RunEntryError(f"date: {started_at:%d %b %Y} is before 2000; check the year.")
    end = started_at + dt.timedelta(minutes=max(minutes, 0))
    if end > now + FUTURE_SLACK:
        raise RunEntryError(
            f"date: a run starting {started_at.astimezone(now.tzinfo):%a %d %b %Y at %H:%M} for "
            f"{minutes:g} minutes ends in the future; log a run once it is done."
        )


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if errors is None:
        return str(exc)
    err = errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or "run"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg}"


def parse_kind(text: str) -> RunKind:
    value = text.strip().lower()
    try:
        return RunKind(value)
    except ValueError:
        kinds = ", ".join(k.value for k in RunKind)
        raise RunEntryError(f"kind: {value!r} is not a kind of run; choose {kinds}.") from None


_CLOCK = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")


def parse_minutes(text: str) -> float:
    """Minutes: "45", "45.5", or h:mm / h:mm:ss ("1:05", "1:05:30")."""
    value = text.strip()
    if not value:
        raise RunEntryError("minutes: please enter how long the run was, e.g. 40 or 1:05.")
    m = _CLOCK.match(value)
    if m:
        hours, mins, secs = int(m[1]), int(m[2]), int(m[3] or 0)
        minutes = hours * 60 + mins + secs / 60
    else:
        try:
            minutes = float(value.replace(",", "."))
        except ValueError:
            raise RunEntryError(
                f"minutes: {value!r} is not a length of time; enter minutes (40) or h:mm (1:05)."
            ) from None
    if not 0 < minutes <= MINUTES_MAX:
        raise RunEntryError(f"minutes: {value} is out of range; enter 1 to {MINUTES_MAX} minutes.")
    return round(minutes, 2)


def parse_distance(text: str) -> float | None:
    """Kilometres, or blank for not known."""
    value = text.strip().lower().removesuffix("km").strip()
    if not value:
        return None
    try:
        km = float(value.replace(",", "."))
    except ValueError:
        raise RunEntryError(
            f"distance: {text.strip()!r} is not a number of kilometres (e.g. 8.5), or leave it "
            "blank."
        ) from None
    if not 0 < km <= DISTANCE_KM_MAX:
        raise RunEntryError(
            f"distance: {km:g} km is out of range; enter up to {DISTANCE_KM_MAX:g} km."
        )
    return km


def parse_rating(text: str, what: str, *, optional: bool = False) -> int | None:
    """A 0-10 pain rating for `what` ("pain during"); blank is allowed when `optional`."""
    value = text.strip()
    if not value:
        if optional:
            return None
        raise RunEntryError(f"{what}: please enter a whole number from 0 to 10.")
    try:
        rating = int(value)
    except ValueError:
        raise RunEntryError(f"{what}: {value!r} is not a whole number from 0 to 10.") from None
    if not 0 <= rating <= 10:
        raise RunEntryError(f"{what}: {rating} is outside the scale; enter 0 to 10.")
    return rating


def parse_note(text: str) -> str:
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise RunEntryError(f"note: {len(note)} characters long; keep it to {NOTE_MAX}.")
    return note


_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


def parse_start(text: str, now: dt.datetime, minutes: float) -> dt.datetime:
    """When the run started, in `now`'s zone: "" (it ended just now), "HH:MM" (today),
    "YYYY-MM-DD HH:MM" (or with a T), or "YYYY-MM-DD" (at noon)."""
    value = text.strip()
    if not value:
        return (now - dt.timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    m = _TIME.match(value)
    try:
        if m:
            when = now.replace(hour=int(m[1]), minute=int(m[2]), second=0, microsecond=0)
        else:
            when = dt.datetime.fromisoformat(value.replace(" ", "T", 1))
            if len(value) == 10:
                when = when.replace(hour=12)
            when = when.replace(tzinfo=now.tzinfo) if when.tzinfo is None else when
    except ValueError:
        raise RunEntryError(
            f"start: {value!r} is not a time; enter HH:MM (today), YYYY-MM-DD HH:MM, or leave "
            "it blank for a run that ended just now."
        ) from None
    return when
