"""What the subcommands share: loading the program and opening the store with plain errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from session.program import Program, ProgramError


def fail(message: str, code: int = 1) -> int:
    print(f"achilles: {message}", file=sys.stderr)
    return code


def program_from(args: argparse.Namespace) -> Program:
    """The program named by --program, else the shipped one. Raises ProgramError (readable)."""
    from store.program_file import load_program

    path = getattr(args, "program", None)
    return load_program(Path(path) if path else None)


def data_dir_from(args: argparse.Namespace) -> Path:
    from store.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


__all__ = ["ProgramError", "data_dir_from", "fail", "program_from"]
