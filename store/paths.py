"""Where the runner's data lives: --data-dir, else $ACHILLES_DATA_DIR, else the platform folder.

A demo run (`--time-scale`: every timer N times fast, so every wall time it records runs N times
fast too) keeps its records apart, in the `demo` folder inside the data folder: the runner's
history never holds them, so no reader of it (the plan, the review, the report, exports, the
kinds of record still to come) has to leave them out.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

ENV_VAR = "ACHILLES_DATA_DIR"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder to use (not created here)."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_path("achilles-coach", appauthor=False)


DEMO_DIR = "demo"


def demo_dir(data_dir: Path) -> Path:
    """Where a demo run (--time-scale) of the history in `data_dir` keeps its own records."""
    return data_dir / DEMO_DIR
