"""The history as documents: the physio's report and the exports (CSV tables, the JSON backup).

Use cases of `Coach` (`Coach.report`, `Coach.export`), here on their own because they are the
only ones that need the `report` package: the coach imports this module when one is asked for, so
the plan's path at start-up does not import the report's builders.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from report.physio import Report, build_report
from report.running_csv import running_csv
from report.sets_csv import to_csv
from report.speed import SpeedSection

if TYPE_CHECKING:
    from session.program import Program
    from session.running.speed_program import SpeedProgram
    from session.strength.program import StrengthProgram
    from store import Store
    from tui.coach.running import RunningReview, RunningToday

ExportFormat = Literal["csv", "json"]
ExportTable = Literal["sets", "runs", "tests", "scores"]

WHAT = {"runs": "run(s)", "tests": "test result(s)", "scores": "score(s)"}
"""What a table's records are called in the export's count."""


@dataclass(frozen=True, slots=True)
class Export:
    """An export's text, how many records it holds (sessions, or runs, tests, scores), and
    what it lacks."""

    text: str
    sessions: int
    what: str = "session(s)"
    missing: tuple[str, ...] = ()
    """The history's files that could not be read, one line each naming the file and why: the
    export lacks their records (empty: it is complete)."""


@dataclass(frozen=True, slots=True)
class Programs:
    """The programs a report is written against."""

    program: Program
    strength: StrengthProgram | None
    speed: SpeedProgram


def physio_report(
    store: Store,
    programs: Programs,
    running: tuple[RunningToday, RunningReview],
    now: dt.datetime,
) -> Report:
    """The one-page report for the physio, from summaries and check-ins, with the speed work
    (`running`: today's running plan and the running review)."""
    report = build_report(
        programs.program,
        store.settings(),
        store.summaries(),
        store.checkins(),
        now,
        strength=programs.strength,
    )
    today, review = running
    section = SpeedSection(programs.speed, today.plan, review.weeks, review.symmetry, review.trend)
    return replace(report, speed=section)


def export_history(
    store: Store, fmt: ExportFormat, table: ExportTable, tz: dt.tzinfo | None
) -> Export:
    """The history as CSV (one row per set per leg; or per run, test or score with `table`)
    or JSON (a full backup: sessions, check-ins, settings, runs, tests, scores). What it lacks
    is asked after the reading, which is when a damaged month file is found."""
    if fmt == "json":
        sessions = store.sessions()
        text = json.dumps(store.export_json(), indent=1, ensure_ascii=False) + "\n"
        return Export(text, len(sessions), missing=tuple(store.missing))
    if table == "sets":
        sessions = store.sessions()
        return Export(to_csv(sessions), len(sessions), missing=tuple(store.missing))
    records: list[object]
    if table == "runs":
        records = list(store.runs())
    elif table == "tests":
        records = list(store.results())
    else:
        records = list(store.scores())
    text = running_csv(table, records, tz)
    return Export(text, len(records), WHAT[table], tuple(store.missing))
