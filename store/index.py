"""The summary index of finished sessions (`history/index.json`): reading it and rewriting it.

Validating every finished session with all its sets costs over a second for ten years (~170,000
records for the issue's 56,000 sets), but progression, the Today screen, `achilles plan`, the
history table and trends need only each session's facts (`SessionSummary`). index.json keeps
those, per month file, with the fingerprint of the month file they were read from (its size, mtime
in ns and inode number; `schema.Fingerprint`). It is derived data and never trusted blindly: on
open the month files are listed and stat'ed (no reading), and a month file missing from the index
or whose fingerprint differs (edited, added or replaced behind the store's back, or written by a
store killed before it could rewrite the index) is read and its summaries rebuilt; a month file
that is gone takes its summaries with it; a missing, damaged or outdated index (another
`schema.index_format()`) is rebuilt from the month files, silently; one stamped by a newer
version raises StoreTooNew, as any file would. A writer then rewrites the index; a read-only store
only corrects its copy in memory. The index is written atomically but not fsynced (a power cut can
only leave an older or an empty index, which the checks above catch). What the fingerprint cannot
see: an edit in place that keeps the file's size, made within the same clock tick (a few ms) as the
store's last write of that file; and SessionRecord.summary() changing meaning without a bump of
`schema.INDEX_VERSION`.

The checks against the month files are in `store.catalogue` (`Catalogue.open_months`).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path

from store import schema
from store.atomic import encode, write_atomic
from store.months import Month
from store.schema import HISTORY_DIR, INDEX_FILE, IndexedMonth, IndexFile, Unreadable


def read(data_dir: Path) -> dict[str, IndexedMonth] | None:
    """The index's months, or None when it is missing, damaged or of another format.

    A damaged index is derived data: it is rebuilt (overwritten), without a notice. One from
    a newer version (StoreTooNew) is left alone, as any file of a newer version.
    """
    try:
        index = schema.read_file(data_dir / HISTORY_DIR / INDEX_FILE, IndexFile, "index")
    except (Unreadable, OSError):
        return None
    if index is None or index.format != schema.index_format():
        return None
    return index.months


def write(data_dir: Path, months: Mapping[str, Month]) -> None:
    """Rewrite history/index.json from the months as they are on disk.

    Best effort: the index is derived data, so a failed write is not an error. The index left
    on disk then no longer matches the month files' fingerprints, and the next open rebuilds
    what changed.
    """
    entries: list[bytes] = []
    for key in sorted(months):
        entry = months[key].entry()
        if entry is not None:
            entries.append(b"%s:%s" % (json.dumps(key).encode(), entry))
    folder = data_dir / HISTORY_DIR
    if not entries and not (folder / INDEX_FILE).exists():
        return
    head = {"_meta": {"1": schema.meta("index")}, "format": schema.index_format()}
    data = b'%s,"months":{%s}}' % (encode(head)[:-1], b",".join(entries))
    # Not fsynced: after a power cut an old or empty index is detected as any stale one.
    with contextlib.suppress(OSError):
        write_atomic(folder / INDEX_FILE, data, durable=False)
