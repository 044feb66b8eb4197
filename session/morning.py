"""Next-morning rules: the runner's normal morning pain, and what counts as a flare."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from statistics import median

from session.records import CheckIn


def morning_normal(earlier: Sequence[CheckIn], window: int) -> float | None:
    """The median of the `window` most recent check-ins in `earlier`; None before the first one."""
    recent = sorted(earlier, key=lambda c: c.recorded_at)[-window:]
    return float(median(c.pain for c in recent)) if recent else None


def is_flare(checkin: CheckIn, earlier: Sequence[CheckIn], window: int) -> bool:
    """Morning pain above the runner's normal. The first check-in sets normal: never a flare."""
    normal = morning_normal(earlier, window)
    return normal is not None and checkin.pain > normal


def first_after(
    checkins: Sequence[CheckIn],
    after: dt.datetime,
    before: dt.datetime | None,
    session_day: dt.date | None = None,
) -> CheckIn | None:
    """The next-morning answer: the first check-in recorded after `after` (and before `before`).

    With `session_day`, only a check-in for a later day counts: the same evening is not a morning.
    """
    for c in sorted(checkins, key=lambda c: c.recorded_at):
        if session_day is not None and c.day <= session_day:
            continue
        if c.recorded_at > after and (before is None or c.recorded_at < before):
            return c
    return None


def before(checkins: Sequence[CheckIn], checkin: CheckIn) -> list[CheckIn]:
    return [c for c in checkins if c.recorded_at < checkin.recorded_at]


class Mornings:
    """Check-ins sorted once, so next-morning questions over years of history cost O(log n)."""

    def __init__(self, checkins: Sequence[CheckIn], window: int) -> None:
        self.items = sorted(checkins, key=lambda c: c.recorded_at)
        self.times = [c.recorded_at for c in self.items]
        self.window = window

    def after_session(
        self, after: dt.datetime, before: dt.datetime | None, session_day: dt.date
    ) -> list[int]:
        """Indexes of the mornings after a session: check-ins for a later day than the session,
        recorded after it ended and before the next one started."""
        k = bisect_right(self.times, after)
        end = len(self.items) if before is None else bisect_left(self.times, before)
        return [i for i in range(k, end) if self.items[i].day > session_day]

    def normal_before(self, k: int) -> float | None:
        """The runner's normal when check-in `k` was made: the median of the ones before it."""
        end = bisect_left(self.times, self.times[k])
        recent = self.items[max(0, end - self.window) : end]
        return float(median(c.pain for c in recent)) if recent else None

    def is_flare(self, k: int) -> bool:
        normal = self.normal_before(k)
        return normal is not None and self.items[k].pain > normal
