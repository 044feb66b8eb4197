"""Correcting the last set's rating after the session (a slip of the finger, a second thought).

Only the latest finished session can be corrected: the next dose follows from it, and no later
session has been prescribed from the rating it had. The change goes through the engine's
`change_rating` (the old rating and the moment of the change are kept in the set's
`pain_changes`), is saved, and the next session is worked out again, so the runner sees and hears
what it does. A session that stopped stays a session stopped for pain, whatever its ratings
become: the loading did stop, and a stop is followed by a step back (the safe reading; the few
seconds of grace during the session are the way to take back a slip before it stops).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session import engine
from session.records import SessionStatus
from tui.coach.today import next_prescription

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Prescription, SessionRecord
    from session.strength.program import StrengthProgram
    from store import Store


class CannotCorrect(ValueError):
    """The rating cannot be changed here; the message says why, fit to show."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A rating changed after the session, and what it does to the next one."""

    program: Program
    record: SessionRecord
    """The session as saved with the new rating."""
    old: int | None
    """The rating before (None: the set had none, e.g. stopped before it was asked)."""
    new: int
    before: Prescription
    after: Prescription

    @property
    def changed(self) -> bool:
        return self.old != self.new

    def effect(self) -> str:
        """The change to the next session, in the words of the check-in's."""
        before, after = self.before, self.after
        if after.step < before.step:
            return f"Next session dialled back to {after.label} (it was {before.label})."
        if after.step > before.step:
            return f"Next session moves up to {after.label} (it was {before.label})."
        return f"Next session stays at {after.label}."

    def words(self) -> list[str]:
        """What the screen shows: the change, why a stop stays a stop, the zone, the dose."""
        new, program = self.new, self.program
        if not self.changed:
            lines = [f"The last set's rating stays {new}/10: nothing changed."]
        elif self.old is None:
            lines = [f"The last set is now rated {new}/10. It is kept in your history."]
        else:
            lines = [
                f"The last set's rating is now {new}/10 (it was {self.old}/10). The change is "
                "kept in your history, with when it was made."
            ]
        stopped = self.record.status is SessionStatus.STOPPED_FOR_PAIN
        if stopped and self.changed and new < program.stop_threshold:
            lines.append(
                "The session stopped for pain, so it still counts as stopped: the next session "
                "is set from that stop."
            )
        zone = program.zone_for(new)
        if zone.stops:
            lines.append(zone.advice)
        lines.append(self.effect())
        return lines

    def spoken(self) -> str:
        """What the coach says: the new rating and the next session."""
        return f"Rating changed to {self.new}. {self.effect()}"


def correct_last_rating(
    store: Store,
    program: Program,
    strength: StrengthProgram,
    session_id: str,
    rating: int,
    now: dt.datetime,
) -> Correction:
    """Re-rate the last circuit set of session `session_id` (the latest finished one) `rating`
    at `now`, save it and work out the circuit's next dose again (as Today does, part 1's
    program beside it). Raises CannotCorrect."""
    record = store.session(session_id)
    if record is None:
        raise CannotCorrect("That session is no longer in your history: nothing was changed.")
    _check(store, record)
    before = next_prescription(store, program, strength, now)
    old = record.sets[-1].pain
    try:
        fixed = engine.change_rating(record, rating, now.astimezone(dt.UTC))
    except ValueError as exc:
        raise CannotCorrect(f"{exc}: nothing was changed.") from None
    if fixed != record:
        store.save_session(fixed)
    after = next_prescription(store, program, strength, now)
    return Correction(program, fixed, old, rating, before, after)


def _check(store: Store, record: SessionRecord) -> None:
    if not record.finished:
        raise CannotCorrect(
            "This session is not finished: carry on with it, and rate the set there."
        )
    if not record.sets:
        raise CannotCorrect("No set of this session was finished: there is no rating to change.")
    later = [s for s in store.summaries() if s.started_at > record.started_at]
    if later:
        raise CannotCorrect(
            "Only the latest session's rating can be changed: a later session has been done "
            "since, prescribed from this one as it was."
        )
