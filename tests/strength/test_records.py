"""Strength records: valid sets only, honest summaries, and old session files still load."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from session.records import SessionRecord, SessionStatus
from session.strength.records import StrengthLeg, StrengthSet, TempoUsed
from tests.session.helpers import session_record
from tests.strength.helpers import MONDAY, PROGRAM, SEATED, STANDING, Runner, do_part


def test_an_old_session_record_loads_as_the_circuit_alone() -> None:
    old = session_record(PROGRAM, 2, MONDAY)
    stored = old.model_dump(mode="json", exclude={"parts", "strength"})  # as written before part 1
    loaded = SessionRecord.model_validate(json.loads(json.dumps(stored)))
    assert loaded == old
    assert loaded.parts == ("plyometrics",) and loaded.strength is None
    assert loaded.summary().strength is None


def test_a_session_with_strength_sets_round_trips_through_json() -> None:
    rx = Runner().prescribe(MONDAY)
    part = do_part(rx, MONDAY, short={SEATED: 2}, pain={STANDING: 3, SEATED: 4})
    record = SessionRecord.model_validate(
        {
            **session_record(PROGRAM, 0, MONDAY).model_dump(),
            "parts": ("strength", "plyometrics"),
            "strength": part,
        }
    )
    stored = json.dumps(record.model_dump(mode="json"))
    assert SessionRecord.model_validate(json.loads(stored)) == record
    summary = record.summary()
    assert summary.strength == part.summary(record.id)
    assert summary.sets_done == len(record.sets) + len(part.sets)
    assert summary.hop_sets_done == len(record.sets)
    assert summary.max_pain == 4  # part 1's worst counts: the day's load is judged whole


def test_parts_and_the_part_1_record_go_together() -> None:
    base = session_record(PROGRAM, 0, MONDAY).model_dump()
    part = do_part(Runner().prescribe(MONDAY), MONDAY)
    with pytest.raises(ValidationError, match="exactly when its parts name it"):
        SessionRecord.model_validate({**base, "strength": part})
    with pytest.raises(ValidationError, match="exactly when its parts name it"):
        SessionRecord.model_validate({**base, "parts": ("strength", "plyometrics")})
    with pytest.raises(ValidationError, match="do not hold them"):
        SessionRecord.model_validate({**base, "parts": ("strength",), "strength": part})


def _leg(side: str, done: int = 15, target: int = 15) -> StrengthLeg:
    return StrengthLeg.model_validate(
        {
            "side": side,
            "reps_done": done,
            "reps_target": target,
            "started_at": MONDAY,
            "ended_at": MONDAY + dt.timedelta(seconds=90),
        }
    )


def _set(stance: str, legs: tuple[StrengthLeg, ...], **more: object) -> StrengthSet:
    return StrengthSet.model_validate(
        {
            "exercise": STANDING,
            "stance": stance,
            "set_index": 1,
            "sets_total": 3,
            "load_kg": 5.0,
            "legs": legs,
            "tempo": TempoUsed(lift_seconds=3, lower_seconds=3),
            "pain": 2,
            "started_at": MONDAY,
            "ended_at": MONDAY + dt.timedelta(minutes=3),
            **more,
        }
    )


def test_a_set_counts_its_reps_and_knows_when_all_were_done() -> None:
    s = _set("single", (_leg("left"), _leg("right", 13)))
    assert (s.reps_done, s.reps_target, s.all_reps) == (28, 30, False)
    assert _set("both", (_leg("both"),)).all_reps


@pytest.mark.parametrize(
    ("stance", "sides", "more", "words"),
    [
        ("both", ("left",), {}, "a both-legs set has one effort with side 'both'"),
        ("single", ("left", "left"), {}, "each leg at most once"),
        ("single", ("both",), {}, "each leg at most once"),
        ("both", ("both",), {"set_index": 4}, "set 4 of 3 is past the last set"),
        ("both", ("both",), {"load_kg": -2.5}, "greater than or equal to 0"),
        ("both", ("both",), {"pain": 11}, "less than or equal to 10"),
    ],
)
def test_impossible_sets_are_refused(
    stance: str, sides: tuple[str, ...], more: dict[str, object], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        _set(stance, tuple(_leg(side) for side in sides), **more)


def test_the_summary_says_what_was_lifted_and_how_many_reps_of_how_many() -> None:
    rx = Runner().prescribe(MONDAY)
    part = do_part(
        rx, MONDAY, short={SEATED: 3}, pain={STANDING: 2, SEATED: 5}, loads={SEATED: 2.5}
    )
    summary = part.summary("s1")
    standing, seated = summary.done(STANDING, "both"), summary.done(SEATED, "both")
    assert standing is not None and seated is not None
    assert (standing.reps_done, standing.reps_prescribed, standing.all_reps) == (45, 45, True)
    assert (seated.reps_done, seated.short_sets, seated.all_reps) == (36, 3, False)
    assert (seated.load_min_kg, seated.max_pain, summary.max_pain) == (2.5, 5, 5)
    assert summary.done(STANDING, "single") is None
    assert (summary.week, summary.sets, summary.reps) == (1, 3, 15)


def test_a_single_leg_set_cut_off_before_the_second_leg_is_short() -> None:
    runner = Runner()
    runner.settings = runner.settings.model_copy(update={"stances": {SEATED: "single"}})
    rx = runner.prescribe(MONDAY)
    part = do_part(rx, MONDAY, only=(SEATED,))
    cut = part.sets[-1].model_copy(update={"legs": part.sets[-1].legs[:1]})
    summary = part.model_copy(
        update={"sets": (*part.sets[:-1], cut), "status": SessionStatus.ENDED_EARLY}
    ).summary("s1")
    seated = summary.done(SEATED, "single")
    assert seated is not None
    assert (seated.reps_done, seated.reps_prescribed, seated.short_sets) == (75, 90, 1)
    assert not seated.all_reps
