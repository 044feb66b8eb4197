"""Damaged files: a file that cannot be read is never overwritten, and never silently left out.

A file whose content is broken is moved aside (`NAME.corrupt-<time>.json`) with a notice for the
runner, and the store carries on without that file's records; or, with `on_corrupt="refuse"`,
`StoreCorrupt` is raised. A read-only store leaves the file where it is and only says so.

A file that cannot be opened as one (a link to nothing, say to a drive not plugged in; a folder or
a FIFO where the file belongs; no permission to read it) is *unavailable*: it is left exactly as
it is, with a notice (or StoreCorrupt with "refuse"), the store carries on without its records and
never writes to it (`Tables.blocked`), so nothing replaces it, and it is read again at the next
open. Every file left out, for either reason, is listed in `missing`: an export says it is
incomplete. This module owns those choices, the notices, and the name a damaged file is moved to.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from store import schema
from store.atomic import fsync_dir
from store.errors import StoreCorrupt
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
        self.missing: list[str] = []
        """One line per file whose records are left out (damaged or unavailable), naming it."""

    def read(self, tables: Tables, home: str, model: type[schema.F]) -> schema.F | None:
        """Read and validate a whole store file: None if it is missing, or damaged or
        unavailable (and handled)."""
        path, kind = tables.where(home)
        try:
            found = tables.read(home, model)
        except Unreadable as problem:
            self.damaged(path, problem.reason, what(kind, home))
            return None
        except OSError as exc:
            self.unavailable(tables, home, exc)
            return None
        return found[0] if found is not None else None

    def unavailable(self, tables: Tables, home: str, exc: OSError, *, shown: int = 0) -> None:
        """A file that cannot be opened as one: refuse, or leave it as it is, say so, and block
        every write to it. `shown`: how many of its sessions are still shown from the index."""
        path, kind = tables.where(home)
        reason = exc.strerror or str(exc)
        tables.forget(home)
        if self.on_corrupt == "refuse":
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. It was left untouched. Make it readable "
                "again (or move it out of the way) to go on."
            )
        tables.blocked[home] = reason
        held = what(kind, home)
        self.missing.append(f"{path} ({held}): {reason}")
        still = (
            f" Its {shown} session(s) are still shown from the summary index, without their sets."
            if shown
            else ""
        )
        self.notices.append(
            f"{path} could not be read: {reason}. It was left exactly as it is, and nothing will "
            f"be written to it; achilles carries on without {held} until it can be read again "
            f"(a drive not connected?).{still}"
        )

    def damaged(self, path: Path, reason: str, what: str) -> None:
        """A file that cannot be read: refuse, or move it aside and say so. Never overwrite it."""
        if self.on_corrupt == "refuse":
            raise StoreCorrupt(
                f"{path} could not be read: {reason}. It was left untouched. Move it out of the "
                "way (or let achilles move it aside) to start without it."
            )
        self.missing.append(f"{path} ({what}): {reason}")
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


def note_links(data_dir: Path, notices: list[str]) -> None:
    """Say which files of the history are symbolic links to files elsewhere: they are read and
    written through (the link is kept, the file it names replaced atomically). A link to nothing
    is not listed here: it is unavailable, with its own notice when the store needs it."""
    found: list[str] = []
    for folder in (data_dir, data_dir / schema.HISTORY_DIR):
        try:
            with os.scandir(folder) as entries:
                names = sorted(
                    e.name for e in entries if e.name.endswith(".json") and e.is_symlink()
                )
        except OSError:
            continue
        for name in names:
            link = folder / name
            target = Path(os.path.realpath(link))
            if target.exists():
                found.append(f"{link.relative_to(data_dir)} -> {target}")
    if found:
        notices.append(
            "Some files of your history are links to files elsewhere; achilles reads and writes "
            f"those files through the links, which are kept: {'; '.join(found)}."
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
    """What a damaged file held, for the notice: "achilles carries on without ..."; `key` is the
    month of a history file."""
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
    return (
        f"the sessions of {schema.month_name(key)}"
        if key and kind == "history"
        else "those sessions"
    )
