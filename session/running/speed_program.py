"""The return-to-speed program as data: models of assets/return_to_speed.toml, checked on load.

Each block keeps its `source`, so Today and the physio report can say where a number comes from.
The calming measures are the program's one list (session.calming.CalmingMeasure), handed in by
the loader; the functional tests' protocols are session.running.protocols'.
"""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from session.program import CalmingMeasure
from session.running.protocols import HeelRaiseProtocol as HeelRaiseProtocol
from session.running.protocols import HopCountProtocol as HopCountProtocol
from session.running.protocols import SideHopProtocol as SideHopProtocol
from session.running.protocols import TestKind as TestKind
from session.running.protocols import Tests as Tests
from session.running.protocols import TrialWords as TrialWords
from session.running.runs import RunKind

SymmetryTest = Literal["heel_raise", "side_hop"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunningRules(_Frozen):
    """Pain limits for a run (Silbernagel's model) and how far a dial-back shortens the next."""

    pain_during_max: int = Field(default=5, ge=0, le=10)
    pain_after_max: int = Field(default=5, ge=0, le=10)
    dial_back_fraction: float = Field(default=0.25, gt=0, lt=1)
    dial_back_min_minutes: int = Field(default=10, ge=1, le=120)
    source: str = ""


class Weaning(_Frozen):
    settled_days: int = Field(default=14, ge=1, le=120)
    between_days: int = Field(default=7, ge=1, le=120)
    checkins_per_week: int = Field(default=3, ge=0, le=7)
    source: str = ""


class CircuitCriterion(_Frozen):
    """The plyometric base: a circuit at a dose for some days, no flare, pain at most so much."""

    circuit: int = Field(ge=1)
    sets: int = Field(ge=1, le=10)
    reps: int = Field(ge=1, le=100)
    days: int = Field(ge=1, le=120)
    min_sessions: int = Field(ge=1, le=100)
    max_pain: int = Field(ge=0, le=10)
    source: str = ""

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}"


class SymmetryCriterion(_Frozen):
    test: SymmetryTest
    min_lsi: float = Field(gt=0, le=100, description="Per cent: sore side over the other side.")
    reference: int | None = Field(
        default=None,
        ge=1,
        le=500,
        description="The sore side's minimum (each side's, when both are sore): two weak sides "
        "are symmetric too.",
    )
    source: str = ""


class HopCriterion(_Frozen):
    pain_free: int = Field(ge=1, le=100)
    source: str = ""


class EasyRunCriterion(_Frozen):
    minutes: int = Field(ge=5, le=300)
    runs: int = Field(ge=1, le=20)
    within_days: int = Field(ge=1, le=120)
    max_pain: int = Field(ge=0, le=10)
    source: str = ""


class Gate(_Frozen):
    """The readiness gate for hills and speed work."""

    tests_valid_days: int = Field(default=28, ge=1, le=365)
    circuit: CircuitCriterion
    symmetry: tuple[SymmetryCriterion, ...] = ()
    hops: HopCriterion
    easy_runs: EasyRunCriterion
    source: str = ""


class LadderStep(_Frozen):
    id: str = Field(min_length=1)
    label: str = Field(min_length=1)
    kinds: tuple[RunKind, ...] = Field(min_length=1, description="Runs that count as this step.")
    how: str = Field(min_length=1)


class Ladder(_Frozen):
    """The graded return: each step `times` times with a settled next morning, then the next."""

    times: int = Field(default=2, ge=1, le=20)
    rise_max_pain: int = Field(default=3, ge=0, le=10)
    steps: tuple[LadderStep, ...] = Field(min_length=1)
    source: str = ""

    @model_validator(mode="after")
    def _kinds_once(self) -> Self:
        seen: dict[RunKind, str] = {}
        for step in self.steps:
            for kind in step.kinds:
                if kind in seen:
                    raise ValueError(
                        f"steps: run kind {kind.value!r} is in both {seen[kind]!r} and {step.id!r}"
                    )
                seen[kind] = step.id
        for kind in (RunKind.EASY, RunKind.LONG):
            if kind in seen:
                raise ValueError(f"steps: {kind.value!r} runs are not speed work, not a step")
        return self

    def step_of(self, kind: RunKind) -> int | None:
        """The index of the step `kind` counts as; None for easy and long runs."""
        for i, step in enumerate(self.steps):
            if kind in step.kinds:
                return i
        return None


