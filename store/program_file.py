"""Reading the program definition: the shipped seed program, or a physio's own file."""

from __future__ import annotations

from pathlib import Path

from assets import PROGRAM_FILE
from session.program import Program, ProgramError, parse_program


def load_program(path: Path | None = None) -> Program:
    """Load and validate a program file (the shipped one by default). Raises ProgramError."""
    if path is None:
        return parse_program(PROGRAM_FILE.read_text(encoding="utf-8"), source=str(PROGRAM_FILE))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramError(f"{path}: cannot read the program file: {exc}") from None
    return parse_program(text, source=str(path))
