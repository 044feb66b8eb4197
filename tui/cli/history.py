"""`achilles history`: the sessions table without the app (newest first), or JSON for scripts.

achilles history               # every session
achilles history --last 10     # the ten most recent
achilles history --json        # one object per session, newest first
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from session.history import HistoryRow


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "history",
        parents=[common],
        help="list your sessions: dose, pain during, next-morning pain, status",
    )
    p.add_argument("--last", metavar="N", type=_count, help="only the N most recent sessions")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(run=run)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run(args: argparse.Namespace) -> int:
    import json

    from tui.cli.common import open_coach

    with open_coach(args) as coach:
        every = coach.history_rows()
    rows = every[: args.last] if args.last is not None else every
    if args.json:
        print(json.dumps([r.as_json() for r in rows], indent=2))
        return 0
    if not rows:
        print("No sessions yet. Start one with `achilles`.")
        return 0
    _print_table(rows, total=len(every))
    return 0


def _print_table(rows: list[HistoryRow], total: int) -> None:
    """An aligned table with rich styles (colour only on a terminal). Built as one Text: a rich
    Table measures every cell and takes seconds for ten years of sessions; this takes ~50 ms."""
    from rich.console import Console
    from rich.text import Text

    from session.history import COLUMNS, cells

    body = [cells(r) for r in rows]
    widths = [max(len(c) for c in column) for column in zip(COLUMNS, *body, strict=True)]
    right = {COLUMNS.index("Reps done")}

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    shown = f"{len(rows)} of {total}" if len(rows) < total else str(total)
    out = Text()
    out.append(f"Your sessions, newest first ({shown})\n", style="bold")
    out.append(line(COLUMNS) + "\n", style="bold underline")
    for r, values in zip(rows, body, strict=True):
        setback = r.flare or r.status == "stopped for pain"
        out.append(line(values) + "\n", style="red" if setback else "")
    Console(highlight=False).print(out, end="", soft_wrap=True)
