"""Today's plan: the next session's prescription, a session to resume, and what was tidied up.

Built from session summaries (`Store.summaries()`), never the month files of full records. An
unfinished session from an earlier day is closed as ended early (its finished sets are kept); one
from today can be resumed, and starting anew instead closes it too (`Coach.start_workout`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.progression import prescribe
from session.recovery import close_unfinished, resumable

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Prescription, SessionRecord, Settings
    from store import Store


@dataclass(frozen=True, slots=True)
class Today:
    """What the Today screen shows: the prescription and why, a session to resume, notices."""

    program: Program
    settings: Settings
    prescription: Prescription
    resumable: SessionRecord | None
    notices: tuple[str, ...]
    sessions_done: int


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
        f"with its {len(closed.sets)} finished set(s)."
    )
    return None, [notice]


def next_prescription(store: Store, program: Program, now: dt.datetime) -> Prescription:
    """The next session's prescription from the finished sessions and the check-ins."""
    finished = [s for s in store.summaries() if s.finished]
    return prescribe(program, finished, store.checkins(), now)


def todays_plan(store: Store, program: Program, now: dt.datetime) -> Today:
    """Today's prescription, after closing a session left unfinished on an earlier day."""
    unfinished, notices = close_stale(store, now)
    finished = sum(1 for s in store.summaries() if s.finished)
    return Today(
        program=program,
        settings=store.settings(),
        prescription=next_prescription(store, program, now),
        resumable=unfinished,
        notices=tuple(notices),
        sessions_done=finished,
    )
