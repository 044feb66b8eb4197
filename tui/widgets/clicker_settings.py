"""The clicker in Settings: which remote (if any) and its keys; pick a kind, learn it, or clear.

A part of the settings form, as `PartOneSettings` is: it shows the runner's `ClickerMapping`
(None: no clicker) and reads back the edited one; the settings screen saves it with the rest.
Learning the buttons is the app's modal (`LearnClicker`, it owns the voice): its answer comes
back here, and is kept only once the settings are saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label, Select, Static

from session.clicker import Button as RemoteButton
from session.clicker import ClickerMapping
from session.clicker_learning import spoken
from tui.clicker.devices import DEVICES, DeviceKind
from tui.messages import LearnClicker

LEARN_KEY = "l"
"""The settings screen's key for the learning step."""
EXPLAINED = (
    "A presentation clicker, page turner, foot pedal or headset buttons as a remote: pause and "
    "resume, stop for pain, and rate the pain from where you stand. The keyboard keeps working."
)


def describe(mapping: ClickerMapping | None) -> str:
    """The remote in a line: its name and which key is which button ("none" without one)."""
    if mapping is None:
        return "none (the keyboard only)"
    parts = []
    for button in RemoteButton:
        keys = [spoken(key) for key, b in mapping.keys.items() if b is button]
        if keys:
            parts.append(f"{button.value}: {', '.join(keys)}")
    held = "" if mapping.repeat_delay is not None else " (cannot be held)"
    return f"{mapping.device or 'Remote'} - {'; '.join(parts)}{held}"


def kind_of(mapping: ClickerMapping | None) -> DeviceKind | None:
    """The device kind whose mapping this is, untouched (None: learned, or no clicker)."""
    return next((d for d in DEVICES if mapping is not None and d.mapping() == mapping), None)


class ClickerSettings(Vertical):
    """The "Clicker" row: the mapping now, a device kind to pick, learn, or none."""

    DEFAULT_CSS = """
    ClickerSettings { height: auto; }
    ClickerSettings .clicker-note { color: $text-muted; }
    ClickerSettings #clicker-now { width: 1fr; padding: 1 1 0 0; }
    ClickerSettings Select { width: 36; }
    """

    def __init__(self, mapping: ClickerMapping | None) -> None:
        super().__init__(id="clicker-settings")
        self.mapping = mapping

    def compose(self) -> ComposeResult:
        with Horizontal(classes="setting-row"):
            yield Label("Clicker")
            yield Static(Content(describe(self.mapping)), id="clicker-now")
        yield Static(EXPLAINED, classes="clicker-note", markup=False)
        kind = kind_of(self.mapping)
        with Horizontal(classes="setting-row"):
            yield Select[str](
                [(d.name, d.id) for d in DEVICES],
                prompt="Pick a kind of device",
                value=kind.id if kind is not None else Select.NULL,
                id="clicker-kind",
            )
            yield Button(f"Learn its buttons ({LEARN_KEY})", id="clicker-learn")
            yield Button("No clicker", id="clicker-clear")
        yield Static(
            Content(kind.note if kind else ""), classes="clicker-note", id="clicker-kind-note"
        )

    def read(self) -> ClickerMapping | None:
        return self.mapping

    def use(self, mapping: ClickerMapping | None) -> None:
        """Show `mapping` as the one to save (a kind picked, learned, or none)."""
        self.mapping = mapping
        self.query_one("#clicker-now", Static).update(Content(describe(mapping)))
        kind = kind_of(mapping)
        self.query_one("#clicker-kind-note", Static).update(Content(kind.note if kind else ""))
        picker = self.query_one("#clicker-kind", Select)
        wanted = kind.id if kind is not None else Select.NULL
        if picker.value != wanted:
            with picker.prevent(Select.Changed):
                picker.value = wanted

    def learn(self) -> None:
        """Ask the app for the learning step; its answer comes back to `learned`."""
        self.post_message(LearnClicker(self.learned))

    def learned(self, mapping: ClickerMapping | None) -> None:
        if mapping is None:
            self.notify("Nothing learned: the clicker is as it was.", timeout=4)
            return
        self.use(mapping)
        self.notify(f"Learned: {describe(mapping)}. Save to keep it.", timeout=8, markup=False)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "clicker-kind":
            return
        event.stop()
        kind = next((d for d in DEVICES if d.id == event.value), None)
        if kind is not None:
            self.use(kind.mapping())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "clicker-learn":
            event.stop()
            self.learn()
        elif event.button.id == "clicker-clear":
            event.stop()
            self.use(None)
