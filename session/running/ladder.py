"""The graded return to speed: a ladder of steps (strides, short hills, intervals) walked by a fold.

The fold runs over the runs and the mornings in time order. Position -1 is "easy running only";
0..n-1 is the step the runner is on. The rules, in plain words:
- the first step starts with a run of its kind done while the readiness gate is met;
- a run of the current step, with pain during at most `rise_max_pain`, waits for its next morning;
  a morning no worse than usual counts it; `times` counted runs move up one step (the last step
  repeats for as long as the runner likes);
- a flare (any morning worse than usual) steps back one, from the first step to easy running
  only; so does a run with pain above the running limits. The ladder never rises on a flare.
Runs of a step above the current one count for nothing (ahead of the ladder), except their pain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from session.running.mornings import Morning, MorningModel
from session.running.run_rule import flare_words
from session.running.runs import RunRecord
from session.running.speed_program import Ladder, RunningRules

BEFORE = -1
"""The position before the first step: easy running only."""


@dataclass(frozen=True, slots=True)
class Position:
    step: int = BEFORE
    done: int = 0
    """Runs of this step counted so far (each with a settled next morning)."""
    pending: RunRecord | None = None
    """A step run waiting for its next morning."""


@dataclass(frozen=True, slots=True)
class Move:
    """One event of the fold and where it left the ladder."""

    when: dt.datetime
    before: int
    after: int
    flare: bool
    reason: str


@dataclass(frozen=True, slots=True)
class LadderState:
    position: Position
    moves: tuple[Move, ...]
    steps: int

    @property
    def step(self) -> int:
        return self.position.step

    @property
    def started(self) -> bool:
        return self.position.step > BEFORE

    @property
    def reason(self) -> str:
        """Why the ladder stands where it does: the last move that changed it, or said why not."""
        return self.moves[-1].reason if self.moves else "No speed work yet."


def step_name(ladder: Ladder, step: int) -> str:
    return "easy running only" if step == BEFORE else ladder.steps[step].label.lower()


class _Walk:
    """The fold's state and rules; `fold` drives it over the time-ordered events."""

    def __init__(
        self,
        ladder: Ladder,
        rules: RunningRules,
        gate_open: Callable[[dt.datetime], bool],
        tz: dt.tzinfo | None,
    ) -> None:
        self.ladder, self.rules, self.gate_open, self.tz = ladder, rules, gate_open, tz
        self.pos = Position()
        self.moves: list[Move] = []
        self.last_run: RunRecord | None = None
        self.seen_since_run = 0
        """Mornings after `last_run` so far: the first one is "the morning after"."""

    def _move(self, when: dt.datetime, pos: Position, reason: str, flare: bool = False) -> None:
        self.moves.append(Move(when, self.pos.step, pos.step, flare, reason))
        self.pos = pos

    def _back(self, when: dt.datetime, why: str, flare: bool) -> None:
        step = max(self.pos.step - 1, BEFORE)
        if self.pos.step == BEFORE:
            self._move(when, Position(), f"{why}: speed work waits.", flare)
            return
        self._move(
            when,
            Position(step),
            f"{why}: back one step to {step_name(self.ladder, step)}.",
            flare,
        )

    def run(self, r: RunRecord) -> None:
        self.last_run = r
        self.seen_since_run = 0
        words = r.words(self.tz)
        over_after = r.pain_after is not None and r.pain_after > self.rules.pain_after_max
        if r.pain_during > self.rules.pain_during_max or over_after:
            self._back(r.started_at, f"Your {words} hurt {r.worst_pain()}/10", False)
            return
        k = self.ladder.step_of(r.kind)
        if k is None:
            return
        if self.pos.step == BEFORE and k == 0:
            if not self.gate_open(r.started_at):
                self._move(r.started_at, self.pos, f"Your {words} came before the gate was met.")
                return
            self._move(r.started_at, Position(0), f"Gate met: started with your {words}.")
        if k > self.pos.step:
            self._move(
                r.started_at,
                replace(self.pos, pending=None),
                f"Your {words} was ahead of the ladder ({step_name(self.ladder, self.pos.step)}): "
                "it does not count towards moving up.",
            )
        elif k == self.pos.step:
            if r.pain_during <= self.ladder.rise_max_pain:
                self.pos = replace(self.pos, pending=r)
            else:
                self._move(
                    r.started_at,
                    replace(self.pos, pending=None),
                    f"Your {words} hurt {r.pain_during}/10 (acceptable, but above "
                    f"{self.ladder.rise_max_pain}/10): it does not count towards moving up.",
                )

    def morning(self, m: Morning) -> None:
        run = self.last_run
        after_run = run is not None and m.day > run.started_at.astimezone(self.tz).date()
        if m.flare:
            if run is None or not after_run:
                why = f"The morning of {m.day:%a %d %b} was worse than usual ({m.pain}/10)"
            else:
                why = flare_words(m, self.seen_since_run == 0, run.words(self.tz))
            self._back(m.recorded_at, why, True)
        if after_run:
            self.seen_since_run += 1
        if m.flare:
            return
        pending = self.pos.pending
        if pending is None or m.day <= pending.started_at.astimezone(self.tz).date():
            return
        done = self.pos.done + 1
        step = self.pos.step
        label = self.ladder.steps[step].label.lower()
        if done >= self.ladder.times and step + 1 < len(self.ladder.steps):
            nxt = self.ladder.steps[step + 1].label.lower()
            self._move(
                m.recorded_at,
                Position(step + 1),
                f"{self.ladder.times} times {label} with a settled next morning (the last after "
                f"your {pending.words(self.tz)}): moving up to {nxt}.",
            )
            return
        left = self.ladder.times - done
        more = (
            f"{left} more before {self.ladder.steps[step + 1].label.lower()}"
            if step + 1 < len(self.ladder.steps)
            else "the last step: repeat it as you like, still pain-monitored"
        )
        self._move(
            m.recorded_at,
            Position(step, done),
            f"The morning after your {pending.words(self.tz)} was no worse than usual: "
            f"{label} counted {done} time{'s' if done != 1 else ''}, {more}.",
        )


def fold(
    ladder: Ladder,
    rules: RunningRules,
    runs: Sequence[RunRecord],
    mornings: Sequence[Morning],
    gate_open: Callable[[dt.datetime], bool],
    tz: dt.tzinfo | None,
) -> LadderState:
    """Walk the ladder over `runs` and `mornings` (each judged), oldest first."""
    events: list[tuple[dt.datetime, int, RunRecord | Morning]] = [
        (r.started_at, 1, r) for r in runs
    ]
    events += [(m.recorded_at, 0, m) for m in mornings]
    events.sort(key=lambda e: (e[0], e[1]))
    walk = _Walk(ladder, rules, gate_open, tz)
    for _, _, item in events:
        if isinstance(item, RunRecord):
            walk.run(item)
        else:
            walk.morning(item)
    return LadderState(walk.pos, tuple(walk.moves), len(ladder.steps))


def ladder_state(
    ladder: Ladder,
    rules: RunningRules,
    runs: Sequence[RunRecord],
    mornings: MorningModel,
    gate_open: Callable[[dt.datetime], bool],
    now: dt.datetime,
    since: dt.date,
) -> LadderState:
    """The ladder at `now`, from the runs and the mornings from `since` (the local day) on."""
    done = [r for r in runs if r.started_at <= now]
    seen = [m for m in mornings.between(since, now.date()) if m.recorded_at <= now]
    return fold(ladder, rules, done, seen, gate_open, now.tzinfo)
