"""Running the real `achilles` command in a subprocess, as a runner would, for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def achilles(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`achilles ARGS` with the project's Python, in UTC, never touching the real data folder."""
    env = {**os.environ, "TZ": "UTC"}
    env.pop("ACHILLES_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *map(str, args)],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
