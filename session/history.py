"""The runner's history, reviewed: one row per session with its next-morning pain, and the mornings.

Pure functions over session summaries (`SessionSummary`: the store keeps them in its index, so
ten years of them load in milliseconds; the sets are not needed here) and check-ins; the time zone
(for local dates) is passed in. A session's next morning is the first check-in after it ended and
before the next session started, the same match the progression rules use. Built for ten years of
data: everything here is linear (plus sorting), never a scan of every check-in per session.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from session.records import CheckIn, SessionStatus, SessionSummary

STATUS_WORDS: dict[SessionStatus, str] = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED_FOR_PAIN: "stopped for pain",
    SessionStatus.ENDED_EARLY: "ended early",
    SessionStatus.IN_PROGRESS: "in progress",
}


@dataclass(frozen=True, slots=True)
class Morning:
    """One check-in, with the runner's normal as it stood before it (None for the first)."""

    checkin: CheckIn
    normal: float | None

    @property
    def pain(self) -> int:
        return self.checkin.pain

    @property
    def flare(self) -> bool:
        """Above normal: the load before it was too much. The first check-in sets normal."""
        return self.normal is not None and self.checkin.pain > self.normal


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One session as the history table shows it: what was prescribed, done and felt."""

    session: SessionSummary
    """The session's facts; its sets are read only when asked for (`Store.session(id)`)."""
    started: dt.datetime
    """Local start time."""
    morning: Morning | None
    """The next morning's check-in, if there was one before the next session."""

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def day(self) -> dt.date:
        return self.started.date()

    @property
    def step(self) -> int:
        return self.session.step

    @property
    def circuit(self) -> int:
        return self.session.circuit

    @property
    def dose(self) -> str:
        return self.session.dose

    @property
    def reps_done(self) -> int:
        return self.session.reps_done

    @property
    def reps_prescribed(self) -> int:
        return self.session.reps_prescribed

    @property
    def max_pain(self) -> int | None:
        return self.session.max_pain

    @property
    def morning_pain(self) -> int | None:
        return None if self.morning is None else self.morning.pain

    @property
    def flare(self) -> bool:
        return self.morning is not None and self.morning.flare

    @property
    def status(self) -> str:
        return STATUS_WORDS[self.session.status]

    def as_json(self) -> dict[str, object]:
        """Plain values for `achilles history --json`."""
        s = self.session
        return {
            "id": self.id,
            "started_at": self.started.isoformat(),
            "date": self.day.isoformat(),
            "circuit": s.circuit,
            "step": s.step + 1,
            "label": s.label,
            "dose": s.dose,
            "sets_done": s.sets_done,
            "sets_prescribed": s.sets_prescribed,
            "reps_done": self.reps_done,
            "reps_prescribed": self.reps_prescribed,
            "max_pain": self.max_pain,
            "morning_pain": self.morning_pain,
            "morning_normal": None if self.morning is None else self.morning.normal,
            "flare": self.flare,
            "status": s.status.value,
            "started_early": s.started_early,
        }


def mornings(checkins: Sequence[CheckIn], window: int) -> list[Morning]:
    """Every check-in, oldest first, each with the median of the `window` before it."""
    ordered = sorted(checkins, key=lambda c: c.recorded_at)
    times = [c.recorded_at for c in ordered]
    result: list[Morning] = []
    for i, c in enumerate(ordered):
        earlier = bisect_left(times, c.recorded_at, 0, i)  # strictly before, as the rules count
        recent = ordered[max(0, earlier - window) : earlier]
        normal = float(median(r.pain for r in recent)) if recent else None
        result.append(Morning(c, normal))
    return result


def finished_sessions(sessions: Sequence[SessionSummary]) -> list[SessionSummary]:
    """Finished sessions, oldest first."""
    return sorted((s for s in sessions if s.finished), key=lambda s: s.started_at)


def next_mornings(
    sessions: Sequence[SessionSummary], morning_list: Sequence[Morning], tz: dt.tzinfo | None
) -> list[Morning | None]:
    """For each of `sessions` (finished, oldest first): its next-morning check-in, or None.

    As the progression rules read it: the first check-in after the session ended and before the
    next one started, for a later day than the session's (in `tz`): the same evening is not a
    morning.
    """
    times = [m.checkin.recorded_at for m in morning_list]
    found: list[Morning | None] = []
    for i, s in enumerate(sessions):
        ended = s.ended_at or s.started_at
        session_day = s.started_at.astimezone(tz).date()
        nxt = sessions[i + 1].started_at if i + 1 < len(sessions) else None
        match: Morning | None = None
        for k in range(bisect_right(times, ended), len(times)):
            if nxt is not None and times[k] >= nxt:
                break
            if morning_list[k].checkin.day > session_day:
                match = morning_list[k]
                break
        found.append(match)
    return found


def history_rows(
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    window: int,
    tz: dt.tzinfo | None,
) -> list[HistoryRow]:
    """The history table: finished sessions, newest first, each with its next morning."""
    done = finished_sessions(sessions)
    matched = next_mornings(done, mornings(checkins, window), tz)
    rows = [
        HistoryRow(s, s.started_at.astimezone(tz), m) for s, m in zip(done, matched, strict=True)
    ]
    rows.reverse()
    return rows


COLUMNS: tuple[str, ...] = ("Date", "Session", "Reps done", "Pain", "Morning", "Status")
"""The history table's columns, shared by the History screen and `achilles history`."""


def rating(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


def cells(row: HistoryRow) -> tuple[str, ...]:
    """One row of the history table as text, in COLUMNS order."""
    s = row.session
    morning = rating(row.morning_pain) + (" flare" if row.flare else "")
    return (
        f"{row.started:%a %d %b %y}",
        f"C{s.circuit} {s.sets}x{s.reps}",
        f"{row.reps_done}/{row.reps_prescribed}",
        rating(row.max_pain),
        morning,
        row.status,
    )
