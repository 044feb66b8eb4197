"""Atomic file writes, and the TinyDB storage built on them, which reads its file only once.

A write goes to a temporary file beside the target, is flushed and fsynced, renamed over the target
with `os.replace` (atomic on POSIX and Windows), and then the folder is fsynced so the rename itself
survives a power cut. A kill at any moment leaves either the old file or the new one, never a torn
one; at worst a stray `.NAME.*.tmp` file remains, which a writer removes when it opens the store.
(TinyDB's own JSONStorage truncates and rewrites in place: a kill mid-write breaks the file.)

TinyDB reads the whole file before every insert, update or remove; `AtomicJSONStorage` answers
those reads from what it holds, so a file is read from disk once per process and a write never
re-reads it.

A file that is a symbolic link is written through it (`landing`): the link stays, the file it
names is replaced atomically. A link to nothing is never replaced by a regular file
(`BrokenLink`), and what is not a regular file (a folder, a FIFO, a device) is never opened as a
store file (`NotAFile`): opening a FIFO for reading would wait for ever. Several writes can be
staged (`Staging`): each written to its temporary file and fsynced, none renamed until all of them
are, so a full disk leaves every file as it was. New files and folders get modes 0600 and 0700
whatever the umask: they hold health data.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

TEMP_SUFFIX = ".tmp"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


class BrokenLink(OSError):
    """A symbolic link to a file that does not exist: never written over, never read as empty."""

    def __init__(self, path: Path, target: Path) -> None:
        super().__init__(errno.ENOENT, f"it is a link to {target}, which does not exist", str(path))
        self.target = target


class NotAFile(OSError):
    """Something that is not a regular file (a folder, a FIFO, a device) where a file belongs."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"it is {what}, not a file", str(path))


def kind_of(mode: int) -> str:
    """What a stat mode is, in words ("a folder", "a FIFO (named pipe)", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a regular file" if stat.S_ISREG(mode) else "not a regular file"


def landing(path: Path) -> Path:
    """Where a write to `path` lands: `path`, or the file its symbolic link(s) name, written
    through so that the link stays. Raises BrokenLink for a link to nothing."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise BrokenLink(path, target)
    return target


def make_folder(folder: Path) -> None:
    """Create `folder` and any missing parent with mode 0700 (the umask cannot widen it)."""
    missing: list[Path] = []
    here = folder
    while not here.is_dir():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if not new.is_dir():
                raise
            continue
        os.chmod(new, FOLDER_MODE)  # mkdir's mode is masked by the umask (077 would make 0000)
        fsync_dir(new.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes, *, durable: bool = True, mode: int = FILE_MODE) -> Path:
    """`data` in a new temporary file beside `path` (flushed, fsynced unless not `durable`)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            if mode != FILE_MODE:
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return Path(tmp_name)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` (through a symbolic link: the file it names) with `data` so that a crash
    leaves the old content or the new, never a mix. A new file gets mode 0600.

    `durable=False` skips both fsyncs, for derived data that is checked when read and rebuilt if
    wrong: a power cut may then leave the old file, or (on some file systems) an empty one.
    """
    target = landing(path)
    tmp = write_temp(target, data, durable=durable)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(target.parent)


@dataclass
class Staging:
    """Writes held back until all of them are on disk: each in its temporary file (fsynced),
    renamed over its target only by `commit`. `discard` removes them, leaving every target as
    it was. A kill before the commit leaves only temporary files, which a writer removes when it
    next opens the store; a kill during it leaves each file old or new, never torn."""

    pending: dict[Path, Path] = field(default_factory=dict)
    """Target (as given) -> its temporary file, in the order first staged."""

    def write(self, path: Path, data: bytes) -> None:
        target = landing(path)
        tmp = write_temp(target, data)
        old = self.pending.pop(path, None)
        self.pending[path] = tmp
        if old is not None:
            with contextlib.suppress(OSError):
                os.unlink(old)

    def commit(self, done: Callable[[Path], None] = lambda _: None) -> None:
        """Rename every staged file over its target, in order; `done(path)` after each. A
        failure leaves the targets renamed so far new and the others old (and raises)."""
        folders: dict[Path, None] = {}
        try:
            while self.pending:
                path, tmp = next(iter(self.pending.items()))
                os.replace(tmp, landing(path))
                del self.pending[path]
                folders[tmp.parent] = None
                done(path)
        finally:
            for folder in folders:
                with contextlib.suppress(OSError):
                    fsync_dir(folder)
            self.discard()

    def discard(self) -> None:
        for tmp in self.pending.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.pending.clear()


def open_regular(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes and stat of the regular file at `path`; None if there is none.

    Raises BrokenLink, NotAFile (never blocks on a FIFO: it is opened non-blocking and checked
    before it is read), or OSError.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if path.is_symlink():
            raise BrokenLink(path, Path(os.path.realpath(path))) from None
        return None
    except IsADirectoryError:
        raise NotAFile(path, "a folder") from None
    try:
        st = os.fstat(fd)  # the stat of exactly the bytes read
        if not stat.S_ISREG(st.st_mode):
            raise NotAFile(path, kind_of(st.st_mode))
        chunks: list[bytes] = []
        while chunk := os.read(fd, max(st.st_size + 1, 65536)):
            chunks.append(chunk)
        return b"".join(chunks), st
    finally:
        os.close(fd)


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

    def __init__(
        self,
        path: str | os.PathLike[str],
        meta: Mapping[str, Any] | None = None,
        writer: Callable[[Path, bytes], None] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.meta = dict(meta) if meta is not None else None
        self.writer = writer if writer is not None else _write_now
        """How a write reaches the disk: at once (`write_atomic`), or staged (`Staging`)."""
        self.stat: os.stat_result | None = None
        """The file's stat as read, or as last written (None: there is no file)."""
        self._raw: bytes | None = None
        self._tables: Tables | None = None
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        found = open_regular(self.path)
        self._raw, self.stat = found if found is not None else (None, None)
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
        self.writer(self.path, encode(data))
        # TinyDB hands over its own copy (see `read`) and keeps no reference to it.
        self._tables, self._raw, self._loaded = data, None, True
        self.restat()

    def restat(self) -> None:
        """Note the file's stat as it is on disk now (after a write, or a staged one's commit)."""
        try:
            self.stat = os.stat(self.path)
        except OSError:
            self.stat = None

    def close(self) -> None:
        pass


def _write_now(path: Path, data: bytes) -> None:
    write_atomic(path, data)  # looked up when called: tests may stand a full disk in for it


def _copy(tables: Tables) -> Tables:
    """A copy TinyDB may change: it replaces documents' fields, never values inside them."""
    return {name: {key: dict(doc) for key, doc in docs.items()} for name, docs in tables.items()}
