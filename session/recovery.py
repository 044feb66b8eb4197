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
    `interrupted`: the history shows it as unfinished, not as ended by the runner. Part 1, if it
    was still on, ends there too (completed when each of its sets was done)."""
    ended = record.last_set_at or record.started_at
    update: dict[str, object] = {
        "status": SessionStatus.ENDED_EARLY,
        "ended_at": ended,
        "interrupted": True,
    }
    part = record.strength
    if part is not None:
        status = part.status
        if status is SessionStatus.IN_PROGRESS:
            rx = part.prescription
            every = len(part.sets) >= rx.sets * len(rx.loads)
            status = SessionStatus.COMPLETED if every else SessionStatus.ENDED_EARLY
        update["strength"] = part.model_copy(update={"status": status, "ended_at": ended})
    return record.model_copy(update=update)
