"""The readiness gate for hills and speed: each criterion met or missing, in plain words.

Criteria (program data, each with its source): the plyometric base (circuit 2 at 3 x 15 for two
weeks, no flare, pain at most 3/10), limb symmetry on the heel-raise and side-hop tests, pain-free
hops on the sore side, and easy runs of the planned length with settled mornings. Everything is
judged as it stood at `now`: later sessions, runs, tests and mornings are not seen, so the return
ladder can ask whether the gate was open when a speed run was done.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from session.records import Leg, SessionStatus, SoreSide
from session.running.functional import FunctionalResult, symmetry
from session.running.mornings import MorningModel
from session.running.runs import RunRecord
from session.running.speed_program import (
    CircuitCriterion,
    EasyRunCriterion,
    HopCriterion,
    SpeedProgram,
    SymmetryCriterion,
    TestKind,
)

STREAK_WEEKS = 26
"""How far back the circuit criterion looks for its row of sessions."""


class DoseFacts(Protocol):
    """What the gate reads of a plyometric session: a SessionSummary satisfies it."""

    @property
    def started_at(self) -> dt.datetime: ...
    @property
    def status(self) -> SessionStatus: ...
    @property
    def circuit(self) -> int: ...
    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int: ...
    @property
    def max_pain(self) -> int | None: ...
    @property
    def label(self) -> str: ...
    @property
    def finished(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class GateItem:
    id: str
    title: str
    met: bool
    detail: str
    source: str


@dataclass(frozen=True, slots=True)
class Readiness:
    items: tuple[GateItem, ...]

    @property
    def met(self) -> bool:
        return all(i.met for i in self.items)

    @property
    def missing(self) -> tuple[GateItem, ...]:
        return tuple(i for i in self.items if not i.met)

    def summary(self) -> str:
        if self.met:
            return "Ready for hills and speed work: every criterion of the gate is met."
        n = len(self.missing)
        return (
            f"Not ready for hills and speed work yet: {n} of {len(self.items)} criteria "
            f"still missing ({', '.join(i.title.lower() for i in self.missing)})."
        )


@dataclass(frozen=True, slots=True)
class GateInput:
    """Everything the gate reads, sorted once; `now` is the moment it is judged at (aware).

    Build it with `GateInput.of`; `at(when)` judges the same history at another moment, so the
    ladder can ask about each speed run without sorting ten years of history again.
    """

    sessions: Sequence[DoseFacts]
    """Finished sessions, oldest first."""
    runs: Sequence[RunRecord]
    """Oldest first."""
    results: Sequence[FunctionalResult]
    """Oldest first."""
    mornings: MorningModel
    sore_side: SoreSide | None
    now: dt.datetime

    @classmethod
    def of(
        cls,
        sessions: Iterable[DoseFacts],
        runs: Iterable[RunRecord],
        results: Iterable[FunctionalResult],
        mornings: MorningModel,
        sore_side: SoreSide | None,
        now: dt.datetime,
    ) -> GateInput:
        return cls(
            tuple(sorted((s for s in sessions if s.finished), key=lambda s: s.started_at)),
            tuple(sorted(runs, key=lambda r: r.started_at)),
            tuple(sorted(results, key=lambda r: r.recorded_at)),
            mornings,
            sore_side,
            now,
        )

    def at(self, when: dt.datetime) -> GateInput:
        return replace(self, now=when)

    def sessions_so_far(self) -> int:
        """How many of `sessions` started by `now`."""
        return bisect_right(self.sessions, self.now, key=lambda s: s.started_at)

    def runs_so_far(self) -> int:
        return bisect_right(self.runs, self.now, key=lambda r: r.started_at)

    def latest(self, kind: TestKind, valid_days: int) -> FunctionalResult | None:
        """The newest result of `kind` recorded by `now` and no older than `valid_days`."""
        oldest = self.now - dt.timedelta(days=valid_days)
        for i in range(
            bisect_right(self.results, self.now, key=lambda r: r.recorded_at) - 1, -1, -1
        ):
            r = self.results[i]
            if r.recorded_at < oldest:
                return None
            if r.kind == kind:
                return r
        return None


def _day(when: dt.datetime | dt.date, tz: dt.tzinfo | None = None) -> str:
    if isinstance(when, dt.datetime):
        when = when.astimezone(tz).date()
    return f"{when:%a %d %b}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _streak(c: CircuitCriterion, inp: GateInput) -> tuple[list[DoseFacts], str]:
    """The latest sessions in a row at the dose, within the pain limit and after the last flare;
    and why the row starts where it does (in words, possibly empty). The walk back stops at
    STREAK_WEEKS: a longer row says no more, and ten years of one must not cost ten years."""
    tz, now = inp.now.tzinfo, inp.now
    oldest = now - dt.timedelta(weeks=STREAK_WEEKS)
    streak: list[DoseFacts] = []
    broke = ""
    for i in range(inp.sessions_so_far() - 1, -1, -1):
        s = inp.sessions[i]
        if s.started_at < oldest:
            break
        if (s.circuit, s.sets, s.reps) != (c.circuit, c.sets, c.reps):
            broke = f" (before that: {s.label} on {_day(s.started_at, tz)})"
            break
        if s.status is SessionStatus.STOPPED_FOR_PAIN or (s.max_pain or 0) > c.max_pain:
            broke = f"; the count restarted after pain {s.max_pain}/10 on {_day(s.started_at, tz)}"
            break
        streak.append(s)
    streak.reverse()
    if streak:
        first_day = streak[0].started_at.astimezone(tz).date()
        between = inp.mornings.between(first_day, now.date())
        flares = [m for m in between if m.flare and m.recorded_at <= now]
        if flares:
            streak = [s for s in streak if s.started_at > flares[-1].recorded_at]
            broke = f"; the count restarted after the flare on {_day(flares[-1].day)}"
    return streak, broke


def circuit_item(c: CircuitCriterion, inp: GateInput) -> GateItem:
    tz, now = inp.now.tzinfo, inp.now
    title = f"Circuit {c.circuit} at {c.dose}"
    streak, broke = _streak(c, inp)
    if not streak:
        n = inp.sessions_so_far()
        last_label = inp.sessions[n - 1].label if n else "no sessions yet"
        return GateItem(
            "circuit",
            title,
            False,
            f"Not at circuit {c.circuit}, {c.dose} with pain at most {c.max_pain}/10 and no flare "
            f"yet (now: {last_label}){broke}.",
            c.source,
        )
    days = (now.date() - streak[0].started_at.astimezone(tz).date()).days
    n = sum(1 for s in streak if s.status is SessionStatus.COMPLETED)
    pain = max((s.max_pain or 0) for s in streak)
    idle = (now.date() - streak[-1].started_at.astimezone(tz).date()).days
    day_part = _plural(days, "day") if days >= c.days else f"{days} of {c.days} days"
    count_part = (
        _plural(n, "completed session")
        if n >= c.min_sessions
        else f"{n} of {c.min_sessions} completed sessions"
    )
    detail = f"{title} for {day_part} ({count_part}), no flare, pain at most {pain}/10{broke}."
    if idle > c.days:
        # A base from long ago is not today's tendon: it has to be current.
        detail += f" But the last session was {idle} days ago: the base needs to be current."
    met = days >= c.days and n >= c.min_sessions and idle <= c.days
    return GateItem("circuit", title, met, detail, c.source)


def symmetry_item(c: SymmetryCriterion, program: SpeedProgram, inp: GateInput) -> GateItem:
    name = program.tests.name(c.test)
    title = f"{name} symmetry"
    unit = "raises" if c.test == "heel_raise" else "hops"
    days = program.gate.tests_valid_days
    r = inp.latest(c.test, days)
    if r is None:
        return GateItem(
            c.test, title, False, f"No {name.lower()} result in the last {days} days.", c.source
        )
    when = _day(r.recorded_at, inp.now.tzinfo)
    if inp.sore_side is None:
        return GateItem(c.test, title, False, "The sore side is not set yet.", c.source)
    if inp.sore_side == "both":
        return _both_sides(c, r, title, unit, when)
    sym = symmetry(r, inp.sore_side)
    if sym is None:
        return GateItem(
            c.test, title, False, f"The test of {when} needs a count for each leg.", c.source
        )
    met = sym.lsi >= c.min_lsi
    detail = (
        f"{when}: sore side {sym.sore}, other side {sym.other} {unit} "
        f"({sym.lsi:.0f}%; at least {c.min_lsi:g}% needed)."
    )
    if c.reference is not None and sym.sore < c.reference:
        # Two weak sides are symmetric too: symmetry counts only once the sore side is strong.
        met = False
        detail += f" The sore side also needs at least {c.reference} {unit}."
    return GateItem(c.test, title, met, detail, c.source)


def _both_sides(
    c: SymmetryCriterion, r: FunctionalResult, title: str, unit: str, when: str
) -> GateItem:
    if c.reference is None:
        return GateItem(
            c.test,
            title,
            False,
            "Both sides are sore, so there is no healthy side to compare with: your physio "
            "judges this one.",
            c.source,
        )
    left, right = r.left, r.right
    if left is None or right is None:
        return GateItem(
            c.test, title, False, f"The test of {when} needs a count for each leg.", c.source
        )
    met = min(left, right) >= c.reference
    return GateItem(
        c.test,
        title,
        met,
        f"{when}: both sides sore, left {left} and right {right} {unit} "
        f"(at least {c.reference} each needed).",
        c.source,
    )


def hops_item(c: HopCriterion, program: SpeedProgram, inp: GateInput) -> GateItem:
    title = f"{c.pain_free} pain-free hops"
    days = program.gate.tests_valid_days
    r = inp.latest("hop_count", days)
    if r is None:
        return GateItem(
            "hops", title, False, f"No hop test result in the last {days} days.", c.source
        )
    if inp.sore_side is None:
        return GateItem("hops", title, False, "The sore side is not set yet.", c.source)
    legs: tuple[Leg, ...] = ("left", "right") if inp.sore_side == "both" else (inp.sore_side,)
    counts = [r.count(leg) for leg in legs]
    when = _day(r.recorded_at, inp.now.tzinfo)
    if any(n is None for n in counts):
        return GateItem(
            "hops", title, False, f"The hop test of {when} has no sore-side count.", c.source
        )
    told = " and ".join(f"{leg} {n}" for leg, n in zip(legs, counts, strict=True))
    met = all(n is not None and n >= c.pain_free for n in counts)
    return GateItem(
        "hops",
        title,
        met,
        f"{when}: pain-free hops on the sore side: {told} (at least {c.pain_free} needed).",
        c.source,
    )


def easy_runs_item(c: EasyRunCriterion, inp: GateInput) -> GateItem:
    tz, now = inp.now.tzinfo, inp.now
    title = f"Easy runs of {c.minutes} minutes"
    n = inp.runs_so_far()
    since = now - dt.timedelta(days=c.within_days)
    first = bisect_left(inp.runs, since, 0, n, key=lambda r: r.started_at)
    good = 0
    for i in range(first, n):
        run = inp.runs[i]
        until = inp.runs[i + 1].started_at if i + 1 < n else now
        after = [
            m
            for m in inp.mornings.after(run.ended_at, run.started_at.astimezone(tz).date(), until)
            if m.recorded_at <= now
        ]
        flare = next((m for m in after if m.flare), None)
        if flare is not None:
            return GateItem(
                "easy_runs",
                title,
                False,
                f"The morning of {_day(flare.day)}, after your {run.words(tz)}, was worse than "
                f"usual: easy runs need settled mornings first.",
                c.source,
            )
        if run.easy and run.minutes >= c.minutes and run.pain_during <= c.max_pain and after:
            good += 1
    met = good >= c.runs
    return GateItem(
        "easy_runs",
        title,
        met,
        f"{good} of {c.runs} easy runs of {c.minutes} minutes or more in the last "
        f"{c.within_days} days, with pain at most {c.max_pain}/10 and a settled next morning.",
        c.source,
    )


def readiness(program: SpeedProgram, inp: GateInput) -> Readiness:
    """The gate as it stands at `inp.now`."""
    g = program.gate
    items = [circuit_item(g.circuit, inp)]
    items += [symmetry_item(c, program, inp) for c in g.symmetry]
    items.append(hops_item(g.hops, program, inp))
    items.append(easy_runs_item(g.easy_runs, inp))
    return Readiness(tuple(items))


def gate_met(program: SpeedProgram, inp: GateInput) -> bool:
    """Whether the gate is met at `inp.now`: the cheap criteria first, stopping at a missing one
    (the return ladder asks this once per early speed run)."""
    g = program.gate
    return (
        hops_item(g.hops, program, inp).met
        and all(symmetry_item(c, program, inp).met for c in g.symmetry)
        and easy_runs_item(g.easy_runs, inp).met
        and circuit_item(g.circuit, inp).met
    )
