"""Records kept one file per kind, one document per record, by id: the run log (runs.json), the
functional tests' results (tests.json) and the questionnaire scores (scores.json).

Each is small (a run a day for ten years is a few thousand documents), so it is one TinyDB file
read at open, kept in memory, and rewritten (atomically) by each save before it returns. A record
saved again with the same id replaces the first (a run imported twice has the same id). A file
that cannot be read is the store's damage like any other (`store.damage`: moved aside and named,
or, if it cannot be opened as a file, left as it is and never written).

Each `RecordFile` is also the keeper of its kind for an import (`store.adding`): `plan` picks the
ids not present yet, `write` writes them inside the store's staged commit, `take` notes them once
on disk, so an import of runs, tests and scores is all or nothing with the sessions and check-ins.
A new kind of record is one more `RecordFile` line in `Store` and one line of
`store.exchange.KINDS` (its validation, key and words).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel
from tinydb import Query

from store import schema
from store.adding import Plan
from store.damage import Damage
from store.tables import Tables, save_failed

R = TypeVar("R", bound=BaseModel)


class RecordFile(Generic[R]):
    """One file of records of one kind, by id, in memory once read."""

    def __init__(
        self,
        tables: Tables,
        home: str,
        model: type[schema.F],
        records_of: Callable[[schema.F], dict[str, R]],
        what: Callable[[R], str],
    ) -> None:
        """`home` is the file's (and its table's) name in `Tables`; `model` validates the file;
        `records_of` picks its records; `what` names one in a failed save's message."""
        self._tables = tables
        self._home = home
        self._model = model
        self._records_of = records_of
        self._what = what
        self.records: dict[str, R] = {}

    def load(self, damage: Damage) -> None:
        """Read the file (a damaged one is left to `damage`: moved aside, the store goes on)."""
        found = damage.read(self._tables, self._home, self._model)
        if found is not None:
            for record in self._records_of(found).values():
                self.records[_id(record)] = record

    def all(self) -> list[R]:
        return list(self.records.values())

    def save(self, record: R) -> bool:
        """Insert `record`, or replace the one with its id; on disk before returning. Returns
        whether it replaced one. StoreError (naming the record) if it cannot be saved."""
        key = _id(record)
        doc = record.model_dump(mode="json")
        replaced = key in self.records
        try:
            table = self._tables.table(self._home, self._home)
            if replaced:
                table.update(doc, Query().id == key)
            else:
                table.insert(doc)
        except (OSError, ValueError) as exc:
            raise save_failed(self._what(record), exc) from exc
        self.records[key] = record
        return replaced

    # --- adding many (store.adding) -------------------------------------------------------------

    def plan(self, records: Sequence[R]) -> Plan[R]:
        """The records whose id is not here yet, all to this file."""
        plan: Plan[R] = Plan()
        new: dict[str, R] = {}
        for record in records:
            key = _id(record)
            if key in self.records or key in new:
                plan.skipped += 1
            else:
                new[key] = record
        if new:
            plan.by_home[self._home] = list(new.values())
        return plan

    def write(self, plan: Plan[R]) -> None:
        for home, records in plan.by_home.items():
            docs = [r.model_dump(mode="json") for r in records]
            self._tables.table(home, self._home).insert_multiple(docs)

    def take(self, plan: Plan[R], homes: Collection[str] | None, *, written: bool) -> None:
        for home, records in plan.by_home.items():
            if homes is None or home in homes:
                self.records.update((_id(r), r) for r in records)


def _id(record: BaseModel) -> str:
    key = getattr(record, "id", None)
    if not isinstance(key, str):
        raise TypeError(f"{type(record).__name__} has no string id")
    return key
