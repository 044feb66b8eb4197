"""The `achilles` command line (argparse): `main` and one module per subcommand.

Each subcommand module has `register(subparsers, common)`, which adds its parser and sets `run`;
`run(args) -> int` asks the coach (tui.coach) and prints. None of them imports Textual: only
`app` (what `achilles` with no subcommand runs) does, inside `run_app`, so `achilles plan` never
pays for it (an import contract and tests/test_import_hygiene.py keep it so).
"""

COMMAND_MODULES: tuple[str, ...] = (
    "next_session",
    "voice",
    "checkin",
    "run",
    "test",
    "score",
    "history",
    "report",
    "export",
    "import_",
    "serve",
)
"""Modules under tui.cli, in the order `achilles --help` lists their subcommands (`next_session`
is `achilles plan`, `import_` is `achilles import`)."""
