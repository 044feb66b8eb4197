"""Files that are there but cannot be read as files: named, kept as they are, never replaced.

A month file that is a folder, a link to a drive that is not plugged in, a FIFO; a check-in file
that is a link, or a link to nothing. Before issue 12 such a month was skipped without a word
(history showed 16 sessions of 30, an export said "Exported 17" with exit 0, the next writer
rewrote the index without it) and a linked checkins.json was replaced by a regular file on first
write, a dangling one read as empty. Real files, folders, links and FIFOs in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from store import Store, StoreCorrupt, StoreError
from store.schema import IndexFile
from tests.cli import achilles
from tests.store.helpers import START, checkin, finished, in_progress, snapshot

OCTOBER = START.replace(month=10)  # Mon 3 March 2025 -> Fri 3 October 2025


def _history(folder: Path) -> None:
    """Two sessions in March, three in October, two check-ins."""
    with Store.open(folder) as store:
        for n in range(2):
            store.save_session(finished(f"mar{n}", START + dt.timedelta(days=2 * n)))
        for n in range(3):
            store.save_session(finished(f"oct{n}", OCTOBER + dt.timedelta(days=2 * n)))
        store.add_checkin(checkin(dt.date(2025, 3, 4)))
        store.add_checkin(checkin(dt.date(2025, 10, 4)))


def _indexed(folder: Path) -> dict[str, int]:
    index = IndexFile.model_validate_json((folder / "history" / "index.json").read_bytes())
    return {key: len(month.sessions) for key, month in index.months.items()}


def _unplug(folder: Path, usb: Path) -> Path:
    """October's file moved to a "drive" and linked from the history; then the drive is gone."""
    month = folder / "history" / "2025-10.json"
    usb.mkdir()
    target = usb / "2025-10.json"
    os.rename(month, target)
    month.symlink_to(target)
    with Store.open(folder):  # opened with the drive plugged in: the index knows October
        pass
    os.rename(usb, usb.with_name("usb-unplugged"))
    return month


