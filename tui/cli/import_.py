"""`achilles import FILE.json`: bring back a JSON export (`achilles export --format json`).

The whole file is checked before anything is written: a bad file changes nothing, and the message
names the record and the field. Records are checked against the present (nothing in the future),
their own time order and the program (its exercises and circuits). What is added is then staged
and committed together: a full disk adds nothing. Sessions already here (same id) and check-ins
of a day already checked in are skipped, so importing the same file twice adds nothing the second
time. Settings are restored only if none were saved yet. Exit 2 for an unusable file, 1 if the
history cannot be opened for writing (e.g. achilles is running in another terminal).
"""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="bring back a JSON export into your history (nothing is added twice)",
        description="Add the sessions, check-ins and settings of a JSON export to your history. "
        "The file is checked first: a bad file changes nothing.",
    )
    p.add_argument("file", metavar="FILE.json", help="a file written by `achilles export`")
    p.set_defaults(run=run)


MAX_BYTES = 512 * 1024 * 1024
"""Twenty times ten years of history at four times the program's most (about 26 MB): anything
larger is not an export, and is refused before it fills the memory."""


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from store import ImportRejected
    from tui.cli.common import fail, open_coach

    path = Path(args.file).expanduser()
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        return fail(f"cannot read {path}: {exc.strerror or exc}", 2)
    if len(raw) > MAX_BYTES:
        return fail(
            f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB: not an achilles export. "
            "Nothing was imported.",
            2,
        )
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        return fail(f"{path} is not a JSON export (it is not UTF-8 text). Nothing was imported.", 2)
    except json.JSONDecodeError as err:
        return fail(
            f"{path} is not valid JSON ({err.msg} at line {err.lineno}, column {err.colno}). "
            "Nothing was imported.",
            2,
        )
    except RecursionError:
        return fail(
            f"{path} is nested far too deeply to be an achilles export. Nothing was imported.", 2
        )
    except ValueError as err:  # e.g. a number with more digits than Python converts
        return fail(f"{path} is not valid JSON ({err}). Nothing was imported.", 2)
    with open_coach(args, write=True) as coach:
        try:
            result = coach.import_history(data)
        except ImportRejected as exc:
            return fail(f"{path}: {exc}", 2)
    print(result.summary())
    return 0
