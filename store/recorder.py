"""Writing sessions to disk in the order that makes a kill at any moment harmless.

An unfinished session lives in live.json, rewritten after every set. A finished one is written to
its month's file, then the index is rewritten, and only then is it removed from live.json: a kill
in between leaves it in both places, never in neither, and the next open keeps the finished copy
(`adopt_live` repairs what such a kill left behind). Adding many sessions at once (an import, the
upgrade of an old history) keeps the same order: months first, then the index, live last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from tinydb import Query

from session.records import SessionRecord
from store import schema
from store.catalogue import Catalogue
from store.schema import LIVE
from store.tables import Tables, save_failed


class Recorder:
    """Saves sessions into the files of `tables` and notes each in `catalogue` once written."""

    def __init__(self, catalogue: Catalogue, tables: Tables) -> None:
        self._catalogue = catalogue
        self._tables = tables

    def save(self, record: SessionRecord) -> None:
        """Insert or update `record` (by id) on disk before returning (see `Store.save_session`)."""
        catalogue = self._catalogue
        old = catalogue.where.get(record.id)
        new = schema.month_key(record.started_at) if record.finished else LIVE
        months = [key for key in dict.fromkeys((new, old)) if key is not None and key != LIVE]
        doc = record.model_dump(mode="json")
        try:
            for key in months:
                catalogue.month(key)
            table = self._tables.table(new, "sessions")
            if old == new:
                table.update(doc, Query().id == record.id)
            else:
                table.insert(doc)
                if old is not None and old != LIVE:
                    self._tables.remove_from(old, [record.id])
        except (OSError, ValueError) as exc:
            raise save_failed(f"session {record.id}", exc) from exc
        catalogue.register(record, new)
        if months:
            for key in months:
                catalogue.stamp(key)
            catalogue.write_index()
        if old == LIVE and new != LIVE:
            try:
                self._tables.remove_from(LIVE, [record.id])
            except (OSError, ValueError) as exc:
                raise save_failed(f"session {record.id}", exc) from exc

    def add(self, sessions: Iterable[SessionRecord], *, persist: bool) -> tuple[int, int]:
        """Add the sessions not present yet (by id), one write per file; written only if
        `persist`, else only taken into memory. Returns how many were added and skipped."""
        catalogue = self._catalogue
        by_home: defaultdict[str, list[SessionRecord]] = defaultdict(list)
        seen: set[str] = set()
        skipped_sessions = 0
        for s in sessions:
            if s.id in catalogue.where or s.id in seen:
                skipped_sessions += 1
                continue
            seen.add(s.id)
            by_home[schema.month_key(s.started_at) if s.finished else LIVE].append(s)
        # Months first, then the index, live last: the same order as finishing a session.
        months = sorted(home for home in by_home if home != LIVE)
        for home in months:
            records = by_home[home]
            catalogue.month(home)
            if persist:
                docs = [r.model_dump(mode="json") for r in records]
                self._tables.table(home, "sessions").insert_multiple(docs)
                catalogue.stamp(home)
            for r in records:
                catalogue.register(r, home)
        if months and persist:
            catalogue.write_index()
        if LIVE in by_home:
            if persist:
                docs = [r.model_dump(mode="json") for r in by_home[LIVE]]
                self._tables.table(LIVE, "sessions").insert_multiple(docs)
            for r in by_home[LIVE]:
                catalogue.register(r, LIVE)
        return len(seen), skipped_sessions

    def adopt_live(self, records: list[SessionRecord], *, writable: bool) -> None:
        """Take in live.json's sessions, repairing what a kill at the wrong moment left behind."""
        leftovers: list[str] = []
        finished: list[SessionRecord] = []
        for record in records:
            if self._catalogue.where.get(record.id, LIVE) != LIVE:
                leftovers.append(record.id)  # already in its month: killed before the removal
            elif record.finished:
                finished.append(record)
            else:
                self._catalogue.register(record, LIVE)
        for record in finished:
            self._catalogue.register(record, LIVE)
        if writable:
            if leftovers:
                self._tables.remove_from(LIVE, leftovers)
            for record in finished:
                self.save(record)  # to its month, then out of live.json
