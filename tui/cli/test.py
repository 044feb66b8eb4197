"""`achilles test`: the functional tests (heel raises, ten hops, side hops): the latest results,
their symmetry and where the readiness gate stands; or a result entered by hand.

    achilles test                                  # the tests and the gate
    achilles test heel_raise --left 25 --right 21  # a test done without the voice
    achilles test side_hop                         # asks each leg's count

The tests coached by voice (the metronome, the counted hops, the 30 s timed by voice) are in the
app: press t on Today.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from session.records import Leg
    from session.running.speed_program import TestKind
    from tui.coach.coach import Coach

KINDS = ("heel_raise", "hop_count", "side_hop")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is below 0")
    return value


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "test",
        parents=[common],
        help="the heel-raise and hop tests: results, symmetry, the gate; or enter a result",
        description="Or enter a result by hand (a test's name and each leg's count). The "
        "tests coached by voice are in the app (t on Today).",
    )
    p.add_argument("kind", nargs="?", choices=KINDS, help="the test to enter a result for")
    p.add_argument("--left", type=_count, metavar="N", help="the left leg's count")
    p.add_argument("--right", type=_count, metavar="N", help="the right leg's count")
    p.add_argument("--note", default="", metavar="TEXT", help="a short note")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from session.running.functional import ResultError
    from tui.cli.common import fail, open_coach

    with open_coach(args, write=args.kind is not None, failing="Nothing was saved.") as coach:
        coach.speed_program  # noqa: B018 (read now: a bad program file is named first)
        if args.kind is None:
            print_overview(coach)
            return 0
        try:
            counts = _counts(coach, args)
            saved = coach.enter_result(args.kind, counts, args.note)
        except (EOFError, KeyboardInterrupt):
            print()
            return fail("test abandoned: nothing was saved.")
        except ResultError as exc:
            return fail(f"{exc} Nothing was saved.", 2)
        name = coach.speed_program.tests.name(args.kind)
        print(f"Saved your {name.lower()} result: {_legs(saved.result.left, saved.result.right)}.")
        if saved.symmetry is not None:
            print(f"Symmetry: sore side {saved.symmetry.lsi:.0f}% of the other side.")
        if saved.gate is not None:
            mark = "met" if saved.gate.met else "not met yet"
            print(f"Gate, {saved.gate.title.lower()}: {mark}. {saved.gate.detail}")
    return 0


def _counts(coach: Coach, args: argparse.Namespace) -> dict[Leg, int]:
    if args.left is not None or args.right is not None:
        given = {"left": args.left, "right": args.right}
        return {leg: n for leg, n in given.items() if n is not None}  # type: ignore[misc]
    kind: TestKind = args.kind
    most = coach.speed_program.tests.most(kind)
    counts: dict[Leg, int] = {}
    legs: tuple[Leg, ...] = ("left", "right")
    for leg in legs:
        n = _ask_count(f"{leg.capitalize()} leg, 0 to {most} (Enter if not tested): ", most)
        if n is not None:
            counts[leg] = n
    return counts


def _ask_count(prompt: str, most: int) -> int | None:
    while True:
        text = input(prompt).strip()
        if not text:
            return None
        if text.isdigit() and int(text) <= most:
            return int(text)
        print(f"  {text!r} is not a count from 0 to {most}.")


def _legs(left: int | None, right: int | None) -> str:
    parts = [f"{leg} {n}" for leg, n in (("left", left), ("right", right)) if n is not None]
    return ", ".join(parts)


def print_overview(coach: Coach) -> None:
    overview = coach.tests_overview()
    tz = coach.now().tzinfo
    for line in overview.lines:
        print(f"{line.name}")
        if line.latest is None:
            print("  No result yet.")
        else:
            day = line.latest.recorded_at.astimezone(tz)
            sym = f" ({line.symmetry.lsi:.0f}%)" if line.symmetry is not None else ""
            print(f"  {day:%a %d %b %Y}: {_legs(line.latest.left, line.latest.right)}{sym}")
        if line.gate is not None:
            print(f"  Gate: {'met' if line.gate.met else 'missing'}. {line.gate.detail}")
    print(overview.questionnaire.words)
