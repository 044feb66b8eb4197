"""Workout: the set in progress, readable from two metres; rests with a big countdown.

The screen holds one reactive `view` of the engine state (`session.view.WorkoutView`) and every
part of it is a widget bound to that view (tui.widgets.view_parts, with the texts of
tui.screens.workout_text); it forwards keys to the engine through its `WorkoutRunner`. Ticks are
scheduled for the engine's next deadline exactly (plus a light repaint for countdowns), so the
screen never adds drift. The session begins when the screen is up (`begin`), so its first cue is
timed from when it is said. The voice's reports of a cue's end (`CueEnded`, from any thread) are
brought to the loop and dispatched there. The pain rating is a modal it opens and that returns
the rating; when the session is over it posts `WorkoutFinished`. With a remote set (a clicker,
tui.clicker), its keys go to it before any binding: pause / resume and stop for pain, as the
keyboard's keys do, and the pain question's dial.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen

from session.engine import Phase, cadence_adjustable
from session.events import (
    AdjustCadence,
    ChangeRating,
    EndEarly,
    Event,
    PainRating,
    Pause,
    Resume,
    Skip,
    StopForPain,
)
from session.view import WorkoutView, view
from tui.clicker.dial import PainKeys, start_of
from tui.clicker.remote import Remote, key_age, set_controls, textual_schedule
from tui.messages import VoiceToggled, WorkoutFinished
from tui.runner import WorkoutRunner
from tui.screens import workout_text as text
from tui.screens.confirm import ConfirmScreen
from tui.screens.pain import PainScreen
from tui.voice.protocol import say_effect
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.view_parts import BoundText, ViewBigText, ViewProgress, ViewText
from tui.widgets.voice_mark import MarksBar, VoiceMark

if TYPE_CHECKING:
    from session.clicker import ClickerMapping
    from session.effects import Say
    from tui.clock import Clock, WallClock
    from tui.coach.coach import Begin
    from tui.messages import WorkoutRequest
    from tui.runner import Save
    from tui.voice import Voice

CHANGEABLE = frozenset({Phase.STOP_GRACE, Phase.REST, Phase.AWAIT_PAIN})
"""Where u changes the last rating (the engine ignores it elsewhere)."""
IN_SET = frozenset({Phase.ANNOUNCE, Phase.COUNTDOWN, Phase.REPS, Phase.LEAD_IN, Phase.SWITCH_LEGS})
"""Where + and - change the seconds per rep of the set on."""


class WorkoutScreen(Screen[None]):
    """One session, set by set."""

    CSS_PATH = "workout.tcss"

    BINDINGS = [
        # One key, two words: the footer says what space does now (check_action picks).
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n", "skip", "Skip"),
        Binding("plus,equals_sign", "cadence(-1)", "Faster", key_display="+"),
        Binding("minus", "cadence(1)", "Slower", key_display="-"),
        Binding("m", "mute", "Mute"),
        Binding("x", "stop_for_pain", "Ouch"),
        Binding("u", "change_rating", "Re-rate"),
        Binding("p", "rate_pain", "Rate pain", show=False),
        Binding("q", "end", "End"),
    ]

    view: var[WorkoutView | None] = var(None)
    """What the runner sees of the engine state, updated when any of it visibly changes."""
    caption: var[str] = var("")
    """The last cue, as said."""

    def __init__(
        self,
        begin: Begin,
        *,
        clock: Clock,
        wall: WallClock,
        voice: Voice,
        save: Save,
        clicker: ClickerMapping | None = None,
    ) -> None:
        super().__init__()
        self._begin = begin
        self._parts = (clock, wall, voice, save)
        self.runner: WorkoutRunner | None = None
        """The engine's shell, from the moment the screen is mounted and the session runs."""
        self._clicker = clicker
        self.remote: Remote | None = None
        """The runner's remote (tui.clicker), when one is set: its keys win on this screen."""
        self._due: asyncio.TimerHandle | None = None
        self._pain: PainScreen | None = None
        self._done = False
        self._shown: object = None
        self._phase: Phase | None = None
        self._paused = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._app_context: contextvars.Context | None = None

    def compose(self) -> ComposeResult:
        bound = WorkoutScreen.view
        with Vertical(id="workout"):
            with MarksBar(id="w-status-bar"):
                status = ViewText(text.status_line, short=text.status_short, id="w-status")
                yield status.data_bind(bound)
                # The fixed spot for marks that must stay on screen (a muted or absent voice).
                with Horizontal(id="w-marks"):
                    yield VoiceMark()
            yield ViewBigText(text.exercise, id="w-exercise").data_bind(bound)
            with Horizontal(id="w-big"):
                with Vertical(id="w-leg-box"):
                    yield ViewText(text.leg_label, id="w-leg-label", classes="big-label").data_bind(
                        bound
                    )
                    yield ViewBigText(text.leg, id="w-leg").data_bind(bound)
                with Vertical(id="w-count-box"):
                    yield ViewText(
                        text.count_label, id="w-count-label", classes="big-label"
                    ).data_bind(bound)
                    yield ViewBigText(text.count, id="w-count").data_bind(bound)
            yield ViewProgress(id="w-progress").data_bind(bound)
            yield ViewText(text.detail, id="w-detail").data_bind(bound)
            yield ViewText(text.next_up, id="w-next").data_bind(bound)
            yield BoundText(id="w-caption").data_bind(text=WorkoutScreen.caption)
        yield KeysFooter()

    def on_mount(self) -> None:
        clock, wall, voice, save = self._parts
        state, effects = self._begin(clock.now(), wall().astimezone(dt.UTC))
        self._loop = asyncio.get_running_loop()
        # What the voice reports comes from its own thread: run it in the app's context (its
        # active app), not the speech thread's, which has none.
        self._app_context = contextvars.copy_context()
        self.runner = WorkoutRunner(
            state,
            clock=clock,
            voice=voice,
            save=save,
            post=self._post_from_any_thread,
            on_save_error=self._save_failed_from_thread,
        )
        self._after(self.runner.handle(effects))
        self.set_interval(0.1, self._repaint)
        if self._clicker is not None:
            self.remote = Remote(
                self._clicker,
                now=lambda: clock.to_monotonic(clock.now()),
                schedule=textual_schedule(self),
            )
            self.remote.listen(set_controls(self.action_toggle_pause, self.action_stop_for_pain))

    # --- driving the engine ------------------------------------------------------------------

    def dispatch(self, event: Event) -> None:
        if self.runner is not None:
            self._after(self.runner.dispatch(event))

    def control(self, request: WorkoutRequest) -> None:
        """A request from a screen over this one (the pain modal's keys)."""
        match request:
            case "pause":
                self.action_toggle_pause()
            case "skip":
                self.action_skip()
            case "stop_for_pain":
                self.action_stop_for_pain()

    def _post_from_any_thread(self, event: Event) -> None:
        """The voice reports a cue's end (from its thread, or at once): dispatch it on the loop."""
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing waits any more
            loop.call_soon_threadsafe(self._arrived, event, context=self._app_context)

    def _arrived(self, event: Event) -> None:
        if not self.is_attached or self._done:
            return
        try:
            self.dispatch(event)
        except Exception as exc:
            self.call_next(_reraise, exc)

    def _on_due(self) -> None:
        self._due = None
        if not self.is_attached:
            return  # the app is closing: the screen's widgets are gone
        try:
            if self.runner is not None:
                self._after(self.runner.tick())
        except Exception as exc:
            # A bare loop callback: hand the error to Textual (it shows it, then exits), as it
            # would from a timer.
            self.call_next(_reraise, exc)

    def _arm(self) -> None:
        """Schedule the next tick for the engine's next deadline, measured from now.

        On the event loop directly: a Textual Timer starts counting its delay only when its own
        task first runs, which after a repaint can be milliseconds late, every time.
        """
        if self._due is not None:
            self._due.cancel()
            self._due = None
        delay = self.runner.seconds_to_next_due() if self.runner is not None else None
        if delay is not None:
            loop = asyncio.get_running_loop()
            self._due = loop.call_at(loop.time() + delay, self._on_due)

    def on_unmount(self) -> None:
        if self._due is not None:
            self._due.cancel()
            self._due = None
        if self.remote is not None:
            self.remote.close()

    def on_key(self, event: events.Key) -> None:
        """The remote's keys go to it (before any binding), the others on to the keyboard's."""
        if self.remote is not None and self.remote.key(event.key, key_age(event)):
            event.stop()
            event.prevent_default()

    def _after(self, cues: list[Say]) -> None:
        """After every step: show cues, ring for countdowns without voice, re-arm, react."""
        runner = self.runner
        if runner is None:
            return
        if cues:
            self.caption = cues[-1].text
            if not _heard(runner.voice) and any(runner.is_countdown(c) for c in cues):
                self.app.bell()
        self._arm()
        self._repaint()
        state = runner.state
        if state.phase is not self._phase:
            self._phase = state.phase
            self.refresh_bindings()
        if state.finished:
            self._finish()
        elif state.awaiting_pain and self._pain is None:
            self.action_rate_pain()

    def _repaint(self) -> None:
        if self.runner is None:
            return
        v = view(self.runner.state, self.runner.clock.now())
        # Only what a runner can see counts: whole seconds and 1% of progress, not every tick.
        shown = (replace(v, remaining=None, duration=None), v.remaining_whole, round(v.progress, 2))
        if shown != self._shown:
            self._shown = shown
            self.view = v

    def watch_view(self, v: WorkoutView | None) -> None:
        if v is None:
            return
        self.set_class(v.phase in text.RESTING, "-resting")
        self.set_class(v.paused, "-paused")
        if v.paused != self._paused:
            self._paused = v.paused
            self.refresh_bindings()  # space: Pause or Resume
        if self._pain is not None:
            self._pain.view = v
            # Under the pain box this screen is a background screen: what changed on it (the
            # rest countdown) is drawn only once the screen itself is refreshed.
            self.call_later(self.refresh)

    # --- the runner's keys --------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        if self.runner is not None:
            self.dispatch(Resume() if self.runner.state.paused else Pause())

    def action_pause(self) -> None:
        self.dispatch(Pause())

    def action_resume(self) -> None:
        self.dispatch(Resume())

    def action_skip(self) -> None:
        self.dispatch(Skip())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """u is offered only while there is a rating to change; + and - while a set with a
        cadence is on."""
        state = self.runner.state if self.runner is not None else None
        if action in ("pause", "resume"):
            paused = state is not None and state.paused
            return paused if action == "resume" else not paused
        if action == "change_rating":
            if state is None or state.phase not in CHANGEABLE or state.awaiting_pain:
                return False
            return state.last_done is not None  # the set just done, of either part
        if action == "cadence":
            return state is not None and state.phase in IN_SET and cadence_adjustable(state)
        return True

    def action_cadence(self, direction: int) -> None:
        if self.runner is not None:
            step = self.runner.state.workout.program.timing.cadence_step
            self.dispatch(AdjustCadence(direction * step))

    def action_stop_for_pain(self) -> None:
        self.dispatch(StopForPain())

    def action_change_rating(self) -> None:
        self.dispatch(ChangeRating())

    def action_mute(self) -> None:
        if self.runner is None:
            return
        voice = self.runner.voice
        voice.muted = not voice.muted
        self.post_message(VoiceToggled())
        self.notify("Voice muted" if voice.muted else "Voice on", timeout=2)

    def action_rate_pain(self) -> None:
        if self.runner is None or not self.runner.state.awaiting_pain or self._pain is not None:
            return
        program = self.runner.state.workout.program
        self._pain = PainScreen(program.pain_zones, keys=self._pain_keys())
        self._pain.view = self.view
        self.add_class("-asking")
        self.app.push_screen(self._pain, self._rated)

    def _pain_keys(self) -> PainKeys | None:
        """The remote at the pain question (its dial starts from the last rating)."""
        runner = self.runner
        if self.remote is None or runner is None:
            return None
        clock = runner.clock
        return PainKeys(
            self.remote,
            start_of(runner.state.record),
            now=lambda: clock.to_monotonic(clock.now()),
            say=lambda cue: say_effect(runner.voice, cue),
        )

    def _rated(self, rating: int | None) -> None:
        """The modal's answer: a rating, or None when the runner asked to end the session."""
        self._pain = None
        self.remove_class("-asking")
        if rating is None:
            self.action_end()
        else:
            self.dispatch(PainRating(rating))

    def action_end(self) -> None:
        if self.runner is None or self.runner.state.finished:
            return
        was_paused = self.runner.state.paused
        if not was_paused:
            self.dispatch(Pause())

        def decided(end: bool | None) -> None:
            if end:
                self.dispatch(EndEarly())
            elif not was_paused:
                self.dispatch(Resume())

        self.app.push_screen(
            ConfirmScreen("End the session now?", "Every finished set is kept."),
            decided,
        )

    def _finish(self) -> None:
        if self._done or self.runner is None:
            return
        self._done = True
        state = self.runner.state
        workout = state.workout
        finished = WorkoutFinished(
            state.record, workout.program, state.cadence_changes, workout.strength
        )
        self.post_message(finished)

    def _save_failed_from_thread(self, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self.app.call_from_thread(
                self.notify,
                f"Could not save the last set: {exc}",
                severity="error",
                timeout=30,
                markup=False,
            )


def _heard(voice: Voice) -> bool:
    """Whether the cues are heard (else the countdowns ring the terminal bell)."""
    return voice.status.state == "ok" and not voice.muted


def _reraise(exc: BaseException) -> None:
    raise exc
