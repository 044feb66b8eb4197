"""`achilles plan`: print the next session's prescription and the reasons for it (or as JSON)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tui.cli.common import moment, open_coach


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "plan", parents=[common], help="show the next session's prescription and why"
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        type=moment(default_hour=12),
        help="plan as of this date (YYYY-MM-DD) or moment (YYYY-MM-DDTHH:MM); default now",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_coach(args) as coach:
        program = coach.program
        now = args.on or coach.now()
        rx = coach.next_session(now)
    if args.json:
        print(json.dumps(rx.model_dump(mode="json"), indent=2))
        return 0
    # The label (program data) names the circuit and the dose already: say only what it leaves
    # out, the circuit's character and that the dose is per leg.
    sets = f"{rx.sets} set{'s' if rx.sets > 1 else ''} of {rx.reps} reps"
    print(f"Next session: {rx.label}")
    print(f"{program.circuit(rx.circuit).name} · {sets} of each exercise, on each leg.")
    for n, ex_id in enumerate(rx.exercises, start=1):
        ex = program.exercise(ex_id)
        print(f"  {n}. {ex.name}: {ex.how_to}")
    if rx.earliest_start and now < rx.earliest_start:
        when = rx.earliest_start.astimezone(now.tzinfo).strftime("%a %d %b at %H:%M")
        print(f"Rest day: not before {when} (the tendon needs its rest between sessions).")
    print("Why:")
    for reason in rx.reasons:
        print(f"  {reason}")
    return 0
