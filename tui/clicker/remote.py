"""The runner's remote in a workout: its keys become presses, handed to whoever listens now.

One `Remote` lives as long as the workout screen. Its keys (those of the saved
`ClickerMapping`) go through one `PressTracker` (session.clicker) with times in real seconds,
and each press goes to the listener that was on top when it began: the workout screen during a
set and a rest (`set_controls`: pause / resume, stop for pain), the pain dial while the rating
is asked. One tracker for both means a key still held down when the pain question opens (a hold
that stopped for pain) stays the same press there: it cannot go on to confirm a rating by
itself, and the tap of the back button that stopped the set never steps the dial.

Terminals send no key releases, so a tap is known only once its key has gone quiet: the remote
sets a timer for the tracker's `due`. A key is timed by when it arrived (`key_age`), not by when
the loop got to it. Time and timers are passed in (`now`, `schedule`), so this knows nothing of
the screens, the clock or the voice.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import events
from textual.message_pump import MessagePump

from session.clicker import ClickerMapping, Down, Press, PressTracker, SetAction, during_set

Schedule = Callable[[float, Callable[[], None]], Callable[[], None]]
"""Call back after a delay in real seconds; returns what cancels it (a Textual timer's stop)."""

PressHandler = Callable[[Press], None]


class Alarm:
    """One pending callback at a time, moved or cancelled at will."""

    def __init__(self, schedule: Schedule, callback: Callable[[], None]) -> None:
        self._schedule = schedule
        self._callback = callback
        self._cancel: Callable[[], None] | None = None

    def set(self, delay: float | None) -> None:
        """Call back in `delay` seconds (None: not at all), replacing what was set before."""
        self.cancel()
        if delay is not None:
            self._cancel = self._schedule(max(0.0, delay), self._ring)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel()
            self._cancel = None

    def _ring(self) -> None:
        self._cancel = None
        self._callback()


class Remote:
    """Keys of `mapping` in, presses out to the newest listener (`listen`)."""

    def __init__(
        self, mapping: ClickerMapping, *, now: Callable[[], float], schedule: Schedule
    ) -> None:
        self.mapping = mapping
        self._now = now
        self._tracker = PressTracker(mapping)
        self._listeners: list[PressHandler] = []
        self._owner: PressHandler | None = None
        """Who got the press in progress (its `Down`)."""
        self._alarm = Alarm(schedule, self.tick)

    def owns(self, key: str) -> bool:
        """Whether `key` is one of the remote's (then the keyboard must not act on it)."""
        return self.mapping.button(key) is not None

    def key(self, key: str, age: float = 0.0) -> bool:
        """A key event that arrived `age` seconds ago (`key_age`): True when it was the
        remote's and has been handled."""
        if not self.owns(key):
            return False
        self._tracker, presses = self._tracker.feed(key, self._now() - age)
        self._deliver(presses)
        return True

    def tick(self) -> None:
        """Time passed: a press whose key went quiet becomes a tap (the alarm calls this)."""
        self._tracker, presses = self._tracker.tick(self._now())
        self._deliver(presses)

    def listen(self, handler: PressHandler) -> Callable[[], None]:
        """Hand presses to `handler` until the returned function is called (or a newer
        listener comes, which gets the presses that begin while it listens)."""
        self._listeners.append(handler)

        def stop() -> None:
            if handler in self._listeners:
                self._listeners.remove(handler)

        return stop

    def close(self) -> None:
        self._alarm.cancel()
        self._listeners.clear()

    def _deliver(self, presses: list[Press]) -> None:
        for press in presses:
            if isinstance(press, Down):  # a new press: it belongs to the listener on top now
                self._owner = self._listeners[-1] if self._listeners else None
            # Its tap or hold goes where it began, never to a listener that came meanwhile:
            # the tap of the back button that stopped for pain must not step the pain dial.
            owner = self._owner
            if owner is not None and owner in self._listeners:
                owner(press)
        due = self._tracker.due()
        self._alarm.set(None if due is None else due - self._now())


def set_controls(
    toggle_pause: Callable[[], None], stop_for_pain: Callable[[], None]
) -> PressHandler:
    """The remote during a set or a rest (`session.clicker.during_set`): the same actions as the
    keyboard's pause key and stop-for-pain key."""

    def pressed(press: Press) -> None:
        action = during_set(press)
        if action is SetAction.TOGGLE_PAUSE:
            toggle_pause()
        elif action is SetAction.STOP_FOR_PAIN:
            stop_for_pain()

    return pressed


def key_age(event: events.Key) -> float:
    """How long ago the terminal's bytes for this key were read (Textual stamps each event with
    time.monotonic() in its input thread). A held key's repeats are told from new presses by
    their spacing: measured when they arrive, not when a busy loop (a screen being drawn) gets
    to them, a hold stays one press."""
    return max(0.0, time.monotonic() - event.time)


def textual_schedule(node: MessagePump) -> Schedule:
    """A `Schedule` on a Textual node's timers (they stop with the node)."""

    def schedule(delay: float, callback: Callable[[], None]) -> Callable[[], None]:
        return node.set_timer(delay, callback).stop

    return schedule
