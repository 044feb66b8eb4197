"""Opening a history written by the previous version (schema 0: one TinyDB file, no version stamp,
check-ins with `stiffness`) upgrades it, keeps the old file, and loses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tinydb import TinyDB

from session.records import CheckIn, Settings
from store import Store
from store.schema import SCHEMA_VERSION
from tests.store.helpers import START, checkin, finished, in_progress, load, snapshot

DAY = dt.date(2025, 3, 4)


def _write_v0(folder: Path) -> dict[str, object]:
    """A schema-0 file, written the way the old version wrote it: TinyDB's default storage."""
    folder.mkdir(parents=True, exist_ok=True)
    done = finished("old-1", START)
    live = in_progress("old-2", START + dt.timedelta(days=40))
    morning = checkin(DAY, pain=3, stiffness_minutes=15, note="a bit stiff")
    old_checkin = morning.model_dump(mode="json")
    old_checkin["stiffness"] = old_checkin.pop("stiffness_minutes")
    with TinyDB(folder / "achilles.json") as db:
        db.table("sessions").insert_multiple(
            [done.model_dump(mode="json"), live.model_dump(mode="json")]
        )
        db.table("checkins").insert(old_checkin)
        db.table("settings").insert(Settings(sore_side="right").model_dump(mode="json"))
    return {"done": done, "live": live, "checkin": morning}


def test_a_schema_0_history_is_upgraded_on_open_and_the_old_file_kept(tmp_path: Path) -> None:
    expected = _write_v0(tmp_path)
    old_bytes = (tmp_path / "achilles.json").read_bytes()
    assert "_meta" not in load(tmp_path / "achilles.json")
    assert "stiffness" in old_bytes.decode()

    with Store.open(tmp_path) as store:
        (notice,) = store.notices
        assert store.sessions() == [expected["done"], expected["live"]]
        assert store.unfinished() == expected["live"]
        assert store.checkins() == [expected["checkin"]]
        assert store.checkins()[0].stiffness_minutes == 15
        assert store.settings() == Settings(sore_side="right")

    assert not (tmp_path / "achilles.json").exists()
    (kept,) = tmp_path.glob("achilles.v0-upgraded-*.json")
    assert kept.read_bytes() == old_bytes
    assert str(kept) in notice and "upgraded" in notice
    for name in ("live.json", "checkins.json", "settings.json", "history/2025-03.json"):
        (stamp,) = load(tmp_path / name)["_meta"].values()
        assert stamp["schema"] == SCHEMA_VERSION

    with Store.open(tmp_path) as again:  # upgraded once: a plain open now
        assert again.notices == []
        assert again.sessions() == [expected["done"], expected["live"]]
        assert again.checkins() == [expected["checkin"]]


def test_an_interrupted_upgrade_runs_again_without_duplicates(tmp_path: Path) -> None:
    """Killed after writing the new files but before renaming the old one: the old file is still
    there on the next open, and its records are already in the new files."""
    expected = _write_v0(tmp_path)
    old_bytes = (tmp_path / "achilles.json").read_bytes()
    with Store.open(tmp_path):
        pass
    (kept,) = tmp_path.glob("achilles.v0-upgraded-*.json")
    kept.rename(tmp_path / "achilles.json")
    with Store.open(tmp_path) as store:
        assert store.sessions() == [expected["done"], expected["live"]]
        assert len(store.checkins()) == 1
    assert len(load(tmp_path / "history" / "2025-03.json")["sessions"]) == 1
    assert len(load(tmp_path / "live.json")["sessions"]) == 1
    assert len(list(tmp_path.glob("achilles.v0-upgraded-*.json"))) == 1
    assert next(tmp_path.glob("achilles.v0-upgraded-*.json")).read_bytes() == old_bytes


def test_newer_records_win_over_the_old_file(tmp_path: Path) -> None:
    _write_v0(tmp_path)
    old = (tmp_path / "achilles.json").read_bytes()
    (tmp_path / "achilles.json").unlink()
    with Store.open(tmp_path) as store:
        store.add_checkin(checkin(DAY, pain=0, note="new"))
    (tmp_path / "achilles.json").write_bytes(old)
    with Store.open(tmp_path) as store:
        assert [(c.pain, c.note) for c in store.checkins()] == [(0, "new")]
        assert len(store.sessions()) == 2


def test_a_read_only_open_sees_a_schema_0_history_and_changes_nothing(tmp_path: Path) -> None:
    expected = _write_v0(tmp_path)
    before = snapshot(tmp_path)
    with Store.open(tmp_path, write=False) as store:
        assert store.sessions() == [expected["done"], expected["live"]]
        assert isinstance(store.checkins()[0], CheckIn)
        assert store.notices == []
    assert snapshot(tmp_path) == before


def test_a_damaged_schema_0_file_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / "achilles.json").write_bytes(b'{"sessions": {"1": {"id": 5}}}')
    with Store.open(tmp_path) as store:
        (notice,) = store.notices
        assert store.sessions() == []
    assert "the history kept in the old format" in notice
    assert "sessions[document 1]" in notice
    (aside,) = tmp_path.glob("achilles.corrupt-*.json")
    assert aside.read_bytes() == b'{"sessions": {"1": {"id": 5}}}'
