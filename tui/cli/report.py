"""`achilles report`: a one-page summary for your physio, as Markdown or as a self-contained page.

achilles report                       # Markdown on the terminal
achilles report --out report.md       # Markdown file (tables)
achilles report --out report.html     # HTML file with a pain chart; open it, print it, send it

An existing file is replaced only with --force; links, FIFOs and devices are written through, never
replaced (tui.cli.output).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report",
        parents=[common],
        help="a one-page summary for your physio (Markdown, or HTML with a chart)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        type=_out,
        help="write to FILE.md or FILE.html instead of printing Markdown",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=run)


def _out(text: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() not in FORMATS:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the file name must end in .md or .html (that chooses the format)"
        )
    return path


def run(args: argparse.Namespace) -> int:
    from report.physio import html, markdown
    from tui.cli.common import fail, open_coach
    from tui.cli.output import OutputError, write_output

    with open_coach(args) as coach:
        report = coach.report()
    out: Path | None = args.out
    if out is None:
        print(markdown(report), end="")
        return 0
    text = html(report) if FORMATS[out.suffix.lower()] == "html" else markdown(report)
    try:
        where = write_output(out, text.encode("utf-8"), force=args.force)
    except OutputError as exc:
        return fail(str(exc))
    print(f"Wrote the report {where}.")
    return 0
