"""Persistence of the runner's history: settings, sessions and check-ins, kept safe on disk.

The only code that touches the data folder. Knows nothing of the UI or the voice.

    from store import Store
    with Store.open(data_dir) as store:   # write=False for read-only commands
        store.save_session(record)
"""

from store.db import Store
from store.errors import (
    ImportRejected,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreReadOnly,
    StoreTooNew,
)
from store.exchange import ImportResult

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
