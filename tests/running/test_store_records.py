"""Runs, test results and questionnaire scores in the store: saved, reread, replaced by id,
exported and imported (an export from before they existed still imports), damaged files moved
aside with the rest of the history intact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from session.running.outcome import make_score
from store import ImportRejected, Store
from tests.running.builders import SPEED, at, result, run
from tests.running.test_outcome import BEST
from tests.store.helpers import START, checkin, finished, load


def _filled(folder: Path) -> dict[str, Any]:
    with Store.open(folder) as store:
        store.save_session(finished("s1", START))
        store.add_checkin(checkin(START.date()))
        for day in (1, 3, 5):
            store.save_run(run(day, calming=("heel_lift",), distance_km=7.5))
        store.save_result(result(4, "heel_raise", left=25, right=21))
        store.save_result(result(4, "hop_count", left=10, right=8))
        store.save_score(make_score(SPEED.outcome, BEST, at(4, 9)))
        return store.export_json()


def test_each_kind_has_its_own_file_and_reads_back_the_same(tmp_path: Path) -> None:
    _filled(tmp_path)
    for name, table in (("runs.json", "runs"), ("tests.json", "tests"), ("scores.json", "scores")):
        doc = load(tmp_path / name)
        assert doc["_meta"]["1"]["kind"] == table
        assert len(doc[table]) == {"runs": 3, "tests": 2, "scores": 1}[table]
    with Store.open(tmp_path, write=False) as store:
        assert [r.id for r in store.runs()] == [run(d).id for d in (1, 3, 5)]
        assert store.runs()[0] == run(1, calming=("heel_lift",), distance_km=7.5)
        assert [(r.kind, r.left, r.right) for r in store.results()] == [
            ("heel_raise", 25, 21),
            ("hop_count", 10, 8),
        ]
        assert store.scores()[0].score == 100
        assert store.scores()[0].answers["training_time"] == (0, 4)


def test_the_same_run_saved_again_replaces_it(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        assert store.save_run(run(1, pain=2)) is False
        assert store.save_run(run(1, pain=4)) is True  # same start: same id
    with Store.open(tmp_path, write=False) as store:
        assert [r.pain_during for r in store.runs()] == [4]


def test_a_damaged_run_log_is_moved_aside_and_the_rest_carries_on(tmp_path: Path) -> None:
    _filled(tmp_path)
    (tmp_path / "runs.json").write_text('{"runs": {"1": {"id": ', encoding="utf-8")
    with Store.open(tmp_path) as store:
        assert store.runs() == []
        assert len(store.results()) == 2 and len(store.summaries()) == 1
        (notice,) = store.notices
        assert "runs.json could not be read" in notice and "your run log" in notice
        store.save_run(run(8))
    assert [p.name for p in tmp_path.glob("runs.corrupt-*.json")]
    with Store.open(tmp_path, write=False) as store:
        assert [r.id for r in store.runs()] == [run(8).id]


def test_a_bad_record_in_the_file_is_named(tmp_path: Path) -> None:
    _filled(tmp_path)
    doc = load(tmp_path / "tests.json")
    doc["tests"]["1"]["left"] = -3
    (tmp_path / "tests.json").write_text(json.dumps(doc), encoding="utf-8")
    with Store.open(tmp_path, write=False) as store:
        assert store.results() == []
        (notice,) = store.notices
        assert "tests[document 1] (id 'heel_raise-4').left" in notice


def test_export_and_import_carry_runs_tests_and_scores(tmp_path: Path) -> None:
    exported = json.loads(json.dumps(_filled(tmp_path / "a")))
    assert [len(exported[k]) for k in ("runs", "tests", "scores")] == [3, 2, 1]
    with Store.open(tmp_path / "b") as store:
        first = store.import_json(exported)
        again = store.import_json(exported)
    assert (first.runs_added, first.tests_added, first.scores_added) == (3, 2, 1)
    assert "3 run(s), 2 test result(s) and 1 questionnaire score(s)" in first.summary()
    assert (again.added, again.runs_skipped, again.tests_skipped, again.scores_skipped) == (
        0,
        3,
        2,
        1,
    )
    with Store.open(tmp_path / "a") as a, Store.open(tmp_path / "b", write=False) as b:
        assert (b.runs(), b.results(), b.scores()) == (a.runs(), a.results(), a.scores())


def test_an_export_from_before_runs_still_imports(tmp_path: Path) -> None:
    """The shape of round 1's exports: no runs, tests or scores keys."""
    old = json.loads(json.dumps(_filled(tmp_path / "a")))
    for key in ("runs", "tests", "scores"):
        del old[key]
    with Store.open(tmp_path / "b") as store:
        done = store.import_json(old)
        assert (done.sessions_added, done.checkins_added, done.runs_added) == (1, 1, 0)
        assert store.runs() == []
    assert done.summary() == "Imported 1 session(s) and 1 check-in(s); settings restored."


def test_a_bad_run_in_an_import_changes_nothing(tmp_path: Path) -> None:
    data = json.loads(json.dumps(_filled(tmp_path / "a")))
    data["runs"][1]["pain_during"] = 11
    with Store.open(tmp_path / "b") as store:
        with pytest.raises(ImportRejected) as err:
            store.import_json(data)
        assert store.runs() == [] and store.summaries() == []
    assert f"runs[2] (id '{run(3).id}').pain_during" in str(err.value)
    assert not (tmp_path / "b" / "runs.json").exists()


def test_a_score_that_does_not_add_up_is_refused(tmp_path: Path) -> None:
    data = json.loads(json.dumps(_filled(tmp_path / "a")))
    data["scores"][0]["score"] = 90
    with Store.open(tmp_path / "b") as store, pytest.raises(ImportRejected) as err:
        store.import_json(data)
    assert "score 90 is not the sum of its points (100)" in str(err.value)
