"""The imperative shell around the workout engine: real time in, cues and saves out.

It feeds the pure engine events stamped with the engine clock, sends every cue to the voice (with
its staleness converted to real monotonic time) and hands every changed record to `save` (the
coach's, which queues it on the history's thread and returns at once). A cue that asks to be
heard back (`Say.key`) gets an `on_end` that hands `CueEnded` to `post`, which must bring it to
the UI loop without blocking (the voice calls it from any thread); it is dispatched there,
stamped with the clock when it arrives. It knows nothing of widgets: the workout screen renders
its state and schedules its ticks. `TrialRunner` is the same shell for a functional test coached
by voice (heel raises, hops, side hops), whose end is a result to save.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from session import engine
from session.effects import CueKind, Effect, Persist, Say
from session.events import CueEnded, Event, Tick
from tui.voice.protocol import say_effect

if TYPE_CHECKING:
    from session.engine import WorkoutState
    from session.records import SessionRecord
    from session.running.functional import FunctionalResult
    from session.workout.functional_state import TrialEffect, TrialEvent, TrialState
    from tui.clock import Clock
    from tui.voice import Voice

Save = Callable[["SessionRecord"], Future[None]]
"""Queue a record's save, returning at once; the future tells how it went."""


class WorkoutRunner:
    """Holds the engine state between events."""

    def __init__(
        self,
        state: WorkoutState,
        *,
        clock: Clock,
        voice: Voice,
        save: Save,
        post: Callable[[Event], None],
        on_save_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.state = state
        self.clock = clock
        self.voice = voice
        self.save = save
        self.post = post
        self.on_save_error = on_save_error
        self.captions: list[Say] = []

    def dispatch(self, event: Event) -> list[Say]:
        """Apply an event now; speak and save what it produced; return the cues to show."""
        self.state, effects = engine.step(self.state, event, self.clock.now())
        return self.handle(effects)

    def tick(self) -> list[Say]:
        return self.dispatch(Tick())

    def handle(self, effects: list[Effect]) -> list[Say]:
        cues: list[Say] = []
        for effect in effects:
            if isinstance(effect, Persist):
                self._save(effect)
            else:
                on_end = None if effect.key is None else self._reporter(effect.key)
                say_effect(self.voice, effect, self.clock.to_monotonic, on_end)
                cues.append(effect)
        self.captions.extend(cues)
        return cues

    def _reporter(self, key: str) -> Callable[[bool], None]:
        post = self.post

        def ended(spoken: bool) -> None:
            post(CueEnded(key, spoken))

        return ended

    def _save(self, effect: Persist) -> None:
        future = self.save(effect.record)
        if self.on_save_error is not None:
            callback = self.on_save_error

            def report(done: object) -> None:
                exc = future.exception()
                if exc is not None:
                    callback(exc)

            future.add_done_callback(report)

    def seconds_to_next_due(self) -> float | None:
        """Real seconds to the engine's next scheduled cue or transition (None: waits for input)."""
        due = engine.next_due(self.state)
        if due is None or self.state.paused:
            return None
        return max(0.0, (due - self.clock.now()) / self.clock.scale)

    @staticmethod
    def is_countdown(cue: Say) -> bool:
        return cue.kind is CueKind.COUNTDOWN


SaveResult = Callable[["FunctionalResult"], "Future[Any]"]
"""Queue a test result's save, returning at once; the future holds what the saver returns."""


class TrialRunner:
    """The shell of a functional test coached by voice (session.workout.functional): events in,
    cues to the voice, the result out to `save`. As `WorkoutRunner`, it knows no widgets."""

    def __init__(
        self,
        state: TrialState,
        *,
        clock: Clock,
        voice: Voice,
        save: SaveResult,
        post: Callable[[TrialEvent], None],
    ) -> None:
        self.state = state
        self.clock = clock
        self.voice = voice
        self.save = save
        self.post = post
        self.saved: Future[Any] | None = None
        """The result's save, once the test is over (None when nothing was finished)."""

    def dispatch(self, event: TrialEvent) -> list[Say]:
        from session.workout.functional import step_trial

        self.state, effects = step_trial(self.state, event, self.clock.now())
        return self.handle(effects)

    def tick(self) -> list[Say]:
        return self.dispatch(Tick())

    def handle(self, effects: list[TrialEffect]) -> list[Say]:
        cues: list[Say] = []
        for effect in effects:
            if isinstance(effect, Say):
                on_end = None if effect.key is None else self._reporter(effect.key)
                say_effect(self.voice, effect, self.clock.to_monotonic, on_end)
                cues.append(effect)
            else:
                self.saved = self.save(effect.result)
        return cues

    def _reporter(self, key: str) -> Callable[[bool], None]:
        post = self.post

        def ended(spoken: bool) -> None:
            post(CueEnded(key, spoken))

        return ended

    def seconds_to_next_due(self) -> float | None:
        from session.workout.functional import next_trial_due

        due = next_trial_due(self.state)
        if due is None or self.state.paused:
            return None
        return max(0.0, (due - self.clock.now()) / self.clock.scale)
