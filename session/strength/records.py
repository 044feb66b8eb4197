"""What part 1 keeps: the runner's strength settings, the day's strength prescription, every set.

Designed to sit in a `SessionRecord` beside the hop sets without breaking old files: the record
gains `strength: StrengthPart | None = None` (old files have none, and still load), and its
summary gains `strength: StrengthSummary | None = None`. Datetimes are timezone-aware UTC, as in
`session.records`; loads are in the program's unit (kg in the seed), added to body weight.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Annotated, Literal, Self

from pydantic import AwareDatetime, Field, model_validator

from session.record_parts import Leg, PainChange, SessionStatus, Side, StopPoint, rerated
from session.record_parts import Record as _Record
from session.strength.program import Stance, StrengthExercise

__all__ = ["Side"]  # re-exported: part 1's records name a side as the session's records do
Change = Literal["start", "up", "hold", "down"]

MAX_LOAD = 300.0


class StrengthSettings(_Record):
    """The runner's part-1 choices. Off: only the plyometric ladder, exactly as without part 1."""

    enabled: bool = True
    stances: dict[str, Stance] = Field(
        default_factory=dict, description="Exercise id -> stance, where not the program's default."
    )
    told: bool = Field(
        default=False,
        description="The runner has been told, once, that part 1 is on and can be turned off.",
    )

    def stance_for(self, exercise: StrengthExercise) -> Stance:
        """The runner's stance for `exercise`, if the program offers it; else the default."""
        chosen = self.stances.get(exercise.id)
        return chosen if chosen in exercise.stances else exercise.stance


class TempoUsed(_Record):
    """The seconds each rep's lift and lowering actually took as coached (after any scaling)."""

    lift_seconds: float = Field(gt=0, le=20)
    lower_seconds: float = Field(gt=0, le=20)


class StrengthLeg(_Record):
    side: Side
    reps_done: int = Field(ge=0)
    reps_target: int = Field(ge=0)
    started_at: AwareDatetime
    ended_at: AwareDatetime


class StrengthSet(_Record):
    """One set of one calf raise: both legs together, or each leg in turn; then one pain rating."""

    exercise: str
    stance: Stance
    set_index: int = Field(ge=1, description="1-based: set k of n.")
    sets_total: int = Field(ge=1)
    load_kg: float = Field(ge=0, le=MAX_LOAD, description="Added to body weight.")
    legs: tuple[StrengthLeg, ...] = Field(min_length=1)
    tempo: TempoUsed
    pain: int | None = Field(default=None, ge=0, le=10)
    started_at: AwareDatetime
    ended_at: AwareDatetime
    skipped: bool = Field(default=False, description="Not every prescribed rep was done.")
    pain_changes: tuple[PainChange, ...] = ()
    stopped: StopPoint | None = None

    @model_validator(mode="after")
    def _legs_match_stance(self) -> Self:
        sides = [leg.side for leg in self.legs]
        if self.stance == "both" and sides != ["both"]:
            raise ValueError(f"a both-legs set has one effort with side 'both', not {sides}")
        if self.stance == "single" and ("both" in sides or len(set(sides)) != len(sides)):
            raise ValueError(f"a single-leg set has each leg at most once, not {sides}")
        if self.set_index > self.sets_total:
            raise ValueError(f"set {self.set_index} of {self.sets_total} is past the last set")
        return self

    @property
    def reps_done(self) -> int:
        return sum(leg.reps_done for leg in self.legs)

    @property
    def reps_target(self) -> int:
        return sum(leg.reps_target for leg in self.legs)

    @property
    def all_reps(self) -> bool:
        return not self.skipped and all(leg.reps_done >= leg.reps_target for leg in self.legs)

    def rated(self, pain: int, at: dt.datetime) -> StrengthSet:
        """This set with `pain` as its rating; replacing another rating records the change."""
        return rerated(self, pain, at)


class LoadProposal(_Record):
    """The load proposed for one exercise, how it moved from the last one, and why."""

    exercise: str
    stance: Stance
    load_kg: float = Field(ge=0, le=MAX_LOAD)
    previous_kg: float | None = Field(default=None, ge=0, le=MAX_LOAD)
    change: Change
    steps: int | None = Field(
        description="Whole steps moved from previous_kg (negative: down); None for a start, or "
        "a drop cut short at nothing added."
    )
    reasons: tuple[str, ...] = Field(min_length=1)


class StrengthPrescription(_Record):
    """Today's part 1: the week, its dose, a load for each exercise, and why."""

    week: int = Field(ge=1)
    block: int = Field(ge=0, description="Index into the program's dose blocks.")
    label: str
    sets: int = Field(ge=1)
    reps: int = Field(ge=1)
    loads: tuple[LoadProposal, ...] = Field(min_length=1)
    reasons: tuple[str, ...]
    decided_at: AwareDatetime

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}RM"

    def load_for(self, exercise: str) -> LoadProposal:
        for proposal in self.loads:
            if proposal.exercise == exercise:
                return proposal
        raise KeyError(exercise)


