"""Part 1 as data: pydantic models of the strength file (assets/strength.toml), and its parsing.

Parsing takes text, not a path (reading the file is the caller's job, so this stays pure), and
raises `ProgramError` naming the file, the field and the value, as `session.program` does. Pain
zones are not here: part 1 uses the zones of the main program, so both parts judge pain alike.
"""

from __future__ import annotations

import string
import tomllib
from typing import Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from session.program import Order, ProgramError, _field_path

Part = Literal["strength", "plyometrics"]
Arrangement = Literal["together", "separate"]
Stance = Literal["both", "single"]
"""How a calf raise is done: both legs together, or one leg at a time (each leg in turn)."""

PARTS: tuple[Part, ...] = ("strength", "plyometrics")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Day(_Frozen):
    """How the two parts share the training days."""

    arrangement: Arrangement = "together"
    parts: tuple[Part, ...] = PARTS
    between_parts: float = Field(default=180.0, ge=0, le=1800)

    @field_validator("parts")
    @classmethod
    def _each_part_once(cls, parts: tuple[Part, ...]) -> tuple[Part, ...]:
        if sorted(parts) != sorted(PARTS):
            raise ValueError('name each part exactly once: "strength" and "plyometrics"')
        return parts


class Rules(_Frozen):
    sessions_per_week: int = Field(default=3, ge=1, le=7)
    order: Order = "straight"
    long_break_days: int = Field(default=10, ge=1, le=365)
    restart_after_days: int = Field(default=42, ge=1, le=3650)
    rise_needs_morning: bool = True

    @model_validator(mode="after")
    def _breaks_in_order(self) -> Self:
        if self.restart_after_days <= self.long_break_days:
            raise ValueError(
                f"restart_after_days ({self.restart_after_days}) must be more than "
                f"long_break_days ({self.long_break_days})"
            )
        return self


def _words(words: tuple[str, ...]) -> tuple[str, ...]:
    if any(not w.strip() for w in words):
        raise ValueError("every word must have some text")
    return words


class Tempo(_Frozen):
    """Each rep: lift for `lift_seconds` saying `lift_words`, then lower likewise."""

    lift_seconds: float = Field(default=3.0, ge=0.5, le=10.0)
    lower_seconds: float = Field(default=3.0, ge=0.5, le=10.0)
    lift_words: tuple[str, ...] = Field(default=("up", "two", "three"), min_length=1, max_length=10)
    lower_words: tuple[str, ...] = Field(
        default=("down", "two", "three"), min_length=1, max_length=10
    )

    _lift = field_validator("lift_words")(_words)
    _lower = field_validator("lower_words")(_words)

    @property
    def rep_seconds(self) -> float:
        return self.lift_seconds + self.lower_seconds


class Rest(_Frozen):
    """Seconds of rest after a set."""

    between_sets: float = Field(default=150.0, ge=0, le=900)
    between_exercises: float = Field(default=150.0, ge=0, le=900)
    callouts: tuple[int, ...] = (60, 30, 10, 3, 2, 1)

    @field_validator("callouts")
    @classmethod
    def _positive_and_distinct(cls, callouts: tuple[int, ...]) -> tuple[int, ...]:
        if any(c <= 0 for c in callouts) or len(set(callouts)) != len(callouts):
            raise ValueError("callouts must be distinct whole seconds above 0")
        return tuple(sorted(callouts, reverse=True))


class LoadRules(_Frozen):
    """The load added to body weight: its unit, one step of change, and where it starts."""

    unit: str = Field(default="kg", min_length=1, max_length=10)
    spoken_unit: str = Field(default="kilos", min_length=1, max_length=20)
    step: float = Field(default=2.5, gt=0, le=20)
    start: float = Field(default=0.0, ge=0, le=200)

    def moved(self, load: float, steps: int) -> float:
        """`load` moved by whole `steps` (negative: down), never below nothing added."""
        return max(round(load + steps * self.step, 2), 0.0)


class DoseBlock(_Frozen):
    """Weeks `from_week` to `to_week` (None: for good) of part 1: `sets` x `reps`RM."""

    from_week: int = Field(ge=1)
    to_week: int | None = Field(default=None, ge=1)
    sets: int = Field(ge=1, le=10)
    reps: int = Field(ge=1, le=50)
    label: str = Field(min_length=1)

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}RM"

    def covers(self, week: int) -> bool:
        return self.from_week <= week and (self.to_week is None or week <= self.to_week)


class StrengthExercise(_Frozen):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    muscle: str = Field(min_length=1)
    how_to: str = Field(min_length=1)
    cue: str = Field(min_length=1, description="What the coach says to announce it.")
    stances: tuple[Stance, ...] = Field(default=("both", "single"), min_length=1)
    stance: Stance = "both"

    @model_validator(mode="after")
    def _stance_allowed(self) -> Self:
        if len(set(self.stances)) != len(self.stances):
            raise ValueError(f"stances: {list(self.stances)} names a stance twice")
        if self.stance not in self.stances:
            raise ValueError(f"stance {self.stance!r} is not one of stances {list(self.stances)}")
        return self


