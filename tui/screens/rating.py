"""Change a rating after the session: the 0-10 scale once more, for the last set.

A question screen: it returns the new rating, or None when the runner keeps the old one (Esc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.keys_footer import KeysFooter
from tui.widgets.pain_scale import TEN_KEY, PainScale

if TYPE_CHECKING:
    from session.program import PainZone


class RatingScreen(ModalScreen[int | None]):
    """What should the last set's rating be? Dismisses with it (None: keep the old one)."""

    CSS_PATH = ["pain.tcss", "rating.tcss"]

    BINDINGS = [
        *(Binding(str(n), f"rate({n})", str(n), show=False) for n in range(10)),
        Binding(TEN_KEY, "rate(10)", "10", show=False),
        Binding("escape", "keep", "Keep it"),
    ]

    def __init__(self, zones: tuple[PainZone, ...], question: str) -> None:
        super().__init__()
        self.zones = zones
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="rating-box"):
            yield Static(self.question, id="rating-question", markup=False)
            yield Static(f"Press 0-9, or {TEN_KEY} for 10. Esc: keep it.", id="rating-keys")
            yield PainScale(self.zones, id="rating-scale")
        yield KeysFooter()

    def on_pain_scale_picked(self, message: PainScale.Picked) -> None:
        self.dismiss(message.rating)

    def action_rate(self, rating: int) -> None:
        self.dismiss(rating)

    def action_keep(self) -> None:
        self.dismiss(None)
