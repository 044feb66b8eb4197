"""The back-to-speed-work use cases through the real `Coach` on a real store in tmp_path: runs
(a near twin refused, the same start replacing), the pain zones' words, the watch-file import
matched to runs already logged, the check-in asked the morning after a run, the review's log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from session.records import Settings
from session.running.runs import RunEntryError, RunKind
from store import Store
from tests.running.builders import CET, at
from tests.running.watch_files import START, gpx_bytes
from tui.coach.coach import Coach
from tui.coach.running import RunAnswers


def coach(folder: Path, now: dt.datetime) -> Coach:
    with Store.open(folder) as store:
        store.save_settings(Settings(sore_side="right"))
    return Coach.open(folder, wall=lambda: now)


def easy(day: int, minutes: float = 40, pain: int = 2, **kw: object) -> RunAnswers:
    return RunAnswers(
        started_at=at(day, 18), kind=RunKind.EASY, minutes=minutes, pain_during=pain, **kw
    )  # type: ignore[arg-type]


def test_a_near_twin_is_refused_and_the_same_start_replaces(tmp_path: Path) -> None:
    with coach(tmp_path, at(5, 12)) as c:
        first = c.log_run(easy(1))
        assert not first.replaced
        again = c.log_run(easy(1, pain=3))
        assert again.replaced and again.run.pain_during == 3
        near = RunAnswers(started_at=at(1, 18, 1), kind=RunKind.EASY, minutes=40, pain_during=2)
        with pytest.raises(
            RunEntryError,
            match=r"^date: your easy run on Tue 04 Mar \(40 min\) at 18:00 is already logged",
        ):
            c.log_run(near)
        assert [r.pain_during for r in c._store.runs()] == [3]


def test_a_run_in_the_stop_zone_gets_the_programs_words(tmp_path: Path) -> None:
    with coach(tmp_path, at(5, 12)) as c:
        logged = c.log_run(easy(1, pain=8))
    assert logged.warnings[0].startswith("8/10 is in the high zone.")
    assert logged.warnings[-1].startswith("If it does not settle over the next few days")
    assert logged.advice.dial_back


def test_the_import_matches_runs_already_logged(tmp_path: Path) -> None:
    watch = tmp_path / "watch"
    watch.mkdir()
    (watch / "a.gpx").write_bytes(gpx_bytes(START))
    (watch / "b.gpx").write_bytes(gpx_bytes(START + dt.timedelta(days=1)))
    with coach(tmp_path / "data", START + dt.timedelta(days=3)) as c:
        c.log_run(
            RunAnswers(
                started_at=START + dt.timedelta(minutes=1),
                kind=RunKind.EASY,
                minutes=40,
                pain_during=1,
            )
        )
        found = c.read_run_files(watch)
        assert [f.logged is not None for f in found.runs] == [True, False]
        (new,) = found.new
        logged = c.log_imported(
            new,
            RunAnswers(
                started_at=new.started_at, kind=RunKind.LONG, minutes=new.minutes, pain_during=2
            ),
        )
    assert logged.run.imported_from == str(watch / "b.gpx") and logged.run.kind == "long"


def test_the_check_in_is_offered_the_morning_after_a_run(tmp_path: Path) -> None:
    with coach(tmp_path, at(1, 21)) as c:
        c.log_run(easy(1))
        assert not c.checkin_due()
    with Coach.open(tmp_path, wall=lambda: at(2, 7)) as c:
        assert c.checkin_due()
        c.check_in(2, None, "")
        assert not c.checkin_due()


def test_the_review_lists_runs_tests_and_scores_newest_first(tmp_path: Path) -> None:
    with coach(tmp_path, at(6, 12)) as c:
        c.log_run(easy(1, distance_km=7.5, calming=("heel_lift",)))
        c.enter_result("heel_raise", {"right": 27, "left": 30})
        review = c.running_review()
    assert [(r.kind, r.what) for r in review.log] == [
        ("test", "Heel-raise endurance"),
        ("run", "Easy run"),
    ]
    assert review.log[0].detail == "left 30 · right 27 (90%)"
    assert review.log[1].detail == "40 min · 7.5 km · the heel lift"
    assert review.log[1].pain == "2/10"
    assert review.log[1].when.utcoffset() == CET.utcoffset(None)  # local dates
    assert [w.minutes for w in review.weeks] == [40]
