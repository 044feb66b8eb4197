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
    import sys

    if app.services.demo_of is not None:
        from tui.coach.demo import demo_farewell

        print(f"achilles: {demo_farewell(app.services.data_dir)}", file=sys.stderr)
    if app.services.unsaved is not None:
        print(f"achilles: {app.services.unsaved}", file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0
