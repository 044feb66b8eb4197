"""What the running rules need of the one morning model, and an adapter over today's check-ins.

The rules ask two questions only, both about one kind of load at a time (runs here; sessions in
session.progression):
- `after(ended, day, until)`: the mornings after a load that ended at `ended` on local day `day`,
  up to the next load of that kind (`until`): check-ins for a later day than `day`, recorded after
  `ended` and before `until`, oldest first;
- `between(first, last)`: every morning of the local days `first` to `last`, oldest first.
Each morning says its day, pain, the runner's normal before it, and whether it flared. Whatever
the one morning model decides a flare is (a margin over normal, stiffness minutes) is what these
rules obey: they read `flare`, never recompute it.

`CheckInMornings` answers both from the one morning model (`session.morning.MorningBook`): the
mornings it counts, each judged by the program's rules (flare margin, stiffness, set-aside
entries), so the running rules and the plyometric ladder can never disagree about a morning.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from session.morning import MorningBook, read_mornings
from session.program import Rules
from session.records import CheckIn


class Morning(Protocol):
    """One morning check-in, judged."""

    @property
    def day(self) -> dt.date: ...
    @property
    def recorded_at(self) -> dt.datetime: ...
    @property
    def pain(self) -> int: ...
    @property
    def normal(self) -> float | None:
        """The runner's normal before this morning; None for the first ever."""
        ...

    @property
    def flare(self) -> bool: ...


class MorningModel(Protocol):
    def after(
        self, ended: dt.datetime, day: dt.date, until: dt.datetime | None
    ) -> Sequence[Morning]: ...

    def between(self, first: dt.date, last: dt.date) -> Sequence[Morning]: ...


@dataclass(frozen=True, slots=True)
class JudgedMorning:
    day: dt.date
    recorded_at: dt.datetime
    pain: int
    normal: float | None
    flare: bool


class CheckInMornings:
    """The MorningModel over one `MorningBook`'s mornings (`from_book` in the app; the
    constructor reads check-ins alone with the default rules and a usual of `window` mornings)."""

    def __init__(self, checkins: Sequence[CheckIn], window: int) -> None:
        book = read_mornings((), checkins, Rules(morning_normal_window=window), dt.UTC)
        self._load(book)

    @classmethod
    def from_book(cls, book: MorningBook) -> CheckInMornings:
        """The mornings exactly as progression, history and the report read them."""
        made = cls.__new__(cls)
        made._load(book)
        return made

    def _load(self, book: MorningBook) -> None:
        self.items: list[JudgedMorning] = sorted(
            (
                JudgedMorning(m.day, m.checkin.recorded_at, m.pain, m.usual, m.flare)
                for m in book.mornings
            ),
            key=lambda m: m.recorded_at,
        )
        self._times = [m.recorded_at for m in self.items]
        by_day = sorted(self.items, key=lambda m: (m.day, m.recorded_at))
        self._by_day = by_day
        self._days = [m.day for m in by_day]

    def after(
        self, ended: dt.datetime, day: dt.date, until: dt.datetime | None
    ) -> list[JudgedMorning]:
        start = bisect_right(self._times, ended)
        end = len(self.items) if until is None else bisect_left(self._times, until)
        return [m for m in self.items[start:end] if m.day > day]

    def between(self, first: dt.date, last: dt.date) -> list[JudgedMorning]:
        lo = bisect_left(self._days, first)
        hi = bisect_right(self._days, last)
        return self._by_day[lo:hi]
