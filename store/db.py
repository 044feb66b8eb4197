"""The runner's history on disk: `Store`, the only code that reads or writes the data folder.

Layout of the data folder (schema 1). Every file is a TinyDB JSON file written atomically
(store.atomic) whose `_meta` table holds `{"schema": 1, "kind": ...}`:

    achilles.lock          held (filelock) by the one process that may write
    settings.json          the runner's settings: one document
    checkins.json          morning check-ins: one document per day
    live.json              the session in progress: rewritten after every set, a few kB
    history/2025-03.json   finished sessions, one file per month they started in (UTC)
    history/index.json     derived: each finished session's summary, per month file (not a
                           TinyDB file, but stamped the same way, kind "index")

Why this split: TinyDB rewrites a whole file on every change. One file holding ten years
(megabytes) rewritten after every set would make each set cost hundreds of milliseconds. Here a set
rewrites only live.json. When a session finishes it is written once into its month's file (about
13 sessions), then the index is rewritten, and only then is the session removed from live.json: a
kill in between leaves it in both places, never in neither, and the next open keeps the finished
copy.

The index. Validating every finished session with all its sets costs over a second for ten years
(~170,000 records for the issue's 56,000 sets), but progression, the Today screen, `achilles plan`,
the history table and trends need only each session's facts (`SessionSummary`). index.json keeps
those, per month file, with the fingerprint of the month file they were read from (its size, mtime
in ns and inode number; `schema.Fingerprint`). It is derived data and never trusted blindly: on
open the month files are listed and stat'ed (no reading), and a month file missing from the index
or whose fingerprint differs (edited, added or replaced behind the store's back, or written by a
store killed before it could rewrite the index) is read and its summaries rebuilt; a month file
that is gone takes its summaries with it; a missing, damaged or outdated index (another
`schema.index_format()`) is rebuilt from the month files, silently; one stamped by a newer
version raises StoreTooNew, as any file would. A writer then rewrites the index; a read-only store
only corrects its copy in memory. The index is written atomically but not fsynced (a power cut can
only leave an older or an empty index, which the checks above catch). What the fingerprint cannot
see: an edit in place that keeps the file's size, made within the same clock tick (a few ms) as the
store's last write of that file; and SessionRecord.summary() changing meaning without a bump of
`schema.INDEX_VERSION`.

Opening reads settings, check-ins, live.json and the index, and stats the month files. Month files
are read when full records are asked for (`sessions()`, `session(id)`, `sessions_between()`), only
the months needed, each validated completely and kept in memory once read; `summaries()` needs none
of them. Every write goes to disk before the method returns. A file that cannot be read is never
overwritten: it is moved aside (`NAME.corrupt-<time>.json`) with a notice for the runner, and the
store carries on without that file's records; or, with `on_corrupt="refuse"`, `StoreCorrupt` is
raised. (A month file is checked when it is read: at open if the index does not cover it, else on
first use, which is when such a notice or `StoreCorrupt` then comes.) Read-only stores take no
lock, change nothing on disk, and always open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

from filelock import FileLock, Timeout
from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from session.records import CheckIn, SessionRecord, SessionSummary, Settings
from store import schema
from store.atomic import AtomicJSONStorage, encode, fsync_dir, remove_stale_temps, write_atomic
from store.errors import StoreCorrupt, StoreError, StoreLocked, StoreReadOnly
from store.exchange import ImportResult, build_export, parse_export
from store.migrate import V0_FILE, read_v0
from store.schema import (
    CHECKINS_FILE,
    HISTORY_DIR,
    INDEX_FILE,
    LIVE_FILE,
    LOCK_FILE,
    MONTH_FILE,
    SETTINGS_FILE,
    CheckinsFile,
    Fingerprint,
    IndexedMonth,
    IndexFile,
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


def _order(s: SessionRecord | SessionSummary) -> tuple[dt.datetime, str]:
    return (s.started_at, s.id)


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


@dataclass(eq=False, slots=True)
class _Month:
    """What the store knows of one month file: every session's summary; full records once loaded.

    `fingerprint` is that of the file the summaries describe (None: not on disk). `records` holds
    every record of the file once `loaded`, and before that those saved since the store opened.
    """

    fingerprint: Fingerprint | None
    summaries: dict[str, SessionSummary]
    records: dict[str, SessionRecord] = field(default_factory=dict)
    loaded: bool = False
    indexed: bytes | None = None  # its entry in index.json (JSON), while still accurate

    def put(self, record: SessionRecord) -> None:
        self.summaries[record.id] = record.summary()
        self.records[record.id] = record
        self.indexed = None

    def discard(self, session_id: str) -> None:
        self.summaries.pop(session_id, None)
        self.records.pop(session_id, None)
        self.indexed = None

    def stamp(self, fingerprint: Fingerprint | None) -> None:
        self.fingerprint = fingerprint
        self.indexed = None

    def entry(self) -> bytes | None:
        """This month's entry in index.json, as JSON (None when the file is not on disk).

        Kept between writes: finishing a session re-encodes only its month's entry.
        """
        if self.fingerprint is None:
            return None
        if self.indexed is None:
            ordered = tuple(sorted(self.summaries.values(), key=_order))
            entry = IndexedMonth(file=self.fingerprint, sessions=ordered)
            self.indexed = entry.model_dump_json().encode()
        return self.indexed


class Store:
    """Settings, sessions and check-ins of one runner. Open with `Store.open(data_dir)`."""

    def __init__(
        self,
        data_dir: Path,
        *,
        write: bool,
        lock: FileLock | None,
        on_corrupt: OnCorrupt = "move_aside",
    ) -> None:
        """Use `Store.open`; this only sets up an empty, unloaded store."""
        self.data_dir = data_dir
        self.writable = write
        self.notices: list[str] = []
        self._lock = lock
        self._closed = False
        self._on_corrupt: OnCorrupt = on_corrupt
        self._settings: Settings | None = None
        self._checkins: dict[dt.date, CheckIn] = {}
        self._live: dict[str, SessionRecord] = {}
        self._months: dict[str, _Month] = {}
        self._where: dict[str, str] = {}  # session id -> LIVE or its month: who is stored where
        self._finished: list[SessionSummary] | None = None  # sorted summaries of month sessions
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
        store = cls(data_dir, write=write, lock=lock, on_corrupt=on_corrupt)
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    def _load(self) -> None:
        if self.writable:
            remove_stale_temps(self.data_dir)
            remove_stale_temps(self.data_dir / HISTORY_DIR)
        with _loading():
            settings = self._read(self.data_dir / SETTINGS_FILE, SettingsFile, "settings")
            if settings is not None and settings.settings:
                self._settings = list(settings.settings.values())[-1]
            checkins = self._read(self.data_dir / CHECKINS_FILE, CheckinsFile, "checkins")
            if checkins is not None:
                for c in checkins.checkins.values():
                    self._checkins[c.day] = c
            # live.json before the index and the months: a writer finishing a session writes its
            # month, then the index, and then removes it from live, so in this order a concurrent
            # reader sees it.
            live = self._read(self.data_dir / LIVE_FILE, SessionsFile, "live")
            live_records = list(live.sessions.values()) if live is not None else []
            stale = self._open_months(self._read_index())
        if stale and self.writable:
            self._write_index()
        self._adopt_live(live_records)
        self._upgrade_v0()

    def _read_index(self) -> dict[str, IndexedMonth] | None:
        """The index's months, or None when it is missing, damaged or of another format.

        A damaged index is derived data: it is rebuilt (overwritten), without a notice. One from
        a newer version (StoreTooNew) is left alone, as any file of a newer version.
        """
        try:
            index = schema.read_file(self.data_dir / HISTORY_DIR / INDEX_FILE, IndexFile, "index")
        except (Unreadable, OSError):
            return None
        if index is None or index.format != schema.index_format():
            return None
        return index.months

    def _open_months(self, index: dict[str, IndexedMonth] | None) -> bool:
        """Take the index's summaries for the month files it describes as they are; read the
        others. Returns whether the index on disk is stale (should be rewritten)."""
        indexed = index if index is not None else {}
        found = self._scan_months()
        stale = index is None and bool(found)
        for key in sorted(found):
            fingerprint = found[key]
            entry = indexed.get(key)
            month: _Month | None
            if entry is not None and entry.file == fingerprint:
                month = _Month(fingerprint, {s.id: s for s in entry.sessions})
            else:
                stale = True
                month = self._read_month(key)
                if month is None:
                    continue
            self._months[key] = month
            for session_id in month.summaries:
                self._where[session_id] = key  # a later month wins, should an id be in two
        return stale or not indexed.keys() <= found.keys()

    def _scan_months(self) -> dict[str, Fingerprint]:
        """The month files in the history folder and their fingerprints: one stat each."""
        folder = self.data_dir / HISTORY_DIR
        found: dict[str, Fingerprint] = {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    m = MONTH_FILE.match(entry.name)
                    if m is None:
                        continue
                    with contextlib.suppress(FileNotFoundError):
                        if entry.is_file():
                            found[f"{m.group(1)}-{m.group(2)}"] = Fingerprint.of(entry.stat())
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as exc:
            raise StoreError(f"Cannot read {folder}: {exc.strerror or exc}.") from exc
        return found

    def _month_path(self, key: str) -> Path:
        return self.data_dir / HISTORY_DIR / f"{key}.json"

    def _read_month(self, key: str) -> _Month | None:
        """Read and validate a month file completely. None if it is gone or damaged (then moved
        aside, or left, with a notice)."""
        path = self._month_path(key)
        try:
            with path.open("rb") as f:
                st = os.fstat(f.fileno())  # the fingerprint of exactly the bytes read
                raw = f.read()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        try:
            parsed = schema.parse_file(path, raw, SessionsFile, "history")
        except Unreadable as problem:
            self._damaged(path, problem.reason, _what("history", key))
            return None
        records = {r.id: r for r in parsed.sessions.values()}
        summaries = {session_id: r.summary() for session_id, r in records.items()}
        return _Month(Fingerprint.of(st), summaries, records, loaded=True)

    def _read(self, path: Path, model: type[schema.F], kind: Kind) -> schema.F | None:
        try:
            return schema.read_file(path, model, kind)
        except Unreadable as problem:
            self._damaged(path, problem.reason, _what(kind, None))
            return None
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc

    def _damaged(self, path: Path, reason: str, what: str) -> None:
        """A file that cannot be read: refuse, or move it aside and say so. Never overwrite it."""
        if self._on_corrupt == "refuse":
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
            if self._where.get(record.id, LIVE) != LIVE:
                leftovers.append(record.id)  # already in its month: killed before the removal
            elif record.finished:
                finished.append(record)
            else:
                self._register(record, LIVE)
        for record in finished:
            self._register(record, LIVE)
        if self.writable:
            if leftovers:
                self._remove_from(LIVE, leftovers)
            for record in finished:
                self.save_session(record)  # to its month, then out of live.json

    def _upgrade_v0(self) -> None:
        path = self.data_dir / V0_FILE
        if not path.is_file():
            return
        try:
            old = read_v0(path)
        except Unreadable as problem:
            self._damaged(path, problem.reason, "the history kept in the old format")
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

    # ----------------------------------------------------------------------------- months

    def _month(self, key: str) -> _Month:
        """The month `key`, known or new. One on disk that the store did not know (it appeared
        after the open) is read first, so that its summaries stay complete."""
        month = self._months.get(key)
        if month is None:
            if self._month_path(key).exists():
                with _loading():
                    month = self._read_month(key)
            if month is None:
                month = _Month(None, {}, loaded=True)
            self._months[key] = month
            for session_id in month.summaries:
                self._where.setdefault(session_id, key)
            self._finished = self._ordered = None
        return month

    def _load_month(self, key: str) -> _Month | None:
        """Month `key` with all its records, reading its file if not done yet."""
        month = self._months.get(key)
        if month is None or month.loaded:
            return month
        with _loading():
            fresh = self._read_month(key)
        if fresh is None:  # gone, or damaged (and moved aside) since the store opened
            self._drop_month(key)
            return None
        # What the store saved since it opened is in the file, as is what the index describes,
        # unless the file changed behind the store's back: then the file wins.
        merged = month.records | fresh.records
        month.records, month.loaded = merged, True
        if fresh.fingerprint != month.fingerprint:
            for session_id, home in list(self._where.items()):
                if home == key and session_id not in merged:
                    del self._where[session_id]
            month.summaries = {
                sid: fresh.summaries.get(sid) or r.summary() for sid, r in merged.items()
            }
            month.stamp(fresh.fingerprint)
            for session_id in merged:
                self._where.setdefault(session_id, key)
            self._finished = self._ordered = None
            if self.writable:
                self._write_index()
        return month

    def _drop_month(self, key: str) -> None:
        """Forget a month whose file is gone or was moved aside."""
        self._months.pop(key, None)
        for session_id, home in list(self._where.items()):
            if home == key:
                del self._where[session_id]
        self._finished = self._ordered = None
        if self.writable:
            self._write_index()

    def _fingerprint(self, key: str) -> Fingerprint | None:
        try:
            return Fingerprint.of(self._month_path(key).stat())
        except OSError:
            return None  # left out of the index: the next open reads the month file

    def _write_index(self) -> None:
        """Rewrite history/index.json from the months as they are on disk.

        Best effort: the index is derived data, so a failed write is not an error. The index left
        on disk then no longer matches the month files' fingerprints, and the next open rebuilds
        what changed.
        """
        months: list[bytes] = []
        for key in sorted(self._months):
            entry = self._months[key].entry()
            if entry is not None:
                months.append(b"%s:%s" % (json.dumps(key).encode(), entry))
        folder = self.data_dir / HISTORY_DIR
        if not months and not (folder / INDEX_FILE).exists():
            return
        head = {"_meta": {"1": schema.meta("index")}, "format": schema.index_format()}
        data = b'%s,"months":{%s}}' % (encode(head)[:-1], b",".join(months))
        # Not fsynced: after a power cut an old or empty index is detected as any stale one.
        with contextlib.suppress(OSError):
            write_atomic(folder / INDEX_FILE, data, durable=False)

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

    def _register(self, record: SessionRecord, home: str) -> None:
        """Note in memory that `record` is now stored in `home` (LIVE or a month)."""
        old = self._where.get(record.id)
        if old == LIVE and home != LIVE:
            self._live.pop(record.id, None)
        elif old is not None and old not in (LIVE, home) and old in self._months:
            self._months[old].discard(record.id)
        if home == LIVE:
            self._live[record.id] = record
        else:
            self._month(home).put(record)
        if home != LIVE or old not in (None, LIVE):
            self._finished = None
        self._where[record.id] = home
        self._ordered = None

    # ----------------------------------------------------------------------------- reading

    def settings(self) -> Settings:
        """The saved settings, or the defaults if none were saved."""
        return self._settings if self._settings is not None else Settings()

    def summaries(self) -> list[SessionSummary]:
        """Every session's summary, finished or not, oldest first. Reads no month file."""
        if self._finished is None:
            self._finished = sorted(
                (
                    self._months[home].summaries[sid]
                    for sid, home in self._where.items()
                    if home != LIVE
                ),
                key=_order,
            )
        if not self._live:
            return list(self._finished)
        return sorted([*self._finished, *(r.summary() for r in self._live.values())], key=_order)

    def sessions(self) -> list[SessionRecord]:
        """Every session, finished or not, oldest first: full records.

        The first call reads every month file not read yet (for ten years, about a second);
        the records are then kept. Prefer `summaries()` when the sets are not needed.
        """
        if self._ordered is None:
            with _loading():
                for key in sorted(self._months):
                    self._load_month(key)
            records = (self._record(sid, home) for sid, home in self._where.items())
            self._ordered = sorted((r for r in records if r is not None), key=_order)
        return list(self._ordered)

    def session(self, session_id: str) -> SessionRecord | None:
        """One session's full record, reading at most the month file that holds it."""
        home = self._where.get(session_id)
        if home is None:
            return None
        record = self._record(session_id, home)
        if record is None and self._load_month(home) is not None:
            home = self._where.get(session_id)
            record = self._record(session_id, home) if home is not None else None
        return record

    def sessions_between(self, start: dt.datetime, end: dt.datetime) -> list[SessionRecord]:
        """Full records of the sessions started at or after `start` and before `end` (both
        timezone-aware), oldest first, reading only the month files that hold them."""
        chosen = [s.id for s in self.summaries() if start <= s.started_at < end]
        records = (self.session(session_id) for session_id in chosen)
        return [r for r in records if r is not None]

    def _record(self, session_id: str, home: str) -> SessionRecord | None:
        if home == LIVE:
            return self._live.get(session_id)
        month = self._months.get(home)
        return month.records.get(session_id) if month is not None else None

    def unfinished(self) -> SessionRecord | None:
        """The session in progress (the latest, should there be several), if any."""
        live = [s for s in self._live.values() if not s.finished]
        return max(live, key=_order) if live else None

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

        Unfinished sessions live in live.json; a finished one is written to its month's file,
        then the index is updated, and then it is removed from live.json.
        """
        self._writing()
        old = self._where.get(record.id)
        new = schema.month_key(record.started_at) if record.finished else LIVE
        months = [key for key in dict.fromkeys((new, old)) if key is not None and key != LIVE]
        doc = record.model_dump(mode="json")
        try:
            for key in months:
                self._month(key)
            table = self._table(new, "sessions")
            if old == new:
                table.update(doc, Query().id == record.id)
            else:
                table.insert(doc)
                if old is not None and old != LIVE:
                    self._remove_from(old, [record.id])
        except (OSError, ValueError) as exc:
            raise _save_failed(f"session {record.id}", exc) from exc
        self._register(record, new)
        if months:
            for key in months:
                self._months[key].stamp(self._fingerprint(key))
            self._write_index()
        if old == LIVE and new != LIVE:
            try:
                self._remove_from(LIVE, [record.id])
            except (OSError, ValueError) as exc:
                raise _save_failed(f"session {record.id}", exc) from exc

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
            if s.id in self._where or s.id in seen:
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
        # Months first, then the index, live last: the same order as finishing a session.
        months = sorted(home for home in by_home if home != LIVE)
        for home in months:
            records = by_home[home]
            month = self._month(home)
            if persist:
                docs = [r.model_dump(mode="json") for r in records]
                self._table(home, "sessions").insert_multiple(docs)
                month.stamp(self._fingerprint(home))
            for r in records:
                self._register(r, home)
        if months and persist:
            self._write_index()
        if LIVE in by_home:
            if persist:
                docs = [r.model_dump(mode="json") for r in by_home[LIVE]]
                self._table(LIVE, "sessions").insert_multiple(docs)
            for r in by_home[LIVE]:
                self._register(r, LIVE)
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
