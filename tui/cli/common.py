"""What the subcommands share: the program, a read-only look at the history, dates, plain errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only for types: `achilles` imports this module at start-up, before anything heavy.
    from session.program import Program
    from session.records import CheckIn, SessionSummary, Settings


def fail(message: str, code: int = 1) -> int:
    print(f"achilles: {message}", file=sys.stderr)
    return code


class CommandError(Exception):
    """A command cannot go on: `main` prints the message plainly and exits with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def program_from(args: argparse.Namespace) -> Program:
    """The program named by --program, else the shipped one. Raises CommandError (exit 2) with
    the program file's problem, naming the field and the value."""
    from session.program import ProgramError
    from store.program_file import load_program

    path = getattr(args, "program", None)
    try:
        return load_program(Path(path) if path else None)
    except ProgramError as exc:
        raise CommandError(str(exc), 2) from None


def data_dir_from(args: argparse.Namespace) -> Path:
    from store.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


@dataclass(frozen=True, slots=True)
class History:
    """The program and the stored history, as read-only commands see them."""

    program: Program
    settings: Settings
    sessions: list[SessionSummary]
    checkins: list[CheckIn]


def read_history(args: argparse.Namespace) -> History:
    """Load the program and read the history without taking the writer's lock (so it works
    beside a running app). Store notices go to stderr. Raises CommandError."""
    from store import Store, StoreError

    program = program_from(args)
    try:
        with Store.open(data_dir_from(args), write=False) as store:
            history = History(program, store.settings(), store.summaries(), store.checkins())
            notices = list(store.notices)
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    return history


def moment(default_hour: int) -> Callable[[str], dt.datetime]:
    """An argparse type for YYYY-MM-DD (at `default_hour`, local time) or YYYY-MM-DDTHH:MM."""

    def parse(text: str) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
        if len(text) == 10:
            value = value.replace(hour=default_hour)
        return value if value.tzinfo else value.astimezone()

    return parse


__all__ = [
    "CommandError",
    "History",
    "data_dir_from",
    "fail",
    "moment",
    "program_from",
    "read_history",
]
