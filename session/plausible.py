"""Whether a record from outside (an import, a typed date) can be true: time order, the present,
the program.

`session.records` checks what each field holds on every read. This module checks what only makes
sense against the rest of the record, against now and against the program the runner follows, and
is applied where records come in from outside the app: an import, a check-in with a date given.
(Not on every read of the store: the app's own records are right by construction, and a wall
clock set back mid-session must never make a month file unreadable.) Each check returns the
problems found, as `field: what is wrong`, for the caller to name the record; none means
plausible. Pure: `now` and the program are passed in.

A new kind of record gets the same care with a function here (or beside its model) returning its
problems, named in `store.exchange.KINDS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from session.records import EARLIEST, CheckIn, SessionRecord

if TYPE_CHECKING:
    from session.program import Program

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
    record: SessionRecord, now: dt.datetime, program: Program | None = None
) -> list[str]:
    """What cannot be true of `record` as of `now` (and, given a program, against it)."""
    problems = list(_session_times(record, now))
    if program is not None:
        problems.extend(_against_program(record, program))
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
        if s.ended_at < s.started_at:
            yield f"{where}.ended_at: {_when(s.ended_at)} is before its started_at"
        if s.started_at < start - CLOCK_SLACK:
            yield f"{where}.started_at: {_when(s.started_at)} is before the session started"
        if end is not None and s.ended_at > end + CLOCK_SLACK:
            yield f"{where}.ended_at: {_when(s.ended_at)} is after the session ended"
        yield from _future(f"{where}.ended_at", s.ended_at, now)
        if s.set_index > s.sets_total:
            yield f"{where}.set_index: set {s.set_index} of {s.sets_total}"
        for k, leg in enumerate(s.legs, start=1):
            if leg.leg not in record.legs:
                yield f"{where}.legs[{k}].leg: {leg.leg}, not a leg of this session"
            if leg.ended_at < leg.started_at or not (
                s.started_at - CLOCK_SLACK <= leg.started_at
                and leg.ended_at <= s.ended_at + CLOCK_SLACK
            ):
                yield f"{where}.legs[{k}]: its times are not inside the set's"


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


def checkin_moment(given: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """When a check-in is recorded: `now`, or the moment the runner named (`checkin --on`), whose
    day must have come and which must lie in the sane range. Raises session.checkin.AnswerError."""
    from session.checkin import AnswerError

    if given is None:
        return now
    if given < EARLIEST:
        raise AnswerError(f"{given:%d %b %Y} is before {EARLIEST.year}: check the year.")
    day = given.astimezone(now.tzinfo).date()
    if day > now.date():
        raise AnswerError(
            f"{day:%a %d %b %Y} has not come yet: a check-in is about a morning that has happened."
        )
    return given
