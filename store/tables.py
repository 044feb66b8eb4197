"""The store's TinyDB files: one TinyDB each, opened once, read once, written through atomically.

One database per file, by its home: `LIVE` (live.json), "settings", "checkins", "runs",
"tests", "scores" (`FLAT`), or a month key (`history/YYYY-MM.json`, the history folder created on
first need). Each sits on an
`atomic.AtomicJSONStorage`, which reads the file from disk once per process; everything after is
answered from memory.

Reading a file for its records (`read`) takes the bytes from that same storage and validates all
of them with pydantic in one pass (`schema.parse_file`), straight from the JSON: about twice as
fast as decoding them for TinyDB and validating its documents one by one (measured on this
machine: 4.2 ms against 7-10 ms for a month of 450 sets, 0.6 ms against 2.4 ms for 94), which
matters when ten years of months are read for an export or an index rebuild. TinyDB decodes the
same bytes (no second read) only when a write needs the file's tables. Also here: how a failed
write is reported to the runner.

Writes go to disk at once, or, inside `staged()`, are held back until every one of them is on
disk and then committed together (an import: a full disk leaves every file as it was). A file the
store cannot use where it belongs (a link to nothing, a folder, a FIFO: `blocked`) is never
written: a write to it raises `Blocked`, so nothing replaces it.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.table import Table

from store import atomic, schema
from store.atomic import AtomicJSONStorage, Staging
from store.errors import StoreError
from store.schema import (
    CHECKINS_FILE,
    HISTORY_DIR,
    LIVE,
    LIVE_FILE,
    RUNS_FILE,
    SCORES_FILE,
    SETTINGS_FILE,
    TESTS_FILE,
    Kind,
)

FLAT: dict[str, tuple[str, Kind]] = {
    LIVE: (LIVE_FILE, "live"),
    "settings": (SETTINGS_FILE, "settings"),
    "checkins": (CHECKINS_FILE, "checkins"),
    "runs": (RUNS_FILE, "runs"),
    "tests": (TESTS_FILE, "tests"),
    "scores": (SCORES_FILE, "scores"),
}
"""The homes kept in one file each in the data folder (the months are in HISTORY_DIR)."""


class Blocked(OSError):
    """A write to a file the store found unusable (see `Tables.blocked`): refused, never done."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EPERM, f"{path} {reason}, so nothing is written to it", str(path))


class PartialCommit(Exception):
    """Staged writes of which only the first were committed (a rename failed): `homes` were."""

    def __init__(self, homes: list[str], cause: BaseException) -> None:
        super().__init__(str(cause))
        self.homes = homes
        self.cause = cause