class _Item(_Frozen):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    topic: str = Field(min_length=1)
    question: str = Field(min_length=1)


class MinutesItem(_Item):
    """Minutes of stiffness: 0 minutes scores 10, each `minutes_per_point` more scores one less."""

    kind: Literal["minutes"]
    minutes_per_point: int = Field(default=10, ge=1, le=60)

    @property
    def most(self) -> int:
        return 10


class PainItem(_Item):
    """A 0-10 pain rating on the app's scale (0 none); it scores 10 minus the rating."""

    kind: Literal["pain"]

    @property
    def most(self) -> int:
        return 10


class CountItem(_Item):
    kind: Literal["count"]
    max: int = Field(default=10, ge=1, le=100)

    @property
    def most(self) -> int:
        return self.max


class Option(_Frozen):
    text: str = Field(min_length=1)
    points: int = Field(ge=0, le=100)


class ChoiceItem(_Item):
    kind: Literal["choice"]
    options: tuple[Option, ...] = Field(min_length=2)

    @property
    def most(self) -> int:
        return max(o.points for o in self.options)


class GridRow(_Frozen):
    text: str = Field(min_length=1)
    points: tuple[int, ...] = Field(min_length=1)


class GridItem(_Item):
    """Two answers: which row describes the runner, then which column (for how long)."""

    kind: Literal["grid"]
    columns: tuple[str, ...] = Field(min_length=2)
    rows: tuple[GridRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _shape(self) -> Self:
        for n, row in enumerate(self.rows, start=1):
            if len(row.points) != len(self.columns):
                raise ValueError(
                    f"rows[{n}] has {len(row.points)} points for {len(self.columns)} columns"
                )
        return self

    @property
    def most(self) -> int:
        return max(max(r.points) for r in self.rows)


Item = Annotated[
    MinutesItem | PainItem | CountItem | ChoiceItem | GridItem, Field(discriminator="kind")
]


class Outcome(_Frozen):
    """The VISA-A-based questionnaire: items whose best answers add up to 100."""

    label: str = Field(min_length=1)
    every_days: int = Field(default=14, ge=1, le=365)
    overdue_days: int = Field(default=28, ge=1, le=365)
    recovered: int = Field(default=90, ge=0, le=100)
    important_change: int = Field(default=14, ge=1, le=100)
    important_change_weeks: int = Field(default=12, ge=1, le=104)
    items: tuple[Item, ...] = Field(min_length=1)
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        ids = [i.id for i in self.items]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"items: duplicate id {dupes[0]!r}")
        total = sum(i.most for i in self.items)
        if total != 100:
            raise ValueError(f"items: the best answers add up to {total}, not 100")
        if self.overdue_days < self.every_days:
            raise ValueError(
                f"overdue_days ({self.overdue_days}) is before every_days ({self.every_days})"
            )
        return self


class SpeedProgram(_Frozen):
    """The whole return-to-speed part of the program."""

    name: str
    version: int = 1
    running: RunningRules = RunningRules()
    weaning: Weaning = Weaning()
    calming_measures: tuple[CalmingMeasure, ...] = ()
    """The program's list (program.toml), given by the loader: never in this file."""
    gate: Gate
    ladder: Ladder
    tests: Tests
    outcome: Outcome

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        tests = [s.test for s in self.gate.symmetry]
        twice = sorted({t for t in tests if tests.count(t) > 1})
        if twice:
            raise ValueError(f"gate.symmetry: test {twice[0]!r} is listed twice")
        return self

    def measure(self, measure_id: str) -> CalmingMeasure:
        for m in self.calming_measures:
            if m.id == measure_id:
                return m
        raise KeyError(measure_id)

    def measure_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.calming_measures)
