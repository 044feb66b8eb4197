"""The speech queue: which cue is said next, and which are dropped because they would be late.

Pure and thread-safe: `put` is called from the UI/timer threads, `take` and `done` from the speech
thread. Urgent cues come first; among equal priorities, first in first out. A cue whose `stale_at`
has passed when it reaches the front is dropped, and a new cue of a kind that supersedes (a rep
number) removes older pending cues of that kind, so the voice never falls behind the workout.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from session.effects import CueKind, Priority

SUPERSEDING_KINDS: frozenset[CueKind] = frozenset({CueKind.REP, CueKind.COUNTDOWN})
"""A newer cue of one of these kinds makes older pending ones of the same kind pointless."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One thing to say. Times are on the voice's clock (time.monotonic by default)."""

    text: str
    priority: Priority
    stale_at: float | None
    kind: CueKind | None
    seq: int
    enqueued_at: float
    on_end: Callable[[bool], None] | None = field(default=None, compare=False)
    _ended: list[bool] = field(default_factory=list, compare=False, repr=False)

    def is_stale(self, now: float) -> bool:
        return self.stale_at is not None and now >= self.stale_at

    def end(self, spoken: bool) -> None:
        """Tell the cue's owner, once, whether it was heard to its end (never under our lock)."""
        if self._ended or self.on_end is None:
            return
        self._ended.append(spoken)
        with contextlib.suppress(Exception):  # the owner's problem must not kill the voice
            self.on_end(spoken)


@dataclass(frozen=True, slots=True)
class Taken:
    """What `take` found: the cue to say now (or None) and the stale cues it dropped on the way."""

    cue: Cue | None
    stale: tuple[Cue, ...]


class CueQueue:
    """Pending cues plus a count of cues being said, guarded by one condition variable."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: list[Cue] = []
        self._seq = 0
        self._in_flight = 0

    def put(
        self,
        text: str,
        priority: Priority,
        stale_at: float | None,
        kind: CueKind | None,
        now: float,
        on_end: Callable[[bool], None] | None = None,
    ) -> tuple[Cue, ...]:
        """Enqueue a cue; returns the pending cues it superseded (already removed; the caller
        ends them)."""
        with self._cond:
            self._seq += 1
            cue = Cue(text, priority, stale_at, kind, self._seq, now, on_end)
            superseded: tuple[Cue, ...] = ()
            if kind in SUPERSEDING_KINDS and stale_at is not None:
                superseded = tuple(
                    c for c in self._pending if c.kind == kind and c.stale_at is not None
                )
                if superseded:
                    self._pending = [c for c in self._pending if c not in superseded]
            self._pending.append(cue)
            self._cond.notify_all()
            return superseded

    def take(self, now: float) -> Taken:
        """Remove and return the most urgent cue that is still on time, dropping stale ones.

        A returned cue counts as in flight until `done()` is called for it.
        """
        with self._cond:
            stale = tuple(c for c in self._pending if c.is_stale(now))
            if stale:
                self._pending = [c for c in self._pending if not c.is_stale(now)]
            if not self._pending:
                return Taken(None, stale)
            best = min(self._pending, key=_order)
            self._pending.remove(best)
            self._in_flight += 1
            return Taken(best, stale)

    def done(self) -> None:
        """The cue last taken has been said, dropped or interrupted."""
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()

    def peek(self) -> Cue | None:
        """The cue that would be taken next (staleness not considered)."""
        with self._cond:
            return min(self._pending, key=_order) if self._pending else None

    def clear(self) -> int:
        """Forget every pending cue (each is ended as not spoken); returns how many there were."""
        with self._cond:
            dropped = tuple(self._pending)
            self._pending.clear()
            self._cond.notify_all()
        for cue in dropped:
            cue.end(False)
        return len(dropped)

    def __len__(self) -> int:
        with self._cond:
            return len(self._pending)

    def wait(self, timeout: float) -> None:
        """Sleep until something is put or done, a `wake()`, or the timeout."""
        with self._cond:
            self._cond.wait(timeout)

    def wait_for_work(self, timeout: float, stop: Callable[[], bool]) -> None:
        """Sleep until a cue is pending or `stop()` is true (checked on every `wake()`)."""
        with self._cond:
            self._cond.wait_for(lambda: bool(self._pending) or stop(), timeout)

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Block until nothing is pending or in flight; False if the timeout came first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._in_flight, timeout)


def _order(cue: Cue) -> tuple[int, int]:
    return (int(cue.priority), cue.seq)
