"""The mornings after sessions: which check-ins are mornings, the runner's usual, and the flares.

One model (`read_mornings`) read by progression, the history rows, the trends, the report's
setbacks and the check-in result, so none of them can disagree about a morning.

- A check-in is about the morning of its `day`, on waking. It counts as a morning unless the time
  it was entered leaves that open and the runner did not say which morning it is about
  (`CheckIn.confirmed`; see `entry_doubt`): made at night, or after a session done earlier that
  day. Such an entry is set aside: kept and shown, but it sets no usual and answers no
  next-morning question. So is an entry for a day that has not come yet.
- The runner's usual: the median pain of the `morning_normal_window` mornings before (by day),
  and the median stiffness of the last as many mornings that gave one. The first morning sets it.
- A flare: pain more than `flare_margin` points above the usual, or stiffness more than
  `stiffness_margin_minutes` longer than the usual stiffness (Silbernagel: morning pain and
  stiffness must not rise). Far above: pain at least `far_above` points above the usual.
- The mornings after a session: the mornings of the days after its local day, up to and including
  the day of the next session (whose morning comes before it), entered after it ended. Two
  sessions on one day: the later one owns the mornings. Any of them flaring means the load was
  too much.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from session.program import Rules
from session.records import CheckIn, SessionFacts


def session_end(session: SessionFacts) -> dt.datetime:
    """When a session stopped loading the tendon: its end, else its last set, else its start."""
    return session.ended_at or session.last_set_at or session.started_at


def entry_doubt(
    day: dt.date,
    entered: dt.datetime,
    sessions_that_day: Sequence[dt.datetime],
    night_ends_hour: int,
) -> str | None:
    """Why an entry made at local time `entered` may not be about the morning of `day`, or None.

    "Ambiguous time" is exactly this: an entry on `day` itself, either at night (before
    `night_ends_hour`: the end of the evening before, or an early start) or after a session
    that started earlier that day (the waking came before the session; the entry may say how it
    feels after it). `sessions_that_day`: local starts of that day's sessions with a set done.
    """
    if entered.date() != day:
        return None  # a morning named for another day: the runner said which one
    if entered.hour < night_ends_hour:
        return f"entered at night ({entered:%H:%M})"
    done = [s for s in sessions_that_day if s < entered]
    if done:
        return f"entered at {entered:%H:%M}, after that day's session at {max(done):%H:%M}"
    return None


@dataclass(frozen=True, slots=True)
class Morning:
    """One morning check-in, read against the runner's usual as it stood before it."""

    checkin: CheckIn
    usual: float | None
    """The usual morning pain before this morning; None for the first morning."""
    usual_stiffness: float | None
    """The usual stiffness minutes before it; None before any morning gave one."""
    pain_flare: bool
    stiffness_flare: bool
    far_above: bool
    """Pain at least the program's `far_above` points above the usual."""

    @property
    def day(self) -> dt.date:
        return self.checkin.day

    @property
    def pain(self) -> int:
        return self.checkin.pain

    @property
    def stiffness(self) -> int | None:
        return self.checkin.stiffness_minutes

    @property
    def normal(self) -> float | None:
        """The old name of `usual`, kept for callers not yet moved."""
        return self.usual

    @property
    def flare(self) -> bool:
        return self.pain_flare or self.stiffness_flare

    @property
    def rise(self) -> float | None:
        """Points above the usual (negative below it); None for the first morning."""
        return None if self.usual is None else self.pain - self.usual

    @property
    def stiffness_rise(self) -> float | None:
        """Minutes longer than the usual stiffness; None when either is unknown."""
        if self.stiffness is None or self.usual_stiffness is None:
            return None
        return self.stiffness - self.usual_stiffness


@dataclass(frozen=True, slots=True)
class SetAside:
    """A check-in that is not counted as a morning, and why (fit to show after "Not counted:")."""

    checkin: CheckIn
    reason: str


