"""Writing a file the runner named with `--out`: never replacing what must not be replaced.

What `--out PATH` does, by what PATH is:

- nothing yet: a new file, written whole beside it and then linked into place (a crash leaves no
  half-written file, and a file someone else creates meanwhile is not clobbered), mode 0600
  whatever the umask (it holds health data);
- a regular file: refused unless `force`; with it, replaced atomically (its mode is kept);
- a symbolic link: what it names, by these same rules (the link itself stays); a link to nothing
  is refused;
- a FIFO or a character device (`/dev/null`, `/dev/full`, a terminal): written through, never
  replaced, and a failed write (`/dev/full`: no space) is an error;
- `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`: that stream, written directly;
- a folder, a block device (a disk), a socket: refused.

Errors are `OutputError` with a message fit to show; the caller exits non-zero.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
from pathlib import Path

from store.atomic import FILE_MODE, fsync_dir, kind_of, write_temp

_STREAM = re.compile(r"^/(?:dev/fd|proc/self/fd)/(\d+)$")
_NAMED_STREAMS = {"-": 1, "/dev/stdout": 1, "/dev/stderr": 2}


class OutputError(Exception):
    """The output could not be written, or was refused; the message says which and why."""


def stream_of(path: str) -> int | None:
    """The file descriptor `path` names (`-`, /dev/stdout, /dev/fd/3...), if it names one."""
    if path in _NAMED_STREAMS:
        return _NAMED_STREAMS[path]
    m = _STREAM.match(path)
    return int(m.group(1)) if m else None


def write_output(path: Path, data: bytes, *, force: bool = False) -> str:
    """Write `data` to `path` by the rules above. Returns where it went, for the message
    ("to FILE", "through the link FILE to TARGET"). Raises OutputError."""
    fd = stream_of(str(path))
    if fd is not None:
        _write_fd(fd, data, "standard output" if fd == 1 else str(path))
        return "to standard output" if fd == 1 else f"to {path}"
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        _create(path, data)
        return f"to {path}"
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    where = f"to {path}"
    target = path
    if stat.S_ISLNK(st.st_mode):
        target = Path(os.path.realpath(path))
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise OutputError(
                f"{path} is a link to {target}, which does not exist: nothing was written "
                "(name the file itself)."
            ) from None
        where = f"through the link {path} to {target}"
    _write_existing(target, st, data, force=force, named=path)
    return where


def _write_existing(
    target: Path, st: os.stat_result, data: bytes, *, force: bool, named: Path
) -> None:
    mode = st.st_mode
    if stat.S_ISREG(mode):
        if not force:
            raise OutputError(
                f"{named} already exists: it was not overwritten. Add --force to replace it, "
                "or choose another name."
            )
        try:
            tmp = write_temp(target, data, mode=stat.S_IMODE(mode))
            os.replace(tmp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            raise OutputError(f"cannot write {named}: {exc.strerror or exc}") from None
        return
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        try:
            fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | os.O_APPEND)
        except OSError as exc:
            raise OutputError(f"cannot write {named}: {exc.strerror or exc}") from None
        try:
            _write_fd(fd, data, str(named))
        finally:
            os.close(fd)
        return
    raise OutputError(f"{named} is {kind_of(mode)}: nothing was written to it.")


def _create(path: Path, data: bytes) -> None:
    """A new file at `path`, complete before it appears there, and never over another one."""
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {path}: there is no folder {path.parent}")
    try:
        tmp = write_temp(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        os.link(tmp, path)  # unlike a rename, never replaces a file created meanwhile
    except FileExistsError:
        raise OutputError(
            f"{path} appeared while it was being written: it was not overwritten."
        ) from None
    except OSError:
        _create_in_place(path, data)  # a file system without hard links (e.g. FAT)
    else:
        fsync_dir(path.parent)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _create_in_place(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        _write_fd(fd, data, str(path))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def _write_fd(fd: int, data: bytes, name: str) -> None:
    """All of `data` to `fd` (a write may take only part of it), or OutputError."""
    if fd == 1:
        with contextlib.suppress(OSError, ValueError):
            sys.stdout.flush()  # what was printed before comes first
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None


__all__ = ["OutputError", "stream_of", "write_output"]
