"""JSON export and import through the store API, and the CSV rows."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

from report.sets_csv import CSV_COLUMNS, to_csv
from session.records import SessionStatus, Settings
from store import ImportRejected, Store
from tests.store.helpers import START, checkin, finished, in_progress, snapshot, states


def _history(folder: Path) -> dict[str, Any]:
    with Store.open(folder) as store:
        store.save_settings(Settings(sore_side="left", voice_rate=150))
        for n in range(4):
            store.save_session(finished(f"s{n}", START + dt.timedelta(days=10 * n), seed=n))
        store.save_session(in_progress("live", START + dt.timedelta(days=45)))
        for n in range(3):
            store.add_checkin(checkin(dt.date(2025, 3, 4) + dt.timedelta(days=n), pain=n))
        return store.export_json()


def test_an_export_restores_into_an_empty_history(tmp_path: Path) -> None:
    exported = _history(tmp_path / "a")
    assert exported["schema"] == 1 and exported["app"] == "achilles-coach"
    data = json.loads(json.dumps(exported))  # through a file's worth of JSON
    with Store.open(tmp_path / "b") as store:
        result = store.import_json(data)
        assert (result.sessions_added, result.checkins_added) == (5, 3)
        assert result.settings_restored
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b", write=False) as b:
        assert b.sessions() == a.sessions()
        assert b.checkins() == a.checkins()
        assert b.settings() == a.settings()
        assert b.unfinished() == a.unfinished()


def test_importing_the_same_file_twice_adds_nothing_twice(tmp_path: Path) -> None:
    data = _history(tmp_path / "a")
    with Store.open(tmp_path / "b") as store:
        store.import_json(data)
    before = snapshot(tmp_path / "b")
    with Store.open(tmp_path / "b") as store:
        result = store.import_json(data)
        assert (result.added, result.sessions_skipped, result.checkins_skipped) == (0, 5, 3)
        assert not result.settings_restored
        assert len(store.sessions()) == 5
        assert "skipped 5 session(s) and 3 check-in(s)" in result.summary()
    assert snapshot(tmp_path / "b") == before


def test_an_import_adds_only_what_is_missing_and_keeps_current_settings(tmp_path: Path) -> None:
    data = _history(tmp_path / "a")
    with Store.open(tmp_path / "b") as store:
        store.save_settings(Settings(sore_side="right"))
        store.save_session(finished("s0", START, seed=99))  # same id, other content: kept
        store.add_checkin(checkin(dt.date(2025, 3, 4), pain=9))
        result = store.import_json(data)
        assert (result.sessions_added, result.sessions_skipped) == (4, 1)
        assert (result.checkins_added, result.checkins_skipped) == (2, 1)
        assert store.settings() == Settings(sore_side="right")
        assert store.checkins()[0].pain == 9
        assert store.sessions()[0] == finished("s0", START, seed=99)


def _bad(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    bad = copy.deepcopy(data)
    node: Any = bad
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return bad


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("sessions", 2, "sets", 1, "legs", 0, "reps_done"),
            -1,
            "sessions[3] (id 's2').sets[2].legs[1].reps_done: Input should be greater than or "
            "equal to 0 (got -1)",
        ),
        (
            ("checkins", 1, "pain"),
            "bad",
            "checkins[2] (day 2025-03-05).pain: Input should be a valid integer",
        ),
        (("sessions", 0, "status"), "paused", "sessions[1] (id 's0').status: Input should be"),
        (("settings", "voice_rate"), 5, "settings.voice_rate: Input should be greater than"),
        (("app",), "something-else", "not an achilles-coach export"),
        (("schema",), 9, "newer achilles-coach"),
        (("schema",), "one", "no valid schema version"),
    ],
)
def test_a_bad_file_changes_nothing_and_names_the_record_and_field(
    tmp_path: Path, path: tuple[Any, ...], value: Any, message: str
) -> None:
    data = _history(tmp_path / "a")
    with Store.open(tmp_path / "b") as store:
        store.save_session(finished("mine", START - dt.timedelta(days=30)))
    before = snapshot(tmp_path / "b")
    with Store.open(tmp_path / "b") as store:
        with pytest.raises(ImportRejected) as info:
            store.import_json(_bad(data, path, value))
        assert message in str(info.value)
        assert "othing was imported" in str(info.value)
        assert [s.id for s in store.sessions()] == ["mine"]
    assert snapshot(tmp_path / "b") == before


def test_an_import_that_is_not_an_object_is_rejected(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store, pytest.raises(ImportRejected, match="found list"):
        store.import_json([1, 2])


def test_a_schema_0_export_is_upgraded_on_import(tmp_path: Path) -> None:
    day = dt.date(2025, 3, 4)
    doc = checkin(day, stiffness_minutes=20).model_dump(mode="json")
    doc["stiffness"] = doc.pop("stiffness_minutes")
    data = {"app": "achilles-coach", "schema": 0, "sessions": [], "checkins": [doc]}
    with Store.open(tmp_path) as store:
        store.import_json(data)
        assert store.checkins()[0].stiffness_minutes == 20


def test_the_csv_has_one_row_per_set_per_leg() -> None:
    done = finished("s1", START)
    stopped = states("s2", START + dt.timedelta(days=2))[3]
    stopped = stopped.model_copy(update={"status": SessionStatus.STOPPED_FOR_PAIN})
    unrated = done.sets[0].model_copy(update={"pain": None})
    unrated_session = done.model_copy(update={"id": "s3", "sets": (unrated,)})
    text = to_csv([done, stopped, unrated_session], tz=dt.UTC)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 2 * (len(done.sets) + len(stopped.sets) + 1)
    first_set = done.sets[0]
    assert rows[0] == {
        "date": "2025-03-03",
        "session_id": "s1",
        "circuit": "1",
        "exercise": first_set.exercise,
        "leg": "left",
        "set": "1",
        "reps": str(first_set.legs[0].reps_done),
        "pain": str(first_set.pain),
        "status": "completed",
        "part": "plyometrics",
        "load_kg": "",
    }
    assert rows[1]["leg"] == "right" and rows[1]["exercise"] == first_set.exercise
    assert [r["set"] for r in rows[: 2 * len(done.sets) : 6]] == ["1", "2", "3"]
    assert {r["status"] for r in rows if r["session_id"] == "s2"} == {"stopped_for_pain"}
    assert rows[-1]["pain"] == ""


def test_the_csv_date_is_the_local_day_of_the_session() -> None:
    late = finished("s1", dt.datetime(2025, 3, 3, 23, 30, tzinfo=dt.UTC))
    tz = dt.timezone(dt.timedelta(hours=2))
    rows = list(csv.DictReader(io.StringIO(to_csv([late], tz=tz))))
    assert {r["date"] for r in rows} == {"2025-03-04"}