class ExerciseDone(_Record):
    """One exercise in one session: what was lifted, how many reps of how many, the worst pain."""

    exercise: str
    stance: Stance
    sets_done: int = Field(ge=1)
    sets_target: int = Field(ge=1)
    reps_target: int = Field(ge=1, description="The dose's reps per set, of each leg.")
    reps_done: int = Field(ge=0)
    reps_prescribed: int = Field(ge=0, description="For the sets prescribed, every leg.")
    short_sets: int = Field(ge=0, description="Sets done with fewer reps than the target.")
    load_min_kg: float = Field(ge=0)
    load_max_kg: float = Field(ge=0)
    max_pain: int | None = Field(default=None, ge=0, le=10)

    @property
    def all_reps(self) -> bool:
        """Every prescribed set done, each with every rep."""
        return self.sets_done >= self.sets_target and self.short_sets == 0


class StrengthSummary(_Record):
    """Part 1 of one session without its sets: what the load rules, history and charts read."""

    session_id: str
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    status: SessionStatus
    week: int = Field(ge=1)
    block: int = Field(ge=0)
    label: str
    sets: int = Field(ge=1)
    reps: int = Field(ge=1)
    exercises: tuple[ExerciseDone, ...] = ()

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    @property
    def trained(self) -> bool:
        """At least one set was done: the tendon was loaded."""
        return bool(self.exercises)

    @property
    def max_pain(self) -> int | None:
        rated = [e.max_pain for e in self.exercises if e.max_pain is not None]
        return max(rated) if rated else None

    def done(self, exercise: str, stance: Stance) -> ExerciseDone | None:
        for e in self.exercises:
            if e.exercise == exercise and e.stance == stance:
                return e
        return None

    def day(self, tz: dt.tzinfo | None) -> dt.date:
        return self.started_at.astimezone(tz).date()


class StrengthPart(_Record):
    """Part 1 of one session as saved after every set: its prescription, status and sets."""

    prescription: StrengthPrescription
    status: SessionStatus = Field(
        default=SessionStatus.IN_PROGRESS,
        description="Set when part 1 ends: its last set done (completed), or the session "
        "stopped or ended during it.",
    )
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = Field(
        default=None,
        description="When the session holding it ended: the mornings after are read from then.",
    )
    sets: tuple[StrengthSet, ...] = ()
    legs: tuple[Leg, ...] = Field(
        default=("left", "right"), min_length=1, description="Single-leg sets: these, in order."
    )
    loads_kg: dict[str, Annotated[float, Field(ge=0, le=MAX_LOAD)]] = Field(
        default_factory=dict,
        description="Exercise id -> the load the runner chose at the start (kg added), where it "
        "is not the proposal's.",
    )

    def load_for(self, exercise: str) -> float:
        """The load chosen for `exercise`'s sets: the runner's, else the proposal's."""
        chosen = self.loads_kg.get(exercise)
        return chosen if chosen is not None else self.prescription.load_for(exercise).load_kg

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    def summary(self, session_id: str) -> StrengthSummary:
        rx = self.prescription
        grouped: dict[tuple[str, Stance], list[StrengthSet]] = defaultdict(list)
        for s in self.sets:
            grouped[(s.exercise, s.stance)].append(s)
        exercises = tuple(
            _exercise_done(exercise, stance, sets, rx, len(self.legs))
            for (exercise, stance), sets in grouped.items()
        )
        return StrengthSummary(
            session_id=session_id,
            started_at=self.started_at,
            ended_at=self.ended_at,
            status=self.status,
            week=rx.week,
            block=rx.block,
            label=rx.label,
            sets=rx.sets,
            reps=rx.reps,
            exercises=exercises,
        )


def _exercise_done(
    exercise: str,
    stance: Stance,
    sets: list[StrengthSet],
    rx: StrengthPrescription,
    single_legs: int,
) -> ExerciseDone:
    legs = 1 if stance == "both" else single_legs
    rated = [s.pain for s in sets if s.pain is not None]
    loads = [s.load_kg for s in sets]
    return ExerciseDone(
        exercise=exercise,
        stance=stance,
        sets_done=len({s.set_index for s in sets}),
        sets_target=rx.sets,
        reps_target=rx.reps,
        reps_done=sum(s.reps_done for s in sets),
        reps_prescribed=rx.sets * rx.reps * legs,
        # A single-leg set cut off before its last leg is short too.
        short_sets=sum(1 for s in sets if not s.all_reps or len(s.legs) < legs),
        load_min_kg=min(loads),
        load_max_kg=max(loads),
        max_pain=max(rated) if rated else None,
    )
