"""The CSV export of the return to speed work: one row per run, per test result, or per
questionnaire score, for a physio's spreadsheet (`achilles export --format csv --table runs`).

Dates and start times are local (the zone given); lists (the calming measures in use, a score's
points per question) are `;`-separated in one cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from typing import Any, Literal

from session.running.functional import FunctionalResult
from session.running.outcome import OutcomeScore
from session.running.runs import RunRecord

RecordTable = Literal["runs", "tests", "scores"]
RECORD_TABLES: tuple[RecordTable, ...] = ("runs", "tests", "scores")

RUN_COLUMNS = (
    "date",
    "start",
    "kind",
    "minutes",
    "distance_km",
    "pain_during",
    "pain_after",
    "calming",
    "note",
    "imported_from",
    "id",
)
TEST_COLUMNS = ("date", "test", "left", "right", "note", "id")
SCORE_COLUMNS = ("date", "label", "score", "points", "id")


def _blank(value: object) -> object:
    return "" if value is None else value


def _run(r: RunRecord, tz: dt.tzinfo | None) -> dict[str, object]:
    start = r.started_at.astimezone(tz)
    return {
        "date": start.date().isoformat(),
        "start": f"{start:%H:%M}",
        "kind": r.kind.value,
        "minutes": f"{r.minutes:g}",
        "distance_km": "" if r.distance_km is None else f"{r.distance_km:g}",
        "pain_during": r.pain_during,
        "pain_after": _blank(r.pain_after),
        "calming": ";".join(r.calming),
        "note": r.note,
        "imported_from": _blank(r.imported_from),
        "id": r.id,
    }


def _test(r: FunctionalResult, tz: dt.tzinfo | None) -> dict[str, object]:
    return {
        "date": r.recorded_at.astimezone(tz).date().isoformat(),
        "test": r.kind,
        "left": _blank(r.left),
        "right": _blank(r.right),
        "note": r.note,
        "id": r.id,
    }


def _score(s: OutcomeScore, tz: dt.tzinfo | None) -> dict[str, object]:
    return {
        "date": s.recorded_at.astimezone(tz).date().isoformat(),
        "label": s.label,
        "score": s.score,
        "points": ";".join(f"{k}={v}" for k, v in s.points.items()),
        "id": s.id,
    }


_TABLES: dict[
    RecordTable, tuple[tuple[str, ...], Callable[[Any, dt.tzinfo | None], dict[str, object]]]
] = {
    "runs": (RUN_COLUMNS, _run),
    "tests": (TEST_COLUMNS, _test),
    "scores": (SCORE_COLUMNS, _score),
}


def running_csv(table: RecordTable, records: Sequence[object], tz: dt.tzinfo | None) -> str:
    """The header and one row per record of `table`, in the order given."""
    columns, row = _TABLES[table]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(row(record, tz))
    return buffer.getvalue()
