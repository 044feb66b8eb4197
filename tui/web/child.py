"""The command textual-serve runs for each browser page: the coach, or the notice that it is busy.

    python -m tui.web.child [--busy] -- ACHILLES_OPTIONS...

`--busy`: the server already has a page recording, so this page shows the notice. Otherwise the
store's lock is tried first: held by an `achilles` elsewhere, the notice says so in words (the
coach itself would only exit, and the page would go dead). Free, the coach starts as `achilles`
would, with the same options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.web.busy import OPEN_ELSEWHERE, busy_reason


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.web.child")
    parser.add_argument("--busy", action="store_true")
    parser.add_argument("achilles", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    options = args.achilles[1:] if args.achilles[:1] == ["--"] else args.achilles
    from tui.cli.main import build_parser
    from tui.cli.main import main as achilles

    app_args = build_parser().parse_args(options)
    from tui.cli.common import data_dir_from

    data_dir = data_dir_from(app_args)
    reason = OPEN_ELSEWHERE if args.busy else busy_reason(data_dir)
    if reason is None:
        return achilles(options)
    from tui.web.notice import NoticeApp

    NoticeApp(reason, data_dir).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
