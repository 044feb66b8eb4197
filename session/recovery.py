"""Unfinished sessions after a crash or a closed terminal: resume today's, close older ones."""

from __future__ import annotations

import datetime as dt

from session.records import SessionRecord, SessionStatus


def resumable(record: SessionRecord, now: dt.datetime) -> bool:
    """An unfinished session may be resumed on the same local day it started."""
    if record.finished:
        return False
    return record.started_at.astimezone(now.tzinfo).date() == now.date()


def close_unfinished(record: SessionRecord) -> SessionRecord:
    """Close an unfinished session as ended early, at the end of its last saved set."""
    ended = record.sets[-1].ended_at if record.sets else record.started_at
    return record.model_copy(update={"status": SessionStatus.ENDED_EARLY, "ended_at": ended})
