"""Runs read from watch files: GPX (gpxpy), TCX (the standard library's XML parser) and FIT
(fit-tool), from bytes. Only the start, the time and the distance are read; the runner adds the
kind and the pain by hand.

The format is told by the content, not the name. XML with a DTD is refused (neither GPX nor TCX
uses one, and a DTD is how entity tricks get in). Every error names the file. Reading files from
disk (one file or a folder) is the coach's (tui.coach.run_files).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

import gpxpy
import gpxpy.gpx

from session.running.runs import (  # noqa: F401 (is_duplicate: the import's, kept here too)
    DUPLICATE_WINDOW,
    RunKind,
    RunRecord,
    is_duplicate,
    make_run,
)

# fit-tool calls logging.basicConfig() on import: a stderr handler on the root logger, through
# which its warnings (unknown fields are common in real files) would print over the app's screen.
# An application's logging is not a library's to set up: take the handler off again, and give its
# logger a null handler so Python's last-resort handler stays quiet too.
_root_handlers = list(logging.getLogger().handlers)
from fit_tool import FitError, FitFile  # noqa: E402
from fit_tool.profile.messages.file_id_message import FileIdMessage  # noqa: E402
from fit_tool.profile.messages.record_message import RecordMessage  # noqa: E402
from fit_tool.profile.messages.session_message import SessionMessage  # noqa: E402
from fit_tool.profile.profile_type import FileType, Sport  # noqa: E402

logging.getLogger().handlers[:] = _root_handlers
logging.getLogger("fit_tool").addHandler(logging.NullHandler())

Format = Literal["gpx", "tcx", "fit"]
SUFFIXES: dict[str, Format] = {".gpx": "gpx", ".tcx": "tcx", ".fit": "fit"}
TCX_NS = "{http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2}"


class RunFileError(ValueError):
    """A watch file that cannot be read as a run; the message starts with the file's name."""


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """What a watch file says about one run."""

    source: str
    format: Format
    started_at: dt.datetime
    """UTC."""
    seconds: float
    """Moving (timer) time where the file has it, else first to last point."""
    distance_km: float | None
    sport: str | None
    """As the file names it ("running", "cycling"); None when it does not say."""

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)

    @property
    def is_run(self) -> bool:
        return self.sport is None or "run" in self.sport.lower()

    def to_run(
        self,
        *,
        kind: RunKind,
        pain_during: int,
        now: dt.datetime,
        known_measures: Collection[str],
        pain_after: int | None = None,
        note: str = "",
        calming: Collection[str] = (),
    ) -> RunRecord:
        """The run to save, once the runner has said its kind and pain. Raises RunEntryError."""
        return make_run(
            started_at=self.started_at,
            kind=kind,
            minutes=self.minutes,
            distance_km=None if not self.distance_km else round(self.distance_km, 2),
            pain_during=pain_during,
            pain_after=pain_after,
            note=note,
            calming=calming,
            now=now,
            known_measures=known_measures,
            imported_from=self.source,
        )


def sniff(data: bytes) -> Format | None:
    """The file's format from its first bytes; None when it is none of the three."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096].decode("utf-8", errors="replace")
    if re.search(r"<(\w+:)?gpx[\s>]", head):
        return "gpx"
    if re.search(r"<(\w+:)?TrainingCenterDatabase[\s>]", head):
        return "tcx"
    return None


def parse_run_file(data: bytes, name: str) -> tuple[ImportedRun, ...]:
    """Every run in one GPX, TCX or FIT file's bytes; `name` is for messages and the record."""
    fmt = sniff(data)
    if fmt is None:
        raise RunFileError(f"{name}: not a GPX, TCX or FIT file.")
    if fmt != "fit" and re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        raise RunFileError(f"{name}: refused, the XML declares a DTD (GPX and TCX never do).")
    runs = {"gpx": _gpx, "tcx": _tcx, "fit": _fit}[fmt](data, name)
    if not runs:
        raise RunFileError(f"{name}: no timed activity found (a route or course has no times).")
    return tuple(runs)


def _utc(when: dt.datetime) -> dt.datetime:
    # GPX and TCX times are UTC by their schemas; a time without a zone is taken as UTC.
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)


