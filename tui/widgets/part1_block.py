"""Part 1 on Today: the calf raises of the session, each with its stance, load and why.

One widget, filled from `PartOneWords` (`tui.coach.today_words`), so the Today screen only
mounts it and tells it what to show. Every text from the program file is plain (never markup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.coach.today_words import PartOneWords


class PartOneBlock(Vertical):
    """The calf raises of today's session, a line each; hidden when the session holds none."""

    DEFAULT_CSS = """
    PartOneBlock { height: auto; padding: 0 1 1 1; }
    PartOneBlock .part1-heading { text-style: bold; color: $accent; }
    PartOneBlock .part1-load { padding: 0 0 0 2; }
    """

    _shown: PartOneWords | None = None

    def show(self, words: PartOneWords | None) -> None:
        if words == self._shown and self.children:
            return  # the same words again (the preview's, then the history's): nothing to redo
        self._shown = words
        self.remove_children()
        self.display = words is not None
        if words is None:
            return
        self.mount(Static(words.heading, classes="part1-heading", markup=False))
        self.mount_all(Static(line, classes="part1-load", markup=False) for line in words.lines)
