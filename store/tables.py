"""The store's TinyDB files, opened once each and written through `atomic.AtomicJSONStorage`.

One handle per file, by its home: `LIVE` (live.json), "settings", "checkins", or a month key
(`history/YYYY-MM.json`, the history folder created on first need). Also how a failed write is
reported to the runner.
"""

from __future__ import annotations

from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.table import Table

from store import schema
from store.atomic import AtomicJSONStorage, fsync_dir
from store.catalogue import LIVE
from store.errors import StoreError
from store.schema import CHECKINS_FILE, HISTORY_DIR, LIVE_FILE, SETTINGS_FILE, Kind


class Tables:
    """The open TinyDB files of one data folder, by home."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._dbs: dict[str, TinyDB] = {}

    def db(self, home: str) -> TinyDB:
        db = self._dbs.get(home)
        if db is None:
            kind: Kind
            if home == LIVE:
                path, kind = self.data_dir / LIVE_FILE, "live"
            elif home == "settings":
                path, kind = self.data_dir / SETTINGS_FILE, "settings"
            elif home == "checkins":
                path, kind = self.data_dir / CHECKINS_FILE, "checkins"
            else:
                folder = self.data_dir / HISTORY_DIR
                if not folder.is_dir():
                    folder.mkdir()
                    fsync_dir(self.data_dir)
                path, kind = folder / f"{home}.json", "history"
            db = TinyDB(path, storage=AtomicJSONStorage, meta=schema.meta(kind))
            self._dbs[home] = db
        return db

    def table(self, home: str, name: str) -> Table:
        return self.db(home).table(name)

    def remove_from(self, home: str, ids: list[str]) -> None:
        wanted = set(ids)
        self.table(home, "sessions").remove(Query().id.test(lambda value: value in wanted))

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


def save_failed(what: str, exc: OSError | ValueError) -> StoreError:
    """A write that failed: disk full, permissions, or a file changed behind the store's back."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StoreError(f"Could not save {what}: {reason}. What was saved before is intact.")
