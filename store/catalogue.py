"""Which sessions the store holds, where each is stored, and reading them: the store's memory.

A session is stored in live.json (`LIVE`) while unfinished, and in its month's file once finished.
The catalogue keeps, for every session, where it is; for the live ones their records; for every
month a `months.Month`: its sessions' summaries, from the index or from reading the file, and the
full records once the file was read. Month files are read when full records are asked for
(`sessions()`, `session(id)`), only the months needed, each validated completely and kept in
memory once read; `summaries()` needs none of them. (A month file is checked when it is read: at
open if the index does not cover it, else on first use, which is when a damaged-file notice or
`StoreCorrupt` then comes.)

The catalogue writes no session file: `Store` does, and then tells it with `register`. It does
rewrite the index (a writer's only) when what it read from a month file changes what the index
says.
"""

from __future__ import annotations

import os
from pathlib import Path

from session.records import SessionRecord, SessionSummary
from store import index, months
from store.damage import Damage
from store.months import Month, loading, order
from store.schema import LIVE, IndexedMonth
from store.tables import Tables


class Catalogue:
    """Every session of one data folder: where it is stored, its summary, its record once read."""

    def __init__(self, data_dir: Path, damage: Damage, tables: Tables, *, writable: bool) -> None:
        self.data_dir = data_dir
        self._tables = tables
        self.writable = writable
        self.live: dict[str, SessionRecord] = {}
        self.months: dict[str, Month] = {}
        self.where: dict[str, str] = {}  # session id -> LIVE or its month: who is stored where
        self._damage = damage
        self._finished: list[SessionSummary] | None = None  # sorted summaries of month sessions
        self._ordered: list[SessionRecord] | None = None

    # ----------------------------------------------------------------------------- opening

    def open_months(self, indexed_months: dict[str, IndexedMonth] | None) -> bool:
        """Take the index's summaries for the month files it describes as they are; read the
        others. A month that cannot be read as a file keeps what the index said of it (it is
        named in a notice, never written). Returns whether the index on disk is stale (should
        be rewritten)."""
        indexed = indexed_months if indexed_months is not None else {}
        found, unusable = months.scan(self.data_dir)
        stale = indexed_months is None and bool(found)
        for key in sorted(unusable):
            known = indexed.get(key)
            kept = {s.id: s for s in known.sessions} if known is not None else {}
            gone = Month(known.file if known is not None else None, kept, unavailable=True)
            self._damage.unavailable(self._tables, key, unusable[key], shown=len(kept))
            self._take(key, gone)
        for key in sorted(found):
            fingerprint = found[key]
            entry = indexed.get(key)
            month: Month | None
            if entry is not None and entry.file == fingerprint:
                month = Month(fingerprint, {s.id: s for s in entry.sessions})
            else:
                stale = True
                month = months.read(self._tables, key, self._damage)
                if month is None:
                    continue
            self._take(key, month)
        return stale or not indexed.keys() <= found.keys() | unusable.keys()

    def _take(self, key: str, month: Month) -> None:
        self.months[key] = month
        for session_id in month.summaries:
            self.where[session_id] = key  # a later month wins, should an id be in two

    # ----------------------------------------------------------------------------- months

    def month(self, key: str) -> Month:
        """The month `key`, known or new. One on disk that the store did not know (it appeared
        after the open) is read first, so that its summaries stay complete."""
        month = self.months.get(key)
        if month is None:
            if os.path.lexists(months.path(self.data_dir, key)):
                with loading():
                    month = months.read(self._tables, key, self._damage)
            if month is None:
                month = Month(None, {}, loaded=True)
            self.months[key] = month
            for session_id in month.summaries:
                self.where.setdefault(session_id, key)
            self._finished = self._ordered = None
        return month

    def load_month(self, key: str) -> Month | None:
        """Month `key` with all its records, reading its file if not done yet."""
        month = self.months.get(key)
        if month is None or month.loaded or month.unavailable:
            return month
        with loading():
            fresh = months.read(self._tables, key, self._damage, shown=len(month.summaries))
        if fresh is None:  # gone, or damaged (and moved aside) since the store opened
            self.drop_month(key)
            return None
        if fresh.unavailable:  # e.g. its drive was unplugged: keep what is known of it
            month.unavailable = True
            return month
        # What the store saved since it opened is in the file, as is what the index describes,
        # unless the file changed behind the store's back: then the file wins.
        merged = month.records | fresh.records
        month.records, month.loaded = merged, True
        if fresh.fingerprint != month.fingerprint:
            for session_id, home in list(self.where.items()):
                if home == key and session_id not in merged:
                    del self.where[session_id]
            month.summaries = {
                sid: fresh.summaries.get(sid) or r.summary() for sid, r in merged.items()
            }
            month.stamp(fresh.fingerprint)
            for session_id in merged:
                self.where.setdefault(session_id, key)
            self._finished = self._ordered = None
            if self.writable:
                self.write_index()
        return month

    def drop_month(self, key: str) -> None:
        """Forget a month whose file is gone or was moved aside."""
        self.months.pop(key, None)
        for session_id, home in list(self.where.items()):
            if home == key:
                del self.where[session_id]
        self._finished = self._ordered = None
        if self.writable:
            self.write_index()

    def stamp(self, key: str) -> None:
        """Note the fingerprint of month `key`'s file as just written."""
        self.months[key].stamp(months.fingerprint(self.data_dir, key))

    def write_index(self) -> None:
        """Rewrite history/index.json from the months as they are on disk (best effort)."""
        index.write(self.data_dir, self.months)

    def register(self, record: SessionRecord, home: str) -> None:
        """Note in memory that `record` is now stored in `home` (LIVE or a month)."""
        old = self.where.get(record.id)
        if old == LIVE and home != LIVE:
            self.live.pop(record.id, None)
        elif old is not None and old not in (LIVE, home) and old in self.months:
            self.months[old].discard(record.id)
        if home == LIVE:
            self.live[record.id] = record
        else:
            self.month(home).put(record)
        if home != LIVE or old not in (None, LIVE):
            self._finished = None
        self.where[record.id] = home
        self._ordered = None

    # ----------------------------------------------------------------------------- reading

    def summaries(self) -> list[SessionSummary]:
        """Every session's summary, finished or not, oldest first. Reads no month file."""
        if self._finished is None:
            self._finished = sorted(
                (
                    self.months[home].summaries[sid]
                    for sid, home in self.where.items()
                    if home != LIVE
                ),
                key=order,
            )
        if not self.live:
            return list(self._finished)
        return sorted([*self._finished, *(r.summary() for r in self.live.values())], key=order)

    def sessions(self) -> list[SessionRecord]:
        """Every session, oldest first, as full records: reads the month files not read yet."""
        if self._ordered is None:
            with loading():
                for key in sorted(self.months):
                    self.load_month(key)
            records = (self.record(sid, home) for sid, home in self.where.items())
            self._ordered = sorted((r for r in records if r is not None), key=order)
        return list(self._ordered)

    def session(self, session_id: str) -> SessionRecord | None:
        """One session's full record, reading at most the month file that holds it."""
        home = self.where.get(session_id)
        if home is None:
            return None
        record = self.record(session_id, home)
        if record is None and self.load_month(home) is not None:
            home = self.where.get(session_id)
            record = self.record(session_id, home) if home is not None else None
        return record

    def record(self, session_id: str, home: str) -> SessionRecord | None:
        """The record of `session_id` stored in `home`, if in memory (no file is read)."""
        if home == LIVE:
            return self.live.get(session_id)
        month = self.months.get(home)
        return month.records.get(session_id) if month is not None else None

    def unfinished(self) -> SessionRecord | None:
        """The session in progress (the latest, should there be several), if any."""
        live = [s for s in self.live.values() if not s.finished]
        return max(live, key=order) if live else None
