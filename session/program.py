"""The program as data: pydantic models of the program file, and its parsing with readable errors.

Parsing takes text, not a path: reading the file is the caller's job, so this module stays pure.
"""

from __future__ import annotations

import string
import tomllib
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from session.calming import CalmingMeasure as CalmingMeasure  # the program's one list

Order = Literal["rounds", "straight"]
ExerciseKind = Literal["hops", "tempo"]
"""How an exercise's reps are counted: "hops" say each rep's number on the beat of its cadence;
"tempo" says each second of a slow rep ("up, two, three", "down, two, three")."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Exercise(_Frozen):
    """One single-leg exercise: hops counted on a cadence, or slow reps counted on a tempo."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    how_to: str = Field(min_length=1)
    cue: str = Field(min_length=1, description="What the coach says to announce it.")
    kind: ExerciseKind = "hops"
    cadence: float = Field(gt=0.3, le=10.0, description="Seconds per rep.")
    cadence_min: float | None = Field(default=None, gt=0.3, le=10.0)
    cadence_max: float | None = Field(default=None, gt=0.3, le=10.0)
    tempo_up: int = Field(default=3, ge=1, le=10, description="Tempo: seconds lifting.")
    tempo_down: int = Field(default=3, ge=1, le=10, description="Tempo: seconds lowering.")

    @model_validator(mode="before")
    @classmethod
    def _tempo_cadence(cls, data: Any) -> Any:
        """A tempo rep lasts its seconds up plus its seconds down: that is its cadence."""
        if isinstance(data, dict) and data.get("kind") == "tempo" and "cadence" not in data:
            data = {**data, "cadence": data.get("tempo_up", 3) + data.get("tempo_down", 3)}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.kind == "tempo" and self.cadence != self.tempo_up + self.tempo_down:
            raise ValueError(
                f"cadence: a tempo rep takes tempo_up + tempo_down = "
                f"{self.tempo_up + self.tempo_down} seconds, not {self.cadence}"
            )
        return self


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
    """Durations in seconds (see assets/program.toml for what each one times)."""

    announce_read: float = Field(
        default=3.0, ge=0, description="Least time from the announcement to the countdown."
    )
    announce_gap: float = Field(
        default=0.5, ge=0, description="From the end of the spoken announcement to the countdown."
    )
    announce_max: float = Field(
        default=10.0, ge=0, description="Longest wait for the announcement to be heard."
    )
    get_ready: int = Field(default=3, ge=0, le=10)
    switch_legs: float = Field(default=10.0, ge=0)
    between_exercises: float = Field(default=45.0, ge=0)
    between_rounds: float = Field(default=90.0, ge=0)
    rest_callouts: tuple[int, ...] = (60, 30, 10, 3, 2, 1)
    rest_count_from: int = Field(
        default=5, ge=0, description="Rest callouts this short are said as bare numbers."
    )
    next_up_after: float = Field(
        default=10.0, ge=0, description="'Next: ...' joins the first callout this far in a rest."
    )
    pain_reminder_every: float = Field(default=20.0, gt=0)
    resume_beat: float = Field(
        default=1.5, gt=0, description="Between the words of the lead-in after a pause."
    )
    stop_grace: float = Field(
        default=6.0, ge=0, description="Time to change a rating that stops the session."
    )
    cadence_min: float = Field(default=0.8, gt=0.3, le=10.0)
    cadence_max: float = Field(default=6.0, gt=0.3, le=10.0)
    cadence_step: float = Field(default=0.1, gt=0, le=1.0, description="What + and - change.")

    @model_validator(mode="before")
    @classmethod
    def _old_names(cls, data: Any) -> Any:
        """`announce` (a fixed announcement time in older files) is now the least one."""
        if isinstance(data, dict) and "announce" in data:
            data = dict(data)
            data.setdefault("announce_read", data.pop("announce"))
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.announce_max < self.announce_read:
            raise ValueError(
                f"announce_max ({self.announce_max}) must be at least "
                f"announce_read ({self.announce_read})"
            )
        if self.cadence_min >= self.cadence_max:
            raise ValueError(
                f"cadence_min ({self.cadence_min}) must be below cadence_max ({self.cadence_max})"
            )
        return self


