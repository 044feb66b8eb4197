"""What the physio report (and the History screen's summary) says, as facts and words.

Pure. `review_facts` reads the history once, with the one morning rule (session.morning), and
gives the rows, weeks, streaks, setbacks and upcoming dose that all agree; the functions below
put them in words for a physio: "the runner's usual morning pain", training days, the check-in
notes and stiffness, the sessions left unfinished and those started before the rest was over.
store/report.py lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from session.flares import Setback, setbacks_of
from session.history import HistoryRow, rows_of
from session.morning import MorningBook, read_mornings
from session.program import Program
from session.progression import prescribe
from session.records import CheckIn, Prescription, SessionStatus, SessionSummary
from session.trends import Streaks, Week, adherence_over, streaks, weeks


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """One reading of the history, for the report and the History screen."""

    book: MorningBook
    rows: Sequence[HistoryRow]
    """Every session, unfinished ones too, newest first."""
    weeks: Sequence[Week]
    streaks: Streaks
    setbacks: Sequence[Setback]
    upcoming: Prescription
    today: dt.date


def review_facts(
    program: Program,
    sessions: Sequence[SessionSummary],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    upcoming: Prescription | None = None,
) -> ReviewFacts:
    """Everything the report shows, as of `now` (aware; its zone gives the local dates).
    `upcoming` is the circuit's next dose when the caller read it otherwise (with part 1 on,
    from the sessions that held the circuit: session.combined); else the ladder's."""
    tz, today = now.tzinfo, now.date()
    book = read_mornings(sessions, checkins, program.rules, tz, today)
    rows = rows_of(book, tz)
    week_list = weeks(rows, today)
    if upcoming is None:
        upcoming = prescribe(program, sessions, checkins, now)
    return ReviewFacts(
        book=book,
        rows=rows,
        weeks=week_list,
        streaks=streaks(week_list, today),
        setbacks=setbacks_of(book, program.stop_threshold, upcoming),
        upcoming=upcoming,
        today=today,
    )


def _g(value: float) -> str:
    return f"{value:g}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def sessions_text(rows: Sequence[HistoryRow]) -> str:
    """How many sessions and how each ended, over which dates: "12 (9 completed, 1 stopped for
    pain, 1 ended early, 1 unfinished), 05 May 2025 to 04 Jun 2025"."""
    if not rows:
        return "none yet"
    counts = {
        "completed": sum(
            1 for r in rows if not r.unfinished and r.session.status is SessionStatus.COMPLETED
        ),
        "stopped for pain": sum(1 for r in rows if r.status == "stopped for pain"),
        "ended early": sum(1 for r in rows if r.status == "ended early"),
        "unfinished": sum(1 for r in rows if r.unfinished),
    }
    parts = ", ".join(f"{n} {word}" for word, n in counts.items() if n or word != "unfinished")
    return f"{len(rows)} ({parts}), {rows[-1].day:%d %b %Y} to {rows[0].day:%d %b %Y}"


def adherence_text(week_list: Sequence[Week], s: Streaks) -> str:
    """Training days against planned over the last four whole weeks (this one is not over)."""
    if not week_list:
        return "–"
    this_week = week_list[-1]
    recent = list(week_list[-5:-1])
    text = f"this week {this_week.training_days} of {this_week.planned} training days so far"
    if recent:
        done, planned = adherence_over(recent)
        text = (
            f"{done} of {planned} planned training days in the "
            f"{_plural(len(recent), 'week')} before this one; {text}"
        )
    return f"{text}; {_plural(s.current, 'full week')} in a row (longest {s.longest})"


def usual_text(book: MorningBook, today: dt.date) -> str:
    """The usual, in the physio's words: "the runner's usual morning pain is 2/10 (median of
    the last 7 mornings); usual morning stiffness 10 minutes"."""
    usual, n = book.usual_before(today + dt.timedelta(days=1))
    if usual is None:
        return "no morning check-in yet"
    text = (
        f"the runner's usual morning pain is {_g(usual)}/10 "
        f"(median of the last {_plural(n, 'morning')})"
    )
    window = book.rules.morning_normal_window
    stiff = [m.stiffness for m in book.mornings if m.stiffness is not None][-window:]
    if stiff:
        text += f"; usual morning stiffness {_g(float(median(stiff)))} minutes"
    return text


@dataclass(frozen=True, slots=True)
class CheckInLine:
    """One check-in as the report lists it."""

    day: dt.date
    text: str
    flare: bool
    counted: bool


def checkin_lines(book: MorningBook, *, notes_only: bool = False) -> list[CheckInLine]:
    """Every check-in, newest first: pain against the usual, stiffness, the note, and for an
    entry that is not counted as a morning, why. `notes_only`: those with a note or not counted."""
    lines: list[CheckInLine] = []
    for m in book.mornings:
        if notes_only and not m.checkin.note:
            continue
        text = f"{m.day:%a %d %b %Y}: {m.pain}/10"
        if m.usual is not None:
            rise = "" if m.rise is None or m.rise <= 0 else f", {_g(m.rise)} above it"
            text += f" (the runner's usual {_g(m.usual)}/10{rise})"
        if m.stiffness is not None:
            text += f", stiffness {m.stiffness} min"
            if m.usual_stiffness is not None:
                text += f" (usual {_g(m.usual_stiffness)} min)"
        if m.flare:
            text += ", a flare"
        if m.checkin.note:
            text += f"; note: “{m.checkin.note}”"
        lines.append(CheckInLine(m.day, text, m.flare, True))
    for a in book.set_aside:
        c = a.checkin
        text = f"{c.day:%a %d %b %Y}: {c.pain}/10, not counted as a morning ({a.reason})"
        if c.stiffness_minutes is not None:
            text += f", stiffness {c.stiffness_minutes} min"
        if c.note:
            text += f"; note: “{c.note}”"
        lines.append(CheckInLine(c.day, text, False, False))
    lines.sort(key=lambda line: line.day, reverse=True)
    return lines


def started_early_lines(rows: Sequence[HistoryRow], program: Program) -> list[str]:
    """The sessions started before the rest interval was over, newest first."""
    rest = _g(program.rules.min_rest_hours)
    return [
        f"{r.started:%a %d %b %Y}: {r.session.label}, started before the {rest} h rest was over"
        for r in rows
        if r.session.started_early
    ]


def unfinished_lines(rows: Sequence[HistoryRow]) -> list[str]:
    """The sessions never finished, newest first, with the sets they saved."""
    return [
        f"{r.started:%a %d %b %Y}: {r.session.label}, unfinished: {r.session.sets_done} of "
        f"{r.session.sets_prescribed} sets saved"
        for r in rows
        if r.unfinished
    ]
