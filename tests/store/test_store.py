"""The store's API on real files: what is saved where, what comes back, in which order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from session.records import SessionStatus, Settings
from store import Store, StoreReadOnly
from store.schema import SCHEMA_VERSION
from tests.store.helpers import START, checkin, finished, in_progress, load, snapshot, states


def test_a_fresh_store_is_empty_with_default_settings(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "nested"
    with Store.open(folder) as store:
        assert folder.is_dir()
        assert store.settings() == Settings()
        assert store.sessions() == []
        assert store.unfinished() is None
        assert store.checkins() == []
        assert store.notices == []


def test_a_session_saved_after_every_set_is_one_record_in_live_json(tmp_path: Path) -> None:
    saves = states("s1")
    with Store.open(tmp_path) as store:
        for state in saves[:-1]:
            store.save_session(state)
            assert store.unfinished() == state
        assert store.sessions() == [saves[-2]]
    live = load(tmp_path / "live.json")
    assert [d["id"] for d in live["sessions"].values()] == ["s1"]
    assert len(next(iter(live["sessions"].values()))["sets"]) == len(saves[-2].sets)
    assert not (tmp_path / "history").exists()
    with Store.open(tmp_path, write=False) as again:
        assert again.unfinished() == saves[-2]


def test_a_finished_session_moves_to_its_month_file(tmp_path: Path) -> None:
    saves = states("s1")
    with Store.open(tmp_path) as store:
        for state in saves:
            store.save_session(state)
        assert store.unfinished() is None
        assert store.sessions() == [saves[-1]]
    assert load(tmp_path / "live.json")["sessions"] == {}
    month = load(tmp_path / "history" / "2025-03.json")
    assert [d["id"] for d in month["sessions"].values()] == ["s1"]
    with Store.open(tmp_path) as again:
        (record,) = again.sessions()
        assert record == saves[-1]
        assert record.status is SessionStatus.COMPLETED


def test_sessions_come_back_oldest_first_across_months(tmp_path: Path) -> None:
    days = [40, 0, 75, 3, 33]
    with Store.open(tmp_path) as store:
        for n, day in enumerate(days):
            store.save_session(finished(f"s{n}", START + dt.timedelta(days=day)))
        store.save_session(in_progress("live", START + dt.timedelta(days=80)))
    with Store.open(tmp_path) as store:
        got = [s.started_at for s in store.sessions()]
    assert got == sorted(START + dt.timedelta(days=d) for d in [*days, 80])
    assert sorted(p.name for p in (tmp_path / "history").iterdir()) == [
        "2025-03.json",
        "2025-04.json",
        "2025-05.json",
        "index.json",
    ]


def test_unfinished_is_the_in_progress_session(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(finished("done", START))
        store.save_session(in_progress("now", START + dt.timedelta(days=2)))
        assert store.unfinished() is not None
        assert store.unfinished().id == "now"  # type: ignore[union-attr]


def test_a_second_checkin_on_the_same_day_replaces_the_first(tmp_path: Path) -> None:
    day = dt.date(2025, 3, 4)
    with Store.open(tmp_path) as store:
        store.add_checkin(checkin(day + dt.timedelta(days=2), pain=1))
        store.add_checkin(checkin(day, pain=2))
        store.add_checkin(checkin(day, pain=5, note="stiff"))
    with Store.open(tmp_path) as store:
        got = store.checkins()
    assert [(c.day, c.pain, c.note) for c in got] == [
        (day, 5, "stiff"),
        (day + dt.timedelta(days=2), 1, ""),
    ]
    assert len(load(tmp_path / "checkins.json")["checkins"]) == 2


def test_settings_are_saved_and_replaced(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_settings(Settings(sore_side="left"))
        store.save_settings(Settings(sore_side="right", voice_rate=200))
    with Store.open(tmp_path) as store:
        assert store.settings() == Settings(sore_side="right", voice_rate=200)
    assert len(load(tmp_path / "settings.json")["settings"]) == 1


def test_every_file_carries_the_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_settings(Settings())
        store.add_checkin(checkin(dt.date(2025, 3, 4)))
        store.save_session(finished("s1"))
        store.save_session(in_progress("s2", START + dt.timedelta(days=2)))
    kinds = {}
    for name, _ in snapshot(tmp_path).items():
        (stamp,) = load(tmp_path / name)["_meta"].values()
        assert stamp["schema"] == SCHEMA_VERSION
        kinds[name] = stamp["kind"]
    assert kinds == {
        "settings.json": "settings",
        "checkins.json": "checkins",
        "live.json": "live",
        "history/2025-03.json": "history",
        "history/index.json": "index",
    }


def test_a_read_only_store_refuses_every_write_and_changes_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(in_progress("s1"))
    before = snapshot(tmp_path)
    with Store.open(tmp_path, write=False) as store:
        assert store.unfinished() == in_progress("s1")
        attempts: list[Callable[[], object]] = [
            lambda: store.save_session(finished("s1")),
            lambda: store.add_checkin(checkin(dt.date(2025, 3, 4))),
            lambda: store.save_settings(Settings()),
            lambda: store.import_json(store.export_json()),
        ]
        for attempt in attempts:
            with pytest.raises(StoreReadOnly, match="read-only"):
                attempt()
    assert snapshot(tmp_path) == before


def test_read_only_on_a_missing_folder_is_empty_and_creates_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "nothing", write=False) as store:
        assert store.sessions() == []
        assert store.settings() == Settings()
    assert not (tmp_path / "nothing").exists()


def test_a_closed_store_cannot_save(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreReadOnly, match="closed"):
        store.save_session(in_progress("s1"))


def test_a_kill_between_month_and_live_is_repaired_on_open(tmp_path: Path) -> None:
    """Finishing writes the month first, then removes the session from live.json. A kill in
    between leaves it in both: the open keeps the finished copy and cleans live.json."""
    saves = states("s1")
    with Store.open(tmp_path) as store:
        store.save_session(saves[-2])
    live_before = (tmp_path / "live.json").read_bytes()
    with Store.open(tmp_path) as store:
        store.save_session(saves[-1])
    (tmp_path / "live.json").write_bytes(live_before)  # as if killed before the removal

    with Store.open(tmp_path, write=False) as reader:
        assert reader.sessions() == [saves[-1]]
        assert reader.unfinished() is None
    assert (tmp_path / "live.json").read_bytes() == live_before  # the reader changed nothing
    with Store.open(tmp_path) as store:
        assert store.sessions() == [saves[-1]]
        assert store.notices == []
    assert load(tmp_path / "live.json")["sessions"] == {}


def test_a_finished_session_found_in_live_json_is_moved_to_its_month(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(in_progress("s1"))
    data = load(tmp_path / "live.json")
    (doc,) = data["sessions"].values()
    done = finished("s1")
    doc.update(done.model_dump(mode="json"))
    (tmp_path / "live.json").write_text(__import__("json").dumps(data))
    with Store.open(tmp_path) as store:
        assert store.sessions() == [done]
    assert load(tmp_path / "live.json")["sessions"] == {}
    assert len(load(tmp_path / "history" / "2025-03.json")["sessions"]) == 1


def test_a_writer_removes_temp_files_of_killed_writes_and_a_reader_does_not(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path) as store:
        store.save_session(finished("s1"))
    stray = [tmp_path / ".live.json.abc123.tmp", tmp_path / "history" / ".2025-03.json.x.tmp"]
    for path in stray:
        path.write_bytes(b'{"half a wri')
    with Store.open(tmp_path, write=False) as reader:
        assert reader.notices == []
    assert all(p.exists() for p in stray)
    with Store.open(tmp_path) as store:
        assert store.notices == []
        assert len(store.sessions()) == 1
    assert not any(p.exists() for p in stray)
