"""Reading watch files from disk for the run import: one file, or every GPX/TCX/FIT in a folder.

Part of the coach's import use case (`Coach.read_run_files`): the files are the runner's, from
anywhere, not the history's, so this is not the store's job. The parsing is pure
(session.running.imports, from bytes); this is the thin shell around it. A
folder is walked (sorted, so the order is stable) and each file is read whole; a bad file is
reported by name and the others still import. Symlinks out of the folder are not followed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from session.running.imports import SUFFIXES, ImportedRun, RunFileError, parse_run_file

MAX_BYTES = 64 * 1024 * 1024
"""Larger than any run a watch records (a 24 h GPX at 1 s is ~15 MB): refuse, not hang."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    runs: tuple[ImportedRun, ...]
    errors: tuple[str, ...]
    """One plain message per file that could not be read, naming it."""
    skipped: tuple[str, ...]
    """Files in a folder that are not .gpx, .tcx or .fit."""


def read_run_file(path: Path) -> tuple[ImportedRun, ...]:
    """The runs in one file. Raises RunFileError naming it."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RunFileError(f"{path}: {size // (1024 * 1024)} MB is too large for a run file.")
        data = path.read_bytes()
    except OSError as exc:
        raise RunFileError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    return parse_run_file(data, str(path))


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    wanted: list[Path] = []
    other: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            p = Path(root) / name
            (wanted if p.suffix.lower() in SUFFIXES else other).append(p)
    return wanted, other


def read_runs(path: Path) -> ReadResult:
    """Every run in `path`: a file, or a folder searched through (hidden entries left out)."""
    if not path.exists():
        return ReadResult((), (f"{path}: no such file or folder.",), ())
    if not path.is_dir():
        try:
            return ReadResult(read_run_file(path), (), ())
        except RunFileError as exc:
            return ReadResult((), (str(exc),), ())
    wanted, other = _walk(path)
    runs: list[ImportedRun] = []
    errors: list[str] = []
    for p in wanted:
        if p.is_symlink() and not p.resolve().is_relative_to(path.resolve()):
            errors.append(f"{p}: a link out of the folder, not followed.")
            continue
        try:
            runs.extend(read_run_file(p))
        except RunFileError as exc:
            errors.append(str(exc))
    runs.sort(key=lambda r: r.started_at)
    return ReadResult(tuple(runs), tuple(errors), tuple(str(p) for p in other))
