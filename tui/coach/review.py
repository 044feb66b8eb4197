"""The review of the history: rows, weeks and streaks for the History screen, as of a moment.

Built from session summaries and check-ins (the store's index: no month file is read) with the
pure review rules (session.history, session.trends).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.history import HistoryRow, history_rows
from session.trends import Streaks, Week, streaks, weeks

if TYPE_CHECKING:
    from session.program import Program
    from session.records import CheckIn, SessionSummary


@dataclass(frozen=True, slots=True)
class Review:
    """What the History screen shows, computed off the UI loop."""

    program: Program
    rows: list[HistoryRow]
    weeks: list[Week]
    streaks: Streaks
    today: dt.date


def build_review(
    program: Program,
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
) -> Review:
    """Rows (every session, unfinished ones too), weeks and streaks as of `now`, with the
    program's morning rules (its flare margin and stiffness): pure and quick."""
    rows = history_rows(sessions, checkins, program.rules, now.tzinfo, now.date())
    week_list = weeks(rows, now.date())
    return Review(program, rows, week_list, streaks(week_list, now.date()), now.date())
