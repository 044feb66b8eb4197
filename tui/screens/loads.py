"""The loads of today's calf raises: the proposal for each exercise, and what the runner will
really lift (their backpack may hold less). A question screen: Enter returns the loads
(exercise id -> kg added), Escape returns None (not started).

Loads move by the program's step and stay within what the records accept. The sets keep the load
chosen here, and the load rules step from it next time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Static

from session.strength.load import kg, stance_words
from session.strength.records import MAX_LOAD
from tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from tui.coach.part1 import PartOneToday


class LoadScreen(ModalScreen["dict[str, float] | None"]):
    """Set today's load of each calf raise, then start."""

    DEFAULT_CSS = """
    LoadScreen { align: center middle; }
    #loads { width: 90%; max-width: 100; height: auto; max-height: 95%;
             border: thick $accent; background: $surface; padding: 0 1; }
    #loads-title { text-style: bold; }
    .load-row { height: auto; padding: 1 0 0 0; }
    .load-row.-chosen { background: $accent 20%; }
    .load-name { text-style: bold; }
    .load-value { text-style: bold; color: $success; padding: 0 0 0 3; }
    .load-why { color: $text-muted; padding: 0 0 0 3; }
    #loads-keys { padding: 1 0 0 0; color: $text-muted; }
    """

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("plus,equals_sign", "change(1)", "Heavier", key_display="+"),
        Binding("minus", "change(-1)", "Lighter", key_display="-"),
        Binding("down,j", "move(1)", "Next exercise", key_display="↓"),
        Binding("up,k", "move(-1)", "Previous", key_display="↑", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, part1: PartOneToday) -> None:
        super().__init__()
        self.part1 = part1
        self.loads: dict[str, float] = {p.exercise: p.load_kg for p in part1.prescription.loads}
        self.chosen = 0

    def compose(self) -> ComposeResult:
        rx = self.part1.prescription
        with VerticalScroll(id="loads"):
            yield Static(
                f"Calf raises today: {rx.dose} (week {rx.week}). Set what you will lift.",
                id="loads-title",
                markup=False,
            )
            for n, proposal in enumerate(rx.loads):
                with Vertical(classes="load-row", id=f"load-{n}"):
                    yield Static("", classes="load-name", markup=False)
                    yield Static("", classes="load-value", markup=False)
                    yield Static(" ".join(proposal.reasons), classes="load-why", markup=False)
            step = kg(self.part1.program, self.part1.program.load.step)
            yield Static(
                f"↑ ↓ choose an exercise · + and - change its load by {step} · "
                "Enter starts · Esc goes back",
                id="loads-keys",
                markup=False,
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        program = self.part1.program
        for n, proposal in enumerate(self.part1.prescription.loads):
            row = self.query_one(f"#load-{n}", Vertical)
            row.set_class(n == self.chosen, "-chosen")
            name = program.exercise(proposal.exercise).name
            mark = "▶ " if n == self.chosen else "  "
            row.query_one(".load-name", Static).update(
                f"{mark}{n + 1}. {name} · {stance_words(proposal.stance)}"
            )
            load = self.loads[proposal.exercise]
            note = (
                "proposed"
                if load == proposal.load_kg
                else f"proposed: {kg(program, proposal.load_kg)}"
            )
            row.query_one(".load-value", Static).update(f"{kg(program, load)}  ({note})")

    def on_click(self, event: Click) -> None:
        """A tap on an exercise chooses it (a phone has no arrow keys)."""
        for n in range(len(self.part1.prescription.loads)):
            row = self.query_one(f"#load-{n}", Vertical)
            if event.widget is row or (event.widget is not None and row in event.widget.ancestors):
                self.chosen = n
                self._show()
                return

    def action_move(self, delta: int) -> None:
        self.chosen = (self.chosen + delta) % len(self.part1.prescription.loads)
        self._show()
        self.query_one(f"#load-{self.chosen}", Vertical).scroll_visible()

    def action_change(self, steps: int) -> None:
        exercise = self.part1.prescription.loads[self.chosen].exercise
        moved = self.part1.program.load.moved(self.loads[exercise], steps)
        self.loads[exercise] = min(moved, MAX_LOAD)
        self._show()

    def action_start(self) -> None:
        self.dismiss(dict(self.loads))

    def action_back(self) -> None:
        self.dismiss(None)
