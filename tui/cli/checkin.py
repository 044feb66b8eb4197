"""`achilles checkin`: the next-morning check-in, asked question by question or given as options.

    achilles checkin                               # asks: pain 0-10, stiffness minutes, a note
    achilles checkin --pain 2 --stiffness 10 --note "tight on the stairs"

A wrong answer is explained and asked again; nothing is saved until every answer is good. After
saving it says how the morning compares with your normal and what that does to the next session.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tui.cli.common import moment

if TYPE_CHECKING:
    from session.checkin import CheckInResult

T = TypeVar("T")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "checkin",
        parents=[common],
        help="record this morning's Achilles pain (and stiffness), and see what it means",
        description="Record this morning's Achilles pain. With no options, asks for each answer.",
    )
    p.add_argument("--pain", metavar="N", type=_answer("pain"), help="morning pain, 0-10")
    p.add_argument(
        "--stiffness", metavar="MIN", type=_answer("stiffness"), help="minutes of stiffness"
    )
    p.add_argument("--note", metavar="TEXT", type=_answer("note"), help="a short note")
    p.add_argument(
        "--on",
        metavar="DATE",
        type=_on,
        help="record it for this morning (YYYY-MM-DD or YYYY-MM-DDTHH:MM) instead of now",
    )
    p.set_defaults(run=run)


def _on(text: str) -> dt.datetime:
    """--on: a day (its morning, read at 07:00) or a moment that has come, 2000 to 2099."""
    value = moment(default_hour=7)(text)
    now = dt.datetime.now().astimezone()
    if value.date() > now.date() or (len(text) > 10 and value > now + dt.timedelta(minutes=1)):
        raise argparse.ArgumentTypeError(
            f"{text!r} has not come yet: a check-in is about a morning that has happened"
        )
    return value


def _answer(kind: str) -> Callable[[str], object]:
    def parse(text: str) -> object:
        from session.checkin import AnswerError, parse_note, parse_pain, parse_stiffness

        parser = {"pain": parse_pain, "stiffness": parse_stiffness, "note": parse_note}[kind]
        try:
            return parser(text)
        except AnswerError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = kind
    return parse


def _ask(prompt: str, parse: Callable[[str], T]) -> T:
    """Ask until the answer parses; EOF or Ctrl-C abandons the whole check-in."""
    from session.checkin import AnswerError

    while True:
        text = input(prompt)
        try:
            return parse(text)
        except AnswerError as exc:
            print(f"  {exc}")


def run(args: argparse.Namespace) -> int:
    from tui.cli.common import fail, open_coach

    # The history is opened (and a bad program file named) before any question: a runner
    # learns that another achilles is recording before typing the answers, not after.
    with open_coach(args, write=True, failing="Nothing was saved.") as coach:
        coach.program  # noqa: B018 (read now: a bad program file is named first)
        try:
            pain, stiffness, note = _answers(args)
        except (EOFError, KeyboardInterrupt):
            print()
            return fail("check-in abandoned: nothing was saved.")
        from session.checkin import AnswerError

        try:
            result = coach.check_in(pain, stiffness, note, now=args.on)
        except AnswerError as exc:
            return fail(f"{exc} Nothing was saved.", 2)
    print_result(result)
    return 0


def _answers(args: argparse.Namespace) -> tuple[int, int | None, str]:
    """The answers given as options, the others asked one by one."""
    from session.checkin import parse_note, parse_pain, parse_stiffness

    if args.pain is not None:
        return args.pain, args.stiffness, args.note or ""
    pain = _ask("Morning Achilles pain, 0-10: ", parse_pain)
    stiffness = (
        args.stiffness
        if args.stiffness is not None
        else _ask("Minutes of morning stiffness (Enter to skip): ", parse_stiffness)
    )
    note = args.note if args.note is not None else _ask("Note (Enter to skip): ", parse_note)
    return pain, stiffness, note


def print_result(result: CheckInResult) -> None:
    from session.checkin import TEMPORARY_FOOTNOTE, TEMPORARY_HEADING

    day = result.checkin.day.strftime("%a %d %b")
    replaced = " (it replaces the earlier one)" if result.replaces is not None else ""
    print(f"Saved the check-in of {day}{replaced}.")
    print(result.verdict())
    if result.flare and result.calming:
        print()
        print(f"TEMPORARY: {TEMPORARY_HEADING}")
        for measure in result.calming:
            print(f"  - {measure}")
        print(TEMPORARY_FOOTNOTE)
    print()
    print(result.effect())
    for reason in result.after.reasons:
        print(f"  {reason}")
