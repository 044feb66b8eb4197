"""A trial: one functional test (heel raises, ten hops, side hops) coached by voice; its state.

The test runs on the same principles as the workout (session.engine): a pure state machine fed
events with the caller's monotonic time, phases as a table (`functional_phases`), every time an
absolute deadline, each cue with the window in which it is true on screen. It walks each leg in
turn, the sore side first: announce, the program's get-ready countdown, the kind's active part
(`functional_kinds`: a metronome, counted hops, or a timed window), then the runner's count
where the kind asks for one, and switch legs. At the end the result is handed out to be saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from session.effects import Say
from session.events import CueEnded, EndEarly, Pause, Resume, Skip, StopForPain, Tick
from session.program import Program
from session.records import Leg
from session.running.functional import FunctionalResult
from session.running.speed_program import TestKind, Tests


class TrialPhase(StrEnum):
    ANNOUNCE = "announce"
    """The test and leg are said; the countdown starts once that has been heard."""
    COUNTDOWN = "countdown"
    ACTIVE = "active"
    """The kind's own part: raises to the beat, hops counted, or the timed window."""
    COUNT = "count"
    """The leg is done: its count is asked (pain-free hops, side hops)."""
    SWITCH_LEGS = "switch_legs"
    FINISHED = "finished"


Ending = Literal["done", "stopped_for_pain", "ended_early"]


@dataclass(frozen=True, slots=True)
class Trial:
    """What stays fixed during a test: the protocols, the program's timing and words, the legs."""

    kind: TestKind
    tests: Tests
    program: Program
    """The program's timing (announce, countdown, switch legs) and words (countdown, switch)."""
    legs: tuple[Leg, ...]
    sore: Leg | None
    """The sore side, when one side is sore: the symmetry is said at the end."""
    clock_origin: float
    wall_origin: dt.datetime

    def wall(self, t: float) -> dt.datetime:
        """The UTC moment of engine time `t`."""
        return self.wall_origin + dt.timedelta(seconds=t - self.clock_origin)


@dataclass(frozen=True, slots=True)
class TrialState:
    """Where the test is.

    `count` is what the active part has counted on this leg: raises completed to the beat, hops
    said. `sub_beat` is the next sub-cue: a countdown word, a metronome beat, a call-out.
    `counts` holds each leg done with its count, in order.
    """

    run: Trial
    phase: TrialPhase
    leg_pos: int
    phase_start: float
    deadline: float | None = None
    next_at: float | None = None
    sub_beat: int = 0
    count: int = 0
    said: int = 0
    """The number last said aloud on this leg (a raise's up beat, a hop): what the screen shows."""
    counts: tuple[tuple[Leg, int], ...] = ()
    paused_at: float | None = None
    listening_for: str | None = None
    ending: Ending | None = None
    result: FunctionalResult | None = None
    """Once finished: what was saved (None when no leg was finished)."""

    @property
    def leg(self) -> Leg:
        return self.run.legs[self.leg_pos]

    @property
    def finished(self) -> bool:
        return self.phase is TrialPhase.FINISHED

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    @property
    def awaiting_count(self) -> bool:
        return self.phase is TrialPhase.COUNT

    @property
    def most(self) -> int:
        """The highest count this test's leg may hold."""
        return self.run.tests.most(self.run.kind)


@dataclass(frozen=True, slots=True)
class SaveResult:
    """The test is over: save its result."""

    result: FunctionalResult


TrialEffect = Say | SaveResult


@dataclass(frozen=True, slots=True)
class EnterCount:
    """The runner's count for the leg just done: pain-free hops, or side hops."""

    count: int


TrialEvent = Tick | Pause | Resume | Skip | StopForPain | EndEarly | CueEnded | EnterCount


@dataclass(frozen=True, slots=True)
class TrialOutcome:
    """What a handler did: the new state, what to say and save, the phase to enter next."""

    state: TrialState
    effects: tuple[TrialEffect, ...] = ()
    then: TrialPhase | None = None


TrialStep = tuple[TrialState, list[TrialEffect]]
