"""The 0-10 pain scale with the program's zones coloured and labelled, keyed 0-9 and t for 10."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from session.program import PainZone

TEN_KEY = "t"
"""One key for 10: the digit keys cover 0-9."""


def key_for(rating: int) -> str:
    return TEN_KEY if rating == 10 else str(rating)


class PainCell(Static):
    """One rating: a click or a tap on it picks it (the scale is a touch target in a browser)."""

    def __init__(self, text: str, rating: int) -> None:
        super().__init__(text, classes="pain-cell")
        self.rating = rating

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(PainScale.Picked(self.rating))


class PainScale(Horizontal):
    """Eleven cells in three coloured zones (safe / acceptable / too much), each with its key."""

    class Picked(Message):
        """A rating was clicked or tapped."""

        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, zones: tuple[PainZone, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zones = zones

    def compose(self) -> ComposeResult:
        for zone in self.zones:
            # As wide as its cells (`width: auto` in pain.tcss), so phone.tcss can restack it.
            with Vertical(classes=f"zone zone-{zone.id}"):
                yield Static(zone.label.upper(), classes="zone-label", markup=False)
                with Horizontal(classes="zone-cells"):
                    for rating in range(zone.low, zone.high + 1):
                        key = key_for(rating)
                        text = f"{rating}" if key == str(rating) else f"{rating}\n({key})"
                        yield PainCell(text, rating)
