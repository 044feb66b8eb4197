"""Plain-English validation errors: which record, which field, what was wrong, what was found.

Turns pydantic's location `("sessions", 3, "sets", 1, "pain")` into
`sessions[4] (id '20240101-0700-0003').sets[2].pain`, so a runner or a helper can find the record.
Indexes are shown 1-based; TinyDB document numbers are shown as they are in the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError

_MAX_INPUT = 60


def _label(node: object) -> str:
    """How to name a record: by its id, or a check-in by its day."""
    if isinstance(node, dict):
        if "id" in node:
            return f" (id {node['id']!r})"
        if "day" in node:
            return f" (day {node['day']})"
    return ""


def field_path(loc: Sequence[int | str], data: object) -> str:
    """Render a pydantic location against the data that was validated."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            node = node[item] if isinstance(node, list) and 0 <= item < len(node) else None
            parts.append(f"[{item + 1}]{_label(node)}")
        elif isinstance(node, dict) and item.isdigit() and parts:
            node = node.get(item)
            parts.append(f"[document {item}]{_label(node)}")
        else:
            node = node.get(item) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "(top level)"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_INPUT else text[: _MAX_INPUT - 3] + "..."


def describe(exc: ValidationError, data: object) -> str:
    """The first problem in one line (and how many more there are)."""
    errors = exc.errors()
    first = errors[0]
    where = field_path(tuple(first["loc"]), data)
    msg = str(first["msg"]).removeprefix("Value error, ")
    text = f"{where}: {msg}"
    if first["type"] not in ("missing", "value_error", "model_type", "dict_type"):
        text += f" (got {_shown(first.get('input'))})"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text
