"""The on-disk shape of the store, schema 1: which file holds what, and reading one file safely.

Every file is a TinyDB JSON file (`{"table": {"doc id": {...}}}`) whose `_meta` table holds one
document, `{"schema": 1, "kind": ...}`. Reading a file validates all of it in one pass (pydantic
parses the bytes straight into records) and either returns the records or raises `Unreadable` with
a plain-English reason, or `StoreTooNew` for a file written by a newer version.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from session.records import CheckIn, SessionRecord, SessionSummary, Settings
from session.running.functional import FunctionalResult
from session.running.outcome import OutcomeScore
from session.running.runs import RunRecord
from store.errors import StoreTooNew
from store.validation import describe

SCHEMA_VERSION = 1

LOCK_FILE = "achilles.lock"
SETTINGS_FILE = "settings.json"
CHECKINS_FILE = "checkins.json"
LIVE_FILE = "live.json"
RUNS_FILE = "runs.json"
TESTS_FILE = "tests.json"
SCORES_FILE = "scores.json"
LIVE = "live"
"""The home of unfinished sessions (live.json); finished ones live in their month, `YYYY-MM`."""
HISTORY_DIR = "history"
MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.json$")
INDEX_FILE = "index.json"
"""In HISTORY_DIR: the summaries of the finished sessions, derived from the month files."""
INDEX_VERSION = 1
"""Bump when `SessionRecord.summary()` changes meaning: every existing index is then rebuilt."""

Kind = Literal["settings", "checkins", "live", "history", "index", "runs", "tests", "scores"]

_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def meta(kind: Kind) -> dict[str, Any]:
    """The `_meta` document stamped into every file of `kind`."""
    return {"schema": SCHEMA_VERSION, "kind": kind}


def month_key(when: dt.datetime) -> str:
    """The history file a finished session belongs to: the UTC month it started in."""
    return when.astimezone(dt.UTC).strftime("%Y-%m")


def month_name(key: str) -> str:
    """`2025-03` -> `March 2025`."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


class FileMeta(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: int = Field(alias="schema", ge=0)
    kind: Kind


class _StoreFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    meta: dict[str, FileMeta] = Field(alias="_meta")


class SessionsFile(_StoreFile):
    """live.json and history/YYYY-MM.json."""

    sessions: dict[str, SessionRecord] = {}


class Fingerprint(BaseModel):
    """What identifies one version of a month file without reading it: size, mtime, inode.

    Every write of the store replaces the file (a new inode, a new mtime); an edit in place
    changes its mtime and, almost always, its size.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, st: os.stat_result) -> Fingerprint:
        return cls(size=st.st_size, mtime_ns=st.st_mtime_ns, inode=st.st_ino)


class IndexedMonth(BaseModel):
    """One month file as the index knows it: its fingerprint and its sessions' summaries."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: Fingerprint
    sessions: tuple[SessionSummary, ...]


class IndexFile(_StoreFile):
    """history/index.json. `format` must equal `index_format()`, or the index is rebuilt."""

    format: str
    months: dict[str, IndexedMonth] = {}


@functools.cache
def index_format() -> str:
    """The index version and a digest of SessionSummary's fields: a new field rebuilds indexes."""
    fields = [
        (name, repr(f.annotation), repr(f.default))
        for name, f in SessionSummary.model_fields.items()
    ]
    text = re.sub(r" at 0x[0-9a-fA-F]+", "", repr(fields))  # no addresses: the same every run
    return f"{INDEX_VERSION}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


class CheckinsFile(_StoreFile):
    checkins: dict[str, CheckIn] = {}


class SettingsFile(_StoreFile):
    settings: dict[str, Settings] = {}


class RunsFile(_StoreFile):
    """runs.json: the run log, one document per run."""

    runs: dict[str, RunRecord] = {}


class TestsFile(_StoreFile):
    """tests.json: the functional tests' results (heel raises, hops, side hops)."""

    tests: dict[str, FunctionalResult] = {}


class ScoresFile(_StoreFile):
    """scores.json: the completed VISA-A-based questionnaires."""

    scores: dict[str, OutcomeScore] = {}


F = TypeVar("F", bound=_StoreFile)


class Unreadable(Exception):
    """A file that is not a valid store file. `reason` completes "It could not be read: ..."."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _claimed(data: object, field: str) -> Any:
    """What a parsed file's `_meta` document claims for `field` (schema, kind), if anything."""
    table = data.get("_meta") if isinstance(data, dict) else None
    if isinstance(table, dict):
        for doc in table.values():
            if isinstance(doc, dict) and field in doc:
                return doc[field]
    return None


def too_new(path: Path, version: int) -> StoreTooNew:
    return StoreTooNew(
        f"{path} was written by a newer achilles-coach (data format {version}; this version "
        f"knows format {SCHEMA_VERSION}). It was left untouched: update achilles-coach to use it."
    )


def _diagnose(path: Path, raw: bytes, exc: ValidationError, kind: Kind) -> Exception:
    """Why validation failed, in words: broken JSON, a newer format, or a bad record."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        return Unreadable("it is not text (not UTF-8)")
    except json.JSONDecodeError as err:
        return Unreadable(
            f"it is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        )
    version = _claimed(data, "schema")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        return too_new(path, version)
    claimed_kind = _claimed(data, "kind")
    if isinstance(claimed_kind, str) and claimed_kind != kind:
        return Unreadable(f"it holds {claimed_kind} data where {kind} data belongs")
    if not isinstance(data, dict):
        return Unreadable(
            "it is not a store file "
            f"(expected a JSON object of tables, found {type(data).__name__})"
        )
    return Unreadable(f"it holds an invalid record: {describe(exc, data)}")


def read_file(path: Path, model: type[F], kind: Kind) -> F | None:
    """The validated content of `path`, or None when it does not exist.

    Raises Unreadable (damaged or foreign content), StoreTooNew, or OSError (cannot read at all).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_file(path, raw, model, kind)


def parse_file(path: Path, raw: bytes, model: type[F], kind: Kind) -> F:
    """The validated content of `raw`, read from `path` (named in errors). Raises as read_file."""
    if not raw.strip():
        raise Unreadable("the file is empty")
    try:
        parsed = model.model_validate_json(raw)
    except ValidationError as exc:
        raise _diagnose(path, raw, exc, kind) from None
    if len(parsed.meta) != 1:
        raise Unreadable(f"its _meta table should hold one document, not {len(parsed.meta)}")
    (stamp,) = parsed.meta.values()
    if stamp.schema_version > SCHEMA_VERSION:
        raise too_new(path, stamp.schema_version)
    if stamp.schema_version != SCHEMA_VERSION:
        raise Unreadable(f"it claims data format {stamp.schema_version}, which never existed")
    if stamp.kind != kind:
        raise Unreadable(f"it holds {stamp.kind} data where {kind} data belongs")
    return parsed