@dataclass(frozen=True, slots=True)
class AfterSession:
    """A session and the mornings after it (before the next session)."""

    session: SessionFacts
    mornings: tuple[Morning, ...]

    @property
    def flares(self) -> tuple[Morning, ...]:
        return tuple(m for m in self.mornings if m.flare)

    @property
    def flare(self) -> bool:
        return any(m.flare for m in self.mornings)

    @property
    def first(self) -> Morning | None:
        return self.mornings[0] if self.mornings else None

    @property
    def named(self) -> Morning | None:
        """The morning that speaks for the session: its worst flare (the highest pain, then the
        longest stiffness, then the earliest), or else the first morning after it."""
        if flares := self.flares:
            return max(flares, key=lambda m: (m.pain, m.stiffness or 0, -m.day.toordinal()))
        return self.first

    def ordinal(self, morning: Morning) -> int:
        """1 for the first morning after the session, 2 for the second, ..."""
        return self.mornings.index(morning) + 1


class MorningBook:
    """Every session and check-in, sorted and sorted out once (O(n log n)); each morning is read
    against the usual only when asked for, so the one question progression asks (the mornings
    after the last session) costs O(log n) more, and the whole history a few milliseconds."""

    def __init__(
        self,
        sessions: Sequence[SessionFacts],
        checkins: Sequence[CheckIn],
        rules: Rules,
        tz: dt.tzinfo | None,
        today: dt.date | None = None,
    ) -> None:
        self.rules = rules
        self.tz = tz
        ordered = sorted(sessions, key=lambda s: s.started_at)
        self.sessions: tuple[SessionFacts, ...] = tuple(ordered)
        self._index = {id(s): i for i, s in enumerate(self.sessions)}
        starts = [s.started_at.astimezone(tz) for s in self.sessions]
        self.session_days = [start.date() for start in starts]
        counted, self.set_aside = self._sort(checkins, today, starts)
        self._counted = counted
        self.days = [c.day for c in counted]
        self._stiff_at = [i for i, c in enumerate(counted) if c.stiffness_minutes is not None]
        self._cache: dict[int, Morning] = {}
        self._pos: dict[int, int] = {}
        self._after: dict[int, AfterSession] = {}

    def local_day(self, when: dt.datetime) -> dt.date:
        return when.astimezone(self.tz).date()

    def _sort(
        self, checkins: Sequence[CheckIn], today: dt.date | None, starts: Sequence[dt.datetime]
    ) -> tuple[list[CheckIn], tuple[SetAside, ...]]:
        by_day: dict[dt.date, list[dt.datetime]] = {}
        for s, start in zip(self.sessions, starts, strict=True):
            if s.sets_done:
                by_day.setdefault(start.date(), []).append(start)
        counted: list[CheckIn] = []
        aside: list[SetAside] = []
        night_ends = self.rules.night_ends_hour
        for c in sorted(checkins, key=lambda c: (c.day, c.recorded_at)):
            if today is not None and c.day > today:
                aside.append(SetAside(c, "for a day that has not come yet"))
                continue
            entered = c.recorded_at.astimezone(self.tz)
            if c.confirmed or (entered.hour >= night_ends and c.day not in by_day):
                counted.append(c)  # the common case, decided without entry_doubt
                continue
            doubt = entry_doubt(c.day, entered, by_day.get(c.day, ()), night_ends)
            if doubt is not None:
                aside.append(SetAside(c, f"{doubt}: not clear that it is about that morning"))
            else:
                counted.append(c)
        return counted, tuple(aside)

    def _morning(self, i: int) -> Morning:
        """Morning `i` (by day) against the usual of the ones before it."""
        if (m := self._cache.get(i)) is not None:
            return m
        rules, c = self.rules, self._counted[i]
        window = rules.morning_normal_window
        usual = _median([r.pain for r in self._counted[max(0, i - window) : i]])
        k = bisect_left(self._stiff_at, i)
        at = self._stiff_at[max(0, k - window) : k]
        usual_stiffness = _median([self._counted[j].stiffness_minutes or 0 for j in at])
        pain_flare = usual is not None and c.pain - usual > rules.flare_margin
        stiffness_flare = (
            c.stiffness_minutes is not None
            and usual_stiffness is not None
            and c.stiffness_minutes - usual_stiffness > rules.stiffness_margin_minutes
        )
        far = usual is not None and c.pain - usual >= rules.far_above
        m = Morning(c, usual, usual_stiffness, pain_flare, stiffness_flare, far)
        self._cache[i] = m
        self._pos[id(m)] = i
        return m

    @functools.cached_property
    def mornings(self) -> tuple[Morning, ...]:
        """Every morning, oldest first."""
        return tuple(self._morning(i) for i in range(len(self._counted)))

    def _owner(self, i: int) -> int | None:
        """The session morning `i` comes after: the last one on an earlier day, if it had ended
        by the time the morning was entered."""
        k = bisect_left(self.session_days, self.days[i]) - 1
        if k < 0 or self._counted[i].recorded_at <= session_end(self.sessions[k]):
            return None
        return k

    def _after_index(self, k: int) -> AfterSession:
        if (found := self._after.get(k)) is not None:
            return found
        day = self.session_days[k]
        # Its mornings: the days after its own, up to the next session's day; none when the
        # next session is on the same day (the later one owns them).
        nxt = self.session_days[k + 1] if k + 1 < len(self.sessions) else None
        lo = bisect_right(self.days, day)
        hi = len(self.days) if nxt is None else bisect_right(self.days, nxt)
        if nxt == day:
            hi = lo
        end = session_end(self.sessions[k])
        mornings = tuple(
            self._morning(i) for i in range(lo, hi) if self._counted[i].recorded_at > end
        )
        found = AfterSession(self.sessions[k], mornings)
        self._after[k] = found
        return found

    def after(self, session: SessionFacts) -> AfterSession:
        """The mornings after `session` (one of the sessions this book was made with)."""
        return self._after_index(self._index[id(session)])

    @functools.cached_property
    def after_each(self) -> tuple[AfterSession, ...]:
        """The mornings after each session, in `sessions` order."""
        return tuple(self._after_index(k) for k in range(len(self.sessions)))

    def session_before(self, morning: Morning) -> SessionFacts | None:
        """The session `morning` comes after, or None (before the first session)."""
        owner = self._owner(self._pos[id(morning)])
        return None if owner is None else self.sessions[owner]

    def morning_of(self, day: dt.date) -> Morning | None:
        k = bisect_left(self.days, day)
        return self._morning(k) if k < len(self.days) and self.days[k] == day else None

    def usual_before(self, day: dt.date) -> tuple[float | None, int]:
        """The usual morning pain for a morning of `day`, and how many mornings it is made of."""
        end = bisect_left(self.days, day)
        recent = self._counted[max(0, end - self.rules.morning_normal_window) : end]
        return (float(median(m.pain for m in recent)) if recent else None), len(recent)

    def answered_after(self, day: dt.date) -> bool:
        """Whether any morning of a later day than `day` is in the book."""
        return bisect_right(self.days, day) < len(self.days)


def _median(values: list[int]) -> float | None:
    """statistics.median, for the few values of a window, without its overhead."""
    if not values:
        return None
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def read_mornings(
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    rules: Rules,
    tz: dt.tzinfo | None,
    today: dt.date | None = None,
) -> MorningBook:
    """The one reading of the mornings. `tz` gives local days; `today` (local) sets aside
    check-ins for later days. Sessions may be records or summaries, finished or not."""
    return MorningBook(sessions, checkins, rules, tz, today)


def morning_normal(earlier: Sequence[CheckIn], window: int) -> float | None:
    """The median of the `window` latest check-ins in `earlier`, by day; None before any.

    Kept for callers not yet moved to `MorningBook.usual_before`, which also leaves out the
    entries that are not mornings."""
    recent = sorted(earlier, key=lambda c: (c.day, c.recorded_at))[-window:]
    return float(median(c.pain for c in recent)) if recent else None
