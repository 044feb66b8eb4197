"""Atomic file writes, and the TinyDB storage built on them, which reads its file only once.

A write goes to a temporary file beside the target, is flushed and fsynced, renamed over the target
with `os.replace` (atomic on POSIX and Windows), and then the folder is fsynced so the rename itself
survives a power cut. A kill at any moment leaves either the old file or the new one, never a torn
one; at worst a stray `.NAME.*.tmp` file remains, which a writer removes when it opens the store.
(TinyDB's own JSONStorage truncates and rewrites in place: a kill mid-write breaks the file.)

TinyDB reads the whole file before every insert, update or remove; `AtomicJSONStorage` answers
those reads from what it holds, so a file is read from disk once per process and a write never
re-reads it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves the old content or the new, never a mix.

    `durable=False` skips both fsyncs, for derived data that is checked when read and rebuilt if
    wrong: a power cut may then leave the old file, or (on some file systems) an empty one.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    if durable:
        fsync_dir(path.parent)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files left by writes that were killed before their rename.

    Safe only for the process holding the writer's lock: such a file is never the only copy of
    anything (the rename had not happened, so the target still holds the last complete write).
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            removed.append(tmp)
    return removed


def encode(data: Mapping[str, Any]) -> bytes:
    """The bytes of a store file: compact UTF-8 JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


Tables = dict[str, dict[str, Any]]
"""A TinyDB file's content: table name -> document id -> document."""


class AtomicJSONStorage(Storage):
    """A TinyDB storage that reads its file at most once, writes it atomically, and stamps every
    file with its schema version.

    The first `read()` (TinyDB's) or `content()` (the store's, to validate the file with pydantic)
    reads the file from disk. After that the storage answers from memory: the bytes it read until
    TinyDB first needs them decoded, then the tables as last decoded or written. TinyDB gets a
    copy of them, so a write that fails leaves what the storage holds equal to the file on disk.
    `meta` (e.g. `{"schema": 1, "kind": "live"}`) is written as the single document of the
    `_meta` table on every write, so no file of this store ever lacks its version.
    """

    def __init__(self, path: str | os.PathLike[str], meta: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.meta = dict(meta) if meta is not None else None
        self.stat: os.stat_result | None = None
        """The file's stat as read, or as last written (None: there is no file)."""
        self._raw: bytes | None = None
        self._tables: Tables | None = None
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        try:
            with self.path.open("rb") as f:
                self.stat = os.fstat(f.fileno())  # the stat of exactly the bytes read
                self._raw = f.read()
        except FileNotFoundError:
            self._raw, self.stat = None, None
        self._loaded = True

    def content(self) -> bytes | None:
        """The file's bytes (None: there is no file): as read, or as this storage last wrote or
        decoded them. Read from disk only the first time."""
        self._load()
        if self._tables is not None:
            return encode(self._tables)
        return self._raw

    def read(self) -> Tables | None:
        self._load()
        if self._tables is None:
            if self._raw is None or not self._raw.strip():
                return None
            data = json.loads(self._raw)
            if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
                raise ValueError(f"{self.path} is not a TinyDB file (expected an object of tables)")
            self._tables, self._raw = data, None
        return _copy(self._tables)

    def write(self, data: Tables) -> None:
        if self.meta is not None:
            data["_meta"] = {"1": dict(self.meta)}
        write_atomic(self.path, encode(data))
        # TinyDB hands over its own copy (see `read`) and keeps no reference to it.
        self._tables, self._raw, self._loaded = data, None, True
        try:
            self.stat = os.stat(self.path)
        except OSError:
            self.stat = None

    def close(self) -> None:
        pass


def _copy(tables: Tables) -> Tables:
    """A copy TinyDB may change: it replaces documents' fields, never values inside them."""
    return {name: {key: dict(doc) for key, doc in docs.items()} for name, docs in tables.items()}
