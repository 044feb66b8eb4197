"""The store's TinyDB files are read once per process, and a write never re-reads its file.

Every file the store opens is counted (a real store in tmp_path; `Path.open` and
`store.atomic.open_regular`, through which the TinyDB files are read, are watched).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store import Store, StoreError
from store import atomic as atomic_module
from tests.store.helpers import START, checkin, load, states

OPEN = Path.open
OPEN_REGULAR = atomic_module.open_regular


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the store files opened for reading, in order."""
    seen: list[str] = []

    def spy(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        f = OPEN(path, mode, *args, **kwargs)
        if "r" in mode and "+" not in mode and path.suffix == ".json":
            seen.append(path.name)
        return f

    def regular_spy(path: Path) -> Any:
        found = OPEN_REGULAR(path)
        if found is not None:
            seen.append(path.name)
        return found

    monkeypatch.setattr(Path, "open", spy)
    monkeypatch.setattr(atomic_module, "open_regular", regular_spy)
    yield seen


def test_saving_a_session_set_by_set_reads_no_file(tmp_path: Path, reads: list[str]) -> None:
    first = states("first")
    with Store.open(tmp_path) as store:
        for record in first:
            store.save_session(record)
    second = states("second", START + dt.timedelta(days=2))
    reads.clear()
    with Store.open(tmp_path) as store:
        assert sorted(reads) == ["index.json", "live.json"]  # opening: the files it needs
        reads.clear()
        for record in second[:-1]:
            store.save_session(record)
        assert reads == [], "a set's save re-read a file"
        store.save_session(second[-1])  # finished: into March's file, known from the index
        assert reads == ["2025-03.json"], "the month must be read (once) to be rewritten whole"
        third = states("third", START + dt.timedelta(days=4))
        for record in third:
            store.save_session(record)
        store.add_checkin(checkin(dt.date(2025, 3, 8)))
        store.add_checkin(checkin(dt.date(2025, 3, 8), pain=2))  # replaces the first
        assert reads == ["2025-03.json"]
        assert store.session("first") == first[-1]  # March, validated from what was read
        assert reads == ["2025-03.json"]
    with Store.open(tmp_path, write=False) as again:
        assert [s.id for s in again.sessions()] == ["first", "second", "third"]
        assert [c.pain for c in again.checkins()] == [2]


def test_a_failed_write_leaves_the_file_and_what_is_held_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What TinyDB changed for a write that failed is not kept: the next write saves only what
    the store reported as saved, plus itself."""
    real = atomic_module.write_atomic

    def disk_full(path: Path, data: bytes, *, durable: bool = True) -> None:
        raise OSError(28, os.strerror(28))

    kept, lost, later = states("kept")[1], states("lost")[1], states("later")[1]
    with Store.open(tmp_path) as store:
        store.save_session(kept)
        on_disk = load(tmp_path / "live.json")
        monkeypatch.setattr(atomic_module, "write_atomic", disk_full)
        with pytest.raises(StoreError, match="No space left on device"):
            store.save_session(lost)
        assert load(tmp_path / "live.json") == on_disk
        monkeypatch.setattr(atomic_module, "write_atomic", real)
        store.save_session(later)
        assert [s.id for s in store.summaries()] == ["kept", "later"]
    live = load(tmp_path / "live.json")["sessions"].values()
    assert sorted(doc["id"] for doc in live) == ["kept", "later"]
