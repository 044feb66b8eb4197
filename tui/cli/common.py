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
    history (a damaged file, an upgrade) go to stderr first. With --refuse-damaged a damaged or
    unreadable data file stops the command instead (nothing is moved aside). A problem with the
    history or the program file raises CommandError (the program file's exits 2), naming the
    file, the field and the value; `failing` is added to a history problem's message (e.g.
    "Nothing was saved.").
    """
    from session.program import ProgramError
    from store import StoreError
    from tui.coach.coach import Coach

    path = getattr(args, "program", None)
    strength = getattr(args, "strength", None)
    try:
        with Coach.open(
            data_dir_from(args),
            program_path=Path(path) if path else None,
            strength_path=Path(strength) if strength else None,
            write=write,
            on_corrupt="refuse" if getattr(args, "refuse_damaged", False) else "move_aside",
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


def history_dir_from(args: argparse.Namespace) -> Path:
    """The runner's data folder: --data-dir, else its default (whatever --time-scale says)."""
    from store.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def data_dir_from(args: argparse.Namespace) -> Path:
    """The data folder the command works on: the history's, or its demo folder with --time-scale
    (a demo run's records are kept apart from the history: store.paths). Pass on
    `history_dir_from` to a process that is given --time-scale too: it finds the demo itself."""
    from store.paths import demo_dir

    data_dir = history_dir_from(args)
    return demo_dir(data_dir) if getattr(args, "time_scale", 1.0) != 1.0 else data_dir


def moment(default_hour: int) -> Callable[[str], dt.datetime]:
    """An argparse type for YYYY-MM-DD (at `default_hour`, local time) or YYYY-MM-DDTHH:MM."""

    def parse(text: str) -> dt.datetime:
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
        if len(text) == 10:
            value = value.replace(hour=default_hour)
        value = value if value.tzinfo else value.astimezone()
        from session.records import EARLIEST, LATEST

        if not EARLIEST <= value < LATEST:
            raise argparse.ArgumentTypeError(
                f"{text!r} is outside the dates achilles accepts "
                f"({EARLIEST.year} to {LATEST.year - 1}): check the year"
            )
        return value

    return parse


__all__ = ["CommandError", "data_dir_from", "fail", "history_dir_from", "moment", "open_coach"]
