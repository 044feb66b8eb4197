"""The JSON export file: the full history with its schema version, and validating one for import.

    {"app": "achilles-coach", "schema": 1, "exported_at": "...",
     "settings": {...}, "sessions": [...], "checkins": [...],
     "runs": [...], "tests": [...], "scores": [...]}

`runs`, `tests` (the functional tests' results) and `scores` (the questionnaires) came with the
return to speed work: a file without them (an older export) imports as before. Part 1's calf raises
are inside their sessions (`SessionRecord.strength`). An import is validated completely before
anything is written; a bad file raises ImportRejected naming the record and the field, and nothing
is written. Exports of older schemas are upgraded first (store.migrate). Validation is in three
layers, each a clear error: the shape (`_shape`: an object, this app's, a known version, no unknown
part), every record's fields (`session.records`: sane dates, finite bounded numbers, plain text),
and what each record means (`session.plausible`: time order, nothing in the future, exercises,
circuits, calf raises and calming measures of the programs; no record twice in one file).

Every kind of record a file holds is one line of `KINDS`: its list's name in the file, its model,
what identifies one record (two with the same key are the same record: skipped if already in the
history, refused if twice in the file), its noun for messages, and its plausibility check. A new
kind gets all of the above by adding its line (and its file in the store: a
`store.record_files.RecordFile` listed in `store.store.Store`'s keepers), as runs, test results
and questionnaire scores did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from session.plausible import (
    checkin_problems,
    result_problems,
    run_problems,
    score_problems,
    session_problems,
)
from session.records import CheckIn, Moment, SessionRecord, Settings
from session.running.functional import FunctionalResult
from session.running.outcome import OutcomeScore
from session.running.runs import RunRecord
from store.errors import ImportRejected
from store.migrate import upgrade_docs
from store.schema import SCHEMA_VERSION
from store.validation import describe, record_label

if TYPE_CHECKING:
    from session.program import Program
    from session.strength.program import StrengthProgram

EXPORT_APP = "achilles-coach"

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Context:
    """What records are checked against: the present, and the programs if given (the
    circuit's, and part 1's)."""

    now: dt.datetime
    program: Program | None = None
    strength: StrengthProgram | None = None


@dataclass(frozen=True, slots=True)
class RecordKind(Generic[R]):
    """One kind of record an export holds (see the module's docstring)."""

    table: str
    model: type[R]
    key: Callable[[R], Hashable]
    noun: str
    problems: Callable[[R, Context], list[str]]
    always_counted: bool = False
    """Named in an import's summary even when none were added (sessions and check-ins)."""

    def adapter(self) -> TypeAdapter[tuple[R, ...]]:
        return _adapter(self.model)


def _adapter(model: type[R]) -> TypeAdapter[tuple[R, ...]]:
    found = _ADAPTERS.get(model)
    if found is None:
        found = _ADAPTERS[model] = TypeAdapter(tuple[model, ...])  # type: ignore[valid-type]
    return cast("TypeAdapter[tuple[R, ...]]", found)


_ADAPTERS: dict[type[BaseModel], TypeAdapter[Any]] = {}

SESSIONS: RecordKind[SessionRecord] = RecordKind(
    "sessions",
    SessionRecord,
    lambda s: s.id,
    "session",
    lambda s, c: session_problems(s, c.now, c.program, c.strength),
    always_counted=True,
)
CHECKINS: RecordKind[CheckIn] = RecordKind(
    "checkins",
    CheckIn,
    lambda c: c.day,
    "check-in",
    lambda c, ctx: checkin_problems(c, ctx.now),
    always_counted=True,
)
RUNS: RecordKind[RunRecord] = RecordKind(
    "runs", RunRecord, lambda r: r.id, "run", lambda r, c: run_problems(r, c.now, c.program)
)
TESTS: RecordKind[FunctionalResult] = RecordKind(
    "tests", FunctionalResult, lambda t: t.id, "test result", lambda t, c: result_problems(t, c.now)
)
SCORES: RecordKind[OutcomeScore] = RecordKind(
    "scores",
    OutcomeScore,
    lambda s: s.id,
    "questionnaire score",
    lambda s, c: score_problems(s, c.now),
)
KINDS: tuple[RecordKind[Any], ...] = (SESSIONS, CHECKINS, RUNS, TESTS, SCORES)
"""Every kind of record in an export, in the order they are written (sessions first)."""


class Envelope(BaseModel):
    """What an export holds besides its records."""

    model_config = ConfigDict(frozen=True, extra="ignore", allow_inf_nan=False)

    app: Literal["achilles-coach"]
    schema_version: int = Field(alias="schema", ge=0)
    exported_at: Moment | None = None
    settings: Settings | None = None


@dataclass(frozen=True, slots=True)
class ParsedExport:
    """A validated export: its settings and its records by kind (`KINDS`' tables)."""

    settings: Settings | None
    records: dict[str, tuple[Any, ...]]

    @property
    def sessions(self) -> tuple[SessionRecord, ...]:
        return self.records.get(SESSIONS.table, ())

    @property
    def checkins(self) -> tuple[CheckIn, ...]:
        return self.records.get(CHECKINS.table, ())

    @property
    def runs(self) -> tuple[RunRecord, ...]:
        return self.records.get(RUNS.table, ())

    @property
    def tests(self) -> tuple[FunctionalResult, ...]:
        return self.records.get(TESTS.table, ())

    @property
    def scores(self) -> tuple[OutcomeScore, ...]:
        return self.records.get(SCORES.table, ())


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did, by kind (`KINDS`' tables). Records already in the history (same
    session, run, result or score id; same check-in day) are skipped, so importing the same file
    twice adds nothing the second time."""

    added_by_kind: dict[str, int]
    skipped_by_kind: dict[str, int]
    settings_restored: bool

    @classmethod
    def of(
        cls, added: dict[str, int], skipped: dict[str, int], *, settings_restored: bool
    ) -> ImportResult:
        return cls(dict(added), dict(skipped), settings_restored)

    def _added(self, kind: RecordKind[Any]) -> int:
        return self.added_by_kind.get(kind.table, 0)

    def _skipped(self, kind: RecordKind[Any]) -> int:
        return self.skipped_by_kind.get(kind.table, 0)

    @property
    def sessions_added(self) -> int:
        return self._added(SESSIONS)

    @property
    def sessions_skipped(self) -> int:
        return self._skipped(SESSIONS)

    @property
    def checkins_added(self) -> int:
        return self._added(CHECKINS)

    @property
    def checkins_skipped(self) -> int:
        return self._skipped(CHECKINS)

    @property
    def runs_added(self) -> int:
        return self._added(RUNS)

    @property
    def runs_skipped(self) -> int:
        return self._skipped(RUNS)

    @property
    def tests_added(self) -> int:
        return self._added(TESTS)

    @property
    def tests_skipped(self) -> int:
        return self._skipped(TESTS)

    @property
    def scores_added(self) -> int:
        return self._added(SCORES)

    @property
    def scores_skipped(self) -> int:
        return self._skipped(SCORES)

    @property
    def added(self) -> int:
        return sum(self.added_by_kind.values())

    @property
    def skipped(self) -> int:
        return sum(self.skipped_by_kind.values())

    def summary(self) -> str:
        text = f"Imported {_counts(self.added_by_kind)}"
        if self.skipped:
            text += f"; skipped {_counts(self.skipped_by_kind)} already in your history"
        if self.settings_restored:
            text += "; settings restored"
        return text + "."


def _counts(by_kind: dict[str, int]) -> str:
    """`3 session(s), 2 check-in(s) and 4 run(s)`, in the order of KINDS (the kinds not always
    counted only when there are some)."""
    parts = [
        f"{by_kind.get(k.table, 0)} {k.noun}(s)"
        for k in KINDS
        if k.always_counted or by_kind.get(k.table, 0)
    ]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


@dataclass(frozen=True, slots=True)
class Running:
    """The return to speed work's records, for an export."""

    runs: Sequence[RunRecord] = ()
    tests: Sequence[FunctionalResult] = ()
    scores: Sequence[OutcomeScore] = ()


def build_export(
    settings: Settings,
    sessions: Sequence[SessionRecord],
    checkins: Sequence[CheckIn],
    exported_at: dt.datetime,
    running: Running | None = None,
) -> dict[str, Any]:
    """The export document: every kind of `KINDS`, in its order."""
    running = running or Running()
    records: dict[str, Sequence[BaseModel]] = {
        SESSIONS.table: sessions,
        CHECKINS.table: checkins,
        RUNS.table: running.runs,
        TESTS.table: running.tests,
        SCORES.table: running.scores,
    }
    return {
        "app": EXPORT_APP,
        "schema": SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(),
        "settings": settings.model_dump(mode="json"),
        **{k.table: [r.model_dump(mode="json") for r in records[k.table]] for k in KINDS},
    }


def parse_export(
    data: object,
    *,
    now: dt.datetime | None = None,
    program: Program | None = None,
    strength: StrengthProgram | None = None,
) -> ParsedExport:
    """Validate an export document completely, against `now` (default: this machine's clock)
    and, given them, the programs. Raises ImportRejected; nothing is written here."""
    data = _shape(data)
    try:
        envelope = Envelope.model_validate(data)
    except ValidationError as exc:
        raise ImportRejected(f"Nothing was imported: {describe(exc, data)}") from None
    context = Context(now or dt.datetime.now(dt.UTC), program, strength)
    records: dict[str, tuple[Any, ...]] = {}
    for kind in KINDS:
        records[kind.table] = _records(kind, data, context)
    return ParsedExport(envelope.settings, records)


def _shape(data: object) -> dict[str, Any]:
    """The export as a dict of the current schema: this app's, a known version, nothing else.

    (Nesting needs no limit here: every field has a type, so validation stops at the first level
    that is not what it should be, and errors show values through `reprlib`. A file nested too
    deep for `json.loads` is refused by `achilles import` itself.)"""
    if not isinstance(data, dict):
        raise ImportRejected(
            f"This is not an achilles-coach export: expected a JSON object, "
            f"found {type(data).__name__}. Nothing was imported."
        )
    if data.get("app") != EXPORT_APP:
        raise ImportRejected(
            'This is not an achilles-coach export (it lacks "app": "achilles-coach"). '
            "Nothing was imported."
        )
    version = data.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ImportRejected(
            f"This export has no valid schema version (schema: {version!r}). Nothing was imported."
        )
    if version > SCHEMA_VERSION:
        raise ImportRejected(
            f"This export was written by a newer achilles-coach (data format {version}; this "
            f"version knows format {SCHEMA_VERSION}). Update achilles-coach to import it. "
            "Nothing was imported."
        )
    known = {"app", "schema", "exported_at", "settings", *(k.table for k in KINDS)}
    extra = sorted(str(k) for k in data if k not in known)
    if extra:
        raise ImportRejected(
            f"Nothing was imported: {extra[0]}: not part of an achilles-coach export "
            f"(it holds {', '.join(sorted(known))})"
        )
    if version < SCHEMA_VERSION:
        data = dict(data)
        for table in ("sessions", "checkins"):
            if isinstance(data.get(table), list):
                data[table] = upgrade_docs(table, data[table], version, SCHEMA_VERSION)
    return data


def _records(kind: RecordKind[R], data: dict[str, Any], context: Context) -> tuple[R, ...]:
    """One kind's records: each valid, plausible, and none twice in the file."""
    raw = data.get(kind.table, [])
    try:
        records = kind.adapter().validate_python(raw)
    except ValidationError as exc:
        raise ImportRejected(
            f"Nothing was imported: {describe(exc, raw, prefix=kind.table)}"
        ) from None
    first: dict[Hashable, int] = {}
    for n, record in enumerate(records):
        where = f"{kind.table}[{n + 1}]{record_label(raw[n])}"
        key = kind.key(record)
        if key in first:
            raise ImportRejected(
                f"Nothing was imported: {where} repeats {kind.table}[{first[key] + 1}]: an "
                f"export holds each {kind.noun} once, so this file was not written by "
                "`achilles export` as it is (edited, or joined from two files?)."
            )
        first[key] = n
        problems = kind.problems(record, context)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ImportRejected(f"Nothing was imported: {where}.{problems[0]}{more}")
    return records
