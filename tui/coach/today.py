"""Today's plan: what the next session holds (part 1's calf raises and the circuit, by default
both), its prescriptions, a session to resume, and what was tidied up.

Built from session summaries (`Store.summaries()`), never the month files of full records. An
unfinished session from an earlier day is closed as ended early (its finished sets are kept); one
from today can be resumed, and starting anew instead closes it too (`Coach.start_workout`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.recovery import close_unfinished, resumable
from tui.coach.part1 import TOLD, NextDay, PartOneToday, next_day

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Prescription, SessionRecord, Settings
    from session.strength.program import StrengthProgram
    from store import Store


@dataclass(frozen=True, slots=True)
class Today:
    """What the Today screen shows: the session's parts and prescriptions and why, a session to
    resume, notices."""

    program: Program
    settings: Settings
    prescription: Prescription
    """The circuit's dose (kept also on a day that holds part 1 alone, which does not do it)."""
    resumable: SessionRecord | None
    notices: tuple[str, ...]
    sessions_done: int
    next: NextDay | None = None
    """The whole session: its parts in order, part 1's prescription; None: the circuit alone."""

    @property
    def part1(self) -> PartOneToday | None:
        return None if self.next is None else self.next.part1

    @property
    def parts(self) -> tuple[str, ...]:
        return ("plyometrics",) if self.next is None else self.next.plan.parts

    @property
    def earliest_start(self) -> dt.datetime | None:
        return self.prescription.earliest_start if self.next is None else self.next.earliest_start

    def ready_at(self, when: dt.datetime) -> bool:
        earliest = self.earliest_start
        return earliest is None or when >= earliest


def close_stale(store: Store, now: dt.datetime) -> tuple[SessionRecord | None, list[str]]:
    """The unfinished session that can still be resumed today, if any; one from an earlier day
    is saved as ended early, and the notice saying so is returned."""
    unfinished = store.unfinished()
    if unfinished is None or resumable(unfinished, now):
        return unfinished, []
    closed = close_unfinished(unfinished)
    store.save_session(closed)
    day = unfinished.started_at.astimezone(now.tzinfo).strftime("%a %d %b")
    notice = (
        f"The session of {day} was not finished: it is saved as ended early, "
        f"with its {closed.sets_done} finished set(s)."
    )
    return None, [notice]


def next_session(
    store: Store, program: Program, strength: StrengthProgram, now: dt.datetime
) -> NextDay:
    """The next session: its parts, the circuit's dose and part 1's, from the history."""
    return next_day(program, strength, store.settings(), store.summaries(), store.checkins(), now)


def next_prescription(
    store: Store, program: Program, strength: StrengthProgram, now: dt.datetime
) -> Prescription:
    """The circuit's next dose, from the sessions that held it and the check-ins."""
    return next_session(store, program, strength, now).prescription


def untold(settings: Settings) -> bool:
    """Whether the runner is still to be told that part 1 is on (`tell_once`)."""
    return settings.strength.enabled and not settings.strength.told


def tell_once(store: Store, settings: Settings) -> list[str]:
    """The notice that part 1 is on and can be turned off, the first time only."""
    if not untold(settings):
        return []
    told = settings.strength.model_copy(update={"told": True})
    store.save_settings(settings.model_copy(update={"strength": told}))
    return [TOLD]


def todays_plan(
    store: Store, program: Program, strength: StrengthProgram, now: dt.datetime
) -> Today:
    """Today's session, after closing a session left unfinished on an earlier day."""
    unfinished, notices = close_stale(store, now)
    settings = store.settings()
    notices += tell_once(store, settings) if store.writable else []
    finished = sum(1 for s in store.summaries() if s.finished)
    nxt = next_session(store, program, strength, now)
    return Today(
        program=program,
        settings=store.settings(),
        prescription=nxt.prescription,
        resumable=unfinished,
        notices=tuple(notices),
        sessions_done=finished,
        next=nxt,
    )
