"""Property tests: over random part-1 histories, the load never rises when it must not, moves in
the program's steps, never goes negative, and every sentence of the reason is true of it."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session.records import SessionStatus
from session.strength.load import kg
from session.strength.mornings import NOT_CHECKED, MorningVerdict, mornings_after
from session.strength.prescribe import trained_history
from session.strength.records import (
    LoadProposal,
    StrengthPrescription,
    StrengthSettings,
    StrengthSummary,
)
from tests.strength.helpers import MONDAY, PROGRAM, SEATED, STANDING, STRENGTH, Runner, days

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXERCISES = (STANDING, SEATED)
STOP = PROGRAM.stop_threshold


@st.composite
def runners(draw: st.DrawFn) -> tuple[Runner, dt.datetime]:
    """A runner after a random history, and the moment of the next prescription."""
    runner = Runner()
    when = MONDAY
    for _ in range(draw(st.integers(0, 10))):
        if draw(st.integers(0, 5)) == 0:
            stances = {ex: draw(st.sampled_from(["both", "single"])) for ex in EXERCISES}
            runner.settings = StrengthSettings(stances=stances)
        status = draw(
            st.sampled_from(
                [SessionStatus.COMPLETED] * 4
                + [SessionStatus.ENDED_EARLY, SessionStatus.STOPPED_FOR_PAIN]
            )
        )
        only = draw(st.sampled_from([None, None, None, (STANDING,), (SEATED,)]))
        pain = {ex: draw(st.integers(0, 8)) for ex in EXERCISES}
        short = {ex: draw(st.sampled_from([0, 0, 0, 1, 3])) for ex in EXERCISES}
        loads = draw(
            st.one_of(
                st.none(),
                st.fixed_dictionaries({STANDING: st.sampled_from([0.0, 1.0, 4.0, 9.5, 20.0])}),
            )
        )
        runner.train(when, status=status, only=only, pain=pain, short=short, loads=loads)
        morning = draw(st.one_of(st.none(), st.integers(0, 7)))
        if morning is not None:
            runner.morning(when.date() + dt.timedelta(days=1), morning)
        when += days(draw(st.sampled_from([1, 2, 2, 2, 3, 4, 7, 11, 15, 50])))
    return runner, when


def _facts(runner: Runner, now: dt.datetime) -> tuple[list[StrengthSummary], MorningVerdict]:
    """The trained history, and the mornings after its last session, judged independently."""
    trained = trained_history(runner.history)
    if not trained:
        return trained, NOT_CHECKED
    judge = mornings_after(
        runner.checkins, PROGRAM.rules.morning_normal_window, [s.started_at for s in trained]
    )
    last = trained[-1]
    return trained, judge(last.ended_at or last.started_at, last.day(now.tzinfo))


@PROPS
@given(runners())
def test_the_load_moves_in_steps_and_never_below_nothing(case: tuple[Runner, dt.datetime]) -> None:
    runner, now = case
    rx = runner.prescribe(now)
    step = STRENGTH.load.step
    for p in rx.loads:
        assert p.load_kg >= 0
        if p.change == "start":
            assert p.load_kg == STRENGTH.load.start and p.steps is None
            continue
        assert p.previous_kg is not None
        if p.steps is None:
            assert p.load_kg == 0 < p.previous_kg, "only a drop cut short at nothing added"
        else:
            assert p.steps <= 1
            assert abs(p.load_kg - (p.previous_kg + p.steps * step)) < 1e-6
        assert p.change == (
            "up" if p.load_kg > p.previous_kg else "down" if p.load_kg < p.previous_kg else "hold"
        )


@PROPS
@given(runners())
def test_never_a_rise_after_pain_above_5_a_flare_or_no_morning(
    case: tuple[Runner, dt.datetime],
) -> None:
    runner, now = case
    rx = runner.prescribe(now)
    trained, verdict = _facts(runner, now)
    if not trained:
        assert all(p.change == "start" for p in rx.loads)
        return
    last = trained[-1]
    for p in rx.loads:
        if p.change != "up":
            continue
        done = last.done(p.exercise, p.stance)
        assert done is not None, "a rise needs the exercise done last time"
        assert done.all_reps and done.max_pain is not None and done.max_pain < STOP
        assert last.max_pain is not None and last.max_pain < STOP
        assert last.status is not SessionStatus.STOPPED_FOR_PAIN
        assert verdict.checked and not verdict.flare
        assert rx.reps <= last.reps, "never heavier and more reps at once"
        assert (now.date() - last.day(now.tzinfo)).days <= STRENGTH.rules.long_break_days


def _decision(p: LoadProposal) -> str:
    return next(r for r in p.reasons if r.startswith(("Staying at", "Down", "Every rep")))


@PROPS
@given(runners())
def test_every_sentence_is_true_of_the_proposal(case: tuple[Runner, dt.datetime]) -> None:
    runner, now = case
    rx = runner.prescribe(now)
    trained, verdict = _facts(runner, now)
    for p in rx.loads:
        text = " ".join(p.reasons)
        if p.change == "start":
            assert kg(STRENGTH, p.load_kg) in p.reasons[0]
            assert "Down" not in text and "Staying" not in text and "up one step" not in text
            continue
        decision = _decision(p)
        assert kg(STRENGTH, p.load_kg) in decision
        assert ("up one step to " + kg(STRENGTH, p.load_kg)) in text if p.change == "up" else True
        assert ("up one step" in text) == (p.change == "up")
        assert decision.startswith("Down") == (p.change == "down")
        assert decision.startswith("Staying at") == (p.change == "hold")
        steps = re.search(r"Down (\d+) steps? to", decision)
        if steps:
            assert p.steps == -int(steps.group(1))
        assert ("worse than usual" in text) == verdict.flare
        _check_last_time(p, rx, trained, now)


def _check_last_time(
    p: LoadProposal, rx: StrengthPrescription, trained: list[StrengthSummary], now: dt.datetime
) -> None:
    """The first sentence names the right session, its reps and load; pain figures are real."""
    done_in = [s for s in trained if s.done(p.exercise, p.stance) is not None]
    latest = done_in[-1]
    d = latest.done(p.exercise, p.stance)
    assert d is not None
    day = latest.started_at.astimezone(now.tzinfo).strftime("%a %d %b")
    when = "Last session" if latest is trained[-1] else "Last done"
    assert p.reasons[0].startswith(f"{when} ({day}): {d.reps_done} of {d.reps_prescribed} reps")
    assert p.previous_kg == d.load_min_kg
    pains = {int(n) for n in re.findall(r"pain reached (\d+)/10", " ".join(p.reasons))}
    assert pains <= {d.max_pain, trained[-1].max_pain}
    fewer = re.search(r"fewer reps per set \((\d+) instead of (\d+)\)", " ".join(p.reasons))
    if fewer:
        assert (int(fewer.group(1)), int(fewer.group(2))) == (rx.reps, latest.reps)
        assert rx.reps < latest.reps
