"""The two parts in one plan: what the next session holds (part 1's calf raises, the circuit, or
both), the circuit's dose and part 1's, from the sessions and the check-ins. Pure.

- The day plan (`session.strength.day.plan_day`) reads every finished session and which parts
  had a set done.
- The ladder (`session.progression`) reads only the sessions that held the circuit, so a
  calf-raise-only day (the program's "separate" days) never moves it; with part 1 off every
  session holds the circuit, and the ladder is exactly what it was without part 1. A combined
  session that stopped for pain during its calf raises held the circuit too: the ladder steps
  back for it, as the rules do for any stop (the day's load is judged whole; conservative).
- Part 1's loads read its own past sessions and the one morning model's verdict on the mornings
  after each session (`session.strength.mornings.verdicts`), so a flare holds back both parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import read_mornings
from session.program import Program
from session.progression import counts_for_rules, prescribe
from session.records import CheckIn, Part, Prescription, SessionSummary, Settings
from session.strength.day import DayPlan, PartsDone, plan_day
from session.strength.mornings import verdicts
from session.strength.prescribe import prescribe_strength
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPrescription


@dataclass(frozen=True, slots=True)
class PartOneToday:
    """Part 1 in today's session: its program, its prescription (the week, the dose, a load for
    each exercise and why) and the parts of the session, in order."""

    program: StrengthProgram
    prescription: StrengthPrescription
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class NextDay:
    """The next session as a whole: what it holds, the circuit's dose, part 1's (if it holds it)."""

    plan: DayPlan
    prescription: Prescription
    part1: PartOneToday | None

    @property
    def earliest_start(self) -> dt.datetime | None:
        """When the tendon's rest is over: the circuit's own rule when it is the whole session,
        else the later of it and the rest after any session that loaded the tendon."""
        hops = self.prescription.earliest_start if "plyometrics" in self.plan.parts else None
        times = [t for t in (hops, self.plan.earliest_start) if t is not None]
        return max(times) if times else None

    def ready_at(self, when: dt.datetime) -> bool:
        earliest = self.earliest_start
        return earliest is None or when >= earliest


def parts_done(session: SessionSummary) -> PartsDone:
    """A session as the day plan reads it: which of its parts had a set done."""
    done: set[Part] = set()
    if session.hop_sets_done:
        done.add("plyometrics")
    if session.strength is not None and session.strength.trained:
        done.add("strength")
    return PartsDone(session.started_at, session.ended_at, frozenset(done))


def next_day(
    program: Program,
    strength: StrengthProgram,
    settings: Settings,
    summaries: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
) -> NextDay:
    """What the next session holds, its circuit dose and its part 1, as of `now` (aware)."""
    tz, today = now.tzinfo, now.date()
    done = [s for s in summaries if counts_for_rules(s, today, tz)]
    hops = prescribe(program, [s for s in done if s.holds_hops], checkins, now)
    plan = plan_day(program, strength, settings.strength, [parts_done(s) for s in done], now)
    if "strength" not in plan.parts:
        return NextDay(plan, hops, None)
    book = read_mornings(done, checkins, program.rules, tz, today)
    history = [s.strength for s in done if s.strength is not None]
    rx = prescribe_strength(
        strength, settings.strength, history, verdicts(book), program.stop_threshold, now
    )
    return NextDay(plan, hops, PartOneToday(strength, rx, plan.parts))
