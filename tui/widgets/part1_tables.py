"""Part 1's sets as a table (the summary, a session's detail) and the next session's part 1 in
words: each set's exercise, number, load, reps and pain; each exercise's next load and why.

Texts from the program file are plain (never markup): the table cells are `rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

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
    none added). Filled anew each time (after a correction). With `width` (the window's), the
    names and then each leg's reps wrap onto more rows where the columns would not fit (60
    columns): no column is cut off."""
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
    widths = fitted(COLUMNS, rows, width)
    table.clear(columns=True)
    for head, column_width in zip(COLUMNS, widths, strict=True):
        table.add_column(head, width=column_width)
    for row in rows:
        table.add_row(*map(Text, row), height=None)


WRAPPED = ((0, 12), (3, 11))
"""The columns that may wrap, in turn, and their narrowest: the name, then the reps."""


def fitted(heads: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None) -> list[int]:
    """Each column's width: its longest cell, narrowed (see `WRAPPED`) until the table fits
    `width` columns with a cell of padding either side of each and two for a scrollbar."""
    widths = [max([len(head), *(len(row[i]) for row in rows)]) for i, head in enumerate(heads)]
    if width is None:
        return widths
    for column, narrowest in WRAPPED:
        over = sum(widths) + 2 * len(heads) + 2 - width
        if over > 0:
            widths[column] = max(narrowest, widths[column] - over)
    return widths


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


def fill_history(table: DataTable[Text], review: PartOneReview) -> None:
    """Part 1 in the history: a row per exercise of each session, newest first."""
    from session.strength.summary import COLUMNS as HISTORY_COLUMNS
    from session.strength.summary import cells

    table.clear(columns=True)
    table.add_columns(*HISTORY_COLUMNS)
    for row in review.rows:
        table.add_row(*(Text(cell) for cell in cells(review.program, row)))
    if not review.rows:
        table.add_row(Text("No calf raises yet."), *(Text("") for _ in HISTORY_COLUMNS[1:]))
