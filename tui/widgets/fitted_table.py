"""A table whose columns all fit the window: the wordy ones wrap onto more rows instead.

Textual's DataTable sizes each column to its longest cell and scrolls sideways when they do not
fit; a number scrolled out of sight is a number not read. `fill` gives each column its longest
cell, then narrows the columns named in `wrap`, in turn and down to their narrowest, until the
table fits the width it is given (a cell of padding either side of each column and room for the
scrollbars counted); rows grow to the lines their cells need. Cells are plain text (never markup:
names and notes come from files and from the runner).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

SCROLLBARS = 4
"""Columns kept for the scrollbars: the screen's and the table's own (two each)."""


def widths(
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int | None,
    wrap: Sequence[tuple[int, int]],
) -> list[int]:
    """Each column's width: its longest cell (or head), then the columns of `wrap` (index,
    narrowest) narrowed in turn until all fit `width` (None: as they come)."""
    found = [max([len(head), *(len(row[i]) for row in rows)]) for i, head in enumerate(heads)]
    if width is None:
        return found
    for column, narrowest in wrap:
        over = sum(found) + 2 * len(heads) + SCROLLBARS - width
        if over > 0:
            found[column] = max(min(narrowest, found[column]), found[column] - over)
    return found


def fill(
    table: DataTable[Text],
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    width: int | None = None,
    wrap: Sequence[tuple[int, int]] = (),
) -> None:
    """Fill `table` anew (columns too) with `rows` under `heads`, fitted to `width`."""
    table.clear(columns=True)
    for head, column_width in zip(heads, widths(heads, rows, width, wrap), strict=True):
        table.add_column(head, width=column_width)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row), height=None)
