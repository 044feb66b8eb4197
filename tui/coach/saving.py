"""The saves made while the runner trains, and the truth about them: what is on disk, and what
is not yet.

Every save of a session (at its start, after each set of either part, when it ends) is queued on the
history's thread (`AsyncCoach.save_session`) and returns at once; so is the result of a functional
test coached by voice (`AsyncCoach.save_result`, its own ledger: `SaveLedger.results`). A save that
fails (a full disk) is not lost: the record is kept in memory and saved again every `retry_every`
seconds, and by the next save of the same session, until one succeeds or the app quits; `close`
makes a last try and returns what is still unsaved, for the app to say on its way out (and exit non-
zero). A record holds every set so far, so saving the latest one of a session saves every set an
earlier failure missed.

`status(record_id)` says, at any moment, how many of a session's finished sets are on disk (a
test result: whether it is) and why the others are not: the summary screen's save line, the test
screen's and the exit status come from it, never from hope. No Textual here: the callers poll it
(or pass `on_change`, called from any thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from session.records import SessionRecord
    from session.running.functional import FunctionalResult

RETRY_EVERY = 10.0
"""Seconds between two tries of a save that failed."""


class Kept(Protocol):
    """A record the ledger keeps until it is saved: known by its id."""

    @property
    def id(self) -> str: ...


SaveFn = Callable[[Any], "Future[Any]"]
"""Queue a record's save on the history's thread; the future holds what the saver returned."""


@dataclass(frozen=True, slots=True)
class SaveStatus:
    """Where one record's saves stand (a session's: its sets)."""

    sets: int
    """Finished sets the session has, of either part (as last handed over to be saved); 1 for
    a test result."""
    saved_sets: int
    """Of those, how many are on disk."""
    pending: bool
    """A save of it is queued or running."""
    error: str | None
    """Why the last save failed, if it did (cleared by a save that succeeds)."""
    retry_every: float = RETRY_EVERY
    noun: str = "finished set(s)"
    """What `sets` counts, in words."""
    whole: str = "the end of the session"
    """What is unsaved when every one counted is saved but the last save is not."""

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
            missing = f"{self.unsaved_sets} {self.noun}" if self.unsaved_sets else self.whole
            they, them = ("They are", "them") if self.noun == "finished set(s)" else ("It is", "it")
            return (
                f"Not saved yet: {missing}. {self.error} {they} kept, and saving is tried "
                f"again every {self.retry_every:g} s; quitting before it works loses {them}."
            )
        if self.pending:
            return "Saving…"
        if self.noun != "finished set(s)":
            return f"The {self.whole} is saved."
        return "Every finished set is saved."


class SaveFailed(Exception):
    """A try to save a record failed; the record is kept and saved again later."""


class _Session:
    """What the ledger knows of one record's saves (a session's, or a test result's)."""

    def __init__(self, record: Any) -> None:
        self.latest = record
        self.saved: Any = None
        self.value: Any = None
        """What the saver returned for the latest save that succeeded."""
        self.in_flight = 0
        self.error: str | None = None


def _sets_done(record: SessionRecord) -> int:
    return record.sets_done


class SaveLedger:
    """Saves records through `save` (the history thread's), keeping the truth about them. By
    default they are sessions, counted by their finished sets (`results` makes the ledger of the
    functional tests' results)."""

    def __init__(
        self,
        save: SaveFn,
        *,
        retry_every: float = RETRY_EVERY,
        on_change: Callable[[], None] | None = None,
        size: Callable[[Any], int] = _sets_done,
        noun: str = "finished set(s)",
        whole: str = "the end of the session",
    ) -> None:
        self._save = save
        self._size = size
        self._noun = noun
        self._whole = whole
        self._retry_every = retry_every
        self._on_change = on_change
        self._lock = threading.Lock()
        self._sessions: dict[str, _Session] = {}
        self._timer: threading.Timer | None = None
        self._closed = False

    @classmethod
    def results(
        cls,
        save: Callable[[FunctionalResult], Future[Any]],
        *,
        retry_every: float = RETRY_EVERY,
    ) -> SaveLedger:
        """The ledger of the functional tests' results: each one record, saved or not."""
        return cls(
            save, retry_every=retry_every, size=lambda _: 1, noun="test result", whole="test result"
        )

    @property
    def promise(self) -> str:
        """What happens to a save that failed, in words."""
        return f"It is kept, and saving is tried again every {self._retry_every:g} s."

    def save(self, record: Kept) -> Future[Any]:
        """Queue `record`'s save; returns at once. The future holds what the saver returned, or
        fails if this try failed (with the reason and that it is kept and retried)."""
        with self._lock:
            known = self._sessions.get(record.id)
            if known is None:
                known = self._sessions[record.id] = _Session(record)
            known.latest = record
        return self._submit(record)

    def _submit(self, record: Kept) -> Future[Any]:
        result: Future[Any] = Future()
        with self._lock:
            self._sessions[record.id].in_flight += 1
        try:
            attempt = self._save(record)
        except BaseException as exc:  # the history's thread is gone (the app is closing)
            self._done(record, exc, None)
            result.set_exception(exc)
            return result

        def finished(done: Future[Any]) -> None:
            exc = done.exception()
            value = done.result() if exc is None else None
            self._done(record, exc, value)
            if exc is None:
                result.set_result(value)
            else:
                result.set_exception(SaveFailed(f"{exc} {self.promise}"))

        attempt.add_done_callback(finished)
        return result

    def _done(self, record: Kept, exc: BaseException | None, value: Any) -> None:
        with self._lock:
            known = self._sessions[record.id]
            known.in_flight -= 1
            if exc is None:
                known.value = value
                if known.saved is None or self._size(record) >= self._size(known.saved):
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

    def status(self, record_id: str) -> SaveStatus | None:
        """Where a record's saves stand (None: never handed over)."""
        with self._lock:
            known = self._sessions.get(record_id)
            if known is None:
                return None
            return SaveStatus(
                sets=self._size(known.latest),
                saved_sets=self._size(known.saved) if known.saved is not None else 0,
                pending=known.in_flight > 0,
                error=known.error,
                retry_every=self._retry_every,
                noun=self._noun,
                whole=self._whole,
            )

    def value(self, record_id: str) -> Any:
        """What the saver returned when `record_id` was last saved (None: not saved yet)."""
        with self._lock:
            known = self._sessions.get(record_id)
            return None if known is None else known.value

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
    """What to say on the way out when sets (or test results) could not be saved."""
    sessions = [s for s in unsaved if s.noun == "finished set(s)"]
    results = [s for s in unsaved if s.noun != "finished set(s)"]
    reason = next((s.error for s in unsaved if s.error), "The history could not be written.")
    parts = []
    if sessions:
        sets = sum(s.unsaved_sets for s in sessions)
        parts.append(f"{sets} finished set(s)" if sets else "the end of the last session")
    if results:
        parts.append(f"{len(results)} test result(s)")
    after = " The next start offers the session as far as it was saved." if sessions else ""
    return f"NOT SAVED: {' and '.join(parts)} could not be written before quitting. {reason}{after}"
