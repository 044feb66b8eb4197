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


HELP: dict[str, tuple[str, str]] = {
    "plan": (
        "Show the next session: its dose, its exercises, and why.",
        "achilles plan --on 2025-03-12",
    ),
    "voice": (
        "Check the voice: speak a sample and say whether it worked.",
        'achilles voice --say "Right leg. Three, two, one, go."',
    ),
    "checkin": (
        "Record this morning's Achilles pain and stiffness, and see what it means.",
        'achilles checkin --pain 2 --stiffness 10 --note "stiff on the stairs"',
    ),
    "run": (
        "Log a run, or import runs from a watch's files, under the same pain rules.",
        "achilles run --kind easy --minutes 40 --pain 2 --after 1",
    ),
    "test": (
        "Show the heel-raise and hop tests: results, symmetry and the readiness gate.",
        "achilles test side_hop --left 27 --right 30",
    ),
    "score": (
        "Answer the VISA-A-based questionnaire (every two to four weeks).",
        "achilles score",
    ),
    "history": (
        "List your sessions: dose, pain during and the next morning, status.",
        "achilles history --last 10",
    ),
    "report": (
        "Write a one-page summary for your physio (Markdown, or HTML with a chart).",
        "achilles report --out report.html",
    ),
    "export": (
        "Write your history as CSV (for a spreadsheet) or JSON (a full backup).",
        "achilles export --format csv --out sets.csv",
    ),
    "import": (
        "Bring back a JSON export into your history (nothing is added twice).",
        "achilles import backup.json",
    ),
    "serve": (
        "Open the coach in a browser (a phone on your Wi-Fi with --lan).",
        "achilles serve --lan",
    ),
}
"""Each subcommand's one line (the first of its --help) and an example (the last)."""


def _describe(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Give every subcommand its one line and its example (HELP); a subcommand's own longer
    description follows the line."""
    for name, parser in sub.choices.items():
        line, example = HELP.get(name, ("", ""))
        more = parser.description
        parser.description = f"{line} {more}" if line and more and more != line else line or more
        if example:
            parser.epilog = f"Example: {example}"


def build_parser() -> argparse.ArgumentParser:
    common = _shared_options(None)
    # A subcommand's own copy must not overwrite a value given before the subcommand.
    after_command = _shared_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="achilles",
        description="A hands-free coach for plyometric Achilles rehab. "
        "With no command: open today's session.",
        epilog="Example: achilles --data-dir ~/rehab   (then: achilles plan, achilles history)",
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
    _describe(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    run = getattr(args, "run", None)
    try:
        if run is None:
            from tui.coach.preview import PlanPreview

            # Forked first, before Textual is imported: it works out the plan meanwhile.
            preview = PlanPreview.start(args)
            from tui.cli.app import run_app

            return run_app(args, preview)
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
