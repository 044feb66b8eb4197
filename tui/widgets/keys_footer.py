"""The footer of every screen of the app: its keys, all of them down to the smallest size.

Textual's Footer with no command-palette key (a runner has no use for it, and it takes 12
columns), in its compact style under 80 columns so that every key still fits at 60, and built
again only when the keys it shows change (start-up: bench/startup.py).
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widgets import Footer

COMPACT_BELOW = 80
"""Columns under which the keys are drawn closer together."""


class KeysFooter(Footer):
    """The screen's keys; compact in a narrow terminal; drawn again only when they change."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._drawn: tuple[tuple[str, str, bool], ...] | None = None

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's Footer builds all its keys again whenever the screen's bindings are
        refreshed (a focus change, a phase of the workout, a loaded plan): each time a dozen
        widgets are mounted and styled. The same keys are not drawn again."""
        keys = shown_keys(screen)
        if self._drawn is not None and keys == self._drawn:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = keys
        super().bindings_changed(screen)


def shown_keys(screen: Screen[object]) -> tuple[tuple[str, str, bool], ...]:
    """What the footer shows of a screen's bindings: key, words, enabled."""
    return tuple(
        (binding.key, binding.description, enabled)
        for _, binding, enabled, _ in screen.active_bindings.values()
        if binding.show
    )
