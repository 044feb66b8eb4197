"""The runner's history, reviewed: one row per session with the mornings after it.

Pure functions over session summaries (`SessionSummary`: the store keeps them in its index, so
ten years of them load in milliseconds; the sets are not needed here) and check-ins; the time zone
(for local dates) is passed in. The mornings after a session, and whether they flared, come from
the one reading in session.morning, the same the progression rules use. Unfinished sessions are
rows too (their sets are saved), and so is a session started before the rest was over, said so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import AfterSession, Morning, MorningBook, read_mornings
from session.program import Rules
from session.records import CheckIn, SessionStatus, SessionSummary

STATUS_WORDS: dict[SessionStatus, str] = {
    SessionStatus.COMPLETED: "completed",
    SessionStatus.STOPPED_FOR_PAIN: "stopped for pain",
    SessionStatus.ENDED_EARLY: "ended early",
    SessionStatus.IN_PROGRESS: "unfinished",
}
UNFINISHED = "unfinished"
"""A session never finished: in progress, or left when the app stopped (closed later)."""
STARTED_EARLY = "started before the rest was over"


def rules_of(rules: Rules | int) -> Rules:
    """The morning rules; a bare window (the older calling style) means the default margins."""
    return rules if isinstance(rules, Rules) else Rules(morning_normal_window=rules)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One session as the history table shows it: what was prescribed, done and felt."""

    session: SessionSummary
    """The session's facts; its sets are read only when asked for (`Store.session(id)`)."""
    started: dt.datetime
    """Local start time."""
    after: AfterSession
    """The mornings after it (before the next session), as progression reads them."""

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
    def morning(self) -> Morning | None:
        """The morning that speaks for the session: its worst flare, else the first after it."""
        return self.after.named

    @property
    def mornings(self) -> tuple[Morning, ...]:
        return self.after.mornings

    @property
    def morning_pain(self) -> int | None:
        return None if self.morning is None else self.morning.pain

    @property
    def flare(self) -> bool:
        return self.after.flare

    @property
    def unfinished(self) -> bool:
        return not self.session.finished or self.session.interrupted

    @property
    def trained(self) -> bool:
        """At least one set was done: the tendon was loaded."""
        return self.session.sets_done > 0

    @property
    def status(self) -> str:
        return UNFINISHED if self.unfinished else STATUS_WORDS[self.session.status]

    def status_text(self) -> str:
        """The status as the table shows it: "unfinished, 4 of 9 sets", "started before ..."."""
        s = self.session
        text = self.status
        if self.unfinished:
            text += f", {s.sets_done} of {s.sets_prescribed} sets"
        if s.started_early:
            text += f", {STARTED_EARLY}"
        return text

    def as_json(self) -> dict[str, object]:
        """Plain values for `achilles history --json`."""
        s = self.session
        m = self.morning
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
            "morning_usual": None if m is None else m.usual,
            "flare": self.flare,
            "mornings": [morning_json(x) for x in self.mornings],
            "status": s.status.value,
            "unfinished": self.unfinished,
            "started_early": s.started_early,
        }


def morning_json(m: Morning) -> dict[str, object]:
    return {
        "date": m.day.isoformat(),
        "pain": m.pain,
        "usual": m.usual,
        "rise": m.rise,
        "stiffness_minutes": m.stiffness,
        "usual_stiffness_minutes": m.usual_stiffness,
        "flare": m.flare,
        "far_above": m.far_above,
        "note": m.checkin.note,
    }


def rows_of(book: MorningBook, tz: dt.tzinfo | None) -> list[HistoryRow]:
    """The rows of a morning book made from session summaries, newest first."""
    rows: list[HistoryRow] = []
    for after in reversed(book.after_each):
        s = after.session
        assert isinstance(s, SessionSummary), "history rows are made from session summaries"
        rows.append(HistoryRow(s, s.started_at.astimezone(tz), after))
    return rows


def history_rows(
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    rules: Rules | int,
    tz: dt.tzinfo | None,
    today: dt.date | None = None,
) -> list[HistoryRow]:
    """The history table: every session (unfinished ones too), newest first, each with the
    mornings after it. `rules`: the program's (a bare window: the default margins)."""
    return rows_of(read_mornings(sessions, checkins, rules_of(rules), tz, today), tz)


COLUMNS: tuple[str, ...] = ("Date", "Session", "Reps done", "Pain", "Morning", "Status")
"""The history table's columns, shared by the History screen and `achilles history`."""


def rating(value: int | None) -> str:
    return "–" if value is None else f"{value}/10"


def morning_cell(row: HistoryRow) -> str:
    """The Morning cell: "6/10 flare", "6/10 flare (2nd morning)", "2/10", or "–"."""
    m = row.morning
    if m is None:
        return "–"
    text = rating(m.pain)
    if row.flare:
        text += " flare" if m.pain_flare or not m.stiffness_flare else " flare (stiff)"
    n = row.after.ordinal(m)
    if n > 1:
        text += f" ({_ordinal(n)} morning)"
    return text


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def cells(row: HistoryRow) -> tuple[str, ...]:
    """One row of the history table as text, in COLUMNS order."""
    s = row.session
    return (
        f"{row.started:%a %d %b %y}",
        f"C{s.circuit} {s.sets}x{s.reps}",
        f"{row.reps_done}/{row.reps_prescribed}",
        rating(row.max_pain),
        morning_cell(row),
        row.status_text(),
    )
