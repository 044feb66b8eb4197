"""Part 1 on Today: the calf raises of the session, each with its stance, load and why.

One widget, filled from the coach's `PartOneToday`, so the Today screen only mounts it and tells
it what to show. Every text from the program file is plain (never markup). It imports no model
at load time: Today's first frame comes before them (bench/startup.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from session.strength.records import LoadProposal
    from tui.coach.part1 import PartOneToday

CHANGE_WORDS = {"start": "to start", "up": "up a step", "hold": "same as last time", "down": "down"}


def load_line(part1: PartOneToday, proposal: LoadProposal) -> str:
    """ "both legs · 12.5 kg (up a step)"."""
    from session.strength.load import kg, stance_words  # the models load after the first frame

    load = kg(part1.program, proposal.load_kg)
    return f"{stance_words(proposal.stance)} · {load} ({CHANGE_WORDS[proposal.change]})"


def heading(part1: PartOneToday) -> str:
    rx = part1.prescription
    when = "first" if part1.parts[0] == "strength" else "after the circuit"
    if len(part1.parts) == 1:
        when = "today"
    tempo = part1.program.tempo
    return (
        f"Calf raises {when}: {rx.dose}, week {rx.week} · each rep {tempo.lift_seconds:g} s up, "
        f"{tempo.lower_seconds:g} s down"
    )


def reasons(part1: PartOneToday) -> list[str]:
    """Why this week and these loads, each load's reasons named by its exercise."""
    found = list(part1.prescription.reasons)
    loads = part1.prescription.loads
    every = [r for r in loads[0].reasons if all(r in p.reasons for p in loads)]
    for proposal in loads:
        name = part1.program.exercise(proposal.exercise).name
        for reason in proposal.reasons:
            if reason not in every:
                found.append(reason if reason.startswith(name) else f"{name}: {reason}")
    return found + every  # a reason true of every exercise, once


class PartOneBlock(Vertical):
    """The calf raises of today's session, a line each; hidden when the session holds none."""

    DEFAULT_CSS = """
    PartOneBlock { height: auto; padding: 0 1 1 1; }
    PartOneBlock .part1-heading { text-style: bold; color: $accent; }
    PartOneBlock .part1-load { padding: 0 0 0 2; }
    """

    def show(self, part1: PartOneToday | None) -> None:
        self.remove_children()
        self.display = part1 is not None
        if part1 is None:
            return
        self.mount(Static(heading(part1), classes="part1-heading", markup=False))
        for n, proposal in enumerate(part1.prescription.loads, start=1):
            exercise = part1.program.exercise(proposal.exercise)
            line = f"{n}. {exercise.name} · {load_line(part1, proposal)}"
            self.mount(Static(line, classes="part1-load", markup=False))
