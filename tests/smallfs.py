"""A real small file system for the full-disk tests: a tmpfs of a few hundred kB, mounted here.

Mounting needs root (CAP_SYS_ADMIN), which this machine and its CI containers give; elsewhere the
tests that need it are skipped, saying why. `fill` takes the free space down to a few bytes with a
filler file, `free` gives it back: the disk fills and empties while the code under test runs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_filesystem(where: Path, kilobytes: int = 512) -> Iterator[Path]:
    """A fresh tmpfs of `kilobytes` mounted on `where` (created), unmounted afterwards."""
    where.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("needs mount(8) for a real small file system")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of `folder` with a filler file, leaving about `leave` bytes free."""
    filler = folder / ".filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(chunk)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    with contextlib.suppress(OSError):
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def free(folder: Path) -> None:
    """Give the filler's space back."""
    with contextlib.suppress(FileNotFoundError):
        (folder / ".filler").unlink()
