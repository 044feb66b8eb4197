"""The app rigs of the TUI tests, for part 1's tests through the real app."""

from tests.tui.conftest import make_rig

__all__ = ["make_rig"]
