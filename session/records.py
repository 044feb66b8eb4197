"""What is kept: the runner's settings, morning check-ins, prescriptions and session records.

These pydantic models are the contract between the engine, the store and the UI. Datetimes are
timezone-aware UTC; store them with `model_dump(mode="json")` and read with `model_validate`.

What every record holds is checked here, on every read, cheaply (in pydantic's core, no Python
per field): every moment and day lies in `EARLIEST`..`LATEST`, numbers are finite and bounded,
text has no control characters (a terminal escape in a label would reach the runner's terminal)
and a bounded length. How records relate to each other, to the present and to the program (time
order, no future, known exercises) is checked when records come from outside: `session.plausible`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Protocol

from pydantic import Field, model_validator

from session.clicker import ClickerMapping
from session.record_parts import (
    EARLIEST,
    LATEST,
    PLAIN,
    Day,
    Leg,
    Line,
    Moment,
    Name,
    PainChange,
    SessionStatus,
    Side,
    StopPoint,
    rerated,
)
from session.record_parts import Record as _Record
from session.strength.program import Part
from session.strength.records import StrengthPart, StrengthSet, StrengthSettings, StrengthSummary

__all__ = [
    "EARLIEST",
    "LATEST",
    "PLAIN",
    "CheckIn",
    "Day",
    "DoneSet",
    "Leg",
    "LegResult",
    "Line",
    "Moment",
    "Name",
    "PainChange",
    "Part",
    "Prescription",
    "SessionFacts",
    "SessionRecord",
    "SessionStatus",
    "SessionSummary",
    "SetResult",
    "Settings",
    "Side",
    "SoreSide",
    "StopPoint",
    "TrainLegs",
]

SoreSide = Literal["left", "right", "both"]
TrainLegs = Literal["both", "sore_only"]
HOPS_ONLY: tuple[Part, ...] = ("plyometrics",)
"""The parts of a session saved before part 1 existed, or with part 1 off."""


class Settings(_Record):
    """The runner's choices. `sore_side` is None until the first launch has asked."""

    sore_side: SoreSide | None = None
    train: TrainLegs = "both"
    voice_enabled: bool = True
    voice_rate: int = Field(default=170, ge=80, le=320, description="Words per minute.")
    voice_volume: float = Field(default=1.0, ge=0.0, le=1.0)
    voice_id: Line | None = None
    cadence_scale: float = Field(
        default=1.0, ge=0.5, le=2.0, description="Multiplies every exercise's seconds per rep."
    )
    kept_cadences: dict[str, Annotated[float, Field(gt=0.3, le=10.0)]] = Field(
        default_factory=dict,
        description="Seconds per rep by exercise id, kept from a session where the runner "
        "changed them (+ and -): the next sessions count at these, within the program's limits.",
    )
    strength: StrengthSettings = Field(
        default_factory=StrengthSettings,
        description="Part 1, the calf raises: on or off, and the stance of each exercise.",
    )
    keep_audio_awake: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="Keep the audio output awake between cues, so Bluetooth speakers and "
        "headphones do not swallow the first word after a silence; auto: only while the default "
        "output is Bluetooth.",
    )
    clicker: ClickerMapping | None = Field(
        default=None,
        description="The runner's remote (a presentation clicker, page turner, foot pedal or "
        "headset buttons): its keys and what each does; None: no remote, the keyboard only.",
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

    day: Day
    pain: int = Field(ge=0, le=10)
    stiffness_minutes: int | None = Field(default=None, ge=0, le=24 * 60)
    note: Line = ""
    recorded_at: Moment
    confirmed: bool = Field(
        default=False,
        description="The runner said which morning it is about, when the time it was entered "
        "left that open (session.checkin.which_morning); else the time decides.",
    )


class Prescription(_Record):
    """What today's session should be, and why, in plain words."""

    step: int = Field(ge=0, le=1000, description="Index into the program's ladder.")
    circuit: int = Field(ge=0, le=1000)
    sets: int = Field(ge=0, le=100)
    reps: int = Field(ge=0, le=1000)
    label: Name
    exercises: tuple[Name, ...] = Field(max_length=100)
    reasons: tuple[Line, ...] = Field(max_length=100)
    earliest_start: Moment | None = None
    decided_at: Moment
    flare: bool = False

    @property
    def dose(self) -> str:
        return f"{self.sets} x {self.reps}"

    def ready_at(self, when: dt.datetime) -> bool:
        return self.earliest_start is None or when >= self.earliest_start


class LegResult(_Record):
    leg: Leg
    reps_done: int = Field(ge=0, le=10_000)
    reps_target: int = Field(ge=0, le=10_000)
    started_at: Moment
    ended_at: Moment


class SetResult(_Record):
    """One set of one exercise: each leg in turn, then one pain rating.

    `pain` is the rating that counts: the last one given. `pain_changes` keeps every change to it,
    in order; `stopped` says where the runner stopped for pain, if they did during or after it.
    """

    exercise: Name
    set_index: int = Field(ge=1, le=100, description="1-based: set k of n.")
    sets_total: int = Field(ge=1, le=100)
    legs: tuple[LegResult, ...] = Field(max_length=2)
    pain: int | None = Field(default=None, ge=0, le=10)
    started_at: Moment
    ended_at: Moment
    skipped: bool = Field(default=False, description="Not every prescribed rep was done.")
    pain_changes: tuple[PainChange, ...] = Field(default=(), max_length=1000)
    stopped: StopPoint | None = None

    @property
    def reps_done(self) -> int:
        return sum(leg.reps_done for leg in self.legs)

    def rated(self, pain: int, at: dt.datetime) -> SetResult:
        """This set with `pain` as its rating; replacing another rating records the change."""
        return rerated(self, pain, at)


class SessionRecord(_Record):
    """One workout session: what was prescribed and every set done. Updated after every set.

    `parts` are the parts it holds, in order: the plyometric circuit alone (every session saved
    before part 1, or with part 1 off), both (part 1, the calf raises, in `strength`, first), or
    part 1 alone (the program's "separate" days). `prescription` is the circuit's dose of that
    day, kept also when the session holds no hops (it is then not done, and the ladder skips it).
    """

    id: Name
    started_at: Moment
    ended_at: Moment | None = None
    status: SessionStatus = SessionStatus.IN_PROGRESS
    prescription: Prescription
    legs: tuple[Leg, ...] = Field(min_length=1, max_length=2)
    sets: tuple[SetResult, ...] = Field(
        default=(), max_length=10_000, description="The plyometric sets (part 2)."
    )
    started_early: bool = Field(
        default=False, description="Started before the rest interval was over, deliberately."
    )
    interrupted: bool = Field(
        default=False,
        description="Never finished: the app stopped mid-session and it was closed later.",
    )
    parts: tuple[Part, ...] = Field(default=HOPS_ONLY, min_length=1)
    strength: StrengthPart | None = Field(
        default=None, description="Part 1, the calf raises, when the session holds it."
    )

    @model_validator(mode="after")
    def _parts_match(self) -> SessionRecord:
        if len(set(self.parts)) != len(self.parts):
            raise ValueError(f"parts {list(self.parts)} names a part twice")
        if ("strength" in self.parts) != (self.strength is not None):
            raise ValueError("a session holds part 1's record exactly when its parts name it")
        if self.sets and not self.holds_hops:
            raise ValueError("plyometric sets in a session whose parts do not hold them")
        return self

    @property
    def holds_hops(self) -> bool:
        """The plyometric circuit is (or was to be) done in this session."""
        return "plyometrics" in self.parts

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    @property
    def strength_sets(self) -> tuple[StrengthSet, ...]:
        return self.strength.sets if self.strength is not None else ()

    @property
    def all_sets(self) -> tuple[DoneSet, ...]:
        """Every set done, part 1's first."""
        return (*self.strength_sets, *self.sets)

    @property
    def last_set_at(self) -> dt.datetime | None:
        """When the last saved set (of either part) ended."""
        ends = [s[-1].ended_at for s in (self.sets, self.strength_sets) if s]
        return max(ends) if ends else None

    @property
    def max_pain(self) -> int | None:
        """The highest rating of either part: the day's load is judged whole."""
        rated = [s.pain for s in self.all_sets if s.pain is not None]
        return max(rated) if rated else None

    @property
    def reps_done(self) -> int:
        """Hops done (part 1's reps are in its own summary)."""
        return sum(s.reps_done for s in self.sets)

    @property
    def reps_prescribed(self) -> int:
        if not self.holds_hops:
            return 0
        p = self.prescription
        return p.sets * p.reps * len(p.exercises) * len(self.legs)

    @property
    def step(self) -> int:
        return self.prescription.step

    @property
    def label(self) -> str:
        if not self.holds_hops and self.strength is not None:
            return f"Part 1: {self.strength.prescription.label}"
        return self.prescription.label

    @property
    def sets_done(self) -> int:
        """Sets done of either part: any of them loaded the tendon."""
        return len(self.sets) + len(self.strength_sets)

    @property
    def sets_prescribed(self) -> int:
        """Exercise-sets prescribed, of either part."""
        p = self.prescription
        hops = p.sets * len(p.exercises) if self.holds_hops else 0
        part1 = self.strength.prescription if self.strength is not None else None
        return hops + (part1.sets * len(part1.loads) if part1 is not None else 0)

    def summary(self) -> SessionSummary:
        p = self.prescription
        part1 = self.strength.prescription if self.strength is not None else None
        sets, reps = (
            (p.sets, p.reps) if self.holds_hops or part1 is None else (part1.sets, part1.reps)
        )
        return SessionSummary(
            id=self.id,
            started_at=self.started_at,
            ended_at=self.ended_at,
            status=self.status,
            step=p.step,
            circuit=p.circuit,
            label=self.label,
            sets=sets,
            reps=reps,
            sets_prescribed=self.sets_prescribed,
            sets_done=self.sets_done,
            sets_skipped=sum(1 for s in self.all_sets if s.skipped),
            reps_done=self.reps_done,
            reps_prescribed=self.reps_prescribed,
            max_pain=self.max_pain,
            started_early=self.started_early,
            interrupted=self.interrupted,
            last_set_at=self.last_set_at,
            parts=self.parts,
            strength=None if self.strength is None else self.strength.summary(self.id),
        )


DoneSet = SetResult | StrengthSet
"""A set done, of either part."""


class SessionSummary(_Record):
    """A session's facts without its sets: what progression, history tables and trends need.

    Small enough to load ten years of them in milliseconds; the full record loads on demand.
    """

    id: Name
    started_at: Moment
    ended_at: Moment | None = None
    status: SessionStatus
    step: int = Field(ge=0)
    circuit: int
    label: Name
    sets: int = Field(ge=0, description="The prescription's sets of each exercise.")
    reps: int = Field(ge=0, description="The prescription's reps per set, of each leg.")
    sets_prescribed: int = Field(
        ge=0, description="Exercise-sets prescribed (sets x exercises), of either part."
    )
    sets_done: int = Field(ge=0, description="Sets done, of either part.")
    sets_skipped: int = Field(default=0, ge=0)
    reps_done: int = Field(ge=0)
    reps_prescribed: int = Field(ge=0)
    max_pain: int | None = Field(default=None, ge=0, le=10)
    started_early: bool = False
    interrupted: bool = False
    last_set_at: Moment | None = None
    parts: tuple[Part, ...] = HOPS_ONLY
    strength: StrengthSummary | None = None
    """Part 1 of the session, when it held part 1."""

    @property
    def finished(self) -> bool:
        return self.status is not SessionStatus.IN_PROGRESS

    @property
    def holds_hops(self) -> bool:
        return "plyometrics" in self.parts

    @property
    def hop_sets_done(self) -> int:
        """Plyometric sets done (`sets_done` counts both parts)."""
        part1 = self.strength
        return self.sets_done - (sum(e.sets_done for e in part1.exercises) if part1 else 0)

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
