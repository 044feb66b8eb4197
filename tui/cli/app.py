"""Running the workout app itself (what `achilles` with no command does)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    # Textual is imported here, not at the top: every other command runs without it.
    from tui.app import make_app

    app = make_app(
        data_dir=args.data_dir,
        program=args.program,
        strength=getattr(args, "strength", None),
        no_voice=args.no_voice,
        refuse_damaged=args.refuse_damaged,
        time_scale=args.time_scale,
    )
    try:
        app.run()
    finally:
        app.services.close()
    return app.return_code or 0
