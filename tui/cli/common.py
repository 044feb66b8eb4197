"""What the subcommands share: the coach on the history, dates, plain errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only for types: `achilles` imports this module at start-up, before anything heavy.
    from session.program import Program
    from tui.coach.coach import Coach


def fail(message: str, code: int = 1) -> int:
    print(f"achilles: {message}", file=sys.stderr)
    return code


class CommandError(Exception):
    """A command cannot go on: `main` prints the message plainly and exits with `code`."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def open_coach(
    args: argparse.Namespace, *, write: bool = False, failing: str = ""
) -> Iterator[Coach]:
    """The coach on the history of --data-dir and the program of --program, for one command.

    Read-only by default: no lock is taken, so it works beside a running app. Notices about the
    history (a damaged file, an upgrade) go to stderr first. A problem with the history or the
    program file raises CommandError (the program file's exits 2), naming the file, the field and
    the value; `failing` is added to a history problem's message (e.g. "Nothing was saved.").
    """
    from session.program import ProgramError
    from store import StoreError
    from store.paths import resolve_data_dir
    from tui.coach.coach import Coach

    path = getattr(args, "program", None)
    strength = getattr(args, "strength", None)
    try:
        with Coach.open(
            resolve_data_dir(getattr(args, "data_dir", None)),
            program_path=Path(path) if path else None,
            strength_path=Path(strength) if strength else None,
            write=write,
        ) as coach:
            for notice in coach.notices:
                print(f"achilles: note: {notice}", file=sys.stderr)
            yield coach
    except ProgramError as exc:
        raise CommandError(str(exc), 2) from None
    except StoreError as exc:
        raise CommandError(f"{exc} {failing}".strip()) from None


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


__all__ = ["CommandError", "data_dir_from", "fail", "moment", "open_coach"]
