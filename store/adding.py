"""Adding many records at once (an import, the upgrade of an old history): plan, write, take.

Each kind of record has a keeper in the store (`Recorder` for sessions, `SettingsAndCheckins`
for check-ins) that does three things, so that adding is all or nothing:

- `plan(records)`: which records are new (not already in the history by their key), and the
  file (home) each goes to. Reads at most the files it needs; changes nothing.
- `write(plan)`: write them through the store's tables. `Store` calls it inside
  `Tables.staged()`: nothing is renamed into place until every file is on disk.
- `take(plan, homes)`: once written, note in memory the records of the homes that were written
  (all of them; or, after a commit that stopped part way, the ones it reached).

A new kind of record implements `Keeper` for its file and is listed in `Store._keepers`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

R = TypeVar("R")


@dataclass
class Plan(Generic[R]):
    """The new records of one kind, by the home they are written to, and how many were skipped."""

    by_home: dict[str, list[R]] = field(default_factory=dict)
    skipped: int = 0

    @property
    def added(self) -> int:
        return sum(len(records) for records in self.by_home.values())

    def added_in(self, homes: Collection[str] | None) -> int:
        """How many records went to `homes` (None: all of them)."""
        return sum(len(r) for home, r in self.by_home.items() if homes is None or home in homes)


class Keeper(Protocol[R]):
    """The store's part that keeps one kind of record (see the module's docstring)."""

    def plan(self, records: Sequence[R]) -> Plan[R]: ...

    def write(self, plan: Plan[R]) -> None: ...

    def take(self, plan: Plan[R], homes: Collection[str] | None, *, written: bool) -> None: ...
