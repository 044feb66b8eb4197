"""The summary index (history/index.json): derived from the month files, never trusted blindly.

Summaries come from the index without reading a month file; they always equal what the month files
hold (`record.summary()` of every stored record), whatever happened to the index or to the month
files behind the store's back; full records are read one month at a time, on demand.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from session.records import SessionRecord, SessionStatus
from store import Store, StoreTooNew, schema
from store.schema import IndexFile
from tests.store.helpers import START, checkin, finished, in_progress, load, snapshot, states

INDEX = Path("history") / "index.json"
DAYS = [0, 2, 4, 31, 33, 62, 64, 66]  # March (3), April (2), May (3) 2025
LIVE_DAY = 70


def _history(folder: Path) -> list[SessionRecord]:
    """Finished sessions over three months, one stopped for pain, and one in progress."""
    records = [finished(f"s{n}", START + dt.timedelta(days=d), seed=n) for n, d in enumerate(DAYS)]
    records[4] = records[4].model_copy(update={"status": SessionStatus.STOPPED_FOR_PAIN})
    live = in_progress("live", START + dt.timedelta(days=LIVE_DAY))
    with Store.open(folder) as store:
        for record in records:
            store.save_session(record)
        store.save_session(live)
        store.add_checkin(checkin(dt.date(2025, 3, 4)))
    return [*records, live]


def _consistent(store: Store) -> list[str]:
    """Summaries (taken first, as the Today screen does) equal the full records' summaries."""
    summaries = store.summaries()
    assert summaries == [r.summary() for r in store.sessions()]
    return [s.id for s in summaries]


def _month(folder: Path, key: str) -> Path:
    return folder / "history" / f"{key}.json"


def _indexed(folder: Path) -> dict[str, list[str]]:
    """The session ids per month of the index on disk, checking it is valid and current."""
    index = IndexFile.model_validate_json((folder / INDEX).read_bytes())
    assert index.format == schema.index_format()
    for key, month in index.months.items():
        assert month.file == schema.Fingerprint.of(_month(folder, key).stat()), key
    return {key: [s.id for s in month.sessions] for key, month in index.months.items()}


