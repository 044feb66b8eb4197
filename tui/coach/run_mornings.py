"""The mornings as the running rules read them, and whether a run waits for its morning check-in.

Apart from `tui.coach.running` because the app's first plan needs `morning_wanted` (is the
check-in due?) and nothing else of the run log: this module keeps that path light
(bench/startup.py).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from session.morning import read_mornings
from session.running.mornings import CheckInMornings
from session.running.run_rule import morning_due_after_run

if TYPE_CHECKING:
    from session.program import Program
    from store import Store


def mornings_of(store: Store, program: Program, now: dt.datetime) -> CheckInMornings:
    """The mornings as every rule reads them (sessions and check-ins, the program's rules)."""
    book = read_mornings(store.summaries(), store.checkins(), program.rules, now.tzinfo, now.date())
    return CheckInMornings.from_book(book)


def morning_wanted(store: Store, program: Program, now: dt.datetime) -> bool:
    """Whether a run is waiting for its next morning's check-in (asked once, like a session's)."""
    return morning_due_after_run(store.runs(), mornings_of(store, program, now), now)
