"""Whether the coach can record here now: the one-writer rule, as a page is told it."""

from __future__ import annotations

from pathlib import Path

OPEN_ELSEWHERE = (
    "The coach is already open on another page (another phone, tab or browser), and only one "
    "can record a session at a time. Close it there, or finish the session there."
)


def busy_reason(data_dir: Path) -> str | None:
    """Why the coach cannot record in `data_dir` now (another process holds the store's lock)."""
    from store.errors import StoreError
    from store.locking import acquire
    from store.schema import LOCK_FILE

    if not (data_dir / LOCK_FILE).exists():  # the holder of a lock creates its file
        return None
    try:
        acquire(data_dir).release()
    except StoreError as exc:
        return str(exc)
    return None
