"""One thread owns the store: every read and write runs there, in order, never on the UI loop.

Ordered, single-threaded access means a set's save can never overtake the save of the rating that
follows it, and TinyDB is never touched from two threads at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from store import Store

T = TypeVar("T")


class StoreThread:
    """Runs `fn(store)` on the store's own thread. The store is opened there on first use."""

    def __init__(self, opener: Callable[[], Store]) -> None:
        self._opener = opener
        self._store: Store | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="achilles-store")
        self._closed = False

    def _with_store(self, fn: Callable[[Store], T]) -> T:
        if self._store is None:
            self._store = self._opener()
        return fn(self._store)

    def call(self, fn: Callable[[Store], T]) -> Future[T]:
        """Queue `fn` behind everything queued before; returns at once."""
        return self._pool.submit(self._with_store, fn)

    async def run(self, fn: Callable[[Store], T]) -> T:
        """Await `fn(store)` from the UI loop without blocking it."""
        return await asyncio.wrap_future(self.call(fn))

    def close(self) -> None:
        """Finish every queued write, then close the store (releasing its lock). Idempotent."""
        if self._closed:
            return
        self._closed = True

        def _close() -> None:
            if self._store is not None:
                self._store.close()

        self._pool.submit(_close)
        self._pool.shutdown(wait=True)
