"""`export --out` and `report --out`: special files written through, never replaced; existing
files only with --force; new files 0600 whatever the umask. The real commands, in a subprocess.

Before issue 12, as root, `export --out /dev/full` turned /dev/full into a regular file,
`--out LINK` replaced the link, `report --out` overwrote a link's target, and both overwrote an
existing file without asking.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store import Store
from tests.cli import ROOT, achilles
from tests.store.helpers import START, finished
from tui.cli.output import stream_of

COMMANDS = {
    "export": ("export", "--format", "json"),
    "report": ("report",),
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder) as store:
        store.save_session(finished("s1", START))
        store.save_session(finished("s2", START + dt.timedelta(days=2)))
    return folder


def _out(
    command: str, target: Path | str, data: Path, *more: str
) -> subprocess.CompletedProcess[str]:
    return achilles(*COMMANDS[command], "--data-dir", data, "--out", target, *more)


def _name(tmp_path: Path, command: str, stem: str) -> Path:
    return tmp_path / (f"{stem}.json" if command == "export" else f"{stem}.md")


@pytest.mark.parametrize("command", COMMANDS)
def test_an_existing_file_is_kept_unless_forced(tmp_path: Path, data: Path, command: str) -> None:
    target = _name(tmp_path, command, "out")
    target.write_text("the runner's own notes")
    refused = _out(command, target, data)
    assert refused.returncode == 1
    assert "already exists: it was not overwritten. Add --force" in refused.stderr
    assert target.read_text() == "the runner's own notes"
    target.chmod(0o644)
    forced = _out(command, target, data, "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text() != "the runner's own notes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # its mode is kept


@pytest.mark.parametrize("command", COMMANDS)
def test_a_link_is_written_through_and_kept_and_a_dangling_one_refused(
    tmp_path: Path, data: Path, command: str
) -> None:
    target = _name(tmp_path, command, "target")
    target.write_text("old")
    link = _name(tmp_path, command, "link")
    link.symlink_to(target)
    assert _out(command, link, data).returncode == 1  # the target exists: no --force, no write
    assert target.read_text() == "old"
    done = _out(command, link, data, "--force")
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() != "old"
    dangling = _name(tmp_path, command, "dangling")
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    refused = _out(command, dangling, data, "--force")
    assert refused.returncode == 1
    assert "which does not exist: nothing was written" in refused.stderr
    assert dangling.is_symlink() and not dangling.exists()


def _full_device(tmp_path: Path) -> Path:
    """A device that is always full: a private node of /dev/full's device where one can be made
    (root), so that code with the bug this tests replaces that node, not the machine's."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        return Path("/dev/full")  # not root: nothing here can replace it anyway
    return node


def test_dev_full_is_written_through_and_its_error_said(tmp_path: Path, data: Path) -> None:
    full = _full_device(tmp_path)
    out = achilles("export", "--data-dir", data, "--out", full)
    assert out.returncode == 1
    assert f"cannot write {full}: No space left on device" in out.stderr
    assert stat.S_ISCHR(os.stat(full).st_mode)  # still the device
    piped = subprocess.run(
        f"{sys.executable} -m tui.cli export --data-dir {data} > /dev/full",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert piped.returncode == 1
    assert "cannot write standard output: No space left on device" in piped.stderr
    assert "Traceback" not in piped.stderr


def test_dev_stdout_and_a_fifo_are_written_through(tmp_path: Path, data: Path) -> None:
    # /dev/fd/1 is /dev/stdout's own target; code with the bug this tests cannot replace it
    # (nothing can be created in /proc), whereas it did replace /dev/stdout itself.
    out = achilles("export", "--data-dir", data, "--out", "/dev/fd/1")
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)["sessions"]) == 2
    assert [stream_of(name) for name in ("-", "/dev/stdout", "/dev/stderr", "/proc/self/fd/3")] == [
        1,
        1,
        2,
        3,
    ]
    assert stream_of("/dev/stdout.json") is None
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    written = achilles("export", "--data-dir", data, "--out", fifo)
    reader.join(timeout=30)
    assert written.returncode == 0, written.stderr
    assert len(json.loads(received[0])["sessions"]) == 2
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_or_a_missing_folder_is_refused(tmp_path: Path, data: Path) -> None:
    (tmp_path / "dir.json").mkdir()
    out = achilles("export", "--data-dir", data, "--out", tmp_path / "dir.json")
    assert out.returncode == 1 and "is a folder: nothing was written" in out.stderr
    out = achilles("export", "--data-dir", data, "--out", tmp_path / "no" / "x.json")
    assert out.returncode == 1 and "there is no folder" in out.stderr


def test_a_new_file_is_private_whatever_the_umask(tmp_path: Path, data: Path) -> None:
    target = tmp_path / "new.json"
    done = subprocess.run(
        [
            "sh",
            "-c",
            f'umask 000 && exec "{sys.executable}" -m tui.cli export --data-dir '
            f'"{data}" --out "{target}"',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
