"""Whether a record from outside (an import, a typed date) can be true: time order, the present,
the program.

`session.records` checks what each field holds on every read. This module checks what only makes
sense against the rest of the record, against now and against the program the runner follows, and
is applied where records come in from outside the app: an import, a check-in with a date given.
(Not on every read of the store: the app's own records are right by construction, and a wall
clock set back mid-session must never make a month file unreadable.) Each check returns the
problems found, as `field: what is wrong`, for the caller to name the record; none means
plausible. Pure: `now` and the program are passed in.

Every kind of record has its check here: sessions (both parts: the circuit's sets against the
program, part 1's calf raises against the strength program), check-ins, runs (and their calming
measures), functional test results and questionnaire scores. A new kind of record gets the same
care with a function here (or beside its model) returning its problems, named in
`store.exchange.KINDS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

from session.records import CheckIn, SessionRecord

if TYPE_CHECKING:
    from session.program import Program
    from session.running.functional import FunctionalResult
    from session.running.outcome import OutcomeScore
    from session.running.runs import RunRecord
    from session.strength.program import StrengthProgram
    from session.strength.records import StrengthPart

FUTURE_SLACK = dt.timedelta(hours=1)
"""How far ahead of this machine's clock a record may be: two machines' clocks differ by minutes,
not hours. Anything later is a wrong date, and would push the next session's rest into the future
(a session "in 2099" makes the plan wait for 2099)."""
LONGEST_SESSION = dt.timedelta(hours=36)
"""A session is resumed on the day it started at the latest (session.recovery); its end is never
days after its start."""
CLOCK_SLACK = dt.timedelta(seconds=1)
"""Inside one session the moments come from one clock; a second covers rounding."""


def _when(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _future(field: str, moment: dt.datetime | None, now: dt.datetime) -> Iterator[str]:
    if moment is not None and moment > now + FUTURE_SLACK:
        yield f"{field}: {_when(moment)} is in the future (it is now {_when(now)})"


def session_problems(
    record: SessionRecord,
    now: dt.datetime,
    program: Program | None = None,
    strength: StrengthProgram | None = None,
) -> list[str]:
    """What cannot be true of `record` as of `now` (and, given the programs, against them: the
    circuit's, and part 1's for its calf raises)."""
    problems = list(_session_times(record, now))
    if record.strength is not None:
        problems.extend(_part1_times(record, record.strength, now))
    if program is not None:
        problems.extend(_against_program(record, program))
    if strength is not None and record.strength is not None:
        problems.extend(_against_strength(record.strength, strength))
    return problems


def _session_times(record: SessionRecord, now: dt.datetime) -> Iterator[str]:
    start, end = record.started_at, record.ended_at
    yield from _future("started_at", start, now)
    yield from _future("ended_at", end, now)
    if end is not None:
        if end < start:
            yield f"ended_at: {_when(end)} is before started_at {_when(start)}"
        elif end - start > LONGEST_SESSION:
            yield (
                f"ended_at: {_when(end)} is {(end - start).days} day(s) after started_at "
                f"{_when(start)}; a session lasts hours"
            )
    if record.finished and end is None:
        yield f"ended_at: missing for a session with status {record.status.value}"
    if not record.finished and end is not None:
        yield "ended_at: set for a session still in progress"
    for n, s in enumerate(record.sets, start=1):
        where = f"sets[{n}]"
        yield from _set_in_session(where, s, (start, end), now)
        if s.set_index > s.sets_total:
            yield f"{where}.set_index: set {s.set_index} of {s.sets_total}"
        for k, leg in enumerate(s.legs, start=1):
            if leg.leg not in record.legs:
                yield f"{where}.legs[{k}].leg: {leg.leg}, not a leg of this session"
            yield from _leg_in_set(f"{where}.legs[{k}]", leg, s)


def _part1_times(record: SessionRecord, part: StrengthPart, now: dt.datetime) -> Iterator[str]:
    """Part 1's moments: inside the session, each set's and each leg's in order."""
    start, end = record.started_at, record.ended_at
    if part.started_at < start - CLOCK_SLACK:
        yield f"strength.started_at: {_when(part.started_at)} is before the session started"
    yield from _future("strength.started_at", part.started_at, now)
    for n, s in enumerate(part.sets, start=1):
        where = f"strength.sets[{n}]"
        yield from _set_in_session(where, s, (start, end), now)
        for k, leg in enumerate(s.legs, start=1):
            if leg.side != "both" and leg.side not in part.legs:
                yield f"{where}.legs[{k}].side: {leg.side}, not a leg of this session"
            yield from _leg_in_set(f"{where}.legs[{k}]", leg, s)


class _Span(Protocol):
    """A set or a leg of either part: its two moments."""

    @property
    def started_at(self) -> dt.datetime: ...
    @property
    def ended_at(self) -> dt.datetime: ...


