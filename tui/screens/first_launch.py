"""First launch: which Achilles is sore, and whether to train both legs or the sore side only.

A question screen: it returns the two answers (`sore side`, `legs to train`) to whoever asked;
Today saves them as settings (changeable later in Settings) and says what it saved.

Nothing is chosen for the runner: the sore side starts with no choice at all (a preselected side
saved by a hasty Enter would train the wrong leg first and put the wrong side in the physio's
report). What is highlighted is what Enter saves, and a line under the questions says it in
words before it is saved. The legs question starts on its recommended answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    # Types only: Today imports this screen before its first frame, the models load after it.
    from session.records import Settings, SoreSide, TrainLegs

SIDES = (("left", "Left"), ("right", "Right"), ("both", "Both"))
TRAIN = (("both", "Both legs (recommended)"), ("sore_only", "The sore side only"))
NO_SIDE_YET = "Choose the sore side first: the arrow keys, or l, r or b."


def choice_words(side: SoreSide, train: TrainLegs) -> str:
    """What the choice means, in the runner's words: `left Achilles sore; both legs, left first`."""
    sore = "both Achilles sore" if side == "both" else f"{side} Achilles sore"
    if train == "sore_only" and side != "both":
        return f"{sore}; the sessions train the {side} leg only"
    first = "left" if side == "both" else side
    return f"{sore}; the sessions train both legs, {first} first"


def saved_words(settings: Settings) -> str:
    """The notice after saving: what was saved and where to change it."""
    assert settings.sore_side is not None
    words = choice_words(settings.sore_side, settings.train)
    return f"Saved: {words}. Change it in Settings (s)."


class FirstLaunchScreen(Screen[tuple["SoreSide", "TrainLegs"]]):
    """Two questions; dismissed with the answers."""

    CSS_PATH = "setup.tcss"

    BINDINGS = [
        Binding("l", "side('left')", "Left"),
        Binding("r", "side('right')", "Right"),
        Binding("b", "side('both')", "Both"),
        # Not a priority binding: Enter goes to the focused list after the arrow keys before it
        # (a priority binding would run before a quick Down had moved the highlight), and the
        # list's "selected" message saves.
        Binding("enter", "save", "Save and go on"),
    ]

    _pointing = False
    """The last input was the mouse (or a tap), not a key."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="first-launch"):
            yield Static("Welcome. Two questions before the first session.", classes="heading")
            yield Static("Which Achilles is sore?  (arrow keys, or l / r / b)")
            sides = OptionList(*(Option(label, id=value) for value, label in SIDES), id="sore-side")
            sides.highlighted = None  # OptionList highlights its first option when made
            yield sides
            yield Static("Which legs should the sessions train?  (Tab, then the arrow keys)")
            train = OptionList(*(Option(label, id=value) for value, label in TRAIN), id="train")
            train.highlighted = 0  # the recommended answer
            yield train
            yield Static(NO_SIDE_YET, id="first-launch-choice", markup=False)
            yield Static(
                "Training both legs keeps them even; the sore side always goes first.",
                classes="hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#sore-side", OptionList).focus()

    def on_option_list_option_highlighted(self) -> None:
        self._show_choice()

    def on_mouse_down(self) -> None:
        self._pointing = True  # a click picks an answer; saving is Enter (or the footer's key)

    def on_key(self) -> None:
        self._pointing = False

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        """Enter on an answer saves what is highlighted; a click only picks it."""
        if self._pointing:
            self._show_choice()
        else:
            self.action_save()

    def _chosen(self) -> tuple[SoreSide | None, TrainLegs]:
        side = self.query_one("#sore-side", OptionList).highlighted_option
        train = self.query_one("#train", OptionList).highlighted_option
        return _side(side.id if side else None), _train(train.id if train else None)

    def _show_choice(self) -> None:
        side, train = self._chosen()
        line = self.query_one("#first-launch-choice", Static)
        if side is None:
            line.update(NO_SIDE_YET)
        else:
            line.update(f"Enter saves: {choice_words(side, train)}.")
        line.set_class(side is None, "-missing")

    def action_side(self, side: str) -> None:
        sides = self.query_one("#sore-side", OptionList)
        sides.highlighted = [value for value, _ in SIDES].index(side)
        sides.focus()

    def action_save(self) -> None:
        side, train = self._chosen()
        if side is None:
            self._show_choice()
            self.query_one("#sore-side", OptionList).focus()
            self.app.bell()
            return
        self.dismiss((side, train))


def _side(name: str | None) -> SoreSide | None:
    if name == "left":
        return "left"
    if name == "right":
        return "right"
    return "both" if name == "both" else None


def _train(name: str | None) -> TrainLegs:
    return "sore_only" if name == "sore_only" else "both"
