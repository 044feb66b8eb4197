"""What is kept: the runner's settings, morning check-ins, prescriptions and session records.

These pydantic models are the contract between the engine, the store and the UI. Datetimes are
timezone-aware UTC; store them with `model_dump(mode="json")` and read with `model_validate`.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal, Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

Leg = Literal["left", "right"]
SoreSide = Literal["left", "right", "both"]
TrainLegs = Literal["both", "sore_only"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Settings(_Record):
    """The runner's choices. `sore_side` is None until the first launch has asked."""

    sore_side: SoreSide | None = None
    train: TrainLegs = "both"
    voice_enabled: bool = True
    voice_rate: int = Field(default=170, ge=80, le=320, description="Words per minute.")
    voice_volume: float = Field(default=1.0, ge=0.0, le=1.0)
    voice_id: str | None = None
    cadence_scale: float = Field(
        default=1.0, ge=0.5, le=2.0, description="Multiplies every exercise's seconds per rep."
    )
    kept_cadences: dict[str, Annotated[float, Field(gt=0.3, le=10.0)]] = Field(
        default_factory=dict,
        description="Seconds per rep by exercise id, kept from a session where the runner "
        "changed them (+ and -): the next sessions count at these, within the program's limits.",
    )
    keep_audio_awake: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="Keep the audio output awake between cues, so Bluetooth speakers and "
        "headphones do not swallow the first word after a silence; auto: only while the default "
        "output is Bluetooth.",
    )

    def legs(self) -> tuple[Leg, ...]:
        """The legs to train, in order: the sore side first, then the other (unless sore only)."""
        if self.sore_side == "right":
            return ("right",) if self.train == "sore_only" else ("right", "left")
        if self.sore_side == "left":
            return ("left",) if self.train == "sore_only" else ("left", "right")
        return ("left", "right")


class CheckIn(_Record):
    """A morning check-in: how the Achilles felt on waking on `day`."""

    day: dt.date
    pain: int = Field(ge=0, le=10)
    stiffness_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    note: str = ""
    recorded_at: AwareDatetime
    confirmed: bool = Field(
        default=False,
        description="The runner said which morning it is about, when the time it was entered "
        "left that open (session.checkin.which_morning); else the time decides.",
    )


class Prescription(_Record):
    """What today's session should be, and why, in plain words."""

    step: int = Field(ge=0, description="Index into the program's ladder.")
    circuit: int
    sets: int
    reps: int
    label: str
    exercises: tuple[str, ...]
    reasons: tuple[str, ...]
    earliest_start: AwareDatetime | None = None
    decided_at: AwareDatetime
    flare: bool = False

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}"

    def ready_at(self, when: dt.datetime) -> bool:
        return self.earliest_start is None or when >= self.earliest_start


class LegResult(_Record):
    leg: Leg
    reps_done: int = Field(ge=0)
    reps_target: int = Field(ge=0)
    started_at: AwareDatetime
    ended_at: AwareDatetime


class PainChange(_Record):
    """The runner changed a rating (a slip of the finger, or a second thought): from, to, when."""

    old: int = Field(ge=0, le=10)
    new: int = Field(ge=0, le=10)
    at: AwareDatetime


class StopPoint(_Record):
    """Where the runner stopped the session for pain (the set's exercise and number are the set's
    own): in which phase of the workout, on which leg, after how many of its reps, and when."""

    phase: str = Field(description="The workout phase: reps, countdown, switch_legs, rest, ...")
    leg: Leg | None = Field(description="The leg being trained, or the last one done.")
    rep: int = Field(ge=0, description="Reps of that leg done when it was stopped.")
    at: AwareDatetime


class SetResult(_Record):
    """One set of one exercise: each leg in turn, then one pain rating.

    `pain` is the rating that counts: the last one given. `pain_changes` keeps every change to it,
    in order; `stopped` says where the runner stopped for pain, if they did during or after it.
    """

    exercise: str
    set_index: int = Field(ge=1, description="1-based: set k of n.")
    sets_total: int = Field(ge=1)
    legs: tuple[LegResult, ...]
    pain: int | None = Field(default=None, ge=0, le=10)
    started_at: AwareDatetime
    ended_at: AwareDatetime
    skipped: bool = Field(default=False, description="Not every prescribed rep was done.")
    pain_changes: tuple[PainChange, ...] = ()
    stopped: StopPoint | None = None

    @property
    def reps_done(self) -> int:
        return sum(leg.reps_done for leg in self.legs)

    def rated(self, pain: int, at: dt.datetime) -> SetResult:
        """This set with `pain` as its rating; replacing another rating records the change."""
        if self.pain is None:
            return self.model_copy(update={"pain": pain})
        if self.pain == pain:
            return self
        change = PainChange(old=self.pain, new=pain, at=at)
        return self.model_copy(update={"pain": pain, "pain_changes": (*self.pain_changes, change)})


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED_FOR_PAIN = "stopped_for_pain"
    ENDED_EARLY = "ended_early"


