"""Damaged files: a file that cannot be read is never overwritten.

It is moved aside (`NAME.corrupt-<time>.json`) with a notice for the runner, and the store carries
on without that file's records; or, with `on_corrupt="refuse"`, `StoreCorrupt` is raised. A
read-only store leaves the file where it is and only says so. This module owns that choice, the
notices, and the name a damaged file is moved to.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from store import schema
from store.atomic import fsync_dir
from store.errors import StoreCorrupt, StoreError
from store.schema import Kind, Unreadable

if TYPE_CHECKING:
    from store.tables import Tables

OnCorrupt = Literal["move_aside", "refuse"]


class Damage:
    """How one store deals with files it cannot read, and the notices it collects for the runner.

    `notices` is the store's own list (`Store.notices`): other notices are added to it too.
    """

    def __init__(self, notices: list[str], *, on_corrupt: OnCorrupt, writable: bool) -> None:
        self.notices = notices
        self.on_corrupt: OnCorrupt = on_corrupt
        self.writable = writable

    def read(self, tables: Tables, home: str, model: type[schema.F]) -> schema.F | None:
        """Read and validate a whole store file: None if it is missing, or damaged (and handled)."""
        path, kind = tables.where(home)
        try:
            found = tables.read(home, model)
        except Unreadable as problem:
            self.damaged(path, problem.reason, what(kind, None))
            return None
        except OSError as exc:
            raise StoreError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        return found[0] if found is not None else None

    def damaged(self, path: Path, reason: str, what: str) -> None:
        """A file that cannot be read: refuse, or move it aside and say so. Never overwrite it."""
        if self.on_corrupt == "refuse":
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. It was left untouched. Move it out of the "
                "way (or let achilles move it aside) to start without it."
            )
        if not self.writable:
            self.notices.append(
                f"{path} could not be read: {reason}. It was left as it is (this command only "
                f"reads), and what follows is shown without {what}."
            )
            return
        aside = aside_path(path, dt.datetime.now(dt.UTC))
        try:
            os.rename(path, aside)
            fsync_dir(path.parent)
        except OSError as exc:
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. Moving it aside to {aside} failed "
                f"({exc.strerror or exc}), so it was left untouched and achilles cannot start."
            ) from exc
        self.notices.append(
            f"{path} could not be read: {reason}. It was not overwritten: it was moved to "
            f"{aside}, unchanged, so nothing in it is lost. achilles carries on without {what}."
        )


def aside_path(path: Path, when: dt.datetime) -> Path:
    """Where a damaged `path` is moved: `NAME.corrupt-<local time>[-n].json`, a name not taken."""
    stamp = when.astimezone().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
        n += 1
    return candidate


def what(kind: Kind, key: str | None) -> str:
    """What a damaged file held, for the notice: "achilles carries on without ..."."""
    if kind == "settings":
        return "your saved settings (the defaults are used)"
    if kind == "checkins":
        return "your morning check-ins"
    if kind == "live":
        return "the unfinished session"
    if kind == "runs":
        return "your run log"
    if kind == "tests":
        return "your heel-raise and hop test results"
    if kind == "scores":
        return "your questionnaire scores"
    return f"the sessions of {schema.month_name(key)}" if key else "those sessions"
