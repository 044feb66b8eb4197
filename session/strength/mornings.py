"""The one thing part 1 needs from the morning rules: did the mornings after a session flare?

Part 1 does not judge mornings itself: the load rules call a `MorningsAfter`, given the end of a
session and its local day, and get a `MorningVerdict`. The morning model (session/morning.py)
owns the answer, so both parts and the history agree on every flare. `mornings_after` adapts the
current `Mornings` to it; when the morning model is unified, only that function changes.

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

from session.morning import Mornings
from session.records import CheckIn


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


def mornings_after(
    checkins: Sequence[CheckIn], window: int, session_starts: Sequence[dt.datetime]
) -> MorningsAfter:
    """Judge with the current morning model (`Mornings`), up to the next session of any part.

    `session_starts`: when every session (either part) started, so the window of a session ends
    where the next one began.
    """
    mornings = Mornings(checkins, window)
    starts = sorted(session_starts)

    def verdict(ended_at: dt.datetime, session_day: dt.date) -> MorningVerdict:
        k = bisect_right(starts, ended_at)
        next_start = starts[k] if k < len(starts) else None
        after = mornings.after_session(ended_at, next_start, session_day)
        if not after:
            return NOT_CHECKED
        flares = [i for i in after if mornings.is_flare(i)]
        named = max(flares, key=lambda i: mornings.items[i].pain) if flares else after[0]
        checkin = mornings.items[named]
        return MorningVerdict(
            checked=True,
            flare=bool(flares),
            day=checkin.day,
            pain=checkin.pain,
            usual=mornings.normal_before(named),
        )

    return verdict
