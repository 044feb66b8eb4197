"""Part 1's sets as a table (the summary, a session's detail) and the next session's part 1 in
words: each set's exercise, number, load, reps and pain; each exercise's next load and why.

Texts from the program file are plain (never markup): the table cells are `rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from tui.widgets import fitted_table

if TYPE_CHECKING:
    from session.program import Program
    from session.strength.program import StrengthProgram
    from session.strength.records import StrengthPart, StrengthSet
    from tui.coach.part1 import PartOneReview, PartOneToday

COLUMNS = ("Calf raise", "Set", "Load", "Reps", "Pain")


def exercise_name(strength: StrengthProgram, exercise: str) -> str:
    try:
        return strength.exercise(exercise).name
    except KeyError:  # dropped from the program since: its id stands in
        return exercise


def reps(s: StrengthSet) -> str:
    """ "15/15", or each leg's: "15/15 right, 12/15 left"."""
    if len(s.legs) == 1 and s.legs[0].side == "both":
        leg = s.legs[0]
        return f"{leg.reps_done}/{leg.reps_target}"
    return ", ".join(f"{leg.reps_done}/{leg.reps_target} {leg.side}" for leg in s.legs)


def pain(program: Program, s: StrengthSet) -> str:
    return "-" if s.pain is None else f"{s.pain} {program.zone_for(s.pain).label}"


def fill(
    table: DataTable[Text],
    program: Program,
    strength: StrengthProgram,
    part: StrengthPart,
    width: int | None = None,
) -> None:
    """Part 1's sets, a row each, in the order they were done (the load as a number, "0 kg" for
    none added). Filled anew each time (after a correction). With `width` (the room there is),
    the names and then each leg's reps wrap rather than push a column out of sight."""
    rows: list[tuple[str, ...]] = [
        (
            exercise_name(strength, s.exercise),
            f"{s.set_index}/{s.sets_total}{' short' if not s.all_reps else ''}",
            f"{s.load_kg:g} {strength.load.unit}",
            reps(s),
            pain(program, s),
        )
        for s in part.sets
    ]
    if not part.sets:
        rows = [("No calf-raise set was finished.", *("" for _ in COLUMNS[1:]))]
    fitted_table.fill(table, COLUMNS, rows, width=width, wrap=((0, 12), (3, 11)))


def next_words(part1: PartOneToday) -> list[str]:
    """Part 1 of the next session: its dose, and each exercise's load with the reason for it."""
    from session.strength.load import kg

    rx = part1.prescription
    lines = [f"Part 1 next time: {rx.dose} (week {rx.week})"]
    for proposal in rx.loads:
        name = exercise_name(part1.program, proposal.exercise)
        why = proposal.reasons[-1] if proposal.reasons else ""
        lines.append(f"{name}: {kg(part1.program, proposal.load_kg)}. {why}")
    return lines


def fill_history(table: DataTable[Text], review: PartOneReview, width: int | None = None) -> None:
    """Part 1 in the history: a row per exercise of each session, newest first; with `width`,
    the exercise's name, the load, the date and the week wrap (in that order) rather than push
    the reps or the pain out of sight."""
    from session.strength.summary import COLUMNS as HISTORY_COLUMNS
    from session.strength.summary import cells

    rows = [cells(review.program, row) for row in review.rows]
    if not review.rows:
        rows = [("No calf raises yet.", *("" for _ in HISTORY_COLUMNS[1:]))]
    wrap = ((2, 10), (3, 8), (0, 6), (1, 6))  # "Wed 02 / Dec 26", "W1 / 3x15RM"
    fitted_table.fill(table, HISTORY_COLUMNS, rows, width=width, wrap=wrap)
