"""Data the app ships: the program definition. Found at run time, also from an installed wheel."""

from importlib.resources import files
from importlib.resources.abc import Traversable

PROGRAM_FILE: Traversable = files(__name__) / "program.toml"
"""The seed program: circuits, exercises, the dose ladder, pain zones, timing and spoken words."""

SPEED_PROGRAM_FILE: Traversable = files(__name__) / "return_to_speed.toml"
"""Back to speed work: run rules, weaning, the readiness gate, the return ladder, tests, outcome."""

STRENGTH_FILE: Traversable = files(__name__) / "strength.toml"
"""Part 1, heavy slow calf raises: tempo, rest, load steps, the dose by week, exercises, words."""
