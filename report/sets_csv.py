"""The CSV export: one row per set per leg, the shape workout loggers use, for a spreadsheet.

Columns: date (the session's local date), session_id, circuit (blank for a calf raise), exercise
(its id in its program), leg (left, right, or both for a both-legs calf raise), set (k of the
exercise's sets), reps (done on that leg), pain (0-10, rated once per set, blank if not rated),
status (the session's: completed, stopped_for_pain, ended_early, in_progress), part (strength:
part 1's calf raises; plyometrics: the circuit) and load_kg (the load added to body weight, in
the program's unit; blank for hops). Within a session, rows follow the order the sets were done.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import TextIO

from session.records import SessionRecord

CSV_COLUMNS: tuple[str, ...] = (
    "date",
    "session_id",
    "circuit",
    "exercise",
    "leg",
    "set",
    "reps",
    "pain",
    "status",
    "part",
    "load_kg",
)

Row = dict[str, str | int | float]


def _part1_rows(session: SessionRecord, day: str) -> Iterator[Row]:
    for lifted in session.strength_sets:
        for leg in lifted.legs:
            yield {
                "date": day,
                "session_id": session.id,
                "circuit": "",
                "exercise": lifted.exercise,
                "leg": leg.side,
                "set": lifted.set_index,
                "reps": leg.reps_done,
                "pain": "" if lifted.pain is None else lifted.pain,
                "status": session.status.value,
                "part": "strength",
                "load_kg": lifted.load_kg,
            }


def _circuit_rows(session: SessionRecord, day: str) -> Iterator[Row]:
    for set_result in session.sets:
        for leg in set_result.legs:
            yield {
                "date": day,
                "session_id": session.id,
                "circuit": session.prescription.circuit,
                "exercise": set_result.exercise,
                "leg": leg.leg,
                "set": set_result.set_index,
                "reps": leg.reps_done,
                "pain": "" if set_result.pain is None else set_result.pain,
                "status": session.status.value,
                "part": "plyometrics",
                "load_kg": "",
            }


def csv_rows(sessions: Iterable[SessionRecord], tz: dt.tzinfo | None = None) -> Iterator[Row]:
    """The rows, in session order, each session's parts in its own order; dates in `tz` (the
    local time zone by default)."""
    for session in sessions:
        day = session.started_at.astimezone(tz).date().isoformat()
        for part in session.parts:
            if part == "strength":
                yield from _part1_rows(session, day)
            else:
                yield from _circuit_rows(session, day)


def write_csv(sessions: Iterable[SessionRecord], out: TextIO, tz: dt.tzinfo | None = None) -> int:
    """Write the header and the rows to `out`; the number of rows written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in csv_rows(sessions, tz):
        writer.writerow(row)
        count += 1
    return count


def to_csv(sessions: Iterable[SessionRecord], tz: dt.tzinfo | None = None) -> str:
    buffer = io.StringIO()
    write_csv(sessions, buffer, tz)
    return buffer.getvalue()
