"""Starting `achilles serve` from its command-line options: check, print the links, serve."""

from __future__ import annotations

import argparse
import asyncio
import logging
import socket
import sys

from tui.cli.common import fail, history_dir_from
from tui.cli.serve import app_options
from tui.web.addresses import lan_addresses, link
from tui.web.guard import Guard
from tui.web.qr import qr_lines
from tui.web.server import CoachServer, run

LOCAL_HOST = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"


def serve(args: argparse.Namespace) -> int:
    """Serve until interrupted. `achilles serve` has checked the program file already."""
    data_dir = history_dir_from(args)  # each page's app, given --time-scale too, finds its demo
    host = ALL_INTERFACES if args.lan else LOCAL_HOST
    try:
        sock = socket.create_server((host, args.port))
    except OSError as exc:
        return fail(f"cannot listen on port {args.port}: {exc.strerror or exc}. Try --port N.")
    port = int(sock.getsockname()[1])
    guard = Guard.lan() if args.lan else Guard.local(port)
    server = CoachServer(app_options(args, data_dir), guard=guard, host=host, port=port)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    with sock:
        asyncio.run(run(server, sock, ready=lambda: print_links(port, guard.token)))
    return 0


def print_links(port: int, token: str | None) -> None:
    if token is None:
        print("achilles-coach is served on this machine only. Open in a browser here:")
        print(f"  {link(LOCAL_HOST, port)}")
    else:
        addresses = lan_addresses()
        print("achilles-coach is served on your local network. On the phone, scan the code")
        print("or open:")
        for address in addresses or ["127.0.0.1"]:
            print(f"  {link(address, port, token)}")
        print()
        if addresses:
            for line in qr_lines(link(addresses[0], port, token), colour=sys.stdout.isatty()):
                print(f"  {line}")
        else:
            print("This machine has no network address yet: connect it to the Wi-Fi first.")
        print()
        print("Anyone on this network with the link can use the coach while this runs; a new")
        print("link is made every time. It is plain HTTP: use it on your own network.")
    print("The voice plays on this machine. Ctrl+C stops serving (finished sets are kept).")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    """`python -m tui.web ACHILLES_OPTIONS serve [--lan] [--port N]`, as `achilles serve`
    runs it."""
    from tui.cli.main import build_parser

    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    return serve(args)