def _edit_month(path: Path, edit: Any) -> None:
    """Change a month file in place, behind the store's back (a text editor, a sync tool)."""
    data = load(path)
    edit(data["sessions"])
    path.write_text(json.dumps(data))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the files the store validates (settings, check-ins, live, index, months)."""
    seen: list[str] = []
    real = schema.parse_file

    def spy(path: Path, *args: Any) -> Any:
        seen.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(schema, "parse_file", spy)
    yield seen


def _months_read(seen: list[str]) -> list[str]:
    return [name for name in seen if schema.MONTH_FILE.match(name)]


def test_summaries_match_every_stored_record(tmp_path: Path) -> None:
    expected = _history(tmp_path)
    assert _indexed(tmp_path) == {
        "2025-03": ["s0", "s1", "s2"],
        "2025-04": ["s3", "s4"],
        "2025-05": ["s5", "s6", "s7"],
    }
    with Store.open(tmp_path) as store:
        assert store.summaries() == [r.summary() for r in expected]
        assert store.summaries()[4].status is SessionStatus.STOPPED_FOR_PAIN
        assert store.summaries()[-1].status is SessionStatus.IN_PROGRESS
        assert _consistent(store) == [r.id for r in expected]
        # Saving keeps them in step: a set, a finish, an import.
        saves = states("new", START + dt.timedelta(days=95))
        store.save_session(saves[1])
        assert _consistent(store)[-1] == "new"
        store.save_session(saves[-1])
        assert store.summaries()[-1] == saves[-1].summary()
        assert _consistent(store)
        other = finished("imported", START + dt.timedelta(days=120))
        store.import_json({**store.export_json(), "sessions": [other.model_dump(mode="json")]})
        assert _consistent(store)[-1] == "imported"
    assert list(_indexed(tmp_path)) == ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]
    with Store.open(tmp_path, write=False) as store:
        assert len(_consistent(store)) == len(expected) + 2


def test_open_reads_no_month_file_and_session_reads_only_its_month(
    tmp_path: Path, parsed: list[str]
) -> None:
    expected = {r.id: r for r in _history(tmp_path)}
    parsed.clear()
    with Store.open(tmp_path) as store:
        assert store.summaries()[0].id == "s0"
        assert store.unfinished() == expected["live"]
        assert _months_read(parsed) == []
        assert store.session("s4") == expected["s4"]
        assert store.session("s3") == expected["s3"]  # the same month: read once
        assert store.session("live") == expected["live"]
        assert store.session("nope") is None
        assert _months_read(parsed) == ["2025-04.json"]
        assert [store.session("s5"), store.session("s6")] == [expected["s5"], expected["s6"]]
        assert _months_read(parsed) == ["2025-04.json", "2025-05.json"]
        assert store.sessions() == list(expected.values())
        assert sorted(_months_read(parsed)) == ["2025-03.json", "2025-04.json", "2025-05.json"]


@pytest.mark.parametrize(
    "damage",
    ["deleted", "garbage", "empty", "truncated", "wrong kind", "other format", "invalid summary"],
)
def test_a_missing_or_damaged_index_is_rebuilt_silently(tmp_path: Path, damage: str) -> None:
    expected = _history(tmp_path)
    path = tmp_path / INDEX
    good = path.read_bytes()
    data = json.loads(good)
    if damage == "deleted":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"not json {")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "wrong kind":
        path.write_bytes((tmp_path / "live.json").read_bytes())
    elif damage == "other format":  # e.g. written before SessionSummary gained a field
        data["format"] = "0:0123456789abcdef"
        path.write_text(json.dumps(data))
    else:
        data["months"]["2025-03"]["sessions"][0]["max_pain"] = 11
        path.write_text(json.dumps(data))
    with Store.open(tmp_path, write=False) as reader:  # a reader rebuilds it in memory only
        assert reader.summaries() == [r.summary() for r in expected]
        assert reader.notices == []
    assert path.exists() == (damage != "deleted")
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert store.summaries() == [r.summary() for r in expected]
    assert path.read_bytes() == good  # month files unchanged: the same index again
    assert not list(tmp_path.rglob("*corrupt*"))


def test_an_index_from_a_newer_version_is_left_alone(tmp_path: Path) -> None:
    _history(tmp_path)
    data = load(tmp_path / INDEX)
    data["_meta"]["1"]["schema"] = 7
    (tmp_path / INDEX).write_text(json.dumps(data))
    before = snapshot(tmp_path)
    with pytest.raises(StoreTooNew, match="newer achilles-coach"):
        Store.open(tmp_path)
    assert snapshot(tmp_path) == before


def _behind_the_back(folder: Path) -> dict[str, SessionRecord]:
    """Change the month files without the store: edit a session, add one, remove one month,
    add another month. Returns what the summaries must now describe, by id."""
    expected = {r.id: r for r in _history(folder)}
    edited = expected["s1"].sets[0].model_copy(update={"pain": 9})
    expected["s1"] = expected["s1"].model_copy(update={"sets": (edited, *expected["s1"].sets[1:])})
    added = finished("added", START + dt.timedelta(days=6), seed=50)
    expected["added"] = added

    def march(sessions: dict[str, Any]) -> None:
        for doc in sessions.values():
            if doc["id"] == "s1":
                doc["sets"][0]["pain"] = 9
        sessions["99"] = added.model_dump(mode="json")

    _edit_month(_month(folder, "2025-03"), march)
    _month(folder, "2025-04").unlink()
    del expected["s3"], expected["s4"]
    june = finished("june", START + dt.timedelta(days=95), seed=51)
    _month(folder, "2025-06").write_text(
        json.dumps(
            {
                "_meta": {"1": schema.meta("history")},
                "sessions": {"1": june.model_dump(mode="json")},
            }
        )
    )
    expected["june"] = june
    return dict(sorted(expected.items(), key=lambda kv: (kv[1].started_at, kv[0])))


def test_month_files_changed_behind_the_stores_back_are_reindexed(tmp_path: Path) -> None:
    expected = _behind_the_back(tmp_path)
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert store.summaries() == [r.summary() for r in expected.values()]
        assert store.summaries()[1].max_pain == 9
        assert _consistent(store) == list(expected)
    assert _indexed(tmp_path) == {
        "2025-03": ["s0", "s1", "s2", "added"],
        "2025-05": ["s5", "s6", "s7"],
        "2025-06": ["june"],
    }


def test_a_read_only_open_with_a_stale_index_is_correct_and_writes_nothing(
    tmp_path: Path,
) -> None:
    expected = _behind_the_back(tmp_path)
    before = snapshot(tmp_path)
    with Store.open(tmp_path, write=False) as reader:
        assert reader.summaries() == [r.summary() for r in expected.values()]
        assert _consistent(reader) == list(expected)
        assert reader.notices == []
    assert snapshot(tmp_path) == before


def test_an_edit_keeping_the_size_is_seen_by_its_mtime(tmp_path: Path) -> None:
    _history(tmp_path)
    path = _month(tmp_path, "2025-05")
    before = path.stat()
    text = path.read_text()
    assert '"pain":2' in text
    path.write_text(text.replace('"pain":2', '"pain":8', 1))  # in place: same size, same inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert (path.stat().st_size, path.stat().st_ino) == (before.st_size, before.st_ino)
    with Store.open(tmp_path) as store:
        assert 8 in [s.max_pain for s in store.summaries()]
        _consistent(store)


def test_a_kill_between_month_and_index_is_repaired_on_open(tmp_path: Path) -> None:
    """Finishing writes the month, then the index, then live.json. Killed after the month: the
    index is stale and live.json still holds the session; the open reindexes that month."""
    saves = states("s1")
    with Store.open(tmp_path) as store:
        store.save_session(finished("s0", START - dt.timedelta(days=5)))
        store.save_session(saves[-2])
    index_before = (tmp_path / INDEX).read_bytes()
    live_before = (tmp_path / "live.json").read_bytes()
    with Store.open(tmp_path) as store:
        store.save_session(saves[-1])
    (tmp_path / INDEX).write_bytes(index_before)  # as if killed before the index and live
    (tmp_path / "live.json").write_bytes(live_before)
    with Store.open(tmp_path, write=False) as reader:
        assert [s.id for s in reader.summaries()] == ["s0", "s1"]
        assert reader.summaries()[1] == saves[-1].summary()
        assert reader.unfinished() is None
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert store.summaries() == [
            finished("s0", START - dt.timedelta(days=5)).summary(),
            saves[-1].summary(),
        ]
        _consistent(store)
    assert _indexed(tmp_path) == {"2025-02": ["s0"], "2025-03": ["s1"]}
    assert load(tmp_path / "live.json")["sessions"] == {}


def test_a_month_found_damaged_on_first_use_is_moved_aside_and_unindexed(tmp_path: Path) -> None:
    """Damage the index cannot see (same size, inode and mtime) shows when the month is read."""
    _history(tmp_path)
    path = _month(tmp_path, "2025-04")
    st = path.stat()
    path.write_bytes(b"x" * st.st_size)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert "s3" in [s.id for s in store.summaries()]
        assert store.session("s3") is None
        (notice,) = store.notices
        assert "April 2025" in notice and "moved to" in notice
        assert "s3" not in [s.id for s in store.summaries()]
        assert _consistent(store) == ["s0", "s1", "s2", "s5", "s6", "s7", "live"]
    assert not path.exists()
    assert list(_indexed(tmp_path)) == ["2025-03", "2025-05"]


def test_saving_into_an_unread_month_keeps_it_whole(tmp_path: Path, parsed: list[str]) -> None:
    expected = {r.id: r for r in _history(tmp_path)}
    july = finished("july", START + dt.timedelta(days=125), seed=60)
    parsed.clear()
    with Store.open(tmp_path) as store:
        march = finished("march", START + dt.timedelta(days=10), seed=61)
        store.save_session(march)  # into March, not read: appended without validating it all
        assert _months_read(parsed) == []
        assert store.session("march") == march
        assert _months_read(parsed) == []
        # A month file that appeared after the open is read before the store writes to it.
        _month(tmp_path, "2025-07").write_text(
            json.dumps(
                {
                    "_meta": {"1": schema.meta("history")},
                    "sessions": {"1": july.model_dump(mode="json")},
                }
            )
        )
        later = finished("later", START + dt.timedelta(days=127), seed=62)
        store.save_session(later)
        assert _months_read(parsed) == ["2025-07.json"]
        assert [s.id for s in store.summaries()][-3:] == ["live", "july", "later"]
        assert store.session("s0") == expected["s0"]
        ids = _consistent(store)
    assert ids == ["s0", "s1", "s2", "march", "s3", "s4", "s5", "s6", "s7", "live", "july", "later"]
    assert _indexed(tmp_path)["2025-03"] == ["s0", "s1", "s2", "march"]
    assert _indexed(tmp_path)["2025-07"] == ["july", "later"]