class SessionRecord(_Record):
    """One workout session: what was prescribed and every set done. Updated after every set."""

    id: str
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    status: SessionStatus = SessionStatus.IN_PROGRESS
    prescription: Prescription
    legs: tuple[Leg, ...]
    sets: tuple[SetResult, ...] = ()
    started_early: bool = Field(
        default=False, description="Started before the rest interval was over, deliberately."
    )
    interrupted: bool = Field(
        default=False,
        description="Never finished: the app stopped mid-session and it was closed later.",
    )

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    @property
    def last_set_at(self) -> dt.datetime | None:
        """When the last saved set ended."""
        return self.sets[-1].ended_at if self.sets else None

    @property
    def max_pain(self) -> int | None:
        rated = [s.pain for s in self.sets if s.pain is not None]
        return max(rated) if rated else None

    @property
    def reps_done(self) -> int:
        return sum(s.reps_done for s in self.sets)

    @property
    def reps_prescribed(self) -> int:
        p = self.prescription
        return p.sets * p.reps * len(p.exercises) * len(self.legs)

    @property
    def step(self) -> int:
        return self.prescription.step

    @property
    def label(self) -> str:
        return self.prescription.label

    @property
    def sets_done(self) -> int:
        return len(self.sets)

    def summary(self) -> SessionSummary:
        return SessionSummary(
            id=self.id,
            started_at=self.started_at,
            ended_at=self.ended_at,
            status=self.status,
            step=self.prescription.step,
            circuit=self.prescription.circuit,
            label=self.prescription.label,
            sets=self.prescription.sets,
            reps=self.prescription.reps,
            sets_prescribed=self.prescription.sets * len(self.prescription.exercises),
            sets_done=len(self.sets),
            sets_skipped=sum(1 for s in self.sets if s.skipped),
            reps_done=self.reps_done,
            reps_prescribed=self.reps_prescribed,
            max_pain=self.max_pain,
            started_early=self.started_early,
            interrupted=self.interrupted,
            last_set_at=self.last_set_at,
        )


class SessionSummary(_Record):
    """A session's facts without its sets: what progression, history tables and trends need.

    Small enough to load ten years of them in milliseconds; the full record loads on demand.
    """

    id: str
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    status: SessionStatus
    step: int = Field(ge=0)
    circuit: int
    label: str
    sets: int = Field(ge=0, description="The prescription's sets of each exercise.")
    reps: int = Field(ge=0, description="The prescription's reps per set, of each leg.")
    sets_prescribed: int = Field(ge=0, description="Exercise-sets prescribed (sets x exercises).")
    sets_done: int = Field(ge=0)
    sets_skipped: int = Field(default=0, ge=0)
    reps_done: int = Field(ge=0)
    reps_prescribed: int = Field(ge=0)
    max_pain: int | None = Field(default=None, ge=0, le=10)
    started_early: bool = False
    interrupted: bool = False
    last_set_at: AwareDatetime | None = None

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    @property
    def dose(self) -> str:
        """As the prescription words it: "3 x 15"."""
        return f"{self.sets} x {self.reps}"


class SessionFacts(Protocol):
    """What progression reads of a past session: a full SessionRecord or a SessionSummary."""

    @property
    def started_at(self) -> dt.datetime: ...
    @property
    def ended_at(self) -> dt.datetime | None: ...
    @property
    def status(self) -> SessionStatus: ...
    @property
    def step(self) -> int: ...
    @property
    def max_pain(self) -> int | None: ...
    @property
    def sets_done(self) -> int: ...
    @property
    def finished(self) -> bool: ...
    @property
    def last_set_at(self) -> dt.datetime | None: ...
    @property
    def interrupted(self) -> bool: ...
    @property
    def label(self) -> str: ...
