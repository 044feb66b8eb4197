"""Pain rating, between sets: one key press while the rest timer keeps running underneath.

A question screen that knows nothing of its opener: it is given the program's pain zones and is
kept up to date through its `view` (the workout's view of the rest running underneath), and it
returns the rating, or None when the runner asks to end the session instead. Pause, skip and
stop for pain (which leave the question open) are `ControlWorkout` messages to the app. With a
remote set (`keys`, from the workout), its buttons dial the rating (tui.clicker.dial), lit on
the scale as it is said, and answer through the same path as a digit key.

Its box sits at the bottom of the screen, over the workout's how-to and caption: the big rest
countdown (and the leg that comes next) stay in view above it at every supported size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.clicker.dial import DialShown, PainHooks
from tui.clicker.remote import key_age, textual_schedule
from tui.messages import ControlWorkout
from tui.screens import workout_text as text
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.pain_scale import TEN_KEY, PainCell, PainScale
from tui.widgets.view_parts import ViewText
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from session.program import PainZone
    from session.view import WorkoutView
    from tui.clicker.dial import Hooked, PainKeys


class PainScreen(ModalScreen[int | None]):
    """How is the Achilles, 0-10? Dismisses with the rating (None: end the session)."""

    CSS_PATH = ["pain.tcss", "pain_dial.tcss"]

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", str(n), show=False) for n in range(10)),
        Binding(TEN_KEY, "rate(10)", "10", show=False),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n", "skip", "Skip rest"),
        Binding("x", "stop_for_pain", "Ouch"),
        Binding("q", "end", "End"),
    ]

    view: var[WorkoutView | None] = var(None)
    """The rest running underneath, as its opener sees it."""

    def __init__(self, zones: tuple[PainZone, ...], *, keys: PainKeys | None = None) -> None:
        super().__init__()
        self.zones = zones
        self.keys = keys
        """The runner's remote, when one is set: its buttons dial the rating (tui.clicker)."""
        self.remote_keys: Hooked | None = None
        """The remote listened to while this question is up (its dial, if it has one)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box"):
            with Horizontal(id="pain-head"):
                yield Static("How is the Achilles right now?", id="pain-question")
                yield Static(f"0-9, or {TEN_KEY} for 10", id="pain-keys")
            with Center(id="pain-scale-row"):  # centred when wider than the scale
                yield PainScale(self.zones, id="pain-scale")
            yield ViewText(text.rest_label, id="pain-rest-label").data_bind(PainScreen.view)
        yield VoiceMark()  # over the workout's own, at its status bar's end: the same words
        yield KeysFooter()

    def watch_view(self, old: WorkoutView | None, new: WorkoutView | None) -> None:
        if (old is not None and old.paused) != (new is not None and new.paused):
            self.refresh_bindings()  # space: Pause or Resume

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pause", "resume"):
            paused = self.view is not None and self.view.paused
            return paused if action == "resume" else not paused
        return True

    def on_mount(self) -> None:
        if self.keys is not None:
            hooks = PainHooks(
                self._dialed, self.action_rate, self.action_pause, self.action_stop_for_pain
            )
            self.remote_keys = self.keys.hook(textual_schedule(self), hooks)

    def on_unmount(self) -> None:
        if self.remote_keys is not None:
            self.remote_keys.close()

    def on_key(self, event: events.Key) -> None:
        """The remote's keys go to it (before any binding); digits still answer at once."""
        if self.keys is not None and self.keys.key(event.key, key_age(event)):
            event.stop()
            event.prevent_default()

    def _dialed(self, shown: DialShown) -> None:
        """Show the dial as it is said: its words, and its value lit on the scale."""
        words = Content(f"{shown.words} Keys: 0-9, {TEN_KEY} for 10.")  # never markup
        line = self.query_one("#pain-keys", Static)
        line.update(words)
        line.add_class("-dial")
        for cell in self.query(PainCell):
            cell.set_class(cell.rating == shown.value, "-dialed")
            cell.set_class(cell.rating == shown.value and shown.saved, "-dialed-saved")

    def on_pain_scale_picked(self, message: PainScale.Picked) -> None:
        """A tap on the scale (a phone, or a mouse) is a rating, as its key is."""
        self.dismiss(message.rating)

    def action_rate(self, rating: int) -> None:
        self.dismiss(rating)

    def action_pause(self) -> None:
        self.post_message(ControlWorkout("pause"))

    def action_resume(self) -> None:
        self.post_message(ControlWorkout("pause"))  # the workout's pause key toggles

    def action_skip(self) -> None:
        self.post_message(ControlWorkout("skip"))

    def action_stop_for_pain(self) -> None:
        """Stop for pain: this box stays, now for the rating after the stop."""
        self.post_message(ControlWorkout("stop_for_pain"))

    def action_end(self) -> None:
        self.dismiss(None)
