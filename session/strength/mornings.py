"""The one thing part 1 needs from the morning rules: did the mornings after a session flare?

Part 1 does not judge mornings itself: the load rules call a `MorningsAfter`, given the end of a
session and its local day, and get a `MorningVerdict`. The morning model (session/morning.py)
owns the answer, so both parts and the history agree on every flare: `verdicts(book)` reads a
`MorningBook` made over every session of either part, and `mornings_after` makes such a book when
only the sessions' starts are known.

The window is "the whole day's load" (issue 14): the mornings after a session and before the
next training session of either part. A flare in it holds back both parts, because a morning
cannot tell which load was too much.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from session.morning import MorningBook, read_mornings, session_end
from session.program import Rules
from session.records import CheckIn, SessionStatus


@dataclass(frozen=True, slots=True)
class MorningVerdict:
    """What the mornings after one session said: the morning named is the worst flare, else the
    first one; `usual` is the runner's usual morning pain before it (None for the very first)."""

    checked: bool
    flare: bool = False
    day: dt.date | None = None
    pain: int | None = None
    usual: float | None = None

    def __post_init__(self) -> None:
        if self.flare and not self.checked:
            raise ValueError("a flare needs a morning check-in")
        if self.checked != (self.day is not None and self.pain is not None):
            raise ValueError("a checked morning names its day and pain; an unchecked one neither")
        if self.flare and self.usual is None:
            raise ValueError("a flare is pain above the usual: the usual must be known")


NOT_CHECKED = MorningVerdict(checked=False)


class MorningsAfter(Protocol):
    def __call__(self, ended_at: dt.datetime, session_day: dt.date) -> MorningVerdict:
        """The mornings after the session that ended at `ended_at` on local day `session_day`."""
        ...


def verdicts(book: MorningBook) -> MorningsAfter:
    """The one morning model's answer for each session of the book: its mornings up to the next
    session of either part, named by their worst flare, else the first."""
    ended = sorted(((session_end(s), k) for k, s in enumerate(book.sessions)), key=lambda e: e[0])
    end_times = [t for t, _ in ended]

    def verdict(ended_at: dt.datetime, session_day: dt.date) -> MorningVerdict:
        k = bisect_right(end_times, ended_at) - 1
        if k < 0:
            return NOT_CHECKED
        session = book.sessions[ended[k][1]]
        if book.local_day(session.started_at) != session_day:
            return NOT_CHECKED  # not a session of the book
        after = book.after(session)
        named = after.named
        if named is None:
            return NOT_CHECKED
        return MorningVerdict(
            checked=True, flare=after.flare, day=named.day, pain=named.pain, usual=named.usual
        )

    return verdict


@dataclass(frozen=True, slots=True)
class _Started:
    """A session known only by when it started (the SessionFacts a MorningBook reads)."""

    started_at: dt.datetime
    ended_at: dt.datetime | None = None
    status: SessionStatus = SessionStatus.COMPLETED
    step: int = 0
    max_pain: int | None = None
    sets_done: int = 1
    finished: bool = True
    last_set_at: dt.datetime | None = None
    interrupted: bool = False
    label: str = ""


def mornings_after(
    checkins: Sequence[CheckIn],
    window: int,
    session_starts: Sequence[dt.datetime],
    tz: dt.tzinfo | None = dt.UTC,
) -> MorningsAfter:
    """`verdicts` over a book of sessions known by their starts (every session, either part, so
    the window of a session ends where the next one began), with the default rules and a usual of
    `window` mornings. The app passes its real book to `verdicts` instead."""
    sessions = [_Started(start) for start in sorted(session_starts)]
    book = read_mornings(sessions, checkins, Rules(morning_normal_window=window), tz)
    return verdicts(book)
