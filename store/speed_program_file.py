"""Reading the return-to-speed data file: the shipped one, or a physio's own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assets import SPEED_PROGRAM_FILE
from session.program import CalmingMeasure
from session.running.loader import SpeedProgramError, parse_speed_program
from session.running.speed_program import SpeedProgram


def load_speed_program(
    measures: Sequence[CalmingMeasure], path: Path | None = None
) -> SpeedProgram:
    """Load and check a return-to-speed file (the shipped one by default), with the program's
    calming `measures` (its one list). Raises SpeedProgramError naming the file."""
    if path is None:
        text = SPEED_PROGRAM_FILE.read_text(encoding="utf-8")
        return parse_speed_program(text, measures, source=str(SPEED_PROGRAM_FILE))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpeedProgramError(f"{path}: cannot read the file: {exc}") from None
    return parse_speed_program(text, measures, source=str(path))
