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
    """Every session and check-in, read once: O(n log n), so ten years cost milliseconds."""

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
        self.sessions: tuple[SessionFacts, ...] = tuple(
            sorted(sessions, key=lambda s: s.started_at)
        )
        self._index = {id(s): i for i, s in enumerate(self.sessions)}
        self.session_days = [self.local_day(s.started_at) for s in self.sessions]
        counted, self.set_aside = self._sort(checkins, today)
        self.mornings: tuple[Morning, ...] = _read(counted, rules)
        self.days = [m.day for m in self.mornings]
        self._pos = {id(m): i for i, m in enumerate(self.mornings)}
        self._owner = [self._owner_of(m) for m in self.mornings]
        owned: list[list[Morning]] = [[] for _ in self.sessions]
        for m, owner in zip(self.mornings, self._owner, strict=True):
            if owner is not None:
                owned[owner].append(m)
        self.after_each: tuple[AfterSession, ...] = tuple(
            AfterSession(s, tuple(ms)) for s, ms in zip(self.sessions, owned, strict=True)
        )

    def local_day(self, when: dt.datetime) -> dt.date:
        return when.astimezone(self.tz).date()

    def _sort(
        self, checkins: Sequence[CheckIn], today: dt.date | None
    ) -> tuple[list[CheckIn], tuple[SetAside, ...]]:
        starts: dict[dt.date, list[dt.datetime]] = {}
        for s, day in zip(self.sessions, self.session_days, strict=True):
            if s.sets_done:
                starts.setdefault(day, []).append(s.started_at.astimezone(self.tz))
        counted: list[CheckIn] = []
        aside: list[SetAside] = []
        for c in sorted(checkins, key=lambda c: (c.day, c.recorded_at)):
            if today is not None and c.day > today:
                aside.append(SetAside(c, "for a day that has not come yet"))
                continue
            entered = c.recorded_at.astimezone(self.tz)
            doubt = entry_doubt(c.day, entered, starts.get(c.day, ()), self.rules.night_ends_hour)
            if doubt is not None and not c.confirmed:
                aside.append(SetAside(c, f"{doubt}: not clear that it is about that morning"))
            else:
                counted.append(c)
        return counted, tuple(aside)

    def _owner_of(self, m: Morning) -> int | None:
        """The session a morning comes after: the last one on an earlier day, if it had ended
        by the time the morning was entered."""
        k = bisect_left(self.session_days, m.day) - 1
        if k < 0 or m.checkin.recorded_at <= session_end(self.sessions[k]):
            return None
        return k

    def after(self, session: SessionFacts) -> AfterSession:
        """The mornings after `session` (one of the sessions this book was made with)."""
        return self.after_each[self._index[id(session)]]

    def session_before(self, morning: Morning) -> SessionFacts | None:
        """The session `morning` comes after, or None (before the first session)."""
        owner = self._owner[self._pos[id(morning)]]
        return None if owner is None else self.sessions[owner]

    def morning_of(self, day: dt.date) -> Morning | None:
        k = bisect_left(self.days, day)
        return self.mornings[k] if k < len(self.days) and self.days[k] == day else None

    def usual_before(self, day: dt.date) -> tuple[float | None, int]:
        """The usual morning pain for a morning of `day`, and how many mornings it is made of."""
        end = bisect_left(self.days, day)
        recent = self.mornings[max(0, end - self.rules.morning_normal_window) : end]
        return (float(median(m.pain for m in recent)) if recent else None), len(recent)

    def answered_after(self, day: dt.date) -> bool:
        """Whether any morning of a later day than `day` is in the book."""
        return bisect_right(self.days, day) < len(self.days)


def _read(counted: Sequence[CheckIn], rules: Rules) -> tuple[Morning, ...]:
    """Each morning (oldest first) against the usual of the ones before it."""
    window = rules.morning_normal_window
    stiff: list[int] = []
    out: list[Morning] = []
    for i, c in enumerate(counted):
        recent = counted[max(0, i - window) : i]
        usual = float(median(r.pain for r in recent)) if recent else None
        usual_stiffness = float(median(stiff[-window:])) if stiff else None
        pain_flare = usual is not None and c.pain - usual > rules.flare_margin
        stiffness_flare = (
            c.stiffness_minutes is not None
            and usual_stiffness is not None
            and c.stiffness_minutes - usual_stiffness > rules.stiffness_margin_minutes
        )
        far = usual is not None and c.pain - usual >= rules.far_above
        out.append(Morning(c, usual, usual_stiffness, pain_flare, stiffness_flare, far))
        if c.stiffness_minutes is not None:
            stiff.append(c.stiffness_minutes)
    return tuple(out)


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
