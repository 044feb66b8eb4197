"""`achilles export`: the history as CSV (one row per set per leg) or JSON (everything), for a
physio's spreadsheet or a backup. Read-only: works while the app is running in another terminal.

    achilles export --format csv --out sets.csv
    achilles export --format csv --table runs --out runs.csv   # or tests, scores
    achilles export --format json > backup.json     # restore with `achilles import backup.json`

`--out` never replaces an existing file without `--force`, writes through links, FIFOs and
devices without replacing them (tui.cli.output). A history file that could not be read (damaged,
or a link to a drive not connected) is named, and the export then exits 1: it lacks those records.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export",
        parents=[common],
        help="write your history as CSV (for a spreadsheet) or JSON (a full backup)",
        description="Write your history as CSV (one row per set per leg; or per run, test or "
        "score) or JSON (sessions, check-ins, settings, runs, tests and scores, for "
        "`achilles import`). Read-only.",
    )
    p.add_argument(
        "--format",
        choices=("csv", "json"),
        default="json",
        help="csv: one row per set per leg; json: the full history (default)",
    )
    p.add_argument(
        "--table",
        choices=("sets", "runs", "tests", "scores"),
        default="sets",
        help="with csv: one row per set per leg (default), per run, per test result, or per "
        "questionnaire score",
    )
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen (stdout)")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from tui.cli.common import data_dir_from, fail, open_coach
    from tui.cli.output import OutputError, write_output

    with open_coach(args) as coach:
        export = coach.export(args.format, args.table)
    data_dir = data_dir_from(args)
    if not data_dir.exists():
        print(f"achilles: note: there is no history in {data_dir} yet.", file=sys.stderr)
    out = Path(args.out).expanduser() if args.out else Path("-")
    try:
        where = write_output(out, export.text.encode("utf-8"), force=args.force)
    except OutputError as exc:
        return fail(str(exc))
    except BrokenPipeError:  # e.g. `achilles export | head`: the reader left, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if args.out and where != "to standard output":
        print(f"Exported {export.sessions} {export.what} as {args.format.upper()} {where}.")
    if export.missing:
        lines = "\n".join(f"  - {m}" for m in export.missing)
        return fail(
            f"the export is incomplete: it lacks the records of these files, which could not "
            f"be read (they were left as they are):\n{lines}"
        )
    return 0