class Tables:
    """The TinyDB files of one data folder, by home. A read-only store's are dropped once read:
    nothing will be written to them, so there is nothing to keep."""

    def __init__(self, data_dir: Path, *, writable: bool) -> None:
        self.data_dir = data_dir
        self.writable = writable
        self._dbs: dict[str, TinyDB] = {}
        self.blocked: dict[str, str] = {}
        """Homes whose file cannot be used as it is (`"is a link to X, which does not exist"`):
        read as absent, never written."""
        self._staging: Staging | None = None
        self._staged_homes: dict[Path, str] = {}

    def where(self, home: str) -> tuple[Path, Kind]:
        """The file of `home` and the kind of data it holds."""
        if home in FLAT:
            name, kind = FLAT[home]
            return self.data_dir / name, kind
        return self.data_dir / HISTORY_DIR / f"{home}.json", "history"

    def db(self, home: str) -> TinyDB:
        db = self._dbs.get(home)
        if db is None:
            path, kind = self.where(home)
            db = TinyDB(path, storage=AtomicJSONStorage, meta=schema.meta(kind), writer=self._write)
            self._dbs[home] = db
        return db

    def _write(self, path: Path, data: bytes) -> None:
        if self._staging is None:
            atomic.write_atomic(path, data)
            return
        self._staging.write(path, data)
        self._staged_homes.setdefault(path, self._home_of(path))

    def _home_of(self, path: Path) -> str:
        return next(home for home in self._dbs if self.where(home)[0] == path)

    def table(self, home: str, name: str) -> Table:
        """A table to write to (the history folder is created for a month's first file).
        Raises Blocked for a file that cannot be used as it is."""
        reason = self.blocked.get(home)
        if reason is not None:
            raise Blocked(self.where(home)[0], reason)
        if home not in FLAT:
            folder = self.data_dir / HISTORY_DIR
            if not folder.is_dir():
                atomic.make_folder(folder)
        return self.db(home).table(name)

    @contextmanager
    def staged(self) -> Iterator[None]:
        """Hold back every write made inside until the block ends, then commit them together.

        An exception inside (a full disk while staging) discards them all: every file is as it
        was, and what the tables held of them is dropped (read again from disk when next used).
        A rename failing during the commit raises PartialCommit naming the homes committed.
        """
        if self._staging is not None:
            raise RuntimeError("staged() does not nest")
        staging = self._staging = Staging()
        try:
            yield
        except BaseException:
            self._staging = None
            staging.discard()
            self._forget_staged(set(self._staged_homes.values()))
            raise
        self._staging = None
        committed: list[str] = []
        try:
            staging.commit(done=lambda path: committed.append(self._staged_homes[path]))
        except BaseException as exc:
            self._forget_staged(set(self._staged_homes.values()) - set(committed))
            raise PartialCommit(committed, exc) from exc
        finally:
            for home in committed:
                db = self._dbs.get(home)
                if db is not None:
                    self._storage_of(db).restat()
        self._staged_homes.clear()

    def _forget_staged(self, homes: set[str]) -> None:
        for home in homes:
            self.forget(home)
        self._staged_homes.clear()

    def read(self, home: str, model: type[schema.F]) -> tuple[schema.F, os.stat_result] | None:
        """The validated content of `home`'s file and its stat as read; None if there is none.

        Raises Unreadable (damaged or foreign content: the file is then forgotten, so that a
        write starts afresh once it is moved aside), StoreTooNew, or OSError (cannot read it).
        """
        storage = self._storage(home)
        path, kind = self.where(home)
        try:
            raw = storage.content()
            if raw is None:
                return None
            parsed = schema.parse_file(path, raw, model, kind)
        except (schema.Unreadable, StoreError):
            self.forget(home)
            raise
        stat = storage.stat
        if not self.writable:
            self.forget(home)
        assert stat is not None  # a file was read
        return parsed, stat

    def _storage(self, home: str) -> AtomicJSONStorage:
        return self._storage_of(self.db(home))

    @staticmethod
    def _storage_of(db: TinyDB) -> AtomicJSONStorage:
        storage = db.storage
        assert isinstance(storage, AtomicJSONStorage)
        return storage

    def forget(self, home: str) -> None:
        """Drop what is held of `home`'s file: it is gone, moved aside, or no longer needed."""
        db = self._dbs.pop(home, None)
        if db is not None:
            db.close()

    def remove_from(self, home: str, ids: list[str]) -> None:
        wanted = set(ids)
        self.table(home, "sessions").remove(Query().id.test(lambda value: value in wanted))

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


def reason_of(exc: BaseException) -> str:
    """Why a file operation failed, in words (with the file, when the error names one)."""
    if isinstance(exc, OSError) and exc.strerror:
        if isinstance(exc, (atomic.BrokenLink, atomic.NotAFile)) and exc.filename:
            return f"{exc.filename} {exc.strerror}"
        return exc.strerror
    return str(exc)


def save_failed(what: str, exc: OSError | ValueError) -> StoreError:
    """A write that failed: disk full, permissions, or a file changed behind the store's back."""
    return StoreError(f"Could not save {what}: {reason_of(exc)}. What was saved before is intact.")
