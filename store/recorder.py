"""Writing sessions to disk in the order that makes a kill at any moment harmless.

An unfinished session lives in live.json, rewritten after every set. A finished one is written to
its month's file, then the index is rewritten, and only then is it removed from live.json: a kill
in between leaves it in both places, never in neither, and the next open keeps the finished copy
(`adopt_live` repairs what such a kill left behind). Adding many sessions at once (an import, the
upgrade of an old history: `store.adding`) keeps the same order: months first, then the index,
live last, all of them staged and committed together.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tinydb import Query

from session.records import SessionRecord
from store import schema
from store.adding import Plan
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

    def plan(self, sessions: Sequence[SessionRecord]) -> Plan[SessionRecord]:
        """The sessions not present yet (by id), by home: their month, or live.json."""
        catalogue = self._catalogue
        plan: Plan[SessionRecord] = Plan()
        seen: set[str] = set()
        for s in sessions:
            if s.id in catalogue.where or s.id in seen:
                plan.skipped += 1
                continue
            seen.add(s.id)
            home = schema.month_key(s.started_at) if s.finished else LIVE
            plan.by_home.setdefault(home, []).append(s)
        return plan

    def write(self, plan: Plan[SessionRecord]) -> None:
        """One write per file: months first, live last, as when finishing a session."""
        for home in _in_order(plan):
            if home != LIVE:
                self._catalogue.month(home)  # a month on disk not known yet is read first
            docs = [r.model_dump(mode="json") for r in plan.by_home[home]]
            self._tables.table(home, "sessions").insert_multiple(docs)

    def take(
        self, plan: Plan[SessionRecord], homes: Collection[str] | None, *, written: bool
    ) -> None:
        """Note the planned sessions of `homes` (None: all) in the catalogue; with `written`,
        the months' new fingerprints too, and rewrite the index."""
        catalogue = self._catalogue
        months = False
        for home in _in_order(plan):
            if homes is not None and home not in homes:
                continue
            if home != LIVE:
                catalogue.month(home)
                months = True
            for r in plan.by_home[home]:
                catalogue.register(r, home)
            if written and home != LIVE:
                catalogue.stamp(home)
        if months and written:
            catalogue.write_index()

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


def _in_order(plan: Plan[SessionRecord]) -> list[str]:
    """Months (oldest first), then live.json: the order that never loses a session to a kill."""
    return sorted(plan.by_home, key=lambda home: (home == LIVE, home))
