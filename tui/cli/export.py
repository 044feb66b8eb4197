"""`achilles export`: the history as CSV (one row per set per leg) or JSON (everything), for a
physio's spreadsheet or a backup. Read-only: works while the app is running in another terminal.

    achilles export --format csv --out sets.csv
    achilles export --format csv --table runs --out runs.csv   # or tests, scores
    achilles export --format json > backup.json     # restore with `achilles import backup.json`
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
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from store.atomic import write_atomic
    from tui.cli.common import data_dir_from, fail, open_coach

    with open_coach(args) as coach:
        export = coach.export(args.format, args.table)
    data_dir = data_dir_from(args)
    if not data_dir.exists():
        print(f"achilles: note: there is no history in {data_dir} yet.", file=sys.stderr)
    if args.out:
        out = Path(args.out)
        try:
            write_atomic(out, export.text.encode("utf-8"))
        except OSError as exc:
            return fail(f"cannot write {out}: {exc.strerror or exc}")
        print(f"Exported {export.sessions} {export.what} as {args.format.upper()} to {out}.")
        return 0
    try:
        sys.stdout.write(export.text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `achilles export | head`: the reader left, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
