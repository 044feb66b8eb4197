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
    """Close an unfinished session as ended early, at the end of its last saved set, marked
    `interrupted`: the history shows it as unfinished, not as ended by the runner."""
    ended = record.last_set_at or record.started_at
    update = {"status": SessionStatus.ENDED_EARLY, "ended_at": ended, "interrupted": True}
    return record.model_copy(update=update)
