"""Histories from before part 1 (tests/strength/old_shape, written by that code): the data folder
opens and its export imports unchanged, and with part 1 off the engine still writes exactly the
records it wrote then."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from session import engine
from session.records import SessionRecord, SessionStatus, Settings
from store import Store
from tests.session.helpers import PROGRAM, T0, Run, rx_for

OLD = Path(__file__).parent / "old_shape"
NEW_KEYS = {"parts", "strength"}


def old_sessions() -> list[dict[str, object]]:
    """The sessions as the old code exported them."""
    data = json.loads((OLD / "export.json").read_text(encoding="utf-8"))
    sessions: list[dict[str, object]] = data["sessions"]
    return sessions


def copy_of_old_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(OLD / "data", folder)
    return folder


def test_the_old_files_hold_no_part_1() -> None:
    assert [s["id"] for s in old_sessions()] == ["old-1", "old-2", "old-3"]
    assert all(NEW_KEYS.isdisjoint(s) for s in old_sessions())


def test_with_part_1_off_the_engine_writes_exactly_the_records_it_wrote_before() -> None:
    """The old records were made by the old engine from these inputs (old_shape/README.md)."""
    one = Settings(sore_side="right", train="sore_only")
    days = (dt.datetime(2025, 3, 3, 17, tzinfo=dt.UTC), dt.datetime(2025, 3, 5, 17, tzinfo=dt.UTC))
    for k, (day, old) in enumerate(zip(days, old_sessions(), strict=False)):
        state, effects = engine.start(
            PROGRAM, rx_for(PROGRAM, k), one, session_id="x", now=T0, wall_now=day
        )
        run = Run(state=state, now=T0, tick=0.5)
        run.heard(effects)
        run.run(stop=lambda s: s.finished, rater=lambda s, now, k=k: 2 + k)
        new = run.state.record.model_copy(update={"id": f"old-{k + 1}"})
        assert new.parts == ("plyometrics",) and new.strength is None
        assert new.model_dump(mode="json", exclude=NEW_KEYS) == old


def test_the_old_data_folder_opens_unchanged(tmp_path: Path) -> None:
    folder = copy_of_old_data(tmp_path)
    expected = [SessionRecord.model_validate(s) for s in old_sessions()]
    with Store.open(folder) as store:
        assert store.sessions() == expected
        assert [s.id for s in store.summaries()] == ["old-1", "old-2", "old-3"]
        assert all(s.strength is None and s.parts == ("plyometrics",) for s in store.summaries())
        unfinished = store.unfinished()
        assert unfinished is not None and unfinished.id == "old-3"
        assert unfinished.status is SessionStatus.IN_PROGRESS and len(unfinished.sets) == 2
        settings = store.settings()
        assert settings.sore_side == "right" and settings.strength.enabled
        assert [c.pain for c in store.checkins()] == [1, 2]
        assert store.notices == []
    with Store.open(folder, write=False) as again:  # the rebuilt index reads the same
        assert again.sessions() == expected


def test_the_old_export_imports_unchanged_and_exports_again(tmp_path: Path) -> None:
    data = json.loads((OLD / "export.json").read_text(encoding="utf-8"))
    with Store.open(tmp_path / "fresh") as store:
        result = store.import_json(data)
        assert (result.sessions_added, result.checkins_added) == (3, 2)
        assert [s.model_dump(mode="json", exclude=NEW_KEYS) for s in store.sessions()] == (
            old_sessions()
        )
        again = store.export_json()
    assert [
        {k: v for k, v in s.items() if k not in NEW_KEYS} for s in again["sessions"]
    ] == old_sessions()
    with Store.open(tmp_path / "second") as store:
        assert store.import_json(again).sessions_added == 3
        assert store.import_json(data).sessions_added == 0  # the same sessions, by id


@pytest.mark.parametrize("name", ["checkins.json", "settings.json", "live.json"])
def test_the_old_files_are_not_rewritten_by_opening_them(tmp_path: Path, name: str) -> None:
    folder = copy_of_old_data(tmp_path)
    before = (folder / name).read_bytes()
    with Store.open(folder) as store:
        store.summaries()
    assert (folder / name).read_bytes() == before
