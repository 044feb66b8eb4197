"""`achilles serve`: the coach in a browser, so a phone can be the screen and the remote.

    achilles serve                  # http://127.0.0.1:8421/ on this machine only
    achilles serve --lan            # on the local network, behind a secret link and its QR code

Each page runs its own app process here (the voice plays on this machine); only one records.
"""

from __future__ import annotations

import argparse
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


def run(args: argparse.Namespace) -> int:
    from tui.web.launch import serve

    return serve(args)