def test_a_month_on_a_drive_not_plugged_in_is_named_kept_and_never_dropped(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    _history(data)
    month = _unplug(data, tmp_path / "usb")
    with Store.open(data) as store:
        (notice,) = [n for n in store.notices if "2025-10.json" in n]
        assert "which does not exist" in notice and "left exactly as it is" in notice
        assert "the sessions of October 2025" in notice
        assert "3 session(s) are still shown" in notice
        # Its sessions are still known (from the index), so the plan counts them...
        assert [s.id for s in store.summaries()] == ["mar0", "mar1", "oct0", "oct1", "oct2"]
        # ... but their sets cannot be read, and that is said, not hidden.
        assert [s.id for s in store.sessions()] == ["mar0", "mar1"]
        assert store.missing == [
            f"{month} (the sessions of October 2025): it is a link to "
            f"{tmp_path / 'usb' / '2025-10.json'}, which does not exist"
        ]
        # Nothing is ever written into it: a new October session is refused, with the reason.
        with pytest.raises(StoreError, match="which does not exist"):
            store.save_session(finished("oct9", OCTOBER + dt.timedelta(days=20)))
        store.save_session(finished("mar9", START + dt.timedelta(days=20)))  # others still save
    assert month.is_symlink() and not month.exists()  # the link is as it was
    assert _indexed(data) == {"2025-03": 3, "2025-10": 3}  # the writer kept October's entry
    os.rename(tmp_path / "usb-unplugged", tmp_path / "usb")  # plugged in again: all is back
    with Store.open(data) as store:
        assert [n for n in store.notices if "could not be read" in n] == []
        assert len(store.sessions()) == 6


@pytest.mark.parametrize("what", ["folder", "fifo"])
def test_a_month_that_is_not_a_file_is_named_and_left_alone(tmp_path: Path, what: str) -> None:
    _history(tmp_path)
    month = tmp_path / "history" / "2025-10.json"
    kept = month.read_bytes()
    month.unlink()
    if what == "folder":
        month.mkdir()
        (month / "inside.txt").write_text("not a month")
    else:
        os.mkfifo(month)  # reading it as a file would wait for ever
    with Store.open(tmp_path) as store:
        (notice,) = [n for n in store.notices if "2025-10.json" in n]
        assert f"it is {'a folder' if what == 'folder' else 'a FIFO (named pipe)'}, not a file" in (
            notice
        )
        assert len(store.summaries()) == 5  # from the index
        assert len(store.sessions()) == 2
    assert stat.S_ISDIR(month.lstat().st_mode) == (what == "folder")
    assert _indexed(tmp_path)["2025-10"] == 3
    shutil.rmtree(month) if what == "folder" else month.unlink()
    month.write_bytes(kept)
    with Store.open(tmp_path) as store:
        assert len(store.sessions()) == 5


def test_refuse_damaged_stops_at_a_month_it_cannot_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _history(data)
    _unplug(data, tmp_path / "usb")
    before = snapshot(data)
    with pytest.raises(StoreCorrupt, match=r"2025-10\.json could not be read"):
        Store.open(data, on_corrupt="refuse")
    assert snapshot(data) == before


def test_export_names_what_it_lacks_and_exits_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _history(data)
    _unplug(data, tmp_path / "usb")
    out = achilles("export", "--data-dir", data, "--out", tmp_path / "backup.json")
    assert out.returncode == 1
    assert "Exported 2 session(s)" in out.stdout
    assert "the export is incomplete" in out.stderr
    assert "2025-10.json (the sessions of October 2025)" in out.stderr
    assert len(json.loads((tmp_path / "backup.json").read_text())["sessions"]) == 2


def test_a_linked_checkin_file_is_written_through_and_the_link_kept(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "synced"
    _history(data)
    elsewhere.mkdir()
    link = data / "checkins.json"
    os.rename(link, elsewhere / "checkins.json")
    link.symlink_to(elsewhere / "checkins.json")
    with Store.open(data) as store:
        (notice,) = [n for n in store.notices if "links" in n]
        assert f"checkins.json -> {elsewhere / 'checkins.json'}" in notice
        assert len(store.checkins()) == 2
        store.add_checkin(checkin(dt.date(2025, 10, 6)))
    assert link.is_symlink()
    assert len(json.loads((elsewhere / "checkins.json").read_text())["checkins"]) == 3
    assert (elsewhere / "checkins.json").stat().st_mode & 0o777 == 0o600


def test_a_dangling_checkin_link_is_reported_never_read_as_empty_nor_replaced(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    _history(data)
    link = data / "checkins.json"
    link.unlink()
    link.symlink_to(tmp_path / "gone" / "checkins.json")
    with Store.open(data) as store:
        (notice,) = [n for n in store.notices if "checkins.json" in n]
        assert "which does not exist" in notice and "your morning check-ins" in notice
        with pytest.raises(StoreError, match=r"checkins\.json"):
            store.add_checkin(checkin(dt.date(2025, 10, 6)))
        store.save_session(finished("later", START + dt.timedelta(days=9)))  # sessions go on
    assert link.is_symlink() and not link.exists()
    with pytest.raises(StoreCorrupt, match=r"checkins\.json could not be read"):
        Store.open(data, on_corrupt="refuse")


def test_new_folders_and_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        data = tmp_path / "new" / "data"
        _history(data)
        with Store.open(data) as store:
            store.save_session(in_progress("now", START + dt.timedelta(days=40)))
    finally:
        os.umask(old)
    modes = {
        str(p.relative_to(tmp_path)): p.stat().st_mode & 0o777
        for p in [tmp_path / "new", *sorted((tmp_path / "new").rglob("*"))]
    }
    assert modes == {
        "new": 0o700,
        "new/data": 0o700,
        "new/data/achilles.lock": 0o600,
        "new/data/checkins.json": 0o600,
        "new/data/history": 0o700,
        "new/data/history/2025-03.json": 0o600,
        "new/data/history/2025-10.json": 0o600,
        "new/data/history/index.json": 0o600,
        "new/data/live.json": 0o600,
    }
