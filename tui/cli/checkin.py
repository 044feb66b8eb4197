"""`achilles checkin`: the next-morning check-in, asked question by question or given as options.

    achilles checkin                               # asks: pain 0-10, stiffness minutes, a note
    achilles checkin --pain 2 --stiffness 10 --note "tight on the stairs"
    achilles checkin --on 2025-05-27 --pain 3      # for the morning of that day (not a future one)
    achilles checkin --on 2025-05-27T21:30 --pain 3 --morning n

A check-in is about a morning. When the time leaves it open (at night, or after a session that
day), it asks which morning it is for; with `--pain` given, `--morning` answers that question, and
without it the command fails naming the choices. A future day is refused (exit 2). A wrong answer
is explained and asked again; nothing is saved until every answer is good. After saving it says
how the morning compares with your usual, the red flags when the morning calls for them, and what
that does to the next session.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from session.checkin import CheckInResult, MorningChoice, WhichMorning

T = TypeVar("T")
USAGE = 2
"""The exit status of an answer that cannot be used (as argparse's own)."""


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
        type=day_or_moment,
        help="the morning of DATE (YYYY-MM-DD), or an entry made at YYYY-MM-DDTHH:MM, instead "
        "of now; never a day still to come",
    )
    p.add_argument(
        "--morning",
        metavar="KEY",
        help="which morning it is about, when the time leaves it open (the choices are named)",
    )
    p.set_defaults(run=run)


def day_or_moment(text: str) -> dt.date | dt.datetime:
    """YYYY-MM-DD names a morning; YYYY-MM-DDTHH:MM is a moment, local unless it says."""
    value = text.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (use YYYY-MM-DD, or YYYY-MM-DDTHH:MM)"
        ) from None
    return moment if moment.tzinfo else moment.astimezone()


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
    from session.checkin import AnswerError
    from tui.cli.common import CommandError, fail, open_coach

    # The history is opened (and a bad program file named) before any question: a runner
    # learns that another achilles is recording before typing the answers, not after.
    with open_coach(args, write=True, failing="Nothing was saved.") as coach:
        try:
            which = coach.checkin_form(args.on).which
            choice = _which_morning(which, args)
            if which.ambiguous and choice is None:
                return 0  # not a morning: the choice's words said so
            pain, stiffness, note = _answers(args)
            result = coach.check_in(pain, stiffness, note, which=which, choice=choice)
        except AnswerError as exc:
            raise CommandError(f"{exc} Nothing was saved.", USAGE) from None
        except (EOFError, KeyboardInterrupt):
            print()
            return fail("check-in abandoned: nothing was saved.")
    if result is not None:
        print_result(result)
    return 0


def _which_morning(which: WhichMorning, args: argparse.Namespace) -> MorningChoice | None:
    """The answer to "which morning?" when the time leaves it open (--morning, or asked), else
    None. A "not a morning" answer prints why nothing is saved and returns None too."""
    from session.checkin import AnswerError

    if which.notice:
        print(which.notice)
    if not which.ambiguous:
        if args.morning is not None:
            day = f"{which.day:%a %d %b}" if which.day else "it"
            print(
                f"achilles: note: --morning is not needed: this is the morning of {day}.",
                file=sys.stderr,
            )
        return None
    keys = ", ".join(c.key for c in which.choices)
    if args.morning is not None:
        choice = which.choose(args.morning)
    elif args.pain is not None:
        options = "; ".join(f"{c.key}: {c.label}" for c in which.choices)
        raise AnswerError(
            f"{which.question} Answer with --morning {keys.replace(', ', '|')} ({options})."
        )
    else:
        print(which.question)
        for c in which.choices:
            print(f"  {c.key}  {c.label}")
        choice = _ask(f"Answer {keys}: ", which.choose)
    if choice.day is None:
        print(choice.label)
        return None
    return choice


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
    if result.see_clinician and result.red_flags:
        print()
        print(f"RED FLAGS: {result.program.red_flags.heading}")
        for sign in result.red_flags:
            print(f"  - {sign}")
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
