"""Parsing the return-to-speed data file from text, with errors naming the file, field and value.

Pure: reading the file is the caller's job (store.speed_program_file reads the shipped one).
The calming measures are not in this file: they are the program's one list, handed in.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence

from pydantic import ValidationError

from session.program import CalmingMeasure, ProgramError
from session.running.speed_program import SpeedProgram


class SpeedProgramError(ProgramError):
    """A return-to-speed file that cannot be used; the message names file, field and value.

    A ProgramError: the app and the commands treat it as they treat a bad program file."""


def _field_path(loc: Sequence[int | str], data: object) -> str:
    """pydantic's location as `ladder.steps[2] (id 'short_hills').kinds[1]`, so a physio finds it.

    Union members pydantic adds to the location (the item's `kind`) are left out.
    """
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item + 1}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and "id" in node:
                    label += f" (id {node['id']!r})"
            parts.append(label)
        elif isinstance(node, dict) and item in node:
            parts.append(("." if parts else "") + item)
            node = node[item]
        elif isinstance(node, dict) and node.get("kind") == item:
            continue  # the discriminated union's tag, not a field of the file
        else:
            parts.append(("." if parts else "") + item)
            node = None
    return "".join(parts)


def parse_speed_program(
    text: str,
    measures: Sequence[CalmingMeasure],
    source: str = "return_to_speed.toml",
) -> SpeedProgram:
    """Parse and check the return-to-speed TOML text, with the program's calming `measures`.

    Raises SpeedProgramError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpeedProgramError(f"{source}: not valid TOML: {exc}") from None
    if "calming_measures" in data:
        raise SpeedProgramError(
            f"{source}: calming_measures: the calming measures are listed once, in the program "
            "file (program.toml, [[calming_measures]]); take them out of this file."
        )
    try:
        return SpeedProgram.model_validate({**data, "calming_measures": tuple(measures)})
    except ValidationError as exc:
        lines = [f"{source}: {exc.error_count()} problem(s):"]
        for err in exc.errors():
            where = _field_path(tuple(err["loc"]), data) or "(top level)"
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] in ("missing", "value_error"):
                lines.append(f"  - {where}: {msg}")
            else:
                lines.append(f"  - {where}: {msg} (got {err.get('input')!r})")
        raise SpeedProgramError("\n".join(lines)) from None
