"""The app's use cases over the store: today's plan, and closing sessions left unfinished.

Plain functions run on the store's thread; they combine stored history with the pure rules. They
read session summaries (`Store.summaries()`), never the month files of full records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.program import Program
from session.progression import prescribe
from session.records import Prescription, SessionRecord
from session.recovery import close_unfinished, resumable

if TYPE_CHECKING:
    from store.store import Store


@dataclass(frozen=True, slots=True)
class Today:
    """What the Today screen shows: the prescription, a session to resume, and notices."""

    prescription: Prescription
    resumable: SessionRecord | None
    notices: tuple[str, ...]
    sessions_done: int


def plan_today(store: Store, program: Program, now: dt.datetime) -> Today:
    """Today's prescription. An unfinished session from an earlier day is closed as ended early."""
    notices: list[str] = []
    unfinished = store.unfinished()
    if unfinished is not None and not resumable(unfinished, now):
        closed = close_unfinished(unfinished)
        store.save_session(closed)
        day = unfinished.started_at.astimezone(now.tzinfo).strftime("%a %d %b")
        notices.append(
            f"The session of {day} was not finished: it is saved as ended early, "
            f"with its {len(closed.sets)} finished set(s)."
        )
        unfinished = None
    finished = [s for s in store.summaries() if s.finished]
    rx = prescribe(program, finished, store.checkins(), now)
    return Today(rx, unfinished, tuple(notices), len(finished))


def next_after(store: Store, program: Program, now: dt.datetime) -> Prescription:
    """The prescription for the session after the one just finished."""
    finished = [s for s in store.summaries() if s.finished]
    return prescribe(program, finished, store.checkins(), now)
