"""A demo run's own data folder (`--time-scale`): kept apart from the runner's history.

A time-scaled run records wall times running N times fast: in the runner's history they would
move the next session's rest and fill the review with sessions minutes long. So such a run
records into the demo folder (`store.paths.demo_dir`) instead. The first time, that folder
starts from the runner's settings (sore side, legs, voice), so the demo shows their own plan
without asking the first-launch questions again; the history itself is only read, never
written.
"""

from __future__ import annotations

from pathlib import Path

DEMO_TITLE = "DEMO: fast timers, kept apart from your history"
"""The app's subtitle in a demo run, on every screen with a header."""


def demo_farewell(demo: Path) -> str:
    """Said on the way out of a demo run."""
    return f"demo run: what it recorded is in {demo}, apart from your history."


def seed_demo(history: Path, demo: Path) -> None:
    """Make ready the demo folder `demo` of `history`: the first time, with its settings."""
    from store import Store, StoreError

    if (demo / "settings.json").exists():
        return
    try:
        with Store.open(history, write=False) as real:
            settings = real.settings() if (history / "settings.json").exists() else None
    except StoreError:
        settings = None  # the demo then asks the first-launch questions, as a new history would
    if settings is not None:
        with Store.open(demo) as store:
            store.save_settings(settings)
