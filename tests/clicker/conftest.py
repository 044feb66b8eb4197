"""The app rigs of tests/tui (a real store in tmp_path, the shipped program, a recording voice)."""

from tests.tui.conftest import make_rig

__all__ = ["make_rig"]
