"""Real watch files for the import tests, built with the same libraries the app reads them with:
GPX with gpxpy, FIT with fit-tool, TCX with the standard library's XML writer."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import gpxpy.gpx
from fit_tool import FitFileBuilder
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import Event, EventType, FileType, Manufacturer, Sport

START = dt.datetime(2025, 3, 4, 17, 0, tzinfo=dt.UTC)
"""Tuesday 4 March 2025, 18:00 CET."""
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def gpx_bytes(
    start: dt.datetime = START,
    minutes: int = 40,
    *,
    sport: str | None = "running",
    naive: bool = False,
    timed: bool = True,
) -> bytes:
    """A track heading north at ~10 km/h, a point a minute."""
    gpx = gpxpy.gpx.GPX()
    track = gpxpy.gpx.GPXTrack()
    track.type = sport
    gpx.tracks.append(track)
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    for i in range(minutes + 1):
        when = start + dt.timedelta(minutes=i)
        segment.points.append(
            gpxpy.gpx.GPXTrackPoint(
                52.5 + i * 0.0015,  # 0.0015 degrees of latitude: ~167 m
                13.4,
                time=(when.replace(tzinfo=None) if naive else when) if timed else None,
            )
        )
    return gpx.to_xml().encode("utf-8")


def _ms(when: dt.datetime) -> int:
    return round(when.timestamp() * 1000)


def fit_bytes(
    start: dt.datetime = START,
    timer_seconds: float = 2400.0,
    distance_m: float = 6800.0,
    *,
    sport: Sport = Sport.RUNNING,
    file_type: FileType = FileType.ACTIVITY,
    with_session: bool = True,
) -> bytes:
    """A FIT activity: file id, timer events, a record a minute and a session summary."""
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = file_type
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.time_created = _ms(start)
    file_id.serial_number = 0x1234
    builder.add(file_id)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.START, _ms(start)
    builder.add(event)
    minutes = int(timer_seconds // 60)
    for i in range(minutes + 1):
        record = RecordMessage()
        record.timestamp = _ms(start + dt.timedelta(minutes=i))
        record.distance = distance_m * i / minutes
        builder.add(record)
    end = start + dt.timedelta(seconds=timer_seconds)
    if with_session:
        session = SessionMessage()
        session.timestamp = _ms(end)
        session.start_time = _ms(start)
        session.total_timer_time = timer_seconds
        session.total_elapsed_time = timer_seconds + 90
        session.total_distance = distance_m
        session.sport = sport
        builder.add(session)
    return bytes(builder.build().to_bytes())


def tcx_bytes(
    start: dt.datetime = START,
    laps: tuple[tuple[float, float], ...] = ((1200.0, 3400.0), (1260.0, 3500.0)),
    sport: str = "Running",
) -> bytes:
    """A TCX activity with laps of (seconds, metres)."""
    ET.register_namespace("", TCX_NS)
    root = ET.Element(f"{{{TCX_NS}}}TrainingCenterDatabase")
    activities = ET.SubElement(root, f"{{{TCX_NS}}}Activities")
    activity = ET.SubElement(activities, f"{{{TCX_NS}}}Activity", Sport=sport)
    ET.SubElement(activity, f"{{{TCX_NS}}}Id").text = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    t = start
    for seconds, metres in laps:
        lap = ET.SubElement(
            activity, f"{{{TCX_NS}}}Lap", StartTime=t.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        ET.SubElement(lap, f"{{{TCX_NS}}}TotalTimeSeconds").text = f"{seconds:g}"
        ET.SubElement(lap, f"{{{TCX_NS}}}DistanceMeters").text = f"{metres:g}"
        t += dt.timedelta(seconds=seconds)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
