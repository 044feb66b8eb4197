"""The month files of finished sessions (`history/YYYY-MM.json`), as files and in memory.

A finished session is stored in the file of the month it started in (UTC), about 13 sessions a
file. This module lists and stat's those files (`scan`), reads and validates one completely
(`read`), and defines `Month`: what the store knows of one month, its sessions' summaries always,
their full records only once the file was read (lazily: see `store.catalogue`).

A month's name that is not a readable file (a link to nothing, a folder, a FIFO, no permission)
is never skipped: `scan` lists it apart, and the month is kept `unavailable` (its summaries from
the index, if it had them), named in a notice and never written to (`store.damage`).
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from session.records import SessionRecord, SessionSummary
from store.atomic import BrokenLink, NotAFile, kind_of
from store.damage import Damage, what
from store.errors import StoreError
from store.schema import (
    HISTORY_DIR,
    MONTH_FILE,
    Fingerprint,
    IndexedMonth,
    SessionsFile,
    Unreadable,
)

if TYPE_CHECKING:
    from store.tables import Tables


def order(s: SessionRecord | SessionSummary) -> tuple[dt.datetime, str]:
    """The order of sessions everywhere: by start, then by id."""
    return (s.started_at, s.id)


@contextmanager
def loading() -> Iterator[None]:
    """Keep the cyclic garbage collector out of the load, now and later.

    Building ~10^5 record objects would otherwise trigger repeated collections that cost more than
    the parsing itself (measured 2-4x), and each later full collection would walk the whole
    history again: a pause of tens of ms in the middle of a workout. So the collector is paused
    while loading, and what was loaded is then moved out of its reach with `gc.freeze()`. Records
    hold no reference cycles, so reference counting still frees them when they are dropped.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


@dataclass(eq=False, slots=True)
class Month:
    """What the store knows of one month file: every session's summary; full records once loaded.

    `fingerprint` is that of the file the summaries describe (None: not on disk). `records` holds
    every record of the file once `loaded`, and before that those saved since the store opened.
    """

    fingerprint: Fingerprint | None
    summaries: dict[str, SessionSummary]
    records: dict[str, SessionRecord] = field(default_factory=dict)
    loaded: bool = False
    indexed: bytes | None = None  # its entry in index.json (JSON), while still accurate
    unavailable: bool = False
    """Its file cannot be read as it is: what the index said of it is kept, nothing is written."""

    def put(self, record: SessionRecord) -> None:
        self.summaries[record.id] = record.summary()
        self.records[record.id] = record
        self.indexed = None

    def discard(self, session_id: str) -> None:
        self.summaries.pop(session_id, None)
        self.records.pop(session_id, None)
        self.indexed = None

    def stamp(self, fingerprint: Fingerprint | None) -> None:
        self.fingerprint = fingerprint
        self.indexed = None

    def entry(self) -> bytes | None:
        """This month's entry in index.json, as JSON (None when the file is not on disk).

        Kept between writes: finishing a session re-encodes only its month's entry.
        """
        if self.fingerprint is None:
            return None
        if self.indexed is None:
            ordered = tuple(sorted(self.summaries.values(), key=order))
            entry = IndexedMonth(file=self.fingerprint, sessions=ordered)
            self.indexed = entry.model_dump_json().encode()
        return self.indexed


def path(data_dir: Path, key: str) -> Path:
    """The file of month `key` (`YYYY-MM`)."""
    return data_dir / HISTORY_DIR / f"{key}.json"


def scan(data_dir: Path) -> tuple[dict[str, Fingerprint], dict[str, OSError]]:
    """The month files in the history folder and their fingerprints (one stat each, through a
    link), and apart the months whose name is there but not as a readable file, with why."""
    folder = data_dir / HISTORY_DIR
    found: dict[str, Fingerprint] = {}
    unusable: dict[str, OSError] = {}
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                m = MONTH_FILE.match(entry.name)
                if m is None:
                    continue
                key = f"{m.group(1)}-{m.group(2)}"
                try:
                    st = os.stat(entry.path)
                except FileNotFoundError:
                    if entry.is_symlink():
                        link = Path(entry.path)
                        unusable[key] = BrokenLink(link, Path(os.path.realpath(link)))
                    continue  # removed since listed
                except OSError as exc:
                    unusable[key] = exc
                    continue
                if stat.S_ISREG(st.st_mode):
                    found[key] = Fingerprint.of(st)
                else:
                    unusable[key] = NotAFile(Path(entry.path), kind_of(st.st_mode))
    except (FileNotFoundError, NotADirectoryError):
        return {}, {}
    except OSError as exc:
        raise StoreError(f"Cannot read {folder}: {exc.strerror or exc}.") from exc
    return found, unusable


def read(tables: Tables, key: str, damage: Damage, *, shown: int = 0) -> Month | None:
    """Read and validate a month file completely (through its TinyDB storage: from disk the first
    time only). None if it is gone or damaged (then moved aside, or left, with a notice); an
    empty `unavailable` month if it cannot be opened as a file (`shown`: of its sessions, how
    many the store still shows from the index, for the notice)."""
    file = path(tables.data_dir, key)
    try:
        found = tables.read(key, SessionsFile)
    except Unreadable as problem:
        damage.damaged(file, problem.reason, what("history", key))
        return None
    except OSError as exc:
        damage.unavailable(tables, key, exc, shown=shown)
        return Month(None, {}, unavailable=True)
    if found is None:
        return None
    parsed, st = found
    records = {r.id: r for r in parsed.sessions.values()}
    summaries = {session_id: r.summary() for session_id, r in records.items()}
    return Month(Fingerprint.of(st), summaries, records, loaded=True)


def fingerprint(data_dir: Path, key: str) -> Fingerprint | None:
    """The fingerprint of month `key`'s file as it is now (None if it cannot be stat'ed)."""
    try:
        return Fingerprint.of(path(data_dir, key).stat())
    except OSError:
        return None  # left out of the index: the next open reads the month file
