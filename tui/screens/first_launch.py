"""First launch: which Achilles is sore, and whether to train both legs or the sore side only.

A question screen: it returns the two answers (`sore side`, `legs to train`) to whoever asked;
Today saves them as settings (changeable later in Settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, RadioButton, RadioSet, Static

if TYPE_CHECKING:
    from session.records import SoreSide, TrainLegs

SIDES = (("left", "Left"), ("right", "Right"), ("both", "Both"))
TRAIN = (("both", "Both legs (recommended)"), ("sore_only", "The sore side only"))


class FirstLaunchScreen(Screen[tuple["SoreSide", "TrainLegs"]]):
    """Two questions; dismissed with the answers."""

    CSS_PATH = "setup.tcss"

    BINDINGS = [
        Binding("l", "side('left')", "Left"),
        Binding("r", "side('right')", "Right"),
        Binding("b", "side('both')", "Both"),
        Binding("enter", "save", "Save and go on", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="first-launch"):
            yield Static("Welcome. Two questions before the first session.", classes="heading")
            yield Static("Which Achilles is sore?  (l / r / b)")
            with RadioSet(id="sore-side"):
                for value, label in SIDES:
                    yield RadioButton(label, value=value == "right", name=value)
            yield Static("Which legs should the sessions train?")
            with RadioSet(id="train"):
                for value, label in TRAIN:
                    yield RadioButton(label, value=value == "both", name=value)
            yield Static(
                "Training both legs keeps them even; the sore side always goes first.",
                classes="hint",
            )
        yield Footer()

    def action_side(self, side: str) -> None:
        for button in self.query_one("#sore-side", RadioSet).query(RadioButton):
            if button.name == side:
                button.value = True

    def action_save(self) -> None:
        side = self.query_one("#sore-side", RadioSet).pressed_button
        train = self.query_one("#train", RadioSet).pressed_button
        self.dismiss((_side(side.name if side else None), _train(train.name if train else None)))


def _side(name: str | None) -> SoreSide:
    return "left" if name == "left" else "both" if name == "both" else "right"


def _train(name: str | None) -> TrainLegs:
    return "sore_only" if name == "sore_only" else "both"
