"""`Store`: the runner's history on disk, the only code that reads or writes the data folder.

The data folder's layout, and why it is split so: the `store` package's docstring.

The index (history/index.json: every finished session's summary, with the fingerprint of its
month file, so that opening reads no month file) is described in `store.index`.

Each file of the data folder is one TinyDB database (`store.tables`) whose storage reads the file
from disk once per process and answers every later read from memory, so a save writes its file
without reading it again (a finishing save reads its month once, the first time that month is
written in the process: the file is rewritten whole). The records are validated with pydantic from
the bytes that storage read. The index and the schema-0 file of `store.migrate` are read directly:
the index is derived data written in pieces (its months' entries are kept encoded between writes),
not a TinyDB file, and the old file is read once, merged and renamed.

Opening reads settings, check-ins, the run log, tests and scores, live.json and the index, and
stats the month files. Month files are read when full records are asked for (`sessions()`,
`session(id)`), only the months needed, each validated completely and kept in memory once read;
`summaries()` needs none of them. Every write goes to disk before the method returns. A file that
cannot be read is never overwritten: it is moved aside (`NAME.corrupt-<time>.json`) with a notice
for the runner, and the store carries on without that file's records; or, with
`on_corrupt="refuse"`, `StoreCorrupt` is raised. (A month file is checked when it is read: at open
if the index does not cover it, else on first use, which is when such a notice or `StoreCorrupt`
then comes.) Read-only stores take no lock, change nothing on disk, and always open.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from session.records import CheckIn, SessionRecord, SessionSummary, Settings
from session.running.functional import FunctionalResult
from session.running.outcome import OutcomeScore
from session.running.runs import RunRecord
from store import index, schema
from store.adding import Keeper, Plan, stopped_words
from store.atomic import fsync_dir, make_folder, remove_stale_temps
from store.catalogue import Catalogue
from store.damage import Damage, OnCorrupt, note_links
from store.errors import StoreCorrupt, StoreError, StoreLocked, StoreReadOnly
from store.exchange import (
    CHECKINS,
    RUNS,
    SCORES,
    SESSIONS,
    TESTS,
    ImportResult,
    Running,
    build_export,
    parse_export,
)
from store.months import loading
from store.record_files import RecordFile
from store.recorder import Recorder
from store.schema import LIVE, RunsFile, ScoresFile, SessionsFile, TestsFile, Unreadable
from store.settings_checkins import SettingsAndCheckins
from store.tables import PartialCommit, Tables, reason_of

if TYPE_CHECKING:
    from filelock import FileLock

    from session.program import Program
    from session.strength.program import StrengthProgram

__all__ = ["ImportResult", "OnCorrupt", "Store", "StoreCorrupt", "StoreError", "StoreLocked"]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _run_words(run: RunRecord) -> str:
    return f"the run of {run.started_at.astimezone():%a %d %b %H:%M}"


def _test_words(result: FunctionalResult) -> str:
    return f"the {result.kind.replace('_', ' ')} test result"


def _score_words(score: OutcomeScore) -> str:
    return f"the {score.label}"


class Store:
    """Settings, sessions, check-ins, runs, tests and scores of one runner. Open with
    `Store.open(data_dir)`."""

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
        self._damage = Damage(self.notices, on_corrupt=on_corrupt, writable=write)
        self._tables = Tables(data_dir, writable=write)
        self._catalogue = Catalogue(data_dir, self._damage, self._tables, writable=write)
        self._settings_checkins = SettingsAndCheckins(self._tables)
        self._recorder = Recorder(self._catalogue, self._tables)
        self._runs: RecordFile[RunRecord] = RecordFile(
            self._tables, "runs", RunsFile, lambda f: f.runs, _run_words
        )
        self._tests: RecordFile[FunctionalResult] = RecordFile(
            self._tables, "tests", TestsFile, lambda f: f.tests, _test_words
        )
        self._scores: RecordFile[OutcomeScore] = RecordFile(
            self._tables, "scores", ScoresFile, lambda f: f.scores, _score_words
        )
        self._keepers: dict[str, Keeper[Any]] = {
            SESSIONS.table: self._recorder,
            CHECKINS.table: self._settings_checkins,
            RUNS.table: self._runs,
            TESTS.table: self._tests,
            SCORES.table: self._scores,
        }
        """Who keeps each kind of record of `store.exchange.KINDS` (a new kind: one line)."""

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
                make_folder(data_dir)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the data folder {data_dir}: {exc.strerror or exc}."
                ) from exc
            from store.locking import acquire  # filelock: only a writer needs it

            lock = acquire(data_dir)
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
            remove_stale_temps(self.data_dir / schema.HISTORY_DIR)
        note_links(self.data_dir, self.notices)
        with loading():
            self._settings_checkins.load(self._damage)
            for records in (self._runs, self._tests, self._scores):
                records.load(self._damage)
            # live.json before the index and the months: a writer finishing a session writes its
            # month, then the index, and then removes it from live, so in this order a concurrent
            # reader sees it.
            live = self._damage.read(self._tables, LIVE, SessionsFile)
            live_records = list(live.sessions.values()) if live is not None else []
            stale = self._catalogue.open_months(index.read(self.data_dir))
        if stale and self.writable:
            self._catalogue.write_index()
        self._recorder.adopt_live(live_records, writable=self.writable)
        self._upgrade_v0()

    def _upgrade_v0(self) -> None:
        from store.migrate import V0_FILE, read_v0  # needed once, by an old history

        path = self.data_dir / V0_FILE
        if not path.is_file():
            return
        try:
            old = read_v0(path)
        except Unreadable as problem:
            self._damage.damaged(path, problem.reason, "the history kept in the old format")
            return
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        settings = list(old.settings.values())[-1] if old.settings else None
        records: dict[str, list[Any]] = {
            SESSIONS.table: list(old.sessions.values()),
            CHECKINS.table: list(old.checkins.values()),
        }
        self._add(records, settings, persist=self.writable, doing="upgrade your history")
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
        settings = self._settings_checkins.settings
        return settings if settings is not None else Settings()

    def summaries(self) -> list[SessionSummary]:
        """Every session's summary, finished or not, oldest first. Reads no month file."""
        return self._catalogue.summaries()

    def sessions(self) -> list[SessionRecord]:
        """Every session, finished or not, oldest first: full records.

        The first call reads every month file not read yet (for ten years, about a second);
        the records are then kept. Prefer `summaries()` when the sets are not needed.
        """
        return self._catalogue.sessions()

    def session(self, session_id: str) -> SessionRecord | None:
        """One session's full record, reading at most the month file that holds it."""
        return self._catalogue.session(session_id)

    def unfinished(self) -> SessionRecord | None:
        """The session in progress (the latest, should there be several), if any."""
        return self._catalogue.unfinished()

    def checkins(self) -> list[CheckIn]:
        """Every check-in, oldest day first."""
        checkins = self._settings_checkins.checkins
        return [checkins[day] for day in sorted(checkins)]

    def runs(self) -> list[RunRecord]:
        """Every run, oldest first."""
        return sorted(self._runs.all(), key=lambda r: r.started_at)

    def results(self) -> list[FunctionalResult]:
        """Every heel-raise and hop test result, oldest first."""
        return sorted(self._tests.all(), key=lambda r: r.recorded_at)

    def scores(self) -> list[OutcomeScore]:
        """Every VISA-A-based questionnaire score, oldest first."""
        return sorted(self._scores.all(), key=lambda s: s.recorded_at)

    def export_json(self) -> dict[str, Any]:
        """The full history (settings, sessions, check-ins, runs, tests and scores) with its
        schema version. What it lacks (files that could not be read) is in `missing` once it is
        built."""
        running = Running(self.runs(), self.results(), self.scores())
        return build_export(self.settings(), self.sessions(), self.checkins(), _now(), running)

    @property
    def missing(self) -> list[str]:
        """One line per file of the history whose records are left out of what this store
        shows: damaged (moved aside, or left by a read-only store) or unavailable (a link to
        nothing, a folder where the file belongs...). Files are read when first needed, so ask
        after reading (after `sessions()` for everything)."""
        return list(self._damage.missing)

    # ----------------------------------------------------------------------------- writing

    def save_settings(self, settings: Settings) -> None:
        self._writing()
        self._settings_checkins.save_settings(settings)

    def save_session(self, record: SessionRecord) -> None:
        """Insert or update `record` (by id) on disk before returning.

        Unfinished sessions live in live.json; a finished one is written to its month's file,
        then the index is updated, and then it is removed from live.json.
        """
        self._writing()
        self._recorder.save(record)

    def add_checkin(self, checkin: CheckIn) -> None:
        """Save a check-in; a second one on the same day replaces the first."""
        self._writing()
        self._settings_checkins.add_checkin(checkin)

    def save_run(self, run: RunRecord) -> bool:
        """Save a run (one with the same id is replaced: returns True then)."""
        self._writing()
        return self._runs.save(run)

    def save_result(self, result: FunctionalResult) -> bool:
        """Save a heel-raise or hop test result (replacing one with the same id)."""
        self._writing()
        return self._tests.save(result)

    def save_score(self, score: OutcomeScore) -> bool:
        """Save a completed questionnaire (replacing one with the same id)."""
        self._writing()
        return self._scores.save(score)

    def import_json(
        self,
        data: object,
        *,
        now: dt.datetime | None = None,
        program: Program | None = None,
        strength: StrengthProgram | None = None,
    ) -> ImportResult:
        """Add an export's records that are not here yet: all of them, or none.

        Validates everything first (every kind of `store.exchange.KINDS`), against `now`
        (default: the clock) and the programs if given: a bad file raises ImportRejected and
        changes nothing. The new records are then staged (every file written beside its target)
        and committed together, so a full disk changes nothing either (StoreError). Importing
        the same file twice adds nothing.
        """
        self._writing()
        parsed = parse_export(data, now=now, program=program, strength=strength)
        return self._add(parsed.records, parsed.settings, persist=True, doing="import")

    def _add(
        self,
        records: Mapping[str, Sequence[Any]],
        settings: Settings | None,
        *,
        persist: bool,
        doing: str,
    ) -> ImportResult:
        """Add records not present yet (by their kind's key), one write per file, all staged and
        committed together (only into memory unless `persist`). `doing` names it in errors."""
        plans = {table: self._keepers[table].plan(list(r)) for table, r in records.items()}
        restore = settings is not None and self._settings_checkins.settings is None
        if persist:
            try:
                with self._tables.staged():
                    for table, plan in plans.items():
                        self._keepers[table].write(plan)
                    if restore and settings is not None:
                        self._settings_checkins.write_settings(settings)
            except PartialCommit as stopped:
                homes = set(stopped.homes)
                self._take(plans, settings if "settings" in homes else None, homes)
                raise StoreError(
                    stopped_words(doing, plans, homes, restore, stopped.cause)
                ) from None
            except (OSError, ValueError) as exc:
                raise StoreError(
                    f"Could not {doing}: {reason_of(exc)}. Nothing was added: your history is "
                    "as it was."
                ) from exc
        self._take(plans, settings if restore else None, None, written=persist)
        added = {table: plan.added for table, plan in plans.items()}
        skipped = {table: plan.skipped for table, plan in plans.items()}
        return ImportResult.of(added, skipped, settings_restored=restore)

    def _take(
        self,
        plans: dict[str, Plan[Any]],
        settings: Settings | None,
        homes: Collection[str] | None,
        *,
        written: bool = True,
    ) -> None:
        for table, plan in plans.items():
            self._keepers[table].take(plan, homes, written=written)
        if settings is not None:
            self._settings_checkins.settings = settings

    # ----------------------------------------------------------------------------- closing

    def close(self) -> None:
        """Release the lock (idempotent). Everything was already saved by the write methods."""
        if self._closed:
            return
        self._closed = True
        self._tables.close()
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
