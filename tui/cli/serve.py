"""`achilles serve`: the coach in a browser, so a phone can be the screen and the remote.

    achilles serve                  # http://127.0.0.1:8421/ on this machine only
    achilles serve --lan            # on the local network, behind a secret link and its QR code

Each page runs its own app process here (the voice plays on this machine); only one records.
The server itself (textual-serve, aiohttp) is `python -m tui.web`, which this command checks the
program file for and then becomes: the command line stays free of the web and of Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8421


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "serve",
        parents=[common],
        help="open the coach in a browser (a phone on your network with --lan)",
        description="Serve the coach to a web browser. The voice plays on this machine. "
        "By default only this machine can open it; --lan lets a phone on the same network "
        "open it with a secret link (printed, and as a QR code).",
    )
    p.add_argument(
        "--lan",
        action="store_true",
        help="listen on the local network too, behind a secret link made for this run",
    )
    p.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    p.set_defaults(run=run)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0-65535, not {value}")
    return value


def app_options(args: argparse.Namespace, data_dir: Path) -> list[str]:
    """The `achilles` options each page's app process gets: the same as this command's."""
    options = ["--data-dir", str(data_dir.resolve())]
    if args.program:
        options += ["--program", str(Path(args.program).resolve())]
    if args.no_voice:
        options.append("--no-voice")
    if args.refuse_damaged:
        options.append("--refuse-damaged")
    if args.time_scale != 1.0:
        options += ["--time-scale", repr(args.time_scale)]
    return options


def run(args: argparse.Namespace) -> int:
    from tui.cli.common import history_dir_from, program_from

    program_from(args)  # a bad program file is said once, here, not on every page
    # The history's folder itself: each page's app, given --time-scale too, finds its demo folder.
    options = app_options(args, history_dir_from(args))
    options += ["serve", "--port", str(args.port), *(["--lan"] if args.lan else [])]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "tui.web", *options])
