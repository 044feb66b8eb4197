"""Persistence of the runner's history: settings, sessions and check-ins, kept safe on disk.

The only code that touches the data folder. Knows nothing of the UI or the voice.

    from store import Store
    with Store.open(data_dir) as store:   # write=False for read-only commands
        store.save_session(record)

Layout of the data folder (schema 1). Every file is a TinyDB JSON file written atomically
(store.atomic) whose `_meta` table holds `{"schema": 1, "kind": ...}`:

    achilles.lock          held (filelock) by the one process that may write
    settings.json          the runner's settings: one document
    checkins.json          morning check-ins: one document per day
    runs.json              the run log: one document per run (store.record_files)
    tests.json             heel-raise and hop test results: one document per test
    scores.json            VISA-A-based questionnaire scores: one document per questionnaire
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

`store.store.Store` is the one entry to these parts, each its own module: `store.locking` (the
single-writer lock), `store.damage` (files that cannot be read), `store.settings_checkins`
(settings.json and checkins.json), `store.catalogue` (which sessions are stored where, and reading
them), `store.months` (the month files), `store.index` (the summary index), `store.recorder`
(writing sessions in the order above), `store.record_files` (runs, tests, scores), `store.adding`
(an import: all or nothing) and `store.tables` (the TinyDB files).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.errors import (
        ImportRejected,
        StoreCorrupt,
        StoreError,
        StoreLocked,
        StoreReadOnly,
        StoreTooNew,
    )
    from store.exchange import ImportResult
    from store.store import Store

_HOME = {
    "Store": "store.store",
    "ImportRejected": "store.errors",
    "StoreCorrupt": "store.errors",
    "StoreError": "store.errors",
    "StoreLocked": "store.errors",
    "StoreReadOnly": "store.errors",
    "StoreTooNew": "store.errors",
    "ImportResult": "store.exchange",
}


def __getattr__(name: str) -> Any:
    # Imported on first use: `store.paths` is needed before the app's first frame, the models
    # behind `Store` (pydantic, TinyDB) only after it.
    if name in _HOME:
        import importlib

        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'store' has no attribute {name!r}")


__all__ = [
    "ImportRejected",
    "ImportResult",
    "Store",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreReadOnly",
    "StoreTooNew",
]
