"""The footer of every screen of the session: its keys, all of them down to the smallest size.

Textual's Footer with no command-palette key (a runner has no use for it, and it takes 12
columns), in its compact style under 80 columns so that every key still fits at 60.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

COMPACT_BELOW = 80
"""Columns under which the keys are drawn closer together."""


class KeysFooter(Footer):
    """The screen's keys; compact in a narrow terminal."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
