"""The QR code of the phone's link, drawn in the terminal with half blocks (two modules a cell).

Dark modules are drawn black on white whatever the terminal's theme (a scanner needs dark on
light with a quiet zone around); without colours (output not a terminal) the blocks alone, which
read as dark-on-light in a light terminal and are still a faithful copy of the code.
"""

from __future__ import annotations

from collections.abc import Iterator

import segno

_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
_BLACK_ON_WHITE = "\x1b[38;2;0;0;0;48;2;255;255;255m"
_RESET = "\x1b[0m"
QUIET_ZONE = 4
"""Light modules around the code, as the QR standard asks."""


def modules(text: str) -> list[list[bool]]:
    """The code's modules (True: dark), quiet zone included."""
    code = segno.make(text, error="m", micro=False)
    return [[bool(bit) for bit in row] for row in code.matrix_iter(border=QUIET_ZONE)]


def qr_lines(text: str, *, colour: bool) -> list[str]:
    """The code as lines of text, two module rows per line."""
    rows = modules(text)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [_line(top, bottom, colour) for top, bottom in _pairs(rows)]


def _pairs(rows: list[list[bool]]) -> Iterator[tuple[list[bool], list[bool]]]:
    for n in range(0, len(rows), 2):
        yield rows[n], rows[n + 1]


def _line(top: list[bool], bottom: list[bool], colour: bool) -> str:
    cells = "".join(_BLOCKS[pair] for pair in zip(top, bottom, strict=True))
    return f"{_BLACK_ON_WHITE}{cells}{_RESET}" if colour else cells


def read_back(lines: list[str]) -> list[list[bool]]:
    """The modules that printed lines show (colours stripped): the inverse of `qr_lines`."""
    import re

    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]
    upper = {block: pair[0] for pair, block in _BLOCKS.items()}
    lower = {block: pair[1] for pair, block in _BLOCKS.items()}
    rows: list[list[bool]] = []
    for line in plain:
        rows.append([upper[c] for c in line])
        rows.append([lower[c] for c in line])
    return rows
