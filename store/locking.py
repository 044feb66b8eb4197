"""The single-writer lock: only one process at a time may record sessions in a data folder.

Held with filelock on `achilles.lock` by a store opened for writing, released by `Store.close`.
Read-only stores take no lock.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from store.atomic import FILE_MODE
from store.errors import StoreError, StoreLocked
from store.schema import LOCK_FILE


def acquire(data_dir: Path) -> FileLock:
    """Take the lock of `data_dir` without waiting: StoreLocked if another process holds it."""
    lock = FileLock(data_dir / LOCK_FILE, timeout=0, thread_local=False, mode=FILE_MODE)
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
