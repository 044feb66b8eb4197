"""Today's back-to-speed-work block: the run rule, the gate, the ladder, weaning, the score due.

It shows the lines the coach composed (tui.coach.running.RunningToday.lines) and never decides
anything; plain text (never markup: the words come from data files and the runner's notes).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static


class SpeedPanel(Static):
    """A bordered list of plain lines; hidden until it has some."""

    DEFAULT_CSS = """
    SpeedPanel {
        border: round $accent 60%;
        border-title-color: $accent;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
        margin: 1 0 0 0;
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False, classes="hidden")
        self.border_title = "Back to speed work"
        self.border_subtitle = "l: log a run · t: tests"

    def show(self, lines: Sequence[str]) -> None:
        self.update("\n".join(f"• {line}" for line in lines))
        self.set_class(not lines, "hidden")
