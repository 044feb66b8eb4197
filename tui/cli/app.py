"""Running the workout app itself (what `achilles` with no command does)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    from tui.app import AchillesApp
    from tui.services import make_services

    services = make_services(
        data_dir=args.data_dir,
        program=args.program,
        no_voice=args.no_voice,
        refuse_damaged=args.refuse_damaged,
        time_scale=args.time_scale,
    )
    app = AchillesApp(services)
    try:
        app.run()
    finally:
        services.close()
    return app.return_code or 0
