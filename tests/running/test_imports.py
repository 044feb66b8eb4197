"""Importing runs from GPX, TCX and FIT: start, time and distance; bad files named clearly."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from fit_tool.profile.profile_type import FileType, Sport

from session.running.imports import (
    ImportedRun,
    RunFileError,
    is_duplicate,
    parse_run_file,
    sniff,
)
from session.running.runs import RunEntryError, RunKind
from tests.running.builders import MEASURES
from tests.running.watch_files import START, fit_bytes, gpx_bytes, tcx_bytes

NOW = START + dt.timedelta(hours=3)


def only(runs: tuple[ImportedRun, ...]) -> ImportedRun:
    assert len(runs) == 1
    return runs[0]


def test_a_gpx_track() -> None:
    r = only(parse_run_file(gpx_bytes(minutes=40), "tuesday.gpx"))
    assert (r.format, r.source, r.sport) == ("gpx", "tuesday.gpx", "running")
    assert r.started_at == START and r.started_at.tzinfo == dt.UTC
    assert r.minutes == 40.0
    assert r.distance_km is not None and 6.5 < r.distance_km < 6.8  # 40 x ~167 m
    assert r.is_run


def test_a_gpx_time_without_a_zone_is_utc() -> None:
    r = only(parse_run_file(gpx_bytes(naive=True), "naive.gpx"))
    assert r.started_at == START


def test_a_fit_activity_uses_its_session_summary() -> None:
    r = only(parse_run_file(fit_bytes(timer_seconds=2430, distance_m=6800), "run.fit"))
    assert (r.format, r.sport) == ("fit", "running")
    assert r.started_at == START
    assert r.seconds == 2430  # the timer time, not the elapsed time with the pauses
    assert r.minutes == 40.5
    assert r.distance_km == pytest.approx(6.8)


def test_a_fit_activity_without_a_session_falls_back_to_its_records() -> None:
    r = only(parse_run_file(fit_bytes(timer_seconds=1800, with_session=False), "cut.fit"))
    assert r.started_at == START
    assert r.minutes == 30.0
    assert r.distance_km == pytest.approx(6.8)
    assert r.sport is None


def test_a_tcx_activity_adds_up_its_laps() -> None:
    r = only(parse_run_file(tcx_bytes(), "watch.tcx"))
    assert (r.format, r.sport) == ("tcx", "running")
    assert r.started_at == START
    assert r.seconds == 2460 and r.minutes == 41.0
    assert r.distance_km == pytest.approx(6.9)


def test_the_format_comes_from_the_content_not_the_name() -> None:
    assert sniff(fit_bytes()) == "fit"
    assert sniff(gpx_bytes()) == "gpx"
    assert sniff(tcx_bytes()) == "tcx"
    assert only(parse_run_file(gpx_bytes(), "export.fit")).format == "gpx"


def test_a_bike_ride_is_read_but_not_a_run() -> None:
    assert not only(parse_run_file(fit_bytes(sport=Sport.CYCLING), "ride.fit")).is_run
    assert not only(parse_run_file(tcx_bytes(sport="Biking"), "ride.tcx")).is_run
    assert only(parse_run_file(tcx_bytes(sport="Other"), "other.tcx")).sport is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, this is not a watch file", r"^notes\.fit: not a GPX, TCX or FIT file\.$"),
        (b"", r"^notes\.fit: not a GPX, TCX or FIT file\.$"),
        (fit_bytes()[:-7], r"^notes\.fit: not a valid FIT file: "),
        (gpx_bytes()[:200], r"^notes\.fit: not a valid GPX file"),
        (tcx_bytes()[:150], r"^notes\.fit: not a valid TCX file"),
        (gpx_bytes(timed=False), r"^notes\.fit: no timed activity found"),
        (fit_bytes(file_type=FileType.COURSE), r"^notes\.fit: a FIT file, but not an activity"),
        (tcx_bytes(laps=((0.0, 0.0),)), r"^notes\.fit: no timed activity found"),
        ("<gpx>caf\u00e9</gpx>".encode("latin-1"), r"^notes\.fit: not UTF-8 text"),
    ],
)
def test_a_bad_file_is_named_in_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(RunFileError, match=message):
        parse_run_file(data, "notes.fit")


def test_a_corrupted_fit_file_fails_its_checksum() -> None:
    data = bytearray(fit_bytes())
    data[-4] ^= 0xFF  # a value of the session message, before the 2-byte checksum
    with pytest.raises(RunFileError, match=r"(?i)^bad\.fit: not a valid FIT file: .*crc"):
        parse_run_file(bytes(data), "bad.fit")


def test_xml_with_a_dtd_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx version="1.1">&b;</gpx>'
    )
    with pytest.raises(RunFileError, match="refused, the XML declares a DTD"):
        parse_run_file(bomb, "evil.gpx")


def test_an_imported_run_is_completed_by_hand_and_checked() -> None:
    imported = only(parse_run_file(fit_bytes(), "run.fit"))
    record = imported.to_run(
        kind=RunKind.EASY,
        pain_during=2,
        pain_after=1,
        calming=("heel_lift",),
        now=NOW,
        known_measures=MEASURES,
    )
    assert record.imported_from == "run.fit"
    assert (record.started_at, record.minutes, record.distance_km) == (START, 40.0, 6.8)
    assert record.calming == ("heel_lift",)
    long_walk = only(parse_run_file(fit_bytes(timer_seconds=11 * 3600), "hike.fit"))
    with pytest.raises(RunEntryError, match="minutes: Input should be less than or equal to 600"):
        long_walk.to_run(
            kind=RunKind.LONG,
            pain_during=1,
            now=NOW + dt.timedelta(hours=12),
            known_measures=MEASURES,
        )


def test_the_same_run_twice_is_a_duplicate() -> None:
    assert is_duplicate(START + dt.timedelta(seconds=50), [START])
    assert not is_duplicate(START + dt.timedelta(minutes=5), [START])


def test_reading_a_fit_file_prints_nothing() -> None:
    """fit-tool configures logging on import; the app's screen must not get its warnings."""
    code = (
        "import logging, session.running.imports as i\n"
        "assert logging.getLogger().handlers == [], logging.getLogger().handlers\n"
        "logging.getLogger('fit_tool').warning('Field id:99 could not be found')\n"
        "from tests.running.watch_files import fit_bytes\n"
        "print(len(i.parse_run_file(fit_bytes(), 'x.fit')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("1\n", "")
