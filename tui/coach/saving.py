"""The workout's saves, and the truth about them: what is on disk, and what is not yet.

Every save of a session (at its start, after each set, when it ends) is queued on the history's
thread (`AsyncCoach.save_session`) and returns at once. A save that fails (a full disk) is not
lost: the record is kept in memory and saved again every `retry_every` seconds, and by the next
save of the same session, until one succeeds or the app quits; `close` makes a last try and
returns what is still unsaved, for the app to say on its way out (and exit non-zero). A record
holds every set so far, so saving the latest one of a session saves every set an earlier failure
missed.

`status(session_id)` says, at any moment, how many of a session's finished sets are on disk and
why the others are not: the summary screen's save line and the exit status come from it, never
from hope. No Textual here: the callers poll it (or pass `on_change`, called from any thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from session.records import SessionRecord

RETRY_EVERY = 10.0
"""Seconds between two tries of a save that failed."""

SaveFn = Callable[["SessionRecord"], "Future[None]"]


@dataclass(frozen=True, slots=True)
class SaveStatus:
    """Where one session's saves stand."""

    sets: int
    """Finished sets the session has (as last handed over to be saved)."""
    saved_sets: int
    """Of those, how many are on disk."""
    pending: bool
    """A save of it is queued or running."""
    error: str | None
    """Why the last save failed, if it did (cleared by a save that succeeds)."""
    retry_every: float = RETRY_EVERY

    @property
    def saved(self) -> bool:
        """Everything handed over is on disk."""
        return not self.pending and self.error is None

    @property
    def unsaved_sets(self) -> int:
        return self.sets - self.saved_sets

    def words(self) -> str:
        """One line for the runner, true at this moment."""
        if self.error is not None:
            missing = (
                f"{self.unsaved_sets} finished set(s)"
                if self.unsaved_sets
                else "the end of the session"
            )
            return (
                f"Not saved yet: {missing}. {self.error} They are kept, and saving is tried "
                f"again every {self.retry_every:g} s; quitting before it works loses them."
            )
        if self.pending:
            return "Saving…"
        return "Every finished set is saved."


class SaveFailed(Exception):
    """A try to save a session failed; the record is kept and saved again later."""


class _Session:
    """What the ledger knows of one session's saves."""

    def __init__(self, record: SessionRecord) -> None:
        self.latest = record
        self.saved: SessionRecord | None = None
        self.in_flight = 0
        self.error: str | None = None


class SaveLedger:
    """Saves sessions through `save` (the history thread's), keeping the truth about them."""

    def __init__(
        self,
        save: SaveFn,
        *,
        retry_every: float = RETRY_EVERY,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._save = save
        self._retry_every = retry_every
        self._on_change = on_change
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}
        self._timer: threading.Timer | None = None
        self._closed = False

    @property
    def promise(self) -> str:
        """What happens to a save that failed, in words."""
        return f"It is kept, and saving is tried again every {self._retry_every:g} s."

    def save(self, record: SessionRecord) -> Future[None]:
        """Queue `record`'s save; returns at once. The future fails if this try failed (with
        the reason and that it is kept and retried)."""
        with self._lock:
            known = self._sessions.get(record.id)
            if known is None:
                known = self._sessions[record.id] = _Session(record)
            known.latest = record
        return self._submit(record)

    def _submit(self, record: SessionRecord) -> Future[None]:
        result: Future[None] = Future()
        with self._lock:
            self._sessions[record.id].in_flight += 1
        try:
            attempt = self._save(record)
        except BaseException as exc:  # the history's thread is gone (the app is closing)
            self._done(record, exc)
            result.set_exception(exc)
            return result

        def finished(done: Future[None]) -> None:
            exc = done.exception()
            self._done(record, exc)
            if exc is None:
                result.set_result(None)
            else:
                result.set_exception(SaveFailed(f"{exc} {self.promise}"))

        attempt.add_done_callback(finished)
        return result

    def _done(self, record: SessionRecord, exc: BaseException | None) -> None:
        with self._lock:
            known = self._sessions[record.id]
            known.in_flight -= 1
            if exc is None:
                if known.saved is None or len(record.sets) >= len(known.saved.sets):
                    known.saved = record
                if record is known.latest:
                    known.error = None
            else:
                known.error = str(exc)
                self._arm()
        if self._on_change is not None:
            self._on_change()

    def _arm(self) -> None:
        """Schedule a retry of every unsaved session (under the lock)."""
        if self._closed or self._timer is not None:
            return
        self._timer = threading.Timer(self._retry_every, self._retry)
        self._timer.daemon = True
        self._timer.start()

    def _retry(self) -> None:
        with self._lock:
            self._timer = None
            again = [
                s.latest
                for s in self._sessions.values()
                if s.error is not None and s.in_flight == 0 and not self._closed
            ]
        for record in again:
            self._submit(record)

    def status(self, session_id: str) -> SaveStatus | None:
        """Where a session's saves stand (None: never handed over)."""
        with self._lock:
            known = self._sessions.get(session_id)
            if known is None:
                return None
            return SaveStatus(
                sets=len(known.latest.sets),
                saved_sets=len(known.saved.sets) if known.saved is not None else 0,
                pending=known.in_flight > 0,
                error=known.error,
                retry_every=self._retry_every,
            )

    def unsaved(self) -> list[SaveStatus]:
        """Every session whose latest record is not on disk (none: all is saved)."""
        with self._lock:
            ids = list(self._sessions)
        found = [self.status(sid) for sid in ids]
        return [s for s in found if s is not None and not s.saved]

    def close(self, timeout: float = 10.0) -> list[SaveStatus]:
        """Stop retrying; make a last try of what is unsaved and wait for it (at most `timeout`
        seconds). Returns what is still not on disk. Call before the history is closed."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            again = [s.latest for s in self._sessions.values() if s.error is not None]
        waits = [self._submit(record) for record in again]
        for wait in waits:
            try:
                wait.exception(timeout=timeout)
            except TimeoutError:
                break
        return self.unsaved()


def farewell(unsaved: list[SaveStatus]) -> str:
    """What to say on the way out when sets could not be saved."""
    sets = sum(s.unsaved_sets for s in unsaved)
    reason = next((s.error for s in unsaved if s.error), "The history could not be written.")
    what = f"{sets} finished set(s)" if sets else "the end of the last session"
    return (
        f"NOT SAVED: {what} could not be written before quitting. {reason} The next start "
        "offers the session as far as it was saved."
    )
