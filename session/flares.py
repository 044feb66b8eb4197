"""Setbacks found in the history, and what the app did about each: for the review and the physio.

Two kinds: a morning above the runner's normal (a flare), and a session stopped for pain. What the
app did is read from the session that followed (its step and label are what the app actually
prescribed), or from the upcoming prescription when no session has followed yet. Works on session
summaries: the sets are not needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from session.history import Morning, finished_sessions, mornings, next_mornings
from session.records import CheckIn, Prescription, SessionStatus, SessionSummary

Kind = Literal["flare", "stopped"]


@dataclass(frozen=True, slots=True)
class Setback:
    """One flare or stop, when it happened, what it was, and what the app did next."""

    kind: Kind
    when: dt.datetime
    """Local time of the check-in (flare) or of the session (stop)."""
    what: str
    action: str


def _day(when: dt.datetime) -> str:
    return when.strftime("%a %d %b %Y")


def _response(
    done: SessionSummary,
    following: SessionSummary | None,
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
    window: int,
    stop_threshold: int,
    tz: dt.tzinfo | None,
    upcoming: Prescription | None = None,
) -> list[Setback]:
    """Every flare and every session stopped for pain, oldest first."""
    done = finished_sessions(sessions)
    morning_list = mornings(checkins, window)
    matched = next_mornings(done, morning_list, tz)
    after_session: dict[int, int] = {id(m): i for i, m in enumerate(matched) if m is not None}
    found: list[Setback] = []
    for i, s in enumerate(done):
        pain = s.max_pain
        if s.status is SessionStatus.STOPPED_FOR_PAIN or (
            pain is not None and pain >= stop_threshold
        ):
            rated = "" if pain is None else f" at {pain}/10"
            following = done[i + 1] if i + 1 < len(done) else None
            found.append(
                Setback(
                    "stopped",
                    s.started_at.astimezone(tz),
                    f"Session ({s.label}) stopped for pain{rated}.",
                    _response(s, following, upcoming, tz),
                )
            )
    for m in morning_list:
        if m.flare:
            found.append(_flare(m, after_session.get(id(m)), done, upcoming, tz))
    found.sort(key=lambda b: b.when)
    return found


def _flare(
    m: Morning,
    index: int | None,
    done: Sequence[SessionSummary],
    upcoming: Prescription | None,
    tz: dt.tzinfo | None,
) -> Setback:
    when = m.checkin.recorded_at.astimezone(tz)
    what = f"Morning pain {m.pain}/10, above the normal of {m.normal:g}/10"
    if index is None:
        return Setback(
            "flare",
            when,
            f"{what}, not the morning after a session.",
            "Temporary calming measures suggested; the dose follows the mornings after sessions.",
        )
    s = done[index]
    following = done[index + 1] if index + 1 < len(done) else None
    return Setback(
        "flare",
        when,
        f"{what}, after the session of {_day(s.started_at.astimezone(tz))}.",
        _response(s, following, upcoming, tz) + " Temporary calming measures suggested.",
    )
