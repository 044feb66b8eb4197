"""Reading part 1's program (the calf raises): the shipped strength.toml, or a physio's own."""

from __future__ import annotations

from pathlib import Path

from assets import STRENGTH_FILE
from session.program import ProgramError
from session.strength.program import StrengthProgram, parse_strength


def load_strength(path: Path | None = None) -> StrengthProgram:
    """Load and validate a strength-program file (the shipped one by default). Raises
    ProgramError naming the file, the field and the value."""
    if path is None:
        text = STRENGTH_FILE.read_text(encoding="utf-8")
        return parse_strength(text, source=str(STRENGTH_FILE))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramError(f"{path}: cannot read the strength program file: {exc}") from None
    return parse_strength(text, source=str(path))
