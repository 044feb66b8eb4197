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
from pathlib import Path

OPEN_ELSEWHERE = (
    "The coach is already open on another page (another phone, tab or browser), and only one "
    "can record a session at a time. Close it there, or finish the session there."
)


def busy_reason(data_dir: Path) -> str | None:
    """Why the coach cannot record in `data_dir` now (another process holds the store's lock)."""
    from store.errors import StoreError
    from store.locking import acquire
    from store.schema import LOCK_FILE

    if not (data_dir / LOCK_FILE).exists():  # the holder of a lock creates its file
        return None
    try:
        acquire(data_dir).release()
    except StoreError as exc:
        return str(exc)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui.web.child")
    parser.add_argument("--busy", action="store_true")
    parser.add_argument("achilles", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    options = args.achilles[1:] if args.achilles[:1] == ["--"] else args.achilles
    from tui.cli import build_parser
    from tui.cli import main as achilles

    app_args = build_parser().parse_args(options)
    from tui.commands.common import data_dir_from

    data_dir = data_dir_from(app_args)
    reason = OPEN_ELSEWHERE if args.busy else busy_reason(data_dir)
    if reason is None:
        return achilles(options)
    from tui.web.notice import NoticeApp

    NoticeApp(reason, data_dir).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
