"""Pain rating, between sets: one key press while the rest timer keeps running underneath."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, ProgressBar, Static

from session.view import view
from tui.widgets.big_text import BigText
from tui.widgets.pain_scale import TEN_KEY, PainScale
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from tui.screens.workout import WorkoutScreen


class PainScreen(ModalScreen[int | None]):
    """How is the Achilles, 0-10? Dismisses with the rating."""

    CSS_PATH = "pain.tcss"

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", str(n), show=False) for n in range(10)),
        Binding(TEN_KEY, "rate(10)", "10", show=False),
        Binding("space", "pause", "Pause"),
        Binding("n", "skip", "Skip rest"),
        Binding("q", "end", "End"),
    ]

    def __init__(self, workout: WorkoutScreen) -> None:
        super().__init__()
        self.workout = workout

    def compose(self) -> ComposeResult:
        runner = self.workout.runner
        assert runner is not None
        program = runner.state.workout.program
        with Vertical(id="pain-box"):
            yield Static("How is the Achilles right now?", id="pain-question")
            yield Static(f"Press 0-9, or {TEN_KEY} for 10.", id="pain-keys")
            yield PainScale(program.pain_zones, id="pain-scale")
            yield Static("", id="pain-rest-label")
            yield BigText("", id="pain-rest")
            yield ProgressBar(total=1.0, show_eta=False, show_percentage=False, id="pain-progress")
        yield VoiceMark()
        yield Footer()

    def on_mount(self) -> None:
        self._repaint()
        self.set_interval(0.1, self._repaint)

    def _repaint(self) -> None:
        runner = self.workout.runner
        if runner is None:
            return
        v = view(runner.state, runner.clock.now())
        label = self.query_one("#pain-rest-label", Static)
        if v.remaining is not None:
            label.update(f"Rest · next: {v.next_up}" + ("  (PAUSED)" if v.paused else ""))
            secs = v.remaining_whole
            self.query_one("#pain-rest", BigText).text = f"{secs // 60}:{secs % 60:02d}"
        else:
            label.update(f"Rest is over · next: {v.next_up} · rate your pain to go on")
            self.query_one("#pain-rest", BigText).text = ""
        self.query_one("#pain-progress", ProgressBar).update(progress=v.progress)

    def action_rate(self, rating: int) -> None:
        self.dismiss(rating)

    def action_pause(self) -> None:
        self.workout.action_toggle_pause()
        self._repaint()

    def action_skip(self) -> None:
        self.workout.action_skip()

    def action_end(self) -> None:
        self.dismiss(None)
        self.workout.action_end()
