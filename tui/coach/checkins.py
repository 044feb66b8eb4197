"""The morning check-in, as the screen and `achilles checkin` ask it: which morning, and the form.

`checkin_form` reads the history once: which morning an entry made now (or named `on`) is about
(session.checkin.which_morning: a future day is refused, an entry at night or after that day's
session asks which morning it is for), and, for each morning that may be chosen, the words above
the form (`form_intro`: the runner's usual, from the one reading of the mornings) and the check-in
already saved for it, which saving again replaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.checkin import WhichMorning, form_intro, which_morning

if TYPE_CHECKING:
    from session.program import PainZone, Program
    from session.records import CheckIn, SessionFacts


@dataclass(frozen=True, slots=True)
class CheckInForm:
    """What the check-in asks before the answers: which morning, then the words above the form."""

    now: dt.datetime
    which: WhichMorning
    """The morning, or the question (with its choices) the runner answers first."""
    intros: dict[dt.date, str]
    """The words above the form, for each morning that may be chosen."""
    saved: dict[dt.date, CheckIn]
    """The check-in already saved for one of those mornings (saving again replaces it)."""
    zones: tuple[PainZone, ...]

    def intro(self, day: dt.date) -> str:
        return self.intros[day]

    def replacing(self, day: dt.date) -> str:
        """ "You checked in at 07:30 (2/10) ...": said when that morning has a check-in already."""
        old = self.saved.get(day)
        if old is None:
            return ""
        at = old.recorded_at.astimezone(self.now.tzinfo)
        when = "today" if at.date() == self.now.date() else f"on {at:%a %d %b}"
        return (
            f"You checked in for that morning at {at:%H:%M} {when} ({old.pain}/10): saving "
            "again replaces it."
        )


def checkin_form(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    on: dt.date | dt.datetime | None = None,
) -> CheckInForm:
    """The form for an entry made `now`, or for the morning named `on` (a date) or the moment
    `on` (a datetime). A future day raises session.checkin.AnswerError."""
    which = which_morning(program, sessions, checkins, now, on)
    days = [which.day] if which.day is not None else [c.day for c in which.choices if c.day]
    by_day = {c.day: c for c in checkins}
    return CheckInForm(
        now=now,
        which=which,
        intros={d: form_intro(program, sessions, checkins, now, d) for d in days},
        saved={d: by_day[d] for d in days if d in by_day},
        zones=tuple(sorted(program.pain_zones, key=lambda z: z.low)),
    )
