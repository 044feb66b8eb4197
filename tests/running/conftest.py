"""The app rigs of the workout tests (a real store in tmp_path, a recording voice, a manual or
fast clock), for the back-to-speed-work screens."""

from tests.tui.conftest import make_rig

__all__ = ["make_rig"]
