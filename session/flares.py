"""Setbacks found in the history, and what the app did about each: for the review and the physio.

Two kinds: a morning above the runner's usual (a flare, with its size), and a session stopped for
pain. The mornings and their flares are the one reading of session.morning. What the app did is
read from the session that followed (its step and label are what the app actually prescribed), or
from the upcoming prescription when no session has followed yet. Written for the physio: it speaks
of "the runner's usual morning pain". Works on session summaries: the sets are not needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from session.history import rules_of
from session.morning import Morning, MorningBook, read_mornings
from session.program import Rules
from session.records import CheckIn, Prescription, SessionFacts, SessionStatus, SessionSummary

Kind = Literal["flare", "stopped"]


@dataclass(frozen=True, slots=True)
class Setback:
    """One flare or stop, when it happened, what it was, and what the app did next."""

    kind: Kind
    when: dt.datetime
    """Local time of the check-in (flare) or of the session (stop)."""
    what: str
    action: str
    rise: float | None = None
    """A flare's size: points of morning pain above the runner's usual (None for a stop)."""
    stiffness_rise: float | None = None
    """A flare's stiffness: minutes longer than the usual, when both are known."""
    far_above: bool = False
    """A flare far above the usual (the program's `far_above`)."""
    morning: dt.date | None = None
    """A flare's morning (the check-in's day: it may have been entered later, e.g. at night)."""

    @property
    def day(self) -> dt.date:
        """The day it is about: the flare's morning, or the day of the stopped session."""
        return self.morning or self.when.date()


def _day(when: dt.datetime) -> str:
    return when.strftime("%a %d %b %Y")


def _g(value: float) -> str:
    return f"{value:g}"


def _points(value: float) -> str:
    return f"{_g(value)} point" + ("" if value == 1 else "s")


def _response(
    done: SessionFacts,
    following: SessionFacts | None,
    upcoming: Prescription | None,
    tz: dt.tzinfo | None,
) -> str:
    """How the prescription after `done` compares with `done`'s own."""
    if following is not None:
        step, label = following.step, following.label
        when = f"the next session ({_day(following.started_at.astimezone(tz))})"
        verb, repeat = "was", "repeated"
    elif upcoming is not None:
        step, label = upcoming.step, upcoming.label
        when = "the next session (not done yet)"
        verb, repeat = "is", "repeats"
    else:
        return "No session has been planned since."
    if step < done.step:
        steps = done.step - step
        return f"Dialled back {steps} step{'s' if steps > 1 else ''}: {when} {verb} {label}."
    if step == done.step:
        return f"Held the dose: {when} {repeat} {label}."
    return f"{when[0].upper()}{when[1:]} {verb} {label}."


def setbacks(
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    rules: Rules | int,
    stop_threshold: int,
    tz: dt.tzinfo | None,
    upcoming: Prescription | None = None,
    today: dt.date | None = None,
) -> list[Setback]:
    """Every flare and every session stopped for pain, oldest first. `rules`: the program's
    (a bare window: the default margins)."""
    book = read_mornings(sessions, checkins, rules_of(rules), tz, today)
    return setbacks_of(book, stop_threshold, upcoming)


def setbacks_of(
    book: MorningBook, stop_threshold: int, upcoming: Prescription | None = None
) -> list[Setback]:
    """The setbacks of a morning book (see `setbacks`). What followed a session is the next
    session in the book, finished or not: the dose the app prescribed after it."""
    tz = book.tz
    done = book.sessions
    following = {id(s): (done[i + 1] if i + 1 < len(done) else None) for i, s in enumerate(done)}
    found: list[Setback] = []
    for s in done:
        pain = s.max_pain
        if s.status is SessionStatus.STOPPED_FOR_PAIN or (
            pain is not None and pain >= stop_threshold
        ):
            rated = "" if pain is None else f" at {pain}/10"
            found.append(
                Setback(
                    "stopped",
                    s.started_at.astimezone(tz),
                    f"Session ({s.label}) stopped for pain{rated}.",
                    _response(s, following[id(s)], upcoming, tz),
                )
            )
    for m in book.mornings:
        if m.flare:
            session = book.session_before(m)
            nxt = None if session is None else following.get(id(session))
            found.append(_flare(book, m, session, nxt, upcoming))
    found.sort(key=lambda b: b.when)
    return found


def flare_what(m: Morning) -> str:
    """The flare in the physio's words: "Morning pain 4/10, 2 points above the runner's usual
    morning pain (2/10)", with the stiffness when it counted."""
    parts = []
    if m.pain_flare and m.usual is not None and m.rise is not None:
        far = ", far above it" if m.far_above else ""
        parts.append(
            f"Morning pain {m.pain}/10, {_points(m.rise)} above the runner's usual morning pain "
            f"({_g(m.usual)}/10){far}"
        )
    if m.stiffness_flare and m.usual_stiffness is not None and m.stiffness_rise is not None:
        parts.append(
            f"morning stiffness {m.stiffness} minutes, {_g(m.stiffness_rise)} longer than the "
            f"runner's usual ({_g(m.usual_stiffness)} minutes)"
        )
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def _flare(
    book: MorningBook,
    m: Morning,
    session: SessionFacts | None,
    following: SessionFacts | None,
    upcoming: Prescription | None,
) -> Setback:
    tz = book.tz
    when = m.checkin.recorded_at.astimezone(tz)
    what = flare_what(m)
    if session is None:
        what += ", before the first session."
        action = (
            "Temporary calming measures suggested; no session had been done, so the dose was "
            "not changed."
        )
    else:
        n = book.after(session).ordinal(m)
        which = "the morning after" if n == 1 else f"morning {n} after"
        started = _day(session.started_at.astimezone(tz))
        what += f", on {m.day:%a %d %b %Y}, {which} the session of {started}."
        action = _response(session, following, upcoming, tz)
        action += " Temporary calming measures suggested."
    return Setback("flare", when, what, action, m.rise, m.stiffness_rise, m.far_above, m.day)