PLACEHOLDERS: dict[str, frozenset[str]] = {
    "announce": frozenset({"exercise", "legs", "set", "sets", "reps", "load"}),
    "one_leg": frozenset({"leg"}),
    "load": frozenset({"amount", "unit"}),
    "rest": frozenset({"seconds"}),
    "next_load": frozenset({"exercise", "load"}),
}
"""The {placeholders} each template may use; any other template takes none."""


class Words(_Frozen):
    """What the coach says in part 1. `{placeholders}` are filled in by the engine."""

    announce: str = "{exercise}. {legs}. Set {set} of {sets}: {reps} reps with {load}."
    both_legs: str = "Both legs"
    one_leg: str = "{leg} leg"
    load: str = "{amount} {unit}"
    no_load: str = "no added load"
    rest: str = "Rest, {seconds} seconds."
    next_load: str = "Next set: {exercise}, {load}."
    rm_explained: str = "RM: the heaviest load you can lift that many times with good form."
    pain_note: str = "During calf raises 2 to 3 out of 10 is normal, up to 5 is acceptable."
    part_done: str = "Calf raises done. Next, the hops."
    hops_done: str = "Hops done. Next, the calf raises."
    """Said when the circuit comes first (the program's `parts` order) and part 1 follows."""

    @field_validator("*")
    @classmethod
    def _known_placeholders(cls, text: str, info: ValidationInfo) -> str:
        _check_template(info.field_name or "", text)
        return text


def _check_template(name: str, text: str) -> None:
    allowed = PLACEHOLDERS.get(name, frozenset())
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as exc:
        raise ValueError(f"{exc} in {text!r} (write {{{{ or }}}} for a brace)") from None
    unknown = sorted(used - allowed)
    if unknown:
        can = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
        raise ValueError(f"unknown placeholder {{{unknown[0]}}} in {text!r} (can use: {can})")


class StrengthProgram(_Frozen):
    """Part 1 whole: how it shares the days, its rules, tempo, rest, load, doses and exercises."""

    name: str = Field(min_length=1)
    version: int = 1
    day: Day = Day()
    rules: Rules = Rules()
    tempo: Tempo = Tempo()
    rest: Rest = Rest()
    load: LoadRules = LoadRules()
    doses: tuple[DoseBlock, ...] = Field(min_length=1)
    exercises: tuple[StrengthExercise, ...] = Field(min_length=1)
    words: Words = Words()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [e.id for e in self.exercises]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"exercises: duplicate id {dupes[0]!r}")
        expected = 1
        for n, block in enumerate(self.doses, start=1):
            if block.from_week != expected:
                raise ValueError(
                    f"doses: block {n} starts at week {block.from_week}, but week {expected} "
                    "comes next: the blocks must follow on from week 1 without gaps"
                )
            last = n == len(self.doses)
            if block.to_week is None:
                if not last:
                    raise ValueError(f"doses: block {n} has no to_week; only the last may go on")
                continue
            if last:
                raise ValueError(
                    f"doses: the last block (ending week {block.to_week}) needs no "
                    "to_week: it is the dose that goes on"
                )
            if block.to_week < block.from_week:
                raise ValueError(
                    f"doses: block {n} ends (week {block.to_week}) before it starts "
                    f"(week {block.from_week})"
                )
            expected = block.to_week + 1
        return self

    def block_index(self, week: int) -> int:
        """The index of the dose block that covers `week` (1-based; past the end: the last)."""
        if week < 1:
            raise ValueError(f"week {week}: part 1 weeks count from 1")
        for i, block in enumerate(self.doses):
            if block.covers(week):
                return i
        raise AssertionError("the validated blocks cover every week")  # pragma: no cover

    def exercise(self, exercise_id: str) -> StrengthExercise:
        for e in self.exercises:
            if e.id == exercise_id:
                return e
        raise KeyError(exercise_id)


def parse_strength(text: str, source: str = "strength.toml") -> StrengthProgram:
    """Parse and validate strength-program TOML text; a ProgramError names file, field, value."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(f"{source}: not valid TOML: {exc}") from None
    try:
        return StrengthProgram.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {exc.error_count()} problem(s) in the strength program:"]
        for err in exc.errors():
            where = _field_path(tuple(err["loc"]), data) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] in ("missing", "value_error"):
                lines.append(f"  - {where}: {msg}")
            else:
                lines.append(f"  - {where}: {msg} (got {err.get('input')!r})")
        raise ProgramError("\n".join(lines)) from None
