"""The `achilles` command line: the workout app by default, subcommands beside it."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from tui.cli import COMMAND_MODULES
from tui.cli.common import CommandError


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be above 0")
    return value


def _shared_options(default: object) -> argparse.ArgumentParser:
    """--data-dir, --program, --strength and --refuse-damaged, accepted before or after the
    subcommand."""
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where your history lives (default: $ACHILLES_DATA_DIR, else your user data folder)",
    )
    shared.add_argument(
        "--program",
        metavar="FILE",
        default=default,
        help="a program file to use instead of the shipped one",
    )
    shared.add_argument(
        "--strength",
        metavar="FILE",
        default=default,
        help="a part-1 (calf raises) program file to use instead of the shipped strength.toml",
    )
    shared.add_argument(
        "--refuse-damaged",
        action="store_true",
        default=False if default is None else default,
        help="stop if a data file is damaged or unreadable, instead of moving it aside (or "
        "leaving it out) and going on without it",
    )
    return shared


def build_parser() -> argparse.ArgumentParser:
    common = _shared_options(None)
    # A subcommand's own copy must not overwrite a value given before the subcommand.
    after_command = _shared_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="achilles",
        description="A hands-free coach for plyometric Achilles rehab. "
        "With no command: open today's session.",
        parents=[common],
    )
    parser.add_argument("--no-voice", action="store_true", help="captions only, no speech")
    parser.add_argument(
        "--time-scale",
        type=_positive,
        default=1.0,
        metavar="N",
        help="run every timer N times faster (for demos and tests)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"tui.cli.{name}")
        module.register(sub, after_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = getattr(args, "run", None)
    try:
        if run is None:
            from tui.cli.app import run_app

            return run_app(args)
        result: int = run(args)
        return result
    except CommandError as exc:
        print(f"achilles: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error. Silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