PLACEHOLDERS: dict[str, frozenset[str]] = {
    "announce": frozenset({"exercise", "leg", "set", "sets"}),
    "announce_leg": frozenset({"leg"}),
    "switch_legs": frozenset({"leg"}),
    "rest": frozenset({"seconds"}),
    "rest_left": frozenset({"seconds"}),
    "next_up": frozenset({"exercise", "leg"}),
    "next_up_load": frozenset({"exercise", "leg", "load"}),
    "stop_grace": frozenset({"rating"}),
    "tempo_up": frozenset({"rep"}),
    "tempo_down": frozenset({"rep"}),
}
"""The `{placeholders}` each line of [words] may use; any other is an error in the file."""


class Words(_Frozen):
    """What the coach says. `{placeholders}` are filled in by the engine."""

    announce: str = "{exercise}. {leg} leg. Set {set} of {sets}."
    announce_leg: str = "{leg} leg."
    countdown: tuple[str, ...] = ("three", "two", "one", "go")
    switch_legs: str = "Switch to your {leg} leg."
    rest: str = "Rest, {seconds} seconds."
    rest_left: str = "{seconds} seconds."
    next_up: str = "Next: {exercise}, {leg} leg."
    next_up_load: str = "Next: {exercise}, {leg} leg, {load}."
    pain_question: str = "How is the Achilles? Rate the pain, zero to ten."
    pain_reminder: str = "Rate your Achilles pain, zero to ten, to go on."
    pain_again: str = "Rate the pain again, zero to ten."
    pain_stop: str = "Stopping for pain. Rate the pain, zero to ten."
    stop_grace: str = "{rating}. Press u to change it."
    stop_for_pain: str = "We stop here for today."
    session_done: str = "Session complete. Well done."
    ended_early: str = "Session ended. Every finished set is saved."
    paused: str = "Paused."
    resumed: str = "Go on."
    lead_in: tuple[str, ...] = Field(default=("Ready",), min_length=1)
    tempo_up: tuple[str, ...] = ("up", "two", "three")
    tempo_down: tuple[str, ...] = ("down", "two", "three")

    @model_validator(mode="after")
    def _known_placeholders(self) -> Self:
        for name in type(self).model_fields:
            value = getattr(self, name)
            lines = value if isinstance(value, tuple) else (value,)
            allowed = PLACEHOLDERS.get(name, frozenset())
            for line in lines:
                try:
                    used = {f for _, f, _, _ in string.Formatter().parse(line) if f is not None}
                except ValueError as exc:
                    raise ValueError(f"{name}: {exc} in {line!r}") from None
                unknown = sorted(used - allowed)
                if unknown:
                    known = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
                    raise ValueError(
                        f"{name}: unknown placeholder {{{unknown[0]}}} in {line!r} "
                        f"(this line can use: {known})"
                    )
        return self


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


def _once(ids: list[str], where: str) -> None:
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{where}: duplicate id {dupes[0]!r}")


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
        _once(ids, "exercises")
        _once([m.id for m in self.calming_measures], "calming_measures")
        circuit_ids = {c.id for c in self.circuits}
        for c in self.circuits:
            for ex in c.exercises:
                if ex not in ids:
                    raise ValueError(f"circuits: circuit {c.id} names unknown exercise {ex!r}")
        for e in self.exercises:
            low, high = self.cadence_limits(e.id)
            if e.kind == "hops" and not low <= e.cadence <= high:
                raise ValueError(
                    f"exercises: exercise {e.id!r} has cadence {e.cadence} s per rep, outside its "
                    f"limits {low}-{high} (cadence_min, cadence_max)"
                )
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

    def cadence_limits(self, exercise_id: str) -> tuple[float, float]:
        """The fastest and slowest seconds per rep of an exercise, its own or the program's."""
        e = self.exercise(exercise_id)
        low = e.cadence_min if e.cadence_min is not None else self.timing.cadence_min
        high = e.cadence_max if e.cadence_max is not None else self.timing.cadence_max
        return low, high

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
