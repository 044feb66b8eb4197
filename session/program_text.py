"""The text a program file may hold: plain (no control characters) and of a bounded length.

Shared by every program file's models (`session.program`, `session.calming`,
`session.strength.program`): a terminal escape in a cue would reach the runner's terminal, and
text is shown and said as is.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field


def plain(text: str) -> str:
    """Text shown or said as is: no control character but a line break or a tab."""
    for n, char in enumerate(text):
        if (ord(char) < 32 and char not in "\n\t") or 127 <= ord(char) < 160:
            raise ValueError(
                f"holds the control character U+{ord(char):04X} at position {n + 1} (such as a "
                "terminal escape); only plain text is accepted"
            )
    return text


Id = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(plain)]
Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(plain)]
"""A name, a label, a short line (never empty)."""
Prose = Annotated[str, Field(max_length=2000), AfterValidator(plain)]
"""A sentence or a paragraph."""
