"""Settings' "press your clicker's buttons" step: a modal driven by `session.clicker_learning`.

Every instruction is spoken through the app's voice and shown big (the runner may already stand
back with the clicker in hand); every key but Escape goes to the learning, which refuses the
keys the workout and the pain question already use. It returns the learned `ClickerMapping`,
or None on Escape: nothing is kept until the last step is done, and the settings screen saves
it with the other settings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from session.clicker import ClickerMapping
from session.clicker_learning import Learning, Step, spoken
from tui.clicker.devices import KEYBOARD_KEYS
from tui.clicker.remote import Alarm, key_age, textual_schedule
from tui.voice.protocol import say_effect
from tui.widgets.big_text import BigText
from tui.widgets.voice_mark import WHY_KEY

if TYPE_CHECKING:
    from session.effects import Say
    from tui.voice import Voice

CANCEL_KEY = "escape"
STEP_WORDS = {
    Step.NEXT: "Next",
    Step.BACK: "Back",
    Step.CONFIRM: "Confirm",
    Step.HOLD: "Hold",
    Step.DONE: "Done",
}
"""What the big line shows at each step: the button being asked for."""
LEARNED_DEVICE = "Learned remote"


def bound_keys(bindings: Iterable[BindingType]) -> frozenset[str]:
    """The keys a list of BINDINGS uses ("plus,equals_sign" is two)."""
    keys: set[str] = set()
    for binding in bindings:
        key = binding.key if isinstance(binding, Binding) else binding[0]
        keys |= {part.strip() for part in key.split(",")}
    return frozenset(keys)


def reserved_keys() -> frozenset[str]:
    """Keys a remote must never take: the workout's, the pain question's and the app's, so the
    keyboard keeps working exactly as before wherever the remote acts."""
    from tui.screens.pain import PainScreen
    from tui.screens.workout import WorkoutScreen

    screens = bound_keys([*WorkoutScreen.BINDINGS, *PainScreen.BINDINGS])
    return KEYBOARD_KEYS | screens | {WHY_KEY, CANCEL_KEY, "tab", "shift+tab"}


class ClickerLearnScreen(ModalScreen[ClickerMapping | None]):
    """Press your clicker's buttons: dismisses with the learned mapping (None: cancelled)."""

    CSS_PATH = "clicker_learn.tcss"

    BINDINGS = [Binding(CANCEL_KEY, "cancel", "Cancel")]

    def __init__(
        self,
        *,
        voice: Voice,
        now: Callable[[], float],
        reserved: frozenset[str] | None = None,
        device: str = LEARNED_DEVICE,
    ) -> None:
        super().__init__()
        self.voice = voice
        self._now = now
        self._reserved = reserved_keys() if reserved is None else reserved
        self._device = device
        self.learning: Learning | None = None
        self.said: list[str] = []
        """Everything the learning said, in order (shown as it is said)."""
        self._alarm: Alarm | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="learn-box"):
            yield Static("Pair a clicker: press its buttons", id="learn-title")
            yield BigText(id="learn-step")
            yield Static("", id="learn-say")
            yield Static("", id="learn-keys")
            yield Static("Esc: cancel (nothing is kept)", id="learn-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._alarm = Alarm(textual_schedule(self), self.tick)
        learning, said = Learning.start(self._now(), reserved=self._reserved, device=self._device)
        self._apply(learning, said)

    def on_key(self, event: events.Key) -> None:
        """Every key but Escape is a button to learn (or to refuse, saying why)."""
        if event.key == CANCEL_KEY or self.learning is None:
            return
        event.stop()
        event.prevent_default()
        # Timed by when the key arrived: the hold step measures the key's repeat delay.
        self._apply(*self.learning.key(event.key, self._now() - key_age(event)))

    def tick(self) -> None:
        """Time passed: an optional button skipped, the hold measured (its alarm calls this)."""
        if self.learning is not None:
            self._apply(*self.learning.tick(self._now()))

    def _apply(self, learning: Learning, said: list[Say]) -> None:
        self.learning = learning
        for cue in said:
            say_effect(self.voice, cue)
            self.said.append(cue.text)
            self.query_one("#learn-say", Static).update(Content(cue.text))
        self.query_one("#learn-step", BigText).text = STEP_WORDS[learning.step]
        keys = ", ".join(f"{b.value}: {spoken(k)}" for k, b in learning.keys.items())
        self.query_one("#learn-keys", Static).update(Content(f"Learned: {keys or 'nothing yet'}"))
        assert self._alarm is not None
        due = learning.due()
        self._alarm.set(None if due is None else due - self._now())
        mapping = learning.result()
        if mapping is not None:
            self._alarm.cancel()
            self.dismiss(mapping)

    def action_cancel(self) -> None:
        if self._alarm is not None:
            self._alarm.cancel()
        self.dismiss(None)
