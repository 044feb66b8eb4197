"""Reading data written by older versions of the store, and bringing it up to the current schema.

Schema 0 (the first layout) kept everything in one TinyDB file, `achilles.json`, with the tables
`sessions`, `checkins` and `settings`, no `_meta` table (hence no version stamp), and a check-in's
morning stiffness under the name `stiffness`. Schema 1 splits the data into several files (see
`store.store`) and calls that field `stiffness_minutes`.

The store opens a schema-0 file, merges its records into the schema-1 files (records already there
win, so a migration interrupted half-way simply runs again), and then renames the old file to
`achilles.v0-upgraded-<time>.json`: it is kept, never deleted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from session.records import CheckIn, SessionRecord, Settings
from store.schema import Unreadable
from store.validation import describe

V0_FILE = "achilles.json"

Doc = dict[str, Any]


def upgrade_checkin_v0(doc: Doc) -> Doc:
    """A schema-0 check-in document as a schema-1 one: `stiffness` became `stiffness_minutes`."""
    if "stiffness" not in doc:
        return doc
    upgraded = {k: v for k, v in doc.items() if k != "stiffness"}
    upgraded["stiffness_minutes"] = doc["stiffness"]
    return upgraded


RECORD_UPGRADES: dict[int, dict[str, Callable[[Doc], Doc]]] = {
    0: {"checkins": upgrade_checkin_v0},
}
"""Per schema version: the function bringing one document of a table up to the next version."""


def upgrade_docs(table: str, docs: list[Any], version: int, target: int) -> list[Any]:
    """Documents of `table` written at schema `version`, brought up to schema `target`."""
    for v in range(version, target):
        step = RECORD_UPGRADES.get(v, {}).get(table)
        if step is not None:
            docs = [step(d) if isinstance(d, dict) else d for d in docs]
    return docs


class V0File(BaseModel):
    """The content of a schema-0 `achilles.json`, after its documents were upgraded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sessions: dict[str, SessionRecord] = {}
    checkins: dict[str, CheckIn] = {}
    settings: dict[str, Settings] = {}


def read_v0(path: Path) -> V0File:
    """Read and upgrade a schema-0 file. Raises Unreadable (damaged) or OSError."""
    raw = path.read_bytes()
    if not raw.strip():
        raise Unreadable("the file is empty")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise Unreadable("it is not text (not UTF-8)") from None
    except json.JSONDecodeError as err:
        raise Unreadable(
            f"it is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        ) from None
    except RecursionError:
        raise Unreadable("it is nested far too deeply to be a store file") from None
    except ValueError as err:
        raise Unreadable(f"it is not valid JSON ({err})") from None
    if not isinstance(data, dict):
        raise Unreadable(
            f"it is not a store file (expected a JSON object, found {type(data).__name__})"
        )
    checkins = data.get("checkins")
    if isinstance(checkins, dict):
        keys = list(checkins)
        upgraded = upgrade_docs("checkins", [checkins[k] for k in keys], 0, 1)
        data = {**data, "checkins": dict(zip(keys, upgraded, strict=True))}
    try:
        return V0File.model_validate(data)
    except ValidationError as exc:
        raise Unreadable(f"it holds an invalid record: {describe(exc, data)}") from None
