"""`achilles plan`: print the next prescription and the reasons for it (or the same as JSON)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "plan", parents=[common], help="show the next session's prescription and why"
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        type=_when,
        help="plan as of this date (YYYY-MM-DD) or moment (YYYY-MM-DDTHH:MM); default now",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(run=run)


def _when(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
    if len(text) == 10:
        value = value.replace(hour=12)
    return value if value.tzinfo else value.astimezone()


def run(args: argparse.Namespace) -> int:
    from session.progression import prescribe
    from store import Store
    from tui.clock import local_now
    from tui.commands.common import ProgramError, data_dir_from, fail, program_from

    try:
        program = program_from(args)
    except ProgramError as exc:
        return fail(str(exc), 2)
    with Store.open(data_dir_from(args), write=False) as store:
        for notice in store.notices:
            print(f"note: {notice}")
        sessions, checkins = store.summaries(), store.checkins()
    now = args.on or local_now()
    rx = prescribe(program, sessions, checkins, now)
    if args.json:
        print(json.dumps(rx.model_dump(mode="json"), indent=2))
        return 0
    print(f"Next session: {rx.label}  (circuit {rx.circuit}, {rx.dose} per leg)")
    for ex_id in rx.exercises:
        ex = program.exercise(ex_id)
        print(f"  - {ex.name}: {ex.how_to}")
    if rx.earliest_start and now < rx.earliest_start:
        when = rx.earliest_start.astimezone(now.tzinfo).strftime("%a %d %b %H:%M")
        print(f"Not before: {when}")
    print("Why:")
    for reason in rx.reasons:
        print(f"  {reason}")
    return 0
