"""Adding many records at once (an import, the upgrade of an old history): plan, write, take.

Each kind of record has a keeper in the store (`Recorder` for sessions, `SettingsAndCheckins`
for check-ins) that does three things, so that adding is all or nothing:

- `plan(records)`: which records are new (not already in the history by their key), and the
  file (home) each goes to. Reads at most the files it needs; changes nothing.
- `write(plan)`: write them through the store's tables. `Store` calls it inside
  `Tables.staged()`: nothing is renamed into place until every file is on disk.
- `take(plan, homes)`: once written, note in memory the records of the homes that were written
  (all of them; or, after a commit that stopped part way, the ones it reached).

A new kind of record implements `Keeper` for its file (`store.record_files.RecordFile` does, for
a file of records by id) and is listed in `Store._keepers`. Also here: the words for an import
whose commit stopped part way (`stopped_words`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from store import schema
from store.exchange import KINDS
from store.tables import reason_of

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


def stopped_words(
    doing: str,
    plans: dict[str, Plan[Any]],
    homes: set[str],
    restore: bool,
    cause: BaseException,
) -> str:
    """An import whose commit stopped part way: exactly what was added and what was not."""
    added: list[str] = []
    left: list[str] = []
    nouns = {kind.table: kind.noun for kind in KINDS}
    for table, plan in plans.items():
        for home, records in sorted(plan.by_home.items()):
            where = f" of {schema.month_name(home)}" if home[:1].isdigit() else ""
            words = f"{len(records)} {nouns.get(table, table)}(s){where}"
            (added if home in homes else left).append(words)
    if restore:
        (added if "settings" in homes else left).append("the settings")
    return (
        f"Could not finish the {doing}: {reason_of(cause)}. Added: "
        f"{', '.join(added) or 'nothing'}. Not added: {', '.join(left) or 'nothing'}. "
        "Once that is fixed, import the same file again: what is already here is skipped."
    )
