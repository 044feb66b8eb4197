"""Records kept one file per kind, one document per record, by id: the run log (runs.json), the
functional tests' results (tests.json) and the questionnaire scores (scores.json).

Each is small (a run a day for ten years is a few thousand documents), so it is one TinyDB file
read at open, kept in memory, and rewritten (atomically) by each save before it returns. A record
saved again with the same id replaces the first (a run imported twice has the same id); an import
adds only the ids not present yet. A new kind of record is one more `RecordFile` line in `Store`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from pydantic import BaseModel
from tinydb import Query

from store import schema
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
        whether it replaced one."""
        key = _id(record)
        doc = record.model_dump(mode="json")
        table = self._tables.table(self._home, self._home)
        replaced = key in self.records
        try:
            if replaced:
                table.update(doc, Query().id == key)
            else:
                table.insert(doc)
        except (OSError, ValueError) as exc:
            raise save_failed(self._what(record), exc) from exc
        self.records[key] = record
        return replaced

    def add(self, records: Iterable[R], *, persist: bool) -> tuple[int, int]:
        """Add the records whose id is not here yet, in one write (only into memory unless
        `persist`). Returns how many were added and how many skipped."""
        new: dict[str, R] = {}
        skipped = 0
        for record in records:
            key = _id(record)
            if key in self.records or key in new:
                skipped += 1
            else:
                new[key] = record
        if new and persist:
            docs = [r.model_dump(mode="json") for r in new.values()]
            self._tables.table(self._home, self._home).insert_multiple(docs)
        self.records.update(new)
        return len(new), skipped


def _id(record: BaseModel) -> str:
    key = getattr(record, "id", None)
    if not isinstance(key, str):
        raise TypeError(f"{type(record).__name__} has no string id")
    return key
