"""The count after a leg of a hop test: how many hops were pain-free, or how many side hops.

A question screen that knows nothing of its opener: it returns the count (0 to `most`), or None
when the runner asks to stop the test instead. A wrong entry is explained in place; nothing is
sent until it is a whole number in range.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.big_text import BigText
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.number_input import NumberInput


def parse_count(text: str, most: int) -> int:
    """A count typed by the runner; ValueError with a message fit to show."""
    value = text.strip()
    if not value.isdigit():
        raise ValueError(f"{value!r} is not a count: type a whole number from 0 to {most}.")
    n = int(value)
    if n > most:
        raise ValueError(f"{n} is more than the test counts: type 0 to {most}.")
    return n


class CountScreen(ModalScreen[int | None]):
    """Dismisses with the count, or None (x: stop the test for pain)."""

    CSS_PATH = "trial.tcss"

    BINDINGS = [
        Binding("enter", "done", "Save count", show=False),
        Binding("x", "stop", "Ouch: stop"),
    ]

    def __init__(self, question: str, leg: str, most: int) -> None:
        super().__init__()
        self.question = question
        self.leg = leg
        self.most = most

    def compose(self) -> ComposeResult:
        with Vertical(id="count-box"):
            yield BigText(f"{self.leg} leg", id="count-leg")
            yield Static(self.question, id="count-question", markup=False)
            yield NumberInput(placeholder=f"0-{self.most}", max_length=4, id="count-input")
            yield Static("", id="count-error")
            yield Static("Type the number, then Enter.", id="count-keys")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#count-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        field = self.query_one("#count-input", Input)
        try:
            count = parse_count(field.value, self.most)
        except ValueError as exc:
            self.query_one("#count-error", Static).update(str(exc))
            return
        self.dismiss(count)

    def action_stop(self) -> None:
        self.dismiss(None)
