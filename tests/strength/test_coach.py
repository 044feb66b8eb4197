"""Part 1 through the use cases (`Coach`) on a real store: sessions are started by the coach, run
by the engine and saved set by set, over several training days with morning check-ins.

- Part 1 off: the ladder, its rules and the sessions are exactly what they are without part 1.
- Part 1 on: both parts in each session; the loads follow the load rules and the mornings; the
  ladder climbs as it does without part 1; a flare holds back both parts.
- The program's "separate" days: the parts take turns, and a calf-raise day never moves the
  ladder.
- Exports (CSV with a load column, JSON) and imports keep part 1; the report shows both parts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from report.physio import html, markdown
from session.effects import Persist
from session.progression import prescribe
from session.records import CheckIn, SessionRecord, SessionStatus, Settings
from session.strength.program import StrengthProgram
from session.strength.records import StrengthSettings
from tests.session.helpers import Run, rate_after
from tests.strength.helpers import CET, STRENGTH
from tui.coach.coach import Coach
from tui.coach.part1 import TOLD
from tui.coach.today import Today

MONDAY = dt.datetime(2025, 3, 3, 18, 0, tzinfo=CET)
DAYS = (0, 2, 4, 7, 9, 11)
"""Mon, Wed, Fri, then the same the week after: 18:00 each."""
OFF = StrengthSettings(enabled=False)


@dataclass
class Wall:
    """The runner's clock: moved on by the test."""

    now: dt.datetime = MONDAY

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class Runner:
    """A runner who trains through the coach: start what Today offers, rate every set, check in
    the next morning."""

    coach: Coach
    wall: Wall
    done: list[SessionRecord] = field(default_factory=list)

    def today(self, day: int) -> Today:
        self.wall.now = MONDAY + dt.timedelta(days=day)
        return self.coach.today()

    def train(
        self, day: int, pain: int = 2, loads: Mapping[str, float] | None = None
    ) -> SessionRecord:
        today = self.today(day)
        begin = self.coach.start_workout(today.prescription, part1=today.part1, loads=loads)
        state, effects = begin(0.0, self.wall.now.astimezone(dt.UTC))
        run = Run(state=state, now=0.0, tick=0.5)
        run.effects.extend(effects)
        run.heard(effects)
        run.run(rater=rate_after(1.0, [pain]))
        for effect in run.effects:
            if isinstance(effect, Persist):
                self.coach.save_session(effect.record)  # each save, in order, as the app does
        self.done.append(run.state.record)
        return run.state.record

    def morning(self, day: int, pain: int) -> None:
        when = MONDAY.replace(hour=7) + dt.timedelta(days=day)
        self.wall.now = when
        self.coach.check_in(pain, None, "")  # the morning of `when`, the wall's now


def runner_at(
    path: Path, settings: Settings, strength: StrengthProgram = STRENGTH
) -> Iterator[Runner]:
    wall = Wall()
    with Coach.open(path, wall=wall, strength=strength) as coach:
        coach.save_settings(settings)
        yield Runner(coach, wall)


@pytest.fixture
def off(tmp_path: Path) -> Iterator[Runner]:
    yield from runner_at(tmp_path / "off", Settings(sore_side="right", strength=OFF))


@pytest.fixture
def on(tmp_path: Path) -> Iterator[Runner]:
    yield from runner_at(tmp_path / "on", Settings(sore_side="right"))


# --- part 1 off -----------------------------------------------------------------------------


def test_with_part_1_off_the_ladder_and_its_rules_are_exactly_as_without_it(off: Runner) -> None:
    for k, day in enumerate(DAYS):
        today = off.today(day)
        store = off.coach._store
        finished = [s for s in store.summaries() if s.finished]
        assert today.prescription == prescribe(
            off.coach.program, finished, store.checkins(), off.wall.now
        )
        assert today.part1 is None and today.parts == ("plyometrics",)
        assert today.notices == ()  # nobody is told about a part that is off
        record = off.train(day, pain=2 if k != 3 else 6)
        assert record.parts == ("plyometrics",) and record.strength is None
        off.morning(day + 1, 1)
    steps = [r.prescription.step for r in off.done]
    assert steps == [0, 1, 2, 3, 2, 3]  # up, up, up, the stop at 6/10 steps back, up again


# --- part 1 on ------------------------------------------------------------------------------


def test_part_1_on_is_both_parts_every_session_and_the_ladder_climbs_as_without_it(
    on: Runner, off: Runner
) -> None:
    for day in DAYS[:4]:
        for runner in (on, off):
            runner.train(day)
            runner.morning(day + 1, 1)
    assert [r.prescription.step for r in on.done] == [r.prescription.step for r in off.done]
    for record in on.done:
        assert record.parts == ("strength", "plyometrics") and record.strength is not None
        assert record.strength.status is SessionStatus.COMPLETED
        assert len(record.strength.sets) == record.strength.prescription.sets * 2
        assert record.sets and record.status is SessionStatus.COMPLETED


def test_the_runner_is_told_once_that_part_1_can_be_turned_off(on: Runner) -> None:
    assert on.today(0).notices == (TOLD,)
    assert on.today(0).notices == ()
    assert on.coach.settings().strength.told


def test_loads_go_up_a_step_after_every_rep_at_low_pain_and_a_calm_morning(on: Runner) -> None:
    first = on.train(0, loads={"standing_calf_raise": 5.0})
    assert first.strength is not None
    assert [s.load_kg for s in first.strength.sets[:3]] == [5.0, 5.0, 5.0]
    before = on.today(2)
    assert before.part1 is not None
    held = before.part1.prescription.load_for("standing_calf_raise")
    assert (held.load_kg, held.change) == (5.0, "hold")  # no morning check-in yet
    assert "no morning check-in since" in held.reasons[-1]
    on.morning(1, 1)
    nxt = on.today(2).part1
    assert nxt is not None
    up = nxt.prescription.load_for("standing_calf_raise")
    assert (up.previous_kg, up.load_kg, up.change) == (5.0, 7.5, "up")
    seated = nxt.prescription.load_for("seated_calf_raise")
    assert (seated.load_kg, seated.change) == (2.5, "up")


