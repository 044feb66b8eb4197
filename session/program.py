"""The program as data: pydantic models of the program file, and its parsing with readable errors.

Parsing takes text, not a path: reading the file is the caller's job, so this module stays pure.
"""

from __future__ import annotations

import string
import tomllib
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Order = Literal["rounds", "straight"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Exercise(_Frozen):
    """One single-leg plyometric exercise."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    how_to: str = Field(min_length=1)
    cue: str = Field(min_length=1, description="What the coach says to announce it.")
    cadence: float = Field(gt=0.3, le=10.0, description="Seconds per rep.")


class Circuit(_Frozen):
    """Three exercises done together, in rounds or straight sets."""

    id: int = Field(ge=1)
    name: str
    exercises: tuple[str, ...] = Field(min_length=1)


class LadderStep(_Frozen):
    """One step of the dose ladder: which circuit, how many sets of how many reps (per leg)."""

    circuit: int = Field(ge=1)
    sets: int = Field(ge=1, le=10)
    reps: int = Field(ge=1, le=100)
    label: str

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}"


class PainZone(_Frozen):
    """A band of the 0-10 pain scale and what the coach says and does about it."""

    id: str
    low: int = Field(ge=0, le=10)
    high: int = Field(ge=0, le=10)
    label: str
    advice: str
    stops: bool = False
    see_clinician: bool = Field(
        default=False,
        description="Pain this high, during a session or on a morning, also says to get it "
        "checked by a physio or doctor if it does not settle.",
    )


class Rules(_Frozen):
    min_rest_hours: float = Field(default=24.0, ge=0)
    long_break_days: float = Field(default=10.0, gt=0)
    morning_normal_window: int = Field(default=7, ge=1)
    order: Order = "rounds"
    # How a morning check-in is read against the runner's usual (session.morning).
    flare_margin: float = Field(
        default=0.0,
        ge=0,
        le=10,
        description="A morning is a flare when its pain is more than this many points above "
        "the usual (0: any morning greater than usual, the program's rule).",
    )
    stiffness_margin_minutes: float = Field(
        default=5.0,
        ge=0,
        description="A morning is a flare when its stiffness is more than this many minutes "
        "longer than the usual stiffness.",
    )
    far_above: float = Field(
        default=3.0,
        gt=0,
        le=10,
        description="Points above the usual from which a morning is far above it.",
    )
    night_ends_hour: int = Field(
        default=4,
        ge=0,
        le=12,
        description="An entry before this local hour is made at night: which morning it is "
        "about is asked.",
    )


class Timing(_Frozen):
    """Durations in seconds."""

    announce: float = Field(default=3.0, ge=0)
    get_ready: int = Field(default=3, ge=0, le=10)
    switch_legs: float = Field(default=10.0, ge=0)
    between_exercises: float = Field(default=45.0, ge=0)
    between_rounds: float = Field(default=90.0, ge=0)
    rest_callouts: tuple[int, ...] = (60, 30, 10, 3, 2, 1)
    pain_reminder_every: float = Field(default=20.0, gt=0)


class Words(_Frozen):
    """What the coach says. `{placeholders}` are filled in by the engine."""

    announce: str = "{exercise}. {leg} leg. Set {set} of {sets}."
    announce_leg: str = "{leg} leg."
    countdown: tuple[str, ...] = ("three", "two", "one", "go")
    switch_legs: str = "Switch legs."
    rest: str = "Rest, {seconds} seconds."
    rest_left: str = "{seconds} seconds."
    next_up: str = "Next: {exercise}, {leg} leg."
    pain_question: str = "How is the Achilles? Rate the pain, zero to ten."
    pain_reminder: str = "Rate your Achilles pain, zero to ten, to go on."
    stop_for_pain: str = "We stop here for today."
    session_done: str = "Session complete. Well done."
    ended_early: str = "Session ended. Every finished set is saved."
    paused: str = "Paused."
    resumed: str = "Go on."


class CalmingMeasure(_Frozen):
    text: str


MORNING_PLACEHOLDERS = frozenset({"pain", "usual", "rise", "stiffness", "usual_stiffness"})


class MorningWords(_Frozen):
    """What a morning check-in says, by how the morning compares with the runner's usual.

    `{pain}`, `{usual}`, `{rise}` (points above usual), `{stiffness}` and `{usual_stiffness}`
    (minutes) are filled in. The sentence about the next session is composed from the dose
    itself (session.checkin), so it is always true of it.
    """

    first: str = (
        "Morning pain {pain}/10. This first check-in sets your usual; later mornings are "
        "compared with the median of your recent ones."
    )
    calm: str = "Morning pain {pain}/10: no worse than your usual ({usual}/10)."
    above: str = (
        "Morning pain {pain}/10 is a little above your usual ({usual}/10): the last load was a "
        "bit much for the tendon. That happens during rehab; dial it back calmly."
    )
    far_above: str = (
        "Morning pain {pain}/10 is far above your usual ({usual}/10). That is too much for the "
        "tendon: scale back and go gently."
    )
    stiffer: str = (
        "Morning stiffness lasted {stiffness} minutes, longer than your usual "
        "({usual_stiffness} minutes): the tendon is reacting to the load."
    )
    stop_zone: str = (
        "{pain}/10 on waking is in the too-much zone: keep the load down until mornings settle."
    )
    see_clinician: str = (
        "If it does not settle over the next few days, get it checked by a physio or doctor."
    )

    @model_validator(mode="after")
    def _placeholders(self) -> Self:
        for name, text in self:
            try:
                used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            except ValueError as exc:
                raise ValueError(f"{name}: {exc} in {text!r}") from None
            unknown = sorted(used - MORNING_PLACEHOLDERS)
            if unknown:
                allowed = ", ".join(f"{{{p}}}" for p in sorted(MORNING_PLACEHOLDERS))
                raise ValueError(f"{name}: unknown placeholder {{{unknown[0]}}} (use {allowed})")
        return self


class RedFlags(_Frozen):
    """Signs that are not for the program to handle: stop and see a clinician."""

    heading: str = "Stop and see a physio or doctor if you notice any of these:"
    signs: tuple[str, ...] = ()
    spoken: str = Field(
        default="",
        description="One short sentence the coach can say aloud, e.g. when pain is reported.",
    )


class Program(_Frozen):
    """The whole program: exercises, circuits, the dose ladder, pain zones, timing and words."""

    name: str
    version: int = 1
    rules: Rules = Rules()
    timing: Timing = Timing()
    ladder: tuple[LadderStep, ...] = Field(min_length=1)
    pain_zones: tuple[PainZone, ...] = Field(min_length=1)
    circuits: tuple[Circuit, ...] = Field(min_length=1)
    exercises: tuple[Exercise, ...] = Field(min_length=1)
    words: Words = Words()
    calming_measures: tuple[CalmingMeasure, ...] = ()
    morning_words: MorningWords = MorningWords()
    red_flags: RedFlags = RedFlags()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [e.id for e in self.exercises]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"exercises: duplicate id {dupes[0]!r}")
        circuit_ids = {c.id for c in self.circuits}
        for c in self.circuits:
            for ex in c.exercises:
                if ex not in ids:
                    raise ValueError(f"circuits: circuit {c.id} names unknown exercise {ex!r}")
        for n, step in enumerate(self.ladder, start=1):
            if step.circuit not in circuit_ids:
                raise ValueError(f"ladder: step {n} names unknown circuit {step.circuit}")
        covered: list[int] = []
        for z in self.pain_zones:
            if z.low > z.high:
                raise ValueError(f"pain_zones: zone {z.id!r} has low {z.low} above high {z.high}")
            covered.extend(range(z.low, z.high + 1))
        if sorted(covered) != list(range(11)):
            missing = [str(r) for r in range(11) if r not in covered]
            twice = [str(r) for r in range(11) if covered.count(r) > 1]
            found = "; ".join(
                f"{what}: {', '.join(values)}"
                for what, values in (("not covered", missing), ("covered twice", twice))
                if values
            )
            raise ValueError(
                f"pain_zones: the zones must cover 0 to 10, each rating exactly once ({found})"
            )
        return self

    def exercise(self, exercise_id: str) -> Exercise:
        for e in self.exercises:
            if e.id == exercise_id:
                return e
        raise KeyError(exercise_id)

    def circuit(self, circuit_id: int) -> Circuit:
        for c in self.circuits:
            if c.id == circuit_id:
                return c
        raise KeyError(circuit_id)

    def zone_for(self, pain: int) -> PainZone:
        for z in self.pain_zones:
            if z.low <= pain <= z.high:
                return z
        raise ValueError(f"pain {pain} is outside 0-10")

    @property
    def clinician_threshold(self) -> int:
        """The lowest rating that also says to get it checked (8 in the seed program)."""
        return min((z.low for z in self.pain_zones if z.see_clinician), default=11)

    @property
    def stop_threshold(self) -> int:
        """The lowest rating that stops the loading (6 in the seed program)."""
        return min((z.low for z in self.pain_zones if z.stops), default=11)


class ProgramError(ValueError):
    """A program file that cannot be used; the message names the file, the field and the value."""


def _field_path(loc: tuple[int | str, ...], data: object) -> str:
    """Turn pydantic's location into `exercises[2] (id 'hop_up').cadence`, so a physio finds it."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item + 1}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and "id" in node:
                    label += f" (id {node['id']!r})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + item)
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts)


def parse_program(text: str, source: str = "program.toml") -> Program:
    """Parse and validate program TOML text. Raises ProgramError with a readable message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(f"{source}: not valid TOML: {exc}") from None
    try:
        return Program.model_validate(data)
    except ValidationError as exc:
        lines = [f"{source}: {exc.error_count()} problem(s) in the program:"]
        for err in exc.errors():
            where = _field_path(tuple(err["loc"]), data) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] in ("missing", "value_error"):
                lines.append(f"  - {where}: {msg}")
            else:
                lines.append(f"  - {where}: {msg} (got {err.get('input')!r})")
        raise ProgramError("\n".join(lines)) from None
