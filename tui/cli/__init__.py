"""The `achilles` subcommands: one module each, with `register(subparsers)` that sets `run`.

Each `run(args) -> int` imports what it needs inside, so `achilles plan` never pays for Textual.
"""

COMMAND_MODULES: tuple[str, ...] = (
    "plan",
    "voice",
    "checkin",
    "history",
    "report",
    "export",
    "import_",
)
"""Modules under tui.cli, in the order `achilles --help` lists them."""
