"""The `achilles` command line: the workout app by default, subcommands beside it."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tui.commands import COMMAND_MODULES


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be above 0")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where your history lives (default: $ACHILLES_DATA_DIR, else your user data folder)",
    )
    common.add_argument(
        "--program", metavar="FILE", help="a program file to use instead of the shipped one"
    )
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
        module = importlib.import_module(f"tui.commands.{name}")
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        from tui.commands.app import run_app

        return run_app(args)
    result: int = run(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