def _gpx(data: bytes, name: str) -> list[ImportedRun]:
    try:
        gpx = gpxpy.parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RunFileError(
            f"{name}: not UTF-8 text, so not a GPX file this app can read."
        ) from None
    except gpxpy.gpx.GPXException as exc:
        raise RunFileError(f"{name}: not a valid GPX file: {exc}") from None
    runs: list[ImportedRun] = []
    for track in gpx.tracks:
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            continue
        seconds = track.get_duration() or (bounds.end_time - bounds.start_time).total_seconds()
        metres = track.length_2d()
        runs.append(
            ImportedRun(
                name,
                "gpx",
                _utc(bounds.start_time),
                float(seconds),
                metres / 1000 if metres else None,
                track.type or None,
            )
        )
    return runs


def _text(node: ET.Element, tag: str) -> str | None:
    found = node.find(TCX_NS + tag)
    return None if found is None or found.text is None else found.text.strip()


def _tcx(data: bytes, name: str) -> list[ImportedRun]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise RunFileError(f"{name}: not a valid TCX file: {exc}") from None
    runs: list[ImportedRun] = []
    for n, activity in enumerate(root.iter(TCX_NS + "Activity"), start=1):
        laps = activity.findall(TCX_NS + "Lap")
        start = laps[0].get("StartTime") if laps else _text(activity, "Id")
        if start is None:
            continue
        try:
            started = _utc(dt.datetime.fromisoformat(start.replace("Z", "+00:00")))
            seconds = sum(float(_text(lap, "TotalTimeSeconds") or 0) for lap in laps)
            metres = sum(float(_text(lap, "DistanceMeters") or 0) for lap in laps)
        except ValueError as exc:
            raise RunFileError(f"{name}: activity {n} has a bad time or number: {exc}") from None
        if seconds <= 0:
            continue
        sport = activity.get("Sport")
        runs.append(
            ImportedRun(
                name,
                "tcx",
                started,
                seconds,
                metres / 1000 if metres else None,
                sport.lower() if sport and sport != "Other" else None,
            )
        )
    return runs


def _ms(value: float | int | None) -> dt.datetime | None:
    """fit-tool gives times as milliseconds since the Unix epoch."""
    return None if value is None else dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)


def _sport(value: object) -> str | None:
    try:
        sport = value if isinstance(value, Sport) else Sport(value)
    except ValueError:
        return None
    return None if sport is Sport.GENERIC else sport.name.lower()


def _fit(data: bytes, name: str) -> list[ImportedRun]:
    try:
        fit = FitFile.from_bytes(data)
    except FitError as exc:
        raise RunFileError(f"{name}: not a valid FIT file: {exc}") from None
    messages = [r.message for r in fit.records]
    file_ids = [m for m in messages if isinstance(m, FileIdMessage)]
    if file_ids and file_ids[0].type not in (None, FileType.ACTIVITY, FileType.ACTIVITY.value):
        raise RunFileError(f"{name}: a FIT file, but not an activity (a course or a workout?).")
    sessions = [m for m in messages if isinstance(m, SessionMessage)]
    runs: list[ImportedRun] = []
    for s in sessions:
        start = _ms(s.start_time)
        seconds = s.total_timer_time or s.total_elapsed_time
        if start is None or not seconds:
            continue
        metres = s.total_distance
        runs.append(
            ImportedRun(
                name,
                "fit",
                start,
                float(seconds),
                metres / 1000 if metres else None,
                _sport(s.sport),
            )
        )
    if runs or sessions:
        return runs
    return _fit_records(name, [m for m in messages if isinstance(m, RecordMessage)])


def _fit_records(name: str, records: Sequence[RecordMessage]) -> list[ImportedRun]:
    """A FIT activity without a session summary (a watch that stopped early): its records."""
    times = [t for t in (_ms(r.timestamp) for r in records) if t is not None]
    if len(times) < 2:
        return []
    distances = [r.distance for r in records if r.distance]
    metres = max(distances) if distances else None
    seconds = (max(times) - min(times)).total_seconds()
    return [ImportedRun(name, "fit", min(times), seconds, metres / 1000 if metres else None, None)]
