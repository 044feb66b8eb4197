"""The VISA-A-based score: 0-100 from the eight answers, when it is due, and its trend."""

from __future__ import annotations

import datetime as dt

import pytest

from session.running.outcome import (
    Answer,
    OutcomeAnswerError,
    OutcomeScore,
    make_score,
    outcome_due,
    outcome_trend,
    score_answers,
)
from tests.running.builders import CET, SPEED, at

OUTCOME = SPEED.outcome
BEST: dict[str, Answer] = {
    "stiffness": 0,
    "step_stretch": 0,
    "walk": 0,
    "downstairs": 0,
    "heel_raises": 0,
    "hops": 10,
    "sport": 3,
    "training_time": (0, 4),
}
WORST: dict[str, Answer] = {
    "stiffness": 120,
    "step_stretch": 10,
    "walk": 10,
    "downstairs": 10,
    "heel_raises": 10,
    "hops": 0,
    "sport": 0,
    "training_time": (2, 0),
}


def scored(day: int, score: int) -> OutcomeScore:
    return OutcomeScore(
        id=f"o-{day}",
        recorded_at=at(day, 9).astimezone(dt.UTC),
        label=OUTCOME.label,
        answers={},
        points={},
        score=score,
    )


def test_no_symptoms_score_100_and_the_worst_answers_0() -> None:
    assert sum(score_answers(OUTCOME, BEST).values()) == 100
    assert sum(score_answers(OUTCOME, WORST).values()) == 0


def test_a_typical_runner_mid_rehab() -> None:
    answers: dict[str, Answer] = {
        "stiffness": 15,  # 15 minutes: 8 points
        "step_stretch": 3,  # 7
        "walk": 1,  # 9
        "downstairs": 2,  # 8
        "heel_raises": 3,  # 7
        "hops": 6,  # 6
        "sport": 1,  # modified training: 4
        "training_time": (1, 3),  # some pain, 21-30 minutes: 14
    }
    s = make_score(OUTCOME, answers, at(5, 9))
    assert s.points == {
        "stiffness": 8,
        "step_stretch": 7,
        "walk": 9,
        "downstairs": 8,
        "heel_raises": 7,
        "hops": 6,
        "sport": 4,
        "training_time": 14,
    }
    assert s.score == 63
    assert s.label == "VISA-A-based score"
    assert OutcomeScore.model_validate(s.model_dump(mode="json")) == s


@pytest.mark.parametrize(
    ("minutes", "points"), [(0, 10), (4, 10), (5, 9), (14, 9), (50, 5), (94, 1), (95, 0), (600, 0)]
)
def test_stiffness_minutes_score_a_point_less_per_ten_minutes(minutes: int, points: int) -> None:
    assert score_answers(OUTCOME, {**BEST, "stiffness": minutes})["stiffness"] == points


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"walk": 11}, r"pain after a 30-minute walk \(walk\): 11 is outside the 0-10 scale"),
        ({"hops": 12}, r"pain-free single-leg hops \(hops\): 12 is out of range; enter 0 to 10"),
        ({"sport": 4}, r"sport participation \(sport\): option 5 does not exist"),
        ({"training_time": (3, 0)}, r"row 4, column 1 is not on the grid of 3 rows and 5"),
        ({"training_time": 2}, r"training time \(training_time\): choose a row and a column"),
        ({"walk": (1, 1)}, r"expects one number, not a row and a column"),
        ({"stiffness": -5}, r"-5 minutes is out of range"),
        ({"mood": 3}, r"mood: not a question of the VISA-A-based score"),
    ],
)
def test_a_bad_answer_names_the_question(change: dict[str, Answer], message: str) -> None:
    with pytest.raises(OutcomeAnswerError, match=message):
        score_answers(OUTCOME, {**BEST, **change})


def test_every_question_must_be_answered() -> None:
    answers = {k: v for k, v in BEST.items() if k != "downstairs"}
    with pytest.raises(OutcomeAnswerError, match=r"pain walking downstairs \(downstairs\)"):
        score_answers(OUTCOME, answers)


def test_offered_first_then_every_two_weeks_overdue_after_four() -> None:
    first = outcome_due(OUTCOME, [], at(0, 9))
    assert first.state == "first" and first.offer
    assert "a first one gives the baseline" in first.words
    scores = [scored(0, 55)]
    soon = outcome_due(OUTCOME, scores, at(13, 9))
    assert soon.state == "not_yet" and not soon.offer
    assert soon.words == "VISA-A-based score 55 on Mon 03 Mar; the next one from Mon 17 Mar."
    assert outcome_due(OUTCOME, scores, at(14, 9)).state == "due"
    late = outcome_due(OUTCOME, scores, at(28, 9))
    assert late.state == "overdue"
    assert late.words == (
        "The VISA-A-based score is overdue: the last one was 28 days ago (55 on Mon 03 Mar)."
    )


def test_the_trend_marks_recovered_and_the_important_change() -> None:
    scores = [scored(0, 52), scored(28, 58), scored(56, 63), scored(84, 70)]
    trend = outcome_trend(OUTCOME, scores, CET)
    assert [p.score for p in trend.points] == [52, 58, 63, 70]
    assert trend.recovered == 90
    assert trend.target == 66
    assert trend.change == 18
    assert trend.change_weeks == 12
    assert trend.words == (
        "VISA-A-based score 70 on Mon 26 May 2025.",
        "Up 18 points since 03 Mar 2025 (12 weeks): at least the 14 points that count as "
        "important.",
        "Above 90 is usually called recovered.",
    )


def test_a_small_change_is_told_against_the_rule() -> None:
    trend = outcome_trend(OUTCOME, [scored(0, 80), scored(42, 88), scored(98, 92)], CET)
    assert trend.change == 12  # against day 0: the newest score at least 12 weeks before
    assert trend.words[1] == (
        "Up 12 points since 03 Mar 2025 (14 weeks) (about 14 points over 12 weeks is a "
        "clinically important change)."
    )
    assert trend.words[2] == "Above 90, which is usually called recovered."


def test_a_trend_of_none_or_one() -> None:
    assert outcome_trend(OUTCOME, [], CET).words == ("No VISA-A-based score yet.",)
    one = outcome_trend(OUTCOME, [scored(0, 95)], CET)
    assert one.change is None and one.target == 100
