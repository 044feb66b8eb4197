"""`achilles plan`: print the next session's prescription and the reasons for it (or as JSON):
part 1's calf raises with their loads when the session holds them, then the circuit."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from tui.cli.common import moment, open_coach

if TYPE_CHECKING:
    from session.combined import PartOneToday


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
        nxt = coach.next_day(now)
    rx, part1 = nxt.prescription, nxt.part1
    if args.json:
        data = rx.model_dump(mode="json")
        data["parts"] = list(nxt.plan.parts)
        if part1 is not None:
            data["part1"] = part1.prescription.model_dump(mode="json")
        print(json.dumps(data, indent=2))
        return 0
    if part1 is not None:
        print_part1(part1)
    if "plyometrics" not in nxt.plan.parts:
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
    for reason in dict.fromkeys((*nxt.plan.reasons, *rx.reasons)):  # each once
        print(f"  {reason}")
    return 0


def print_part1(part1: PartOneToday) -> None:
    """Part 1 of the next session: the week's dose, each calf raise's load, and why."""
    from session.strength.load import kg, stance_words

    rx, strength = part1.prescription, part1.program
    week = f"week {rx.week}"
    label = rx.label if week in rx.label.lower() else f"{rx.label}  ({week})"  # the week once
    print(f"Part 1, calf raises: {label}")
    for proposal in rx.loads:
        name = strength.exercise(proposal.exercise).name
        load = kg(strength, proposal.load_kg)
        print(f"  - {name}, {stance_words(proposal.stance)}: {load}")
        for reason in proposal.reasons:
            print(f"      {reason}")
    for reason in rx.reasons:
        print(f"  {reason}")
