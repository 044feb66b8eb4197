"""A functional test coached by voice: heel raises to a metronome, ten hops counted, or side hops
timed "go" ... "stop"; each leg in turn, the sore side first; readable from two metres.

Like the workout screen, it holds the engine's shell (`tui.runner.TrialRunner`), schedules its
ticks for the next deadline exactly, and renders one `TrialView`. During the heel raises any key
(but x) stops the count: the runner presses it when they can no longer keep the pace or the
height. After a leg of a hop test the count is a modal it opens and that returns the number.
When the test is over the result (saved on the history's thread) is shown with its symmetry and
what it means for the readiness gate; Enter or Esc goes back. With the app's ledger of results
(`saves`, tui.coach.saving), a save that fails (a full disk) is kept and tried again, and the
screen says so until it is on disk: it never says saved before it is.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import ProgressBar, Static

from session.events import EndEarly, Pause, Resume, Skip, StopForPain
from session.functional_view import TrialView, trial_view
from session.workout.functional_phases import question
from session.workout.functional_state import EnterCount, TrialEvent, TrialPhase
from tui.coach.trials import TestSaved
from tui.messages import VoiceToggled
from tui.runner import TrialRunner
from tui.screens.confirm import ConfirmScreen
from tui.screens.count import CountScreen
from tui.widgets.big_text import BigText
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.voice_mark import MarksBar, VoiceMark

if TYPE_CHECKING:
    from session.effects import Say
    from tui.clock import Clock, WallClock
    from tui.coach.saving import SaveLedger
    from tui.coach.trials import BeginTrial
    from tui.runner import SaveResult
    from tui.voice import Voice


def counts_line(v: TrialView) -> str:
    done = " · ".join(f"{leg} {n}" for leg, n in v.counts)
    return f"Done: {done}" if done else ""


def status_line(v: TrialView) -> str:
    """Where the test is. (Paused, the bar turns the warning colour, the leg's place says PAUSED
    and the footer "space Resume".)"""
    return f"{v.test} · leg {min(v.leg_number, v.legs)} of {v.legs}"


class TrialScreen(Screen[None]):
    """One functional test, leg by leg."""

    CSS_PATH = "trial.tcss"

    BINDINGS = [
        # One key, two words: the footer says what space does now (check_action picks).
        Binding("space", "toggle_pause('pause')", "Pause"),
        Binding("space", "toggle_pause('resume')", "Resume"),
        Binding("n", "skip", "Go now"),
        Binding("m", "mute", "Mute"),
        Binding("x", "stop_for_pain", "Ouch"),
        Binding("q", "end", "End"),
        Binding("enter,escape", "back", "Back", show=False),
    ]

    view: var[TrialView | None] = var(None)

    def __init__(
        self,
        begin: BeginTrial,
        *,
        clock: Clock,
        wall: WallClock,
        voice: Voice,
        save: SaveResult,
        saves: SaveLedger | None = None,
    ) -> None:
        """`saves`: the ledger that keeps and retries the result's save (`save` is then its
        saver, and `saves.save` is used)."""
        super().__init__()
        self._begin = begin
        self.saves = saves
        self._parts = (clock, wall, voice, save if saves is None else saves.save)
        self.runner: TrialRunner | None = None
        self._due: asyncio.TimerHandle | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._count: CountScreen | None = None
        self._shown: object = None
        self.saved: TestSaved | None = None
        """The result as saved, with its symmetry and gate item (once the save is done)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="trial"):
            with MarksBar(id="t-status-bar"):
                yield Static("", id="t-status", markup=False)
                with Horizontal(id="t-marks"):  # the voice mark, while it is off or muted
                    yield VoiceMark()
            yield BigText("", id="t-leg")
            yield Static("", id="t-label", classes="big-label", markup=False)
            yield BigText("", id="t-count")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="t-progress")
            yield Static("", id="t-counts", markup=False)
            yield Static("", id="t-how", markup=False)
            yield Static("", id="t-result", markup=False, classes="hidden")
            yield Static("", id="t-caption", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        clock, wall, voice, save = self._parts
        state, effects = self._begin(clock.now(), wall().astimezone(dt.UTC))
        self._loop = asyncio.get_running_loop()
        self.runner = TrialRunner(
            state, clock=clock, voice=voice, save=save, post=self._post_from_any_thread
        )
        self._after(self.runner.handle(effects))
        self.set_interval(0.1, self._repaint)

    # --- driving the engine ------------------------------------------------------------------

    def dispatch(self, event: TrialEvent) -> None:
        if self.runner is not None and not self.runner.state.finished:
            self._after(self.runner.dispatch(event))

    def _post_from_any_thread(self, event: TrialEvent) -> None:
        loop = self._loop
        if loop is None:
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._arrived, event)

    def _arrived(self, event: TrialEvent) -> None:
        if self.is_attached:
            self.dispatch(event)

    def _on_due(self) -> None:
        self._due = None
        if self.is_attached and self.runner is not None:
            self._after(self.runner.tick())

    def _arm(self) -> None:
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
        runner = self.runner
        if runner is None:
            return
        if cues:
            self.query_one("#t-caption", Static).update(cues[-1].text)
        self._arm()
        self._repaint()
        self.refresh_bindings()
        state = runner.state
        if state.finished:
            self._finished()
        elif state.awaiting_count and self._count is None:
            self._ask_count()

    def _repaint(self) -> None:
        if self.runner is None:
            return
        v = trial_view(self.runner.state, self.runner.clock.now())
        shown = (v.phase, v.label, v.big_count, v.leg, v.counts, v.paused, round(v.progress, 2))
        if shown != self._shown:
            self._shown = shown
            self.view = v

    def watch_view(self, v: TrialView | None) -> None:
        if v is None:
            return
        self.query_one("#t-status", Static).update(status_line(v))
        leg = "paused" if v.paused else f"{v.leg} leg" if not v.ending else "done"
        self.query_one("#t-leg", BigText).text = leg
        self.query_one("#t-label", Static).update(v.label)
        self.query_one("#t-count", BigText).text = v.big_count
        self.query_one("#t-progress", ProgressBar).update(progress=v.progress)
        self.query_one("#t-counts", Static).update(counts_line(v))
        self.query_one("#t-how", Static).update(v.how)
        self.set_class(v.paused, "-paused")
        self.set_class(v.any_key, "-any-key")

    # --- the count ----------------------------------------------------------------------------

    def _ask_count(self) -> None:
        runner = self.runner
        assert runner is not None
        state = runner.state
        self._count = CountScreen(question(state), state.leg.capitalize(), state.most)
        self.app.push_screen(self._count, self._counted)

    def _counted(self, count: int | None) -> None:
        self._count = None
        self.dispatch(StopForPain() if count is None else EnterCount(count))

    # --- the end ------------------------------------------------------------------------------

    def _finished(self) -> None:
        runner = self.runner
        assert runner is not None
        result = self.query_one("#t-result", Static)
        result.remove_class("hidden")
        if runner.saved is None:
            result.update("Nothing was finished, so nothing was saved. Enter or Esc: back.")
            return
        result.update("Saving…")
        if self.saves is not None and runner.result is not None:
            self._watch_save(runner.result.id)
            return
        future, loop = runner.saved, self._loop
        assert loop is not None

        def done(_: object) -> None:  # on the history's thread, or here if already done
            with contextlib.suppress(RuntimeError):  # the loop has closed
                loop.call_soon_threadsafe(self._show_saved, future)

        future.add_done_callback(done)

    def _watch_save(self, result_id: str) -> None:
        """Show where the result's save stands (from the ledger) until it is on disk."""
        ledger = self.saves
        assert ledger is not None

        def show() -> None:
            status = ledger.status(result_id)
            if status is None or (status.pending and status.error is None):
                return
            line = self.query_one("#t-result", Static)
            if not status.saved:
                line.update(f"{status.words()}\nEnter or Esc: back.")
                return
            timer.stop()
            saved = ledger.value(result_id)
            assert isinstance(saved, TestSaved)
            self.saved = saved
            line.update(saved_words(saved) + "\nEnter or Esc: back.")

        timer = self.set_interval(0.2, show)

    def _show_saved(self, future: Future[Any]) -> None:
        if not self.is_attached:
            return
        result = self.query_one("#t-result", Static)
        exc = future.exception()
        if exc is not None:
            result.update(f"Could not save the result: {exc}")
            return
        saved = future.result()
        assert isinstance(saved, TestSaved)
        self.saved = saved
        result.update(saved_words(saved) + "\nEnter or Esc: back.")

    # --- the runner's keys --------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """During the heel raises any key but x stops the count (the one key a runner who is
        losing the pace presses)."""
        v = self.view
        if v is not None and v.any_key and event.key != "x":
            event.stop()
            event.prevent_default()
            self.dispatch(Skip())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.runner.state if self.runner is not None else None
        finished = state is not None and state.finished
        if action == "back":
            return finished
        if self.view is not None and self.view.any_key and action != "stop_for_pain":
            return False  # any key stops the count now: the footer offers only x
        if action in ("toggle_pause", "skip", "end", "stop_for_pain"):
            if finished:
                return False
            if action == "toggle_pause":
                paused = state is not None and state.paused
                return parameters == (("resume",) if paused else ("pause",))
            if action == "skip":
                return state is not None and state.phase in (
                    TrialPhase.ANNOUNCE,
                    TrialPhase.COUNTDOWN,
                    TrialPhase.SWITCH_LEGS,
                )
        return True

    def action_toggle_pause(self, _word: str = "") -> None:
        if self.runner is not None:
            self.dispatch(Resume() if self.runner.state.paused else Pause())

    def action_skip(self) -> None:
        self.dispatch(Skip())

    def action_stop_for_pain(self) -> None:
        self.dispatch(StopForPain())

    def action_mute(self) -> None:
        if self.runner is not None:
            voice = self.runner.voice
            voice.muted = not voice.muted
            self.post_message(VoiceToggled())
            self.notify("Voice muted" if voice.muted else "Voice on", timeout=2)

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
            ConfirmScreen("End the test now?", "Every leg finished is kept in the result."), decided
        )

    def action_back(self) -> None:
        if self.runner is not None and self.runner.state.finished:
            self.dismiss()


def saved_words(saved: TestSaved) -> str:
    r = saved.result
    legs = ", ".join(
        f"{leg} {n}" for leg, n in (("left", r.left), ("right", r.right)) if n is not None
    )
    lines = [f"Saved: {legs}."]
    if saved.symmetry is not None and saved.symmetry.other > 0:
        lines.append(f"Sore side {saved.symmetry.lsi:.0f}% of the other side.")
    if saved.gate is not None:
        mark = "met" if saved.gate.met else "not met yet"
        lines.append(f"Readiness gate, {saved.gate.title.lower()}: {mark}. {saved.gate.detail}")
    if r.note:
        lines.append(r.note)
    return "\n".join(lines)
