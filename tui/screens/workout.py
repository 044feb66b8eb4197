"""Workout: the set in progress, readable from two metres; rests with a big countdown.

The screen renders the engine's state and forwards keys. Ticks are scheduled for the engine's
next deadline exactly (plus a light repaint for countdowns), so the screen never adds drift.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from session.engine import Phase
from session.events import AdjustCadence, EndEarly, Event, PainRating, Pause, Resume, Skip
from session.view import WorkoutView, view
from tui.runner import WorkoutRunner
from tui.widgets.big_text import BigText
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from session.effects import Say
    from session.engine import WorkoutState
    from tui.app import AchillesApp

CADENCE_STEP = 0.1
"""Seconds per rep that + and - change."""


PHASE_WORDS = {
    Phase.ANNOUNCE: "get ready",
    Phase.COUNTDOWN: "get ready",
    Phase.REPS: "rep",
    Phase.SWITCH_LEGS: "switch legs",
    Phase.REST: "rest",
    Phase.AWAIT_PAIN: "rate your pain",
    Phase.FINISHED: "done",
}


class WorkoutScreen(Screen[None]):
    """One session, set by set."""

    CSS_PATH = "workout.tcss"

    app: AchillesApp

    BINDINGS = [
        Binding("space", "toggle_pause", "Pause"),
        Binding("n", "skip", "Skip"),
        Binding("plus,equals_sign", "cadence(-1)", "Faster", key_display="+"),
        Binding("minus", "cadence(1)", "Slower", key_display="-"),
        Binding("m", "mute", "Mute"),
        Binding("p", "rate_pain", "Rate pain", show=False),
        Binding("q", "end", "End"),
    ]

    def __init__(self, state: WorkoutState, effects: list[Any]) -> None:
        super().__init__()
        self._initial = (state, effects)
        self.runner: WorkoutRunner | None = None
        self._due: asyncio.TimerHandle | None = None
        self._pain_open = False
        self._done = False
        self._shown: object = None

    def compose(self) -> ComposeResult:
        with Vertical(id="workout"):
            yield Static("", id="w-status")
            yield BigText("", id="w-exercise")
            with Horizontal(id="w-big"):
                with Vertical(id="w-leg-box"):
                    yield Static("leg", id="w-leg-label", classes="big-label")
                    yield BigText("", id="w-leg")
                with Vertical(id="w-count-box"):
                    yield Static("", id="w-count-label", classes="big-label")
                    yield BigText("", id="w-count")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="w-progress")
            yield Static("", id="w-detail")
            yield Static("", id="w-next")
            yield Static("", id="w-caption")
        yield VoiceMark()
        yield Footer()

    def on_mount(self) -> None:
        state, effects = self._initial
        services = self.app.services
        assert services.voice is not None
        self.runner = WorkoutRunner(
            state,
            clock=services.clock,
            voice=services.voice,
            db=services.db,
            on_save_error=self._save_failed_from_thread,
        )
        self._after(self.runner.handle(effects))
        self.set_interval(0.1, self._repaint)

    # --- driving the engine ------------------------------------------------------------------

    def dispatch(self, event: Event) -> None:
        if self.runner is None:
            return
        self._after(self.runner.dispatch(event))

    def _on_due(self) -> None:
        self._due = None
        try:
            if self.runner is not None:
                self._after(self.runner.tick())
        except Exception as exc:  # a bare loop callback: hand errors to Textual, as a timer would
            self.app._handle_exception(exc)

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

    def _after(self, cues: list[Say]) -> None:
        """After every step: show cues, ring for countdowns without voice, re-arm, react."""
        runner = self.runner
        if runner is None:
            return
        if cues:
            self.query_one("#w-caption", Static).update(cues[-1].text)
            if not self.app.voice_working and any(runner.is_countdown(c) for c in cues):
                self.app.bell()
        self._arm()
        self._repaint()
        state = runner.state
        if state.finished:
            self._finish()
        elif state.awaiting_pain and not self._pain_open:
            self.action_rate_pain()

    def _repaint(self) -> None:
        if self.runner is None:
            return
        v = view(self.runner.state, self.runner.clock.now())
        # Only what a runner can see counts: whole seconds and 1% of progress, not every tick.
        shown = (replace(v, remaining=None, duration=None), v.remaining_whole, round(v.progress, 2))
        if shown != self._shown:
            self._shown = shown
            self.render_view(v)

    def render_view(self, v: WorkoutView) -> None:
        status = f"Circuit {v.circuit} · Set {v.set_index} of {v.sets_total} · "
        status += f"{v.set_number} of {v.set_count} sets today"
        if v.up_next:
            status = "Up next · " + status
        if v.paused:
            status = "PAUSED · space to carry on · " + status
        self.query_one("#w-status", Static).update(status)
        self.query_one("#w-exercise", BigText).text = v.exercise
        self.query_one("#w-leg", BigText).text = v.leg
        self.query_one("#w-leg-label", Static).update("next leg" if v.up_next else "leg")
        label = PHASE_WORDS[v.phase]
        if v.phase is Phase.REPS:
            count = f"{v.rep}"
            label = f"rep (of {v.reps_target})"
        elif v.remaining is not None:
            count = f"{v.remaining_whole // 60}:{v.remaining_whole % 60:02d}"
        else:
            count = "?" if v.phase is Phase.AWAIT_PAIN else ""
        self.query_one("#w-count-label", Static).update(label)
        self.query_one("#w-count", BigText).text = count
        self.query_one("#w-progress", ProgressBar).update(progress=v.progress)
        detail = f"{v.cadence:.1f} s per rep  (+ faster, - slower)"
        if v.phase in (Phase.REST, Phase.AWAIT_PAIN) and v.awaiting_pain:
            detail = "Rest. Rate your pain 0-10 (p) to go on."
        elif v.up_next or v.phase in (Phase.ANNOUNCE, Phase.COUNTDOWN):
            detail = v.how_to
        self.query_one("#w-detail", Static).update(detail)
        self.query_one("#w-next", Static).update(f"Next: {v.next_up}")
        self.set_class(v.phase in (Phase.REST, Phase.AWAIT_PAIN), "-resting")
        self.set_class(v.paused, "-paused")

    # --- the runner's keys --------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        if self.runner is not None:
            self.dispatch(Resume() if self.runner.state.paused else Pause())

    def action_skip(self) -> None:
        self.dispatch(Skip())

    def action_cadence(self, direction: int) -> None:
        self.dispatch(AdjustCadence(direction * CADENCE_STEP))

    def action_mute(self) -> None:
        voice = self.app.services.voice
        if voice is not None:
            voice.muted = not voice.muted
            self.app.refresh_voice()
            self.notify("Voice muted" if voice.muted else "Voice on", timeout=2)

    def action_rate_pain(self) -> None:
        if self.runner is None or not self.runner.state.awaiting_pain or self._pain_open:
            return
        from tui.screens.pain import PainScreen

        self._pain_open = True
        self.app.push_screen(PainScreen(self), self._rated)

    def _rated(self, rating: int | None) -> None:
        self._pain_open = False
        if rating is not None:
            self.dispatch(PainRating(rating))

    def action_end(self) -> None:
        from tui.screens.confirm import ConfirmScreen

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
            ConfirmScreen("End the session now?", "Every finished set is already saved."),
            decided,
        )

    def _finish(self) -> None:
        if self._done or self.runner is None:
            return
        self._done = True
        from tui.screens.summary import SummaryScreen

        record = self.runner.state.record
        program = self.runner.state.workout.program
        self.app.switch_screen(SummaryScreen(record, program))

    def _save_failed_from_thread(self, exc: BaseException) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already stopped
            self.app.call_from_thread(
                self.notify,
                f"Could not save the last set: {exc}",
                severity="error",
                timeout=30,
                markup=False,
            )
