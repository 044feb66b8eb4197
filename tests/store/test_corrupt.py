"""A damaged file is never overwritten: moved aside with a notice, or refused; never lost."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from session.records import Settings
from store import Store, StoreCorrupt, StoreTooNew
from tests.store.helpers import START, checkin, finished, in_progress, load, snapshot

BAD_CONTENT = {
    "garbage": b"this is not json {",
    "truncated": b'{"_meta":{"1":{"schema":1,"kind":"live"}},"sessions":{"1":{"id":"s',
    "a list": b"[]",
    "tinydb default table as a list": b'{"_default": []}',
    "not utf-8": b"\xff\xfe\x00garbage",
    "empty": b"",
    "no meta table": b'{"sessions": {}}',
}

FILES = {
    "live.json": "the unfinished session",
    "settings.json": "your saved settings",
    "checkins.json": "your morning check-ins",
    "history/2025-03.json": "the sessions of March 2025",
}


def _full_store(folder: Path) -> None:
    with Store.open(folder) as store:
        store.save_settings(Settings(sore_side="left"))
        store.add_checkin(checkin(dt.date(2025, 3, 4)))
        store.save_session(finished("march", START))
        store.save_session(finished("april", START + dt.timedelta(days=31)))
        store.save_session(in_progress("live", START + dt.timedelta(days=33)))


def _aside(path: Path) -> list[Path]:
    pattern = re.compile(
        re.escape(path.stem) + r"\.corrupt-\d{8}-\d{6}(-\d+)?" + re.escape(path.suffix)
    )
    return [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]


@pytest.mark.parametrize("content", BAD_CONTENT.values(), ids=BAD_CONTENT.keys())
def test_a_damaged_live_file_is_moved_aside_untouched_and_the_runner_is_told(
    tmp_path: Path, content: bytes
) -> None:
    _full_store(tmp_path)
    live = tmp_path / "live.json"
    live.write_bytes(content)
    with Store.open(tmp_path) as store:
        (aside,) = _aside(live)
        assert aside.read_bytes() == content
        (notice,) = store.notices
        assert str(live) in notice and str(aside) in notice
        assert "could not be read" in notice and "nothing in it is lost" in notice
        assert store.unfinished() is None
        assert [s.id for s in store.sessions()] == ["march", "april"]  # the rest still loads
        store.save_session(in_progress("new", START + dt.timedelta(days=40)))
    assert aside.read_bytes() == content
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert store.unfinished() is not None


@pytest.mark.parametrize("name", FILES, ids=FILES.values())
def test_each_file_kind_is_moved_aside_with_a_notice_naming_what_is_missing(
    tmp_path: Path, name: str
) -> None:
    _full_store(tmp_path)
    path = tmp_path / name
    data = load(path)
    table = next(t for t in data if t != "_meta")
    doc = next(iter(data[table].values()))
    doc["pain" if table == "checkins" else "voice_rate" if table == "settings" else "id"] = 999
    path.write_text(json.dumps(data))
    original = path.read_bytes()
    with Store.open(tmp_path) as store:
        (notice,) = store.notices
        assert FILES[name] in notice
        assert "invalid record" in notice
        (aside,) = _aside(path)
        assert aside.read_bytes() == original
        assert not path.exists()
        present = {
            "settings.json": store.settings() != Settings(),
            "checkins.json": store.checkins() != [],
            "live.json": store.unfinished() is not None,
            "history/2025-03.json": "march" in {s.id for s in store.sessions()},
        }
        assert present == {k: k != name for k in FILES}  # only the damaged file's part is gone


def test_the_notice_names_the_record_and_the_field(tmp_path: Path) -> None:
    _full_store(tmp_path)
    path = tmp_path / "history" / "2025-03.json"
    data = load(path)
    doc = next(iter(data["sessions"].values()))
    doc["sets"][1]["pain"] = 11
    path.write_text(json.dumps(data))
    with Store.open(tmp_path) as store:
        (notice,) = store.notices
    assert "sessions[document 1] (id 'march').sets[2].pain" in notice
    assert "less than or equal to 10" in notice and "(got 11)" in notice


def test_refuse_raises_and_leaves_the_file_and_lock_alone(tmp_path: Path) -> None:
    _full_store(tmp_path)
    (tmp_path / "checkins.json").write_bytes(b"garbage")
    before = snapshot(tmp_path)
    with pytest.raises(StoreCorrupt) as info:
        Store.open(tmp_path, on_corrupt="refuse")
    assert str(tmp_path / "checkins.json") in str(info.value)
    assert "not valid JSON" in str(info.value)
    assert snapshot(tmp_path) == before
    with pytest.raises(StoreCorrupt):
        Store.open(tmp_path, write=False, on_corrupt="refuse")
    assert snapshot(tmp_path) == before
    with Store.open(tmp_path) as store:  # the refused open released the lock
        assert len(store.notices) == 1


def test_read_only_leaves_a_damaged_file_in_place_and_says_so(tmp_path: Path) -> None:
    _full_store(tmp_path)
    (tmp_path / "history" / "2025-04.json").write_bytes(b"garbage")
    before = snapshot(tmp_path)
    with Store.open(tmp_path, write=False) as store:
        (notice,) = store.notices
        assert "left as it is" in notice and "April 2025" in notice
        assert [s.id for s in store.sessions()] == ["march", "live"]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("write", [True, False])
@pytest.mark.parametrize("on_corrupt", ["move_aside", "refuse"])
def test_a_file_from_a_newer_version_is_never_moved_aside(
    tmp_path: Path, write: bool, on_corrupt: str
) -> None:
    _full_store(tmp_path)
    path = tmp_path / "live.json"
    data = load(path)
    data["_meta"]["1"]["schema"] = 7
    data["sessions"]["1"]["a_field_from_the_future"] = True
    path.write_text(json.dumps(data))
    before = snapshot(tmp_path)
    with pytest.raises(StoreTooNew, match="newer achilles-coach"):
        Store.open(tmp_path, write=write, on_corrupt=on_corrupt)  # type: ignore[arg-type]
    assert snapshot(tmp_path) == before


def test_a_file_of_the_wrong_kind_is_moved_aside(tmp_path: Path) -> None:
    _full_store(tmp_path)
    (tmp_path / "checkins.json").write_bytes((tmp_path / "live.json").read_bytes())
    with Store.open(tmp_path) as store:
        (notice,) = store.notices
    assert "live data where checkins data belongs" in notice
