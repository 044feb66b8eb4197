"""Persistence of the runner's history: settings, sessions and check-ins, kept safe on disk.

The only code that touches the data folder. Knows nothing of the UI or the voice.

    from store import Store
    with Store.open(data_dir) as store:   # write=False for read-only commands
        store.save_session(record)
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
