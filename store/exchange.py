"""The JSON export file: the full history with its schema version, and validating one for import.

    {"app": "achilles-coach", "schema": 1, "exported_at": "...",
     "settings": {...}, "sessions": [...], "checkins": [...]}

An import is validated completely before anything is written; a bad file raises ImportRejected
naming the record and the field. Exports of older schemas are upgraded first (store.migrate).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from session.records import CheckIn, SessionRecord, Settings
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


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did. Records already in the history (same session id, same check-in day)
    are skipped, so importing the same file twice adds nothing the second time."""

    sessions_added: int
    sessions_skipped: int
    checkins_added: int
    checkins_skipped: int
    settings_restored: bool

    @property
    def added(self) -> int:
        return self.sessions_added + self.checkins_added

    @property
    def skipped(self) -> int:
        return self.sessions_skipped + self.checkins_skipped

    def summary(self) -> str:
        text = f"Imported {self.sessions_added} session(s) and {self.checkins_added} check-in(s)"
        if self.skipped:
            text += (
                f"; skipped {self.sessions_skipped} session(s) and {self.checkins_skipped} "
                "check-in(s) already in your history"
            )
        if self.settings_restored:
            text += "; settings restored"
        return text + "."


def build_export(
    settings: Settings,
    sessions: Sequence[SessionRecord],
    checkins: Sequence[CheckIn],
    exported_at: dt.datetime,
) -> dict[str, Any]:
    return {
        "app": EXPORT_APP,
        "schema": SCHEMA_VERSION,
        "exported_at": exported_at.isoformat(),
        "settings": settings.model_dump(mode="json"),
        "sessions": [s.model_dump(mode="json") for s in sessions],
        "checkins": [c.model_dump(mode="json") for c in checkins],
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
