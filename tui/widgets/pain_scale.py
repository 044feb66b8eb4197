"""The 0-10 pain scale with the program's zones coloured and labelled, keyed 0-9 and t for 10."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from session.program import PainZone

CELL_WIDTH = 6
"""Columns per rating: 5 for the cell, 1 between cells (11 cells fit in 80 columns)."""

TEN_KEY = "t"
"""One key for 10: the digit keys cover 0-9."""


def key_for(rating: int) -> str:
    return TEN_KEY if rating == 10 else str(rating)


class PainScale(Horizontal):
    """Eleven cells in three coloured zones (safe / acceptable / too much), each with its key."""

    def __init__(self, zones: tuple[PainZone, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zones = zones

    def compose(self) -> ComposeResult:
        for zone in self.zones:
            box = Vertical(classes=f"zone zone-{zone.id}")
            box.styles.width = (zone.high - zone.low + 1) * CELL_WIDTH
            with box:
                yield Static(zone.label.upper(), classes="zone-label")
                with Horizontal(classes="zone-cells"):
                    for rating in range(zone.low, zone.high + 1):
                        key = key_for(rating)
                        text = f"{rating}" if key == str(rating) else f"{rating}\n({key})"
                        yield Static(text, classes="pain-cell")