def _set_in_session(
    where: str, s: _Span, session: tuple[dt.datetime, dt.datetime | None], now: dt.datetime
) -> Iterator[str]:
    """A set's moments in order, inside its session's, and not in the future."""
    start, end = session
    if s.ended_at < s.started_at:
        yield f"{where}.ended_at: {_when(s.ended_at)} is before its started_at"
    if s.started_at < start - CLOCK_SLACK:
        yield f"{where}.started_at: {_when(s.started_at)} is before the session started"
    if end is not None and s.ended_at > end + CLOCK_SLACK:
        yield f"{where}.ended_at: {_when(s.ended_at)} is after the session ended"
    yield from _future(f"{where}.ended_at", s.ended_at, now)


def _leg_in_set(where: str, leg: _Span, s: _Span) -> Iterator[str]:
    """A leg's moments in order and inside its set's."""
    if leg.ended_at < leg.started_at or not (
        s.started_at - CLOCK_SLACK <= leg.started_at and leg.ended_at <= s.ended_at + CLOCK_SLACK
    ):
        yield f"{where}: its times are not inside the set's"


def _against_strength(part: StrengthPart, strength: StrengthProgram) -> Iterator[str]:
    known = {e.id for e in strength.exercises}
    for k, load in enumerate(part.prescription.loads, start=1):
        if load.exercise not in known:
            yield (
                f"strength.prescription.loads[{k}].exercise: {load.exercise!r} is not a calf "
                "raise of the strength program"
            )
    for n, s in enumerate(part.sets, start=1):
        if s.exercise not in known:
            yield (
                f"strength.sets[{n}].exercise: {s.exercise!r} is not a calf raise of the "
                "strength program"
            )


def _against_program(record: SessionRecord, program: Program) -> Iterator[str]:
    rx = record.prescription
    known = {e.id for e in program.exercises}
    circuits = {c.id for c in program.circuits}
    if rx.circuit not in circuits:
        listed = ", ".join(str(c) for c in sorted(circuits))
        yield f"prescription.circuit: {rx.circuit} is not a circuit of the program ({listed})"
    if rx.step >= len(program.ladder):
        yield (
            f"prescription.step: {rx.step} is beyond the program's ladder "
            f"({len(program.ladder)} steps, numbered from 0)"
        )
    for k, exercise in enumerate(rx.exercises, start=1):
        if exercise not in known:
            yield f"prescription.exercises[{k}]: {exercise!r} is not an exercise of the program"
    for n, s in enumerate(record.sets, start=1):
        if s.exercise not in known:
            yield f"sets[{n}].exercise: {s.exercise!r} is not an exercise of the program"


def checkin_problems(checkin: CheckIn, now: dt.datetime) -> list[str]:
    """What cannot be true of a morning check-in as of `now`: a morning still to come, or one
    recorded before it happened."""
    problems: list[str] = []
    # A check-in named by its day alone (`checkin --on DAY`) is stamped at 07:00 of that day,
    # which may be later today; and a day's date differs by one between UTC and local time.
    if checkin.recorded_at > now + dt.timedelta(days=1):
        problems.append(
            f"recorded_at: {_when(checkin.recorded_at)} is in the future (it is now {_when(now)})"
        )
    latest_day = now.astimezone(dt.UTC).date() + dt.timedelta(days=1)
    if checkin.day > latest_day:
        problems.append(f"day: {checkin.day.isoformat()} has not come yet")
    elif checkin.day > checkin.recorded_at.astimezone(dt.UTC).date() + dt.timedelta(days=1):
        problems.append(
            f"day: {checkin.day.isoformat()} is after it was recorded "
            f"({_when(checkin.recorded_at)}); a check-in is about a morning that has happened"
        )
    return problems


def run_problems(run: RunRecord, now: dt.datetime, program: Program | None = None) -> list[str]:
    """What cannot be true of a logged run as of `now`: one that ends in the future, recorded
    before it started, or (given the program) with calming measures the program does not know."""
    problems = [
        *_future("started_at", run.started_at, now),
        *_future("recorded_at", run.recorded_at, now),
    ]
    if not problems and run.ended_at > now + FUTURE_SLACK:
        problems.append(
            f"minutes: a run of {run.minutes:g} minutes from {_when(run.started_at)} ends in "
            f"the future (it is now {_when(now)})"
        )
    if run.recorded_at < run.started_at - CLOCK_SLACK:
        problems.append(
            f"recorded_at: {_when(run.recorded_at)} is before the run started "
            f"({_when(run.started_at)})"
        )
    if program is not None:
        known = [m.id for m in program.calming_measures]
        for k, measure in enumerate(run.calming, start=1):
            if measure not in known:
                problems.append(
                    f"calming[{k}]: {measure!r} is not a calming measure of the program "
                    f"({', '.join(known) or 'it lists none'})"
                )
    return problems


def result_problems(result: FunctionalResult, now: dt.datetime) -> list[str]:
    """What cannot be true of a functional test's result as of `now`: one still to come."""
    return list(_future("recorded_at", result.recorded_at, now))


def score_problems(score: OutcomeScore, now: dt.datetime) -> list[str]:
    """What cannot be true of a questionnaire's score: one still to come, or points for a
    question it has no answer to."""
    problems = list(_future("recorded_at", score.recorded_at, now))
    unanswered = sorted(set(score.points) - set(score.answers))
    if unanswered:
        problems.append(f"points: {unanswered[0]!r} scores a question with no answer")
    return problems