def test_a_flared_morning_holds_back_both_parts(on: Runner) -> None:
    for day in DAYS[:3]:
        on.train(day)
        on.morning(day + 1, 1)
    on.train(DAYS[3])
    on.morning(DAYS[3] + 1, 4)  # usual 1: a flare
    today = on.today(DAYS[4])
    assert today.prescription.flare and today.prescription.step == on.done[-1].prescription.step - 1
    assert today.part1 is not None
    for proposal in today.part1.prescription.loads:
        assert proposal.change == "down"
        assert any("worse than usual" in r for r in proposal.reasons)


def test_a_stop_for_pain_during_the_calf_raises_is_a_stop_for_the_ladder_too(on: Runner) -> None:
    on.train(0)
    on.morning(1, 1)
    record = on.train(2, pain=6)
    assert record.status is SessionStatus.STOPPED_FOR_PAIN and not record.sets
    assert record.strength is not None and len(record.strength.sets) == 1
    today = on.today(4)
    assert today.prescription.step == 0  # back one step from the second session's
    assert "stopped for pain at 6/10" in today.prescription.reasons[0]
    assert today.part1 is not None
    assert {p.change for p in today.part1.prescription.loads} == {"hold", "down"}


# --- separate days --------------------------------------------------------------------------


def test_on_separate_days_the_parts_take_turns_and_calf_raise_days_leave_the_ladder_alone(
    tmp_path: Path,
) -> None:
    day = STRENGTH.day.model_copy(update={"arrangement": "separate"})
    separate = STRENGTH.model_copy(update={"day": day})
    made = runner_at(tmp_path, Settings(sore_side="right"), separate)
    runner = next(made)
    parts, steps = [], []
    for day_no in DAYS:
        today = runner.today(day_no)
        parts.append(today.parts)
        record = runner.train(day_no)
        steps.append(record.prescription.step if record.holds_hops else None)
        runner.morning(day_no + 1, 1)
    assert parts == [("strength",), ("plyometrics",)] * 3
    assert steps == [None, 0, None, 1, None, 2]
    calf_day = runner.done[0]
    assert calf_day.parts == ("strength",) and not calf_day.sets
    assert calf_day.summary().label == "Part 1: Week 1: 3 x 15RM"
    made.close()


# --- exports, imports, the report -----------------------------------------------------------


def test_part_1_is_exported_in_csv_and_json_imported_back_and_reported(
    on: Runner, tmp_path: Path
) -> None:
    on.train(0, loads={"standing_calf_raise": 2.5})
    on.morning(1, 1)
    on.train(2)
    rows = list(csv.DictReader(io.StringIO(on.coach.export("csv").text)))
    lifted = [r for r in rows if r["part"] == "strength"]
    assert len(lifted) == 2 * 6  # two sessions, 3 sets of each of 2 calf raises, both legs
    assert {r["leg"] for r in lifted} == {"both"} and {r["circuit"] for r in lifted} == {""}
    assert [r["load_kg"] for r in lifted[:3]] == ["2.5", "2.5", "2.5"]
    assert {r["load_kg"] for r in rows if r["part"] == "plyometrics"} == {""}
    assert rows[0]["part"] == "strength"  # in the order the sets were done

    data = json.loads(on.coach.export("json").text)
    with Coach.open(tmp_path / "restored", strength=STRENGTH) as restored:
        assert restored.import_history(data).sessions_added == 2
        assert restored.import_history(data).sessions_added == 0
        assert [s.strength for s in restored._store.sessions()] == [r.strength for r in on.done]
        summaries = restored._store.summaries()
        assert [s.strength for s in summaries] == [s.strength for s in on.coach._store.summaries()]

    report = on.coach.report()
    assert report.part1 is not None and report.part1.sessions == 2
    page = markdown(report)
    assert "## Part 1: calf raises, load by week" in page
    assert (
        "| Week of | Seated calf raise, knee bent (both legs) | "
        "Standing calf raise, knee straight (both legs) |"
    ) in page
    assert "- **Part 1 (calf raises):** on; 2 session(s) with calf raises" in page
    assert "<svg" in html(report) and "Calf raises: load added by week (kg)" in html(report)


def test_a_history_with_part_1_reviews_its_rows_and_weekly_loads(on: Runner) -> None:
    on.train(0, loads={"standing_calf_raise": 2.5})
    on.morning(1, 1)
    on.train(2)
    review = on.coach.part1_review()
    assert [(r.done.exercise, r.done.load_min_kg) for r in review.rows] == [
        ("standing_calf_raise", 5.0),
        ("seated_calf_raise", 2.5),
        ("standing_calf_raise", 2.5),
        ("seated_calf_raise", 0.0),
    ]
    (week,) = review.weeks
    assert week.loads == {("standing_calf_raise", "both"): 5.0, ("seated_calf_raise", "both"): 2.5}


def test_a_morning_check_in_after_a_combined_session_reads_the_whole_day(on: Runner) -> None:
    on.train(0)
    assert on.coach.checkin_due() is False  # the same evening
    on.wall.now = MONDAY.replace(hour=7) + dt.timedelta(days=1)
    assert on.coach.checkin_due() is True
    result = on.coach.check_in(1, None, "")
    assert result is not None
    stored = on.coach._store.checkins()
    assert stored == [CheckIn(day=on.wall.now.date(), pain=1, recorded_at=stored[0].recorded_at)]
