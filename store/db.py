"""The runner's history on disk: `Store`, the only code that reads or writes the data folder.

Layout of the data folder (schema 1). Every file is a TinyDB JSON file written atomically
(store.atomic) whose `_meta` table holds `{"schema": 1, "kind": ...}`:

    achilles.lock          held (filelock) by the one process that may write
    settings.json          the runner's settings: one document
    checkins.json          morning check-ins: one document per day
    live.json              the session in progress: rewritten after every set, a few kB
    history/2025-03.json   finished sessions, one file per month they started in (UTC)

Why this split: TinyDB rewrites a whole file on every change. One file holding ten years
(megabytes) rewritten after every set would make each set cost hundreds of milliseconds. Here a set
rewrites only live.json. When a session finishes it is written once into its month's file (about
13 sessions) and only then removed from live.json: a kill in between leaves it in both places,
never in neither, and the next open keeps the finished copy.

Opening reads every file once, validates it completely and keeps everything in memory; reads are
served from memory and every write goes to disk before the method returns. A file that cannot be
read is never overwritten: it is moved aside (`NAME.corrupt-<time>.json`) with a notice for the
runner, and the store carries on without that file's records; or, with `on_corrupt="refuse"`,
`StoreCorrupt` is raised. Read-only stores take no lock, change nothing on disk, and always open.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from session.records import CheckIn, SessionRecord, Settings
from store import schema
from store.atomic import AtomicJSONStorage, fsync_dir, remove_stale_temps
from store.errors import StoreCorrupt, StoreError, StoreLocked, StoreReadOnly
from store.exchange import ImportResult, build_export, parse_export
from store.migrate import V0_FILE, read_v0
from store.schema import (
    CHECKINS_FILE,
    HISTORY_DIR,
    LIVE_FILE,
    LOCK_FILE,
    MONTH_FILE,
    SETTINGS_FILE,
    CheckinsFile,
    Kind,
    SessionsFile,
    SettingsFile,
    Unreadable,
)

__all__ = ["ImportResult", "OnCorrupt", "Store", "StoreCorrupt", "StoreError", "StoreLocked"]

OnCorrupt = Literal["move_aside", "refuse"]

LIVE = "live"
"""Where an unfinished session lives; finished ones live in their month, keyed `YYYY-MM`."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextmanager
def _loading() -> Iterator[None]:
    """Keep the cyclic garbage collector out of the load, now and later.

    Building ~10^5 record objects would otherwise trigger repeated collections that cost more than
    the parsing itself (measured 2-4x), and each later full collection would walk the whole
    history again: a pause of tens of ms in the middle of a workout. So the collector is paused
    while loading, and what was loaded is then moved out of its reach with `gc.freeze()`. Records
    hold no reference cycles, so reference counting still frees them when they are dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _acquire(data_dir: Path) -> FileLock:
    lock = FileLock(data_dir / LOCK_FILE, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise StoreLocked(
            "achilles is already running in another terminal, and only one can record sessions "
            f"at a time (it holds {data_dir / LOCK_FILE}). Finish or close it there first. "
            "Read-only commands such as `achilles plan` and `achilles export` still work."
        ) from None
    except OSError as exc:
        raise StoreError(f"Cannot lock the history in {data_dir}: {exc.strerror or exc}.") from exc
    return lock


def _aside_path(path: Path, when: dt.datetime) -> Path:
    stamp = when.astimezone().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


class Store:
    """Settings, sessions and check-ins of one runner. Open with `Store.open(data_dir)`."""

    def __init__(self, data_dir: Path, *, write: bool, lock: FileLock | None) -> None:
        """Use `Store.open`; this only sets up an empty, unloaded store."""
        self.data_dir = data_dir
        self.writable = write
        self.notices: list[str] = []
        self._lock = lock
        self._closed = False
        self._settings: Settings | None = None
        self._checkins: dict[dt.date, CheckIn] = {}
        self._sessions: dict[str, SessionRecord] = {}
        self._home: dict[str, str] = {}
        self._ordered: list[SessionRecord] | None = None
        self._dbs: dict[str, TinyDB] = {}

    # ----------------------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        write: bool = True,
        on_corrupt: OnCorrupt = "move_aside",
    ) -> Store:
        """Open the history in `data_dir`.

        Writing: creates the folder, takes the single-writer lock (StoreLocked if another process
        holds it), removes temporary files left by a killed write, and upgrades old files.
        Read-only (`write=False`): no lock, nothing on disk changes; a missing folder is an empty
        history. Raises StoreCorrupt (with "refuse"), StoreTooNew, or StoreError.
        """
        data_dir = Path(data_dir)
        lock = None
        if write:
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the data folder {data_dir}: {exc.strerror or exc}."
                ) from exc
            lock = _acquire(data_dir)
        store = cls(data_dir, write=write, lock=lock)
        try:
            store._load(on_corrupt)
        except BaseException:
            store.close()
            raise
        return store

    def _load(self, on_corrupt: OnCorrupt) -> None:
        if self.writable:
            remove_stale_temps(self.data_dir)
            remove_stale_temps(self.data_dir / HISTORY_DIR)
        with _loading():
            settings = self._read(
                self.data_dir / SETTINGS_FILE, SettingsFile, "settings", on_corrupt
            )
            if settings is not None and settings.settings:
                self._settings = list(settings.settings.values())[-1]
            checkins = self._read(
                self.data_dir / CHECKINS_FILE, CheckinsFile, "checkins", on_corrupt
            )
            if checkins is not None:
                for c in checkins.checkins.values():
                    self._checkins[c.day] = c
            # The live file before the months: a writer finishing a session writes its month
            # first and then removes it from live, so in this order a concurrent reader sees it.
            live = self._read(self.data_dir / LIVE_FILE, SessionsFile, "live", on_corrupt)
            live_records = list(live.sessions.values()) if live is not None else []
            for key, path in self._month_files():
                month = self._read(path, SessionsFile, "history", on_corrupt, key=key)
                if month is not None:
                    for record in month.sessions.values():
                        self._sessions[record.id] = record
                        self._home[record.id] = key
        self._adopt_live(live_records)
        self._upgrade_v0(on_corrupt)

    def _month_files(self) -> list[tuple[str, Path]]:
        folder = self.data_dir / HISTORY_DIR
        if not folder.is_dir():
            return []
        found = []
        for path in folder.iterdir():
            m = MONTH_FILE.match(path.name)
            if m and path.is_file():
                found.append((f"{m.group(1)}-{m.group(2)}", path))
        return sorted(found)

    def _read(
        self,
        path: Path,
        model: type[schema.F],
        kind: Kind,
        on_corrupt: OnCorrupt,
        *,
        key: str | None = None,
    ) -> schema.F | None:
        try:
            return schema.read_file(path, model, kind)
        except Unreadable as problem:
            self._damaged(path, problem.reason, on_corrupt, _what(kind, key))
            return None
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc

    def _damaged(self, path: Path, reason: str, on_corrupt: OnCorrupt, what: str) -> None:
        """A file that cannot be read: refuse, or move it aside and say so. Never overwrite it."""
        if on_corrupt == "refuse":
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. It was left untouched. Move it out of the "
                "way (or let achilles move it aside) to start without it."
            )
        if not self.writable:
            self.notices.append(
                f"{path} could not be read: {reason}. It was left as it is (this command only "
                f"reads), and what follows is shown without {what}."
            )
            return
        aside = _aside_path(path, _now())
        try:
            os.rename(path, aside)
            fsync_dir(path.parent)
        except OSError as exc:
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. Moving it aside to {aside} failed "
                f"({exc.strerror or exc}), so it was left untouched and achilles cannot start."
            ) from exc
        self.notices.append(
            f"{path} could not be read: {reason}. It was not overwritten: it was moved to "
            f"{aside}, unchanged, so nothing in it is lost. achilles carries on without {what}."
        )

    def _adopt_live(self, records: list[SessionRecord]) -> None:
        """Take in live.json's sessions, repairing what a kill at the wrong moment left behind."""
        leftovers: list[str] = []
        finished: list[SessionRecord] = []
        for record in records:
            if record.id in self._sessions:
                leftovers.append(record.id)  # already in its month: killed before the removal
            elif record.finished:
                finished.append(record)
            else:
                self._sessions[record.id] = record
                self._home[record.id] = LIVE
        for record in finished:
            self._sessions[record.id] = record
            self._home[record.id] = LIVE
        if self.writable:
            if leftovers:
                self._remove_from(LIVE, leftovers)
            for record in finished:
                self.save_session(record)  # to its month, then out of live.json

    def _upgrade_v0(self, on_corrupt: OnCorrupt) -> None:
        path = self.data_dir / V0_FILE
        if not path.is_file():
            return
        try:
            old = read_v0(path)
        except Unreadable as problem:
            self._damaged(path, problem.reason, on_corrupt, "the history kept in the old format")
            return
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        settings = list(old.settings.values())[-1] if old.settings else None
        self._add(
            list(old.sessions.values()),
            list(old.checkins.values()),
            settings,
            persist=self.writable,
        )
        if not self.writable:
            return
        kept = path.with_name(f"achilles.v0-upgraded-{_now().astimezone():%Y%m%d-%H%M%S}.json")
        try:
            os.rename(path, kept)
            fsync_dir(path.parent)
        except OSError as exc:
            raise StoreError(f"Cannot rename {path} after upgrading it: {exc}.") from exc
        self.notices.append(
            f"Your history was upgraded to the current storage format (version "
            f"{schema.SCHEMA_VERSION}). The old file was kept, unchanged, as {kept}."
        )

    # ----------------------------------------------------------------------------- files

    def _db(self, home: str) -> TinyDB:
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

    def _table(self, home: str, name: str) -> Table:
        return self._db(home).table(name)

    def _remove_from(self, home: str, ids: list[str]) -> None:
        wanted = set(ids)
        self._table(home, "sessions").remove(Query().id.test(lambda value: value in wanted))

    def _writing(self) -> None:
        if self._closed:
            raise StoreReadOnly("The history is closed; it can no longer save.")
        if not self.writable:
            raise StoreReadOnly(
                "The history was opened read-only (by a command that only reads); it cannot save."
            )

    # ----------------------------------------------------------------------------- reading

    def settings(self) -> Settings:
        """The saved settings, or the defaults if none were saved."""
        return self._settings if self._settings is not None else Settings()

    def sessions(self) -> list[SessionRecord]:
        """Every session, finished or not, oldest first."""
        if self._ordered is None:
            self._ordered = sorted(self._sessions.values(), key=lambda s: (s.started_at, s.id))
        return list(self._ordered)

    def unfinished(self) -> SessionRecord | None:
        """The session in progress (the latest, should there be several), if any."""
        live = [s for s in self._sessions.values() if not s.finished]
        return max(live, key=lambda s: (s.started_at, s.id)) if live else None

    def checkins(self) -> list[CheckIn]:
        """Every check-in, oldest day first."""
        return [self._checkins[day] for day in sorted(self._checkins)]

    def export_json(self) -> dict[str, Any]:
        """The full history (settings, sessions, check-ins) with its schema version."""
        return build_export(self.settings(), self.sessions(), self.checkins(), _now())

    # ----------------------------------------------------------------------------- writing

    def save_settings(self, settings: Settings) -> None:
        self._writing()
        doc = settings.model_dump(mode="json")
        table = self._table("settings", "settings")
        try:
            if table.contains(doc_id=1):
                table.update(doc, doc_ids=[1])
            else:
                table.insert(Document(doc, doc_id=1))
        except (OSError, ValueError) as exc:
            raise _save_failed("the settings", exc) from exc
        self._settings = settings

    def save_session(self, record: SessionRecord) -> None:
        """Insert or update `record` (by id) on disk before returning.

        Unfinished sessions live in live.json; a finished one is written to its month's file and
        then removed from live.json.
        """
        self._writing()
        old = self._home.get(record.id)
        new = schema.month_key(record.started_at) if record.finished else LIVE
        doc = record.model_dump(mode="json")
        try:
            table = self._table(new, "sessions")
            if old == new:
                table.update(doc, Query().id == record.id)
            else:
                table.insert(doc)
                if old is not None:
                    self._remove_from(old, [record.id])
        except (OSError, ValueError) as exc:
            raise _save_failed(f"session {record.id}", exc) from exc
        self._sessions[record.id] = record
        self._home[record.id] = new
        self._ordered = None

    def add_checkin(self, checkin: CheckIn) -> None:
        """Save a check-in; a second one on the same day replaces the first."""
        self._writing()
        doc = checkin.model_dump(mode="json")
        table = self._table("checkins", "checkins")
        try:
            if checkin.day in self._checkins:
                table.update(doc, Query().day == checkin.day.isoformat())
            else:
                table.insert(doc)
        except (OSError, ValueError) as exc:
            raise _save_failed(f"the check-in of {checkin.day}", exc) from exc
        self._checkins[checkin.day] = checkin

    def import_json(self, data: object) -> ImportResult:
        """Add an export's records that are not here yet. Validates everything first: a bad file
        raises ImportRejected and changes nothing. Importing the same file twice adds nothing."""
        self._writing()
        parsed = parse_export(data)
        try:
            return self._add(
                list(parsed.sessions), list(parsed.checkins), parsed.settings, persist=True
            )
        except (OSError, ValueError) as exc:
            raise _save_failed("the imported records", exc) from exc

    def _add(
        self,
        sessions: Iterable[SessionRecord],
        checkins: Iterable[CheckIn],
        settings: Settings | None,
        *,
        persist: bool,
    ) -> ImportResult:
        """Add records not present yet (by session id, by check-in day), one write per file."""
        by_home: defaultdict[str, list[SessionRecord]] = defaultdict(list)
        seen: set[str] = set()
        skipped_sessions = 0
        for s in sessions:
            if s.id in self._sessions or s.id in seen:
                skipped_sessions += 1
                continue
            seen.add(s.id)
            by_home[schema.month_key(s.started_at) if s.finished else LIVE].append(s)
        new_checkins: dict[dt.date, CheckIn] = {}
        skipped_checkins = 0
        for c in checkins:
            if c.day in self._checkins or c.day in new_checkins:
                skipped_checkins += 1
            else:
                new_checkins[c.day] = c
        restore = settings is not None and self._settings is None
        # Months first, live last: the same order as finishing a session.
        for home in sorted(by_home, key=lambda h: (h == LIVE, h)):
            records = by_home[home]
            if persist:
                docs = [r.model_dump(mode="json") for r in records]
                self._table(home, "sessions").insert_multiple(docs)
            for r in records:
                self._sessions[r.id] = r
                self._home[r.id] = home
            self._ordered = None
        if new_checkins:
            if persist:
                docs = [c.model_dump(mode="json") for c in new_checkins.values()]
                self._table("checkins", "checkins").insert_multiple(docs)
            self._checkins.update(new_checkins)
        if restore and settings is not None:
            if persist:
                self.save_settings(settings)
            else:
                self._settings = settings
        return ImportResult(
            sessions_added=len(seen),
            sessions_skipped=skipped_sessions,
            checkins_added=len(new_checkins),
            checkins_skipped=skipped_checkins,
            settings_restored=restore,
        )

    # ----------------------------------------------------------------------------- closing

    def close(self) -> None:
        """Release the lock (idempotent). Everything was already saved by the write methods."""
        if self._closed:
            return
        self._closed = True
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _what(kind: Kind, key: str | None) -> str:
    """What a damaged file held, for the notice: "achilles carries on without ..."."""
    if kind == "settings":
        return "your saved settings (the defaults are used)"
    if kind == "checkins":
        return "your morning check-ins"
    if kind == "live":
        return "the unfinished session"
    return f"the sessions of {schema.month_name(key)}" if key else "those sessions"


def _save_failed(what: str, exc: OSError | ValueError) -> StoreError:
    """A write that failed: disk full, permissions, or a file changed behind the store's back."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return StoreError(f"Could not save {what}: {reason}. What was saved before is intact.")
