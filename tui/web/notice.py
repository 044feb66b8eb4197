"""The page shown instead of the coach while it records elsewhere: words, then the coach itself.

It says why in plain words, checks the store's lock every couple of seconds, and once it has been
free twice in a row reloads the page, which then opens the coach (a page that is still busy gets
this notice again).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

CHECK_EVERY = 2.0
"""Seconds between looks at the lock."""


class NoticeApp(App[None]):
    """A single screen: the coach is busy elsewhere; this page opens it once it is free."""

    TITLE = "achilles-coach"
    CSS = """
    Screen { align: center middle; }
    #notice { width: 100%; max-width: 72; height: auto; padding: 1 2; border: thick $warning; }
    #notice-title { text-style: bold; color: $warning; }
    #notice-text, #notice-wait { margin: 1 0 0 0; }
    #notice-wait { color: $text-muted; }
    """
    BINDINGS = [Binding("r", "check", "Check now"), Binding("ctrl+q,ctrl+c", "quit", "Quit")]

    def __init__(self, reason: str, data_dir: Path) -> None:
        super().__init__()
        self.reason = reason
        self.data_dir = data_dir
        self._free_checks = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="notice"):
            yield Static("Already running", id="notice-title")
            yield Static(self.reason, id="notice-text", markup=False)
            yield Static(
                "This page opens the coach by itself as soon as the other one is closed.",
                id="notice-wait",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(CHECK_EVERY, self.action_check)

    def action_check(self) -> None:
        from tui.web.busy import busy_reason

        if busy_reason(self.data_dir) is None:
            self._free_checks += 1
        else:
            self._free_checks = 0
        if self._free_checks >= 2:
            self.open_url("/", new_tab=False)
