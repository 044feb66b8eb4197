"""Part 1 in Settings: on or off, and how each calf raise is done (both legs, or one at a time).

A part of the settings form: it shows the runner's `StrengthSettings` and reads back the edited
ones; the settings screen saves them with the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label, RadioButton, RadioSet, Static, Switch

if TYPE_CHECKING:
    from session.strength.program import StrengthProgram
    from session.strength.records import StrengthSettings

STANCE_LABELS = {"both": "Both legs together", "single": "One leg at a time"}
EXPLAINED = (
    "Part 1 of the program is slow heavy calf raises (3 s up, 3 s down), done before the hops. "
    "Turn it off if you do them elsewhere, at a gym: the hops then go on exactly as before."
)


class PartOneSettings(Vertical):
    """The part-1 switch and a stance for each calf raise that offers a choice."""

    DEFAULT_CSS = """
    PartOneSettings { height: auto; }
    PartOneSettings .part1-note { color: $text-muted; }
    """

    def __init__(self, settings: StrengthSettings, program: StrengthProgram) -> None:
        super().__init__(id="part1-settings")
        self.settings = settings
        self.program = program

    def compose(self) -> ComposeResult:
        with Horizontal(classes="setting-row"):
            yield Label("Part 1: calf raises before the hops")
            yield Switch(value=self.settings.enabled, id="part1-enabled")
        yield Static(EXPLAINED, classes="part1-note", markup=False)
        for exercise in self.program.exercises:
            if len(exercise.stances) < 2:
                continue
            yield Label(exercise.name, markup=False)
            chosen = self.settings.stance_for(exercise)
            with RadioSet(id=f"stance-{exercise.id}"):
                for stance in exercise.stances:
                    label = STANCE_LABELS[stance]
                    yield RadioButton(label, value=stance == chosen, name=stance)

    def read(self) -> StrengthSettings:
        """The part-1 settings as edited (a stance that is the program's default is not kept)."""
        stances = dict(self.settings.stances)
        for exercise in self.program.exercises:
            found = self.query(f"#stance-{exercise.id}")
            if not found:
                continue
            pressed = found.only_one(RadioSet).pressed_button
            if pressed is None or pressed.name is None:
                continue
            chosen = next((st for st in exercise.stances if st == pressed.name), None)
            if chosen is None or chosen == exercise.stance:
                stances.pop(exercise.id, None)
            else:
                stances[exercise.id] = chosen
        enabled = self.query_one("#part1-enabled", Switch).value
        return self.settings.model_copy(update={"enabled": enabled, "stances": stances})
