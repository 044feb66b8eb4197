"""What the test screen shows of a trial at a moment: pure and testable, like session.view.

The phase table (session.workout.functional_phases) and, during the active part, the kind's row
(functional_kinds) say what the big counter holds and the words over it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from session.running.functional import FunctionalResult
from session.running.speed_program import TestKind
from session.workout.functional_kinds import kind_of
from session.workout.functional_phases import TRIAL_PHASES
from session.workout.functional_state import Ending, TrialPhase, TrialState
from session.workout.phases import Big


@dataclass(frozen=True, slots=True)
class TrialView:
    phase: TrialPhase
    kind: TestKind
    test: str
    how: str
    leg: str
    leg_number: int
    legs: int
    label: str
    big: Big
    number: int
    """The number last said aloud: a raise, a hop."""
    remaining: float | None
    duration: float | None
    counts: tuple[tuple[str, int], ...]
    awaiting_count: bool
    most: int
    paused: bool
    any_key: bool
    """Any key stops the count now (the heel raises' active part)."""
    ending: Ending | None
    result: FunctionalResult | None

    @property
    def remaining_whole(self) -> int:
        return 0 if self.remaining is None else max(0, math.ceil(self.remaining - 1e-9))

    @property
    def big_count(self) -> str:
        match self.big:
            case Big.REP:
                return str(self.number)
            case Big.CLOCK:
                secs = self.remaining_whole
                return f"{secs // 60}:{secs % 60:02d}"
            case Big.ASK:
                return "?"
            case Big.NOTHING:
                return ""

    @property
    def progress(self) -> float:
        if self.remaining is None or not self.duration:
            return 1.0 if self.phase is TrialPhase.FINISHED else 0.0
        return min(1.0, max(0.0, 1 - self.remaining / self.duration))


def trial_view(state: TrialState, now: float) -> TrialView:
    run = state.run
    row = TRIAL_PHASES[state.phase]
    label, big = row.label, row.big
    if state.phase is TrialPhase.ACTIVE:
        kind = kind_of(state)
        label, big = kind.label.format(hops=run.tests.hop_count.hops), kind.big
    at = state.paused_at if state.paused_at is not None else now
    remaining = duration = None
    if big is Big.CLOCK and state.deadline is not None:
        remaining = max(0.0, state.deadline - at)
        duration = state.deadline - state.phase_start
    shown = run.legs[state.leg_pos + 1] if state.phase is TrialPhase.SWITCH_LEGS else state.leg
    protocol = run.tests.protocol(run.kind)
    return TrialView(
        phase=state.phase,
        kind=run.kind,
        test=protocol.name,
        how=protocol.how,
        leg=shown,
        leg_number=state.leg_pos + (2 if state.phase is TrialPhase.SWITCH_LEGS else 1),
        legs=len(run.legs),
        label=label,
        big=big,
        number=state.said,
        remaining=remaining,
        duration=duration,
        counts=tuple(state.counts),
        awaiting_count=state.awaiting_count,
        most=state.most,
        paused=state.paused,
        any_key=state.phase is TrialPhase.ACTIVE and kind_of(state).key is not None,
        ending=state.ending,
        result=state.result,
    )
