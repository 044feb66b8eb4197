"""Atomic writes: a failed write leaves the old file as it was and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from store.atomic import AtomicJSONStorage, remove_stale_temps, write_atomic


def test_write_atomic_replaces_the_content(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_a_write_that_fails_before_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    write_atomic(target, b"old")

    def no_space(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_the_tinydb_storage_stamps_meta_and_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "live.json"
    with TinyDB(path, storage=AtomicJSONStorage, meta={"schema": 1, "kind": "live"}) as db:
        db.table("sessions").insert({"id": "a", "n": 1})
        db.table("sessions").update({"n": 2}, doc_ids=[1])
        assert db.table("sessions").all() == [{"id": "a", "n": 2}]
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert db.table("_meta").all() == [{"schema": 1, "kind": "live"}]
        assert db.table("sessions").all() == [{"id": "a", "n": 2}]


def test_only_temp_files_are_removed(tmp_path: Path) -> None:
    keep = [tmp_path / "live.json", tmp_path / "notes.tmp", tmp_path / ".hidden"]
    stale = [tmp_path / ".live.json.x1.tmp", tmp_path / ".checkins.json.y2.tmp"]
    for p in keep + stale:
        p.write_text("x")
    assert sorted(remove_stale_temps(tmp_path)) == sorted(stale)
    assert all(p.exists() for p in keep)
    assert remove_stale_temps(tmp_path / "missing") == []
