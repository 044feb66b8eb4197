"""Plain-English validation errors: which record, which field, what was wrong, what was found.

Turns pydantic's location `("sessions", 3, "sets", 1, "pain")` into
`sessions[4] (id '20240101-0700-0003').sets[2].pain`, so a runner or a helper can find the record.
Indexes are shown 1-based; TinyDB document numbers are shown as they are in the file.
"""

from __future__ import annotations

import reprlib
from collections.abc import Sequence

from pydantic import ValidationError

from session.records import EARLIEST, LATEST

_MAX_INPUT = 60
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxstring, _REPR.maxother, _REPR.maxlong = 3, _MAX_INPUT, _MAX_INPUT, 40


def record_label(node: object) -> str:
    """How to name a record: by its id, or a check-in by its day."""
    if isinstance(node, dict):
        if "id" in node:
            return f" (id {_shown(node['id'])})"
        if "day" in node:
            day = node["day"]
            return f" (day {day if isinstance(day, str) and len(day) <= 20 else _shown(day)})"
    return ""


def field_path(loc: Sequence[int | str], data: object, prefix: str = "") -> str:
    """Render a pydantic location against the data that was validated (found under `prefix`,
    e.g. "sessions", when that data is one list of a file)."""
    parts: list[str] = [prefix] if prefix else []
    node = data
    for item in loc:
        if isinstance(item, int):
            node = node[item] if isinstance(node, list) and 0 <= item < len(node) else None
            parts.append(f"[{item + 1}]{record_label(node)}")
        elif isinstance(node, dict) and item.isdigit() and parts:
            node = node.get(item)
            parts.append(f"[document {item}]{record_label(node)}")
        else:
            node = node.get(item) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "(top level)"


def _shown(value: object) -> str:
    # reprlib: bounded, and safe for a value nested a thousand levels deep.
    text = _REPR.repr(value)
    return text if len(text) <= _MAX_INPUT else text[: _MAX_INPUT - 3] + "..."


_RANGE = (
    f"outside the dates achilles accepts ({EARLIEST.year} to {LATEST.year - 1}): check the year"
)
_PLAIN = "holds a control character (such as a terminal escape); only plain text is accepted"


def _message(error: dict[str, object]) -> str:
    """pydantic's message, in the words of this app where its own would be obscure."""
    kind, ctx = error["type"], error.get("ctx")
    if kind == "string_pattern_mismatch":
        return _PLAIN
    if kind in ("greater_than_equal", "less_than") and isinstance(ctx, dict):
        bound = str(ctx.get("ge", ctx.get("lt")))
        if bound.startswith((EARLIEST.date().isoformat(), LATEST.date().isoformat())):
            return _RANGE
    return str(error["msg"]).removeprefix("Value error, ")


def describe(exc: ValidationError, data: object, prefix: str = "") -> str:
    """The first problem in one line (and how many more there are)."""
    errors = exc.errors()
    first = errors[0]
    where = field_path(tuple(first["loc"]), data, prefix)
    text = f"{where}: {_message(dict(first))}"
    if first["type"] not in ("missing", "value_error", "model_type", "dict_type"):
        text += f" (got {_shown(first.get('input'))})"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text
