"""Shared builders for the store tests: sessions built set by set, check-ins, file helpers."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

from bench.sample_history import make_prescription, session_sets
from session.records import CheckIn, SessionRecord, SessionStatus
from store.program_file import load_program

PROGRAM = load_program()
UTC = dt.UTC
START = dt.datetime(2025, 3, 3, 7, 0, tzinfo=UTC)  # Monday 3 March 2025


def states(
    sid: str, start: dt.datetime = START, *, step: int = 2, seed: int = 0
) -> list[SessionRecord]:
    """The successive saves of one session: at its start, after each set, and finished."""
    prescription = make_prescription(PROGRAM, step, start)
    sets = session_sets(prescription, start, random.Random(seed))
    first = SessionRecord(
        id=sid, started_at=start, prescription=prescription, legs=("left", "right")
    )
    out = [first]
    for k in range(1, len(sets) + 1):
        out.append(first.model_copy(update={"sets": tuple(sets[:k])}))
    out.append(
        SessionRecord.model_validate(
            {
                **out[-1].model_dump(),
                "status": SessionStatus.COMPLETED,
                "ended_at": sets[-1].ended_at,
            }
        )
    )
    return out


def finished(sid: str, start: dt.datetime = START, **kw: Any) -> SessionRecord:
    return states(sid, start, **kw)[-1]


def in_progress(sid: str, start: dt.datetime = START, sets: int = 2) -> SessionRecord:
    return states(sid, start)[sets]


def checkin(day: dt.date, pain: int = 1, **kw: Any) -> CheckIn:
    recorded = dt.datetime.combine(day, dt.time(6, 30), tzinfo=UTC)
    return CheckIn(day=day, pain=pain, recorded_at=kw.pop("recorded_at", recorded), **kw)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (except the lock file) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "achilles.lock"
    }
