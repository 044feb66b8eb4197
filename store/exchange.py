"""The JSON export file: the full history with its schema version, and validating one for import.

    {"app": "achilles-coach", "schema": 1, "exported_at": "...",
     "settings": {...}, "sessions": [...], "checkins": [...],
     "runs": [...], "tests": [...], "scores": [...]}

`runs`, `tests` (the functional tests' results) and `scores` (the questionnaires) came with the
return to speed work: a file without them (an older export) imports as before. An import is
validated completely before anything is written; a bad file raises ImportRejected naming the
record and the field. Exports of older schemas are upgraded first (store.migrate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from session.records import CheckIn, SessionRecord, Settings
from session.running.functional import FunctionalResult
from session.running.outcome import OutcomeScore
from session.running.runs import RunRecord
from store.errors import ImportRejected
from store.migrate import upgrade_docs
from store.schema import SCHEMA_VERSION
from store.validation import describe

EXPORT_APP = "achilles-coach"


class ExportFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    app: Literal["achilles-coach"]
    schema_version: int = Field(alias="schema", ge=0)
    exported_at: AwareDatetime | None = None
    settings: Settings | None = None
    sessions: tuple[SessionRecord, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    runs: tuple[RunRecord, ...] = ()
    tests: tuple[FunctionalResult, ...] = ()
    scores: tuple[OutcomeScore, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did. Records already in the history (same session, run, result or score
    id; same check-in day) are skipped, so importing the same file twice adds nothing the second
    time."""

    sessions_added: int
    sessions_skipped: int
    checkins_added: int
    checkins_skipped: int
    settings_restored: bool
    runs_added: int = 0
    runs_skipped: int = 0
    tests_added: int = 0
    tests_skipped: int = 0
    scores_added: int = 0
    scores_skipped: int = 0

    @property
    def added(self) -> int:
        return (
            self.sessions_added
            + self.checkins_added
            + self.runs_added
            + self.tests_added
            + self.scores_added
        )

    @property
    def skipped(self) -> int:
        return (
            self.sessions_skipped
            + self.checkins_skipped
            + self.runs_skipped
            + self.tests_skipped
            + self.scores_skipped
        )

    def _counts(self, which: str) -> str:
        n = {
            name: getattr(self, f"{name}_{which}")
            for name in ("sessions", "checkins", "runs", "tests", "scores")
        }
        parts = [f"{n['sessions']} session(s)", f"{n['checkins']} check-in(s)"]
        words = {"runs": "run(s)", "tests": "test result(s)", "scores": "questionnaire score(s)"}
        parts += [f"{n[name]} {word}" for name, word in words.items() if n[name]]
        return ", ".join(parts[:-1]) + " and " + parts[-1]

    def summary(self) -> str:
        text = f"Imported {self._counts('added')}"
        if self.skipped:
            text += f"; skipped {self._counts('skipped')} already in your history"
        if self.settings_restored:
            text += "; settings restored"
        return text + "."


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
    running = running or Running()
    return {
        "app": EXPORT_APP,
        "schema": SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(),
        "settings": settings.model_dump(mode="json"),
        "sessions": [s.model_dump(mode="json") for s in sessions],
        "checkins": [c.model_dump(mode="json") for c in checkins],
        "runs": [r.model_dump(mode="json") for r in running.runs],
        "tests": [t.model_dump(mode="json") for t in running.tests],
        "scores": [s.model_dump(mode="json") for s in running.scores],
    }


def parse_export(data: object) -> ExportFile:
    """Validate an export document completely. Raises ImportRejected; nothing is written here."""
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
    if version < SCHEMA_VERSION:
        data = dict(data)
        for table in ("sessions", "checkins"):
            if isinstance(data.get(table), list):
                data[table] = upgrade_docs(table, data[table], version, SCHEMA_VERSION)
    try:
        return ExportFile.model_validate(data)
    except ValidationError as exc:
        raise ImportRejected(f"Nothing was imported: {describe(exc, data)}") from None
