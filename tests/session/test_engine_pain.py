"""Stopping for pain in any phase (x), and a few seconds to change a stopping rating (u), with
every change of a rating kept (issue 11)."""

from __future__ import annotations

import datetime as dt

import pytest

from session import engine
from session.effects import CueKind, Persist, Priority, Say
from session.engine import Phase
from session.events import (
    ChangeRating,
    EndEarly,
    PainRating,
    Pause,
    Skip,
    StopForPain,
    Tick,
)
from session.records import Settings, StopPoint
from session.view import view
from tests.session.helpers import PROGRAM, T0, WALL0, Run, close, persists, says, wall

W = PROGRAM.words
TOO_MUCH = PROGRAM.zone_for(6).advice
SAFE = PROGRAM.zone_for(2).advice
RED_FLAGS = PROGRAM.red_flags.spoken
GO = T0 + 6.0
REST = T0 + 60.4  # the end of the first set (hop up: 1.2 s a rep, both legs, a 10 s switch)


def to_rest(run: Run) -> float:
    run.run(stop=lambda s: s.phase is Phase.REST)
    return run.state.phase_start


# --- x: stop for pain, in any phase ------------------------------------------------------------


@pytest.mark.parametrize(
    ("t", "phase", "where", "legs"),
    [
        (GO + 1.2 * 5 + 0.5, Phase.REPS, ("reps", "right", 5), [("right", 5)]),
        (T0 + 1.0, Phase.ANNOUNCE, ("announce", "right", 0), []),
        (T0 + 4.5, Phase.COUNTDOWN, ("countdown", "right", 0), []),
        (T0 + 30.0, Phase.SWITCH_LEGS, ("switch_legs", "right", 15), [("right", 15)]),
        (T0 + 36.0, Phase.ANNOUNCE, ("announce", "left", 0), [("right", 15)]),
    ],
)
def test_stop_for_pain_during_a_set_keeps_it_with_where_and_asks_the_rating(
    t: float, phase: Phase, where: tuple[str, str, int], legs: list[tuple[str, int]]
) -> None:
    run = Run.begin(step=1)
    run.run(until=t)
    assert run.state.phase is phase
    effects = run.send(StopForPain())
    # Saved first, then asked: the runner hears at once that the set has stopped.
    saved, ask = effects
    assert isinstance(saved, Persist)
    assert ask == Say(W.pain_stop, CueKind.PAIN_QUESTION, run.now, Priority.URGENT, None)
    (result,) = saved.record.sets
    assert result.exercise == "hop_up" and result.set_index == 1
    assert [(leg.leg, leg.reps_done) for leg in result.legs] == legs
    assert result.skipped and result.pain is None
    assert result.stopped == StopPoint(
        phase=where[0],
        leg=where[1],
        rep=where[2],
        at=wall(run.now),  # type: ignore[arg-type]
    )
    assert run.state.phase is Phase.STOP_RATING and run.state.awaiting_pain
    assert view(run.state, run.now).big_count == "?"
    # Nothing of the set goes on; a reminder if the rating does not come.
    run.run(until=run.now + 20.0)
    assert [c.kind for c in says(run.effects[len(run.effects) - 1 :])] == [CueKind.REMINDER]
    # Whatever the rating, the loading stops, as a 6 does.
    effects = run.send(PainRating(3), run.now + 1.0)
    assert [(type(e).__name__, getattr(e, "text", None)) for e in effects] == [
        ("Persist", None),
        ("Say", SAFE),
        ("Persist", None),
        ("Say", RED_FLAGS),
        ("Say", W.stop_for_pain),
    ]
    record = run.state.record
    assert run.state.finished and record.status.value == "stopped_for_pain"
    assert record.sets[0].pain == 3 and record.sets[0].stopped is not None


def test_stop_for_pain_in_the_rest_goes_on_the_set_just_done() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(2), rest + 3.0)
    run.send(Tick(), rest + 20.0)
    effects = run.send(StopForPain(), rest + 20.0)
    assert isinstance(effects[0], Persist)
    (result,) = run.state.record.sets
    assert result.stopped == StopPoint(phase="rest", leg="left", rep=15, at=wall(rest + 20.0))
    # The rating is asked again: how it is now. The change is kept.
    run.send(PainRating(5), rest + 25.0)
    result = run.state.record.sets[0]
    assert result.pain == 5
    assert [(c.old, c.new) for c in result.pain_changes] == [(2, 5)]
    assert run.state.record.status.value == "stopped_for_pain"


def test_a_stop_through_x_ends_with_the_red_flags_said_once_never_dropped() -> None:
    """x: the runner reported pain themselves. After the stop, the red flags' spoken line, urgent
    and without a window (the voice never drops it), once; a stop by a rating does not say it."""
    run = Run.begin(step=1)
    run.run(until=GO + 3.0)
    run.send(StopForPain())
    run.send(PainRating(7), run.now + 2.0)
    flags = [s for s in says(run.effects) if s.kind is CueKind.RED_FLAG]
    assert flags == [Say(RED_FLAGS, CueKind.RED_FLAG, run.now, Priority.URGENT, None)]
    assert says(run.effects)[-2:] == [  # the session still ends on its closing words
        flags[0],
        Say(W.stop_for_pain, CueKind.STOP, run.now, Priority.URGENT, None),
    ]
    run.run(until=run.now + 60.0)
    assert [s for s in says(run.effects) if s.kind is CueKind.RED_FLAG] == flags
    # Ended while the rating is asked: still stopped through x, still said.
    ended = Run.begin(step=1)
    ended.run(until=GO + 3.0)
    ended.send(StopForPain())
    ended.send(EndEarly(), ended.now + 5.0)
    assert [s.text for s in says(ended.effects) if s.kind is CueKind.RED_FLAG] == [RED_FLAGS]
    # A 6 given as a rating stops the session, without the red flags' line.
    rated = Run.begin(step=1)
    rest = to_rest(rated)
    rated.send(PainRating(6), rest + 4.0)
    rated.run(until=rest + 30.0)
    assert rated.state.finished
    assert not [s for s in says(rated.effects) if s.kind is CueKind.RED_FLAG]


def test_stop_for_pain_while_paused_and_end_while_asked() -> None:
    run = Run.begin(step=1)
    run.run(until=GO + 3.0)
    run.send(Pause())
    run.send(StopForPain(), GO + 60.0)
    assert not run.state.paused and run.state.phase is Phase.STOP_RATING
    run.send(EndEarly(), GO + 70.0)
    record = run.state.record
    assert record.status.value == "stopped_for_pain"  # it was stopped for pain, rating or not
    assert record.sets[0].pain is None and record.sets[0].stopped is not None


def test_a_stop_for_pain_not_yet_rated_is_asked_again_after_a_restart() -> None:
    run = Run.begin(step=1)
    run.run(until=GO + 5.0)
    run.send(StopForPain())
    saved = run.state.record
    state, effects = engine.resume(
        PROGRAM, saved, Settings(sore_side="right"), now=9000.0, wall_now=WALL0
    )
    assert state.phase is Phase.STOP_RATING
    assert says(effects) == [Say(W.pain_stop, CueKind.PAIN_QUESTION, 9000.0, Priority.URGENT, None)]
    state, effects = engine.step(state, PainRating(4), 9001.0)
    assert state.finished and state.record.status.value == "stopped_for_pain"


# --- a few seconds to change a stopping rating -------------------------------------------------


def test_a_six_can_be_changed_within_the_grace_and_the_session_goes_on() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(6), rest + 4.0)
    shown = view(run.state, run.now)
    assert (shown.phase, shown.grace_rating, shown.big_count) == (Phase.STOP_GRACE, 6, "6")
    assert run.says()[-1].text == "6. Press u to change it."
    effects = run.send(ChangeRating(), rest + 7.0)
    assert says(effects) == [
        Say(W.pain_again, CueKind.PAIN_QUESTION, rest + 7.0, Priority.HIGH, None)
    ]
    # Back to the rest where it was, the rating asked again.
    assert run.state.phase is Phase.REST and run.state.awaiting_pain
    assert run.state.deadline == pytest.approx(rest + 45.0)
    effects = run.send(PainRating(4), rest + 9.0)
    assert [getattr(e, "kind", None) for e in effects] == [None, CueKind.PAIN_ADVICE]
    result = run.state.record.sets[0]
    assert result.pain == 4
    (change,) = result.pain_changes
    assert (change.old, change.new) == (6, 4) and close(change.at, wall(rest + 9.0))
    # The rest goes on from where it was: its callouts, then the next set on time.
    run.run(stop=lambda s: s.phase is Phase.ANNOUNCE)
    after = [(c.text, round(c.at - rest, 6)) for c in run.says() if c.at > rest + 9.0]
    assert after == [
        ("30 seconds.", 15.0),
        ("Next: Single leg forward hop, right leg.", 15.0),
        ("10 seconds.", 35.0),
        ("3", 42.0),
        ("2", 43.0),
        ("1", 44.0),
        ("Single leg forward hop. Right leg. Set 1 of 2.", 45.0),
    ]
    # Every save has the rating as it then was.
    assert [p.record.sets[0].pain for p in persists(run.effects)[-2:]] == [6, 4]


def test_when_the_grace_is_over_the_session_stops() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(7), rest + 4.0)
    assert run.send(Tick(), rest + 9.99) == []
    effects = run.send(Tick(), rest + 10.0)
    advice, final, stop = effects
    assert advice == Say(TOO_MUCH, CueKind.PAIN_ADVICE, rest + 10.0, Priority.URGENT, None)
    assert isinstance(final, Persist) and final.record.status.value == "stopped_for_pain"
    assert stop == Say(W.stop_for_pain, CueKind.STOP, rest + 10.0, Priority.URGENT, None)
    assert run.state.record.sets[0].pain == 7 and run.state.record.sets[0].pain_changes == ()


@pytest.mark.parametrize("event", [Skip(), StopForPain(), EndEarly()])
def test_skip_x_or_end_in_the_grace_stop_at_once(event: Skip | StopForPain | EndEarly) -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(6), rest + 4.0)
    effects = run.send(event, rest + 5.0)
    assert [getattr(e, "kind", None) for e in effects] == [CueKind.PAIN_ADVICE, None, CueKind.STOP]
    assert run.state.record.status.value == "stopped_for_pain"


def test_a_new_rating_in_the_grace_changes_it() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(6), rest + 4.0)
    run.send(PainRating(8), rest + 5.0)  # still stopping: the grace starts again
    assert run.state.phase is Phase.STOP_GRACE and run.says()[-1].text == "8. Press u to change it."
    run.send(PainRating(3), rest + 6.0)
    assert run.state.phase is Phase.REST and run.says()[-1].text == SAFE
    assert [(c.old, c.new) for c in run.state.record.sets[0].pain_changes] == [(6, 8), (8, 3)]


def test_the_grace_after_the_rest_goes_back_to_waiting_for_the_rating() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.run(until=rest + 50.0)  # the rest is over, no rating yet
    assert run.state.phase is Phase.AWAIT_PAIN
    run.send(PainRating(6), rest + 51.0)
    run.send(ChangeRating(), rest + 52.0)
    assert run.state.phase is Phase.AWAIT_PAIN and run.state.awaiting_pain
    effects = run.send(PainRating(2), rest + 53.0)
    assert [getattr(e, "kind", None) for e in effects] == [
        None,
        CueKind.PAIN_ADVICE,
        CueKind.ANNOUNCE,
    ]


def test_a_rest_interrupted_by_the_grace_that_ran_out_meanwhile() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(6), rest + 42.0)
    run.send(ChangeRating(), rest + 46.0)  # the rest would have ended at +45
    assert run.state.phase is Phase.AWAIT_PAIN


def test_the_last_rating_can_be_changed_later_in_the_rest() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(2), rest + 3.0)
    assert not run.state.awaiting_pain
    run.send(ChangeRating(), rest + 20.0)
    assert run.state.awaiting_pain and run.says()[-1].text == W.pain_again
    run.run(until=rest + 50.0)  # the next set waits for the new rating
    assert run.state.phase is Phase.AWAIT_PAIN
    run.send(PainRating(4), rest + 51.0)
    assert run.state.phase is Phase.ANNOUNCE
    assert [(c.old, c.new) for c in run.state.record.sets[0].pain_changes] == [(2, 4)]


def test_u_before_any_rating_or_mid_set_does_nothing() -> None:
    run = Run.begin(step=1)
    run.run(until=GO + 2.0)
    assert run.send(ChangeRating()) == []
    rest = to_rest(run)
    assert run.send(ChangeRating(), rest + 1.0) == []


def test_a_session_killed_in_the_grace_stays_stopped_after_a_restart() -> None:
    run = Run.begin(step=1)
    rest = to_rest(run)
    run.send(PainRating(6), rest + 4.0)
    saved = persists(run.effects)[-1].record
    assert saved.sets[0].pain == 6 and saved.status.value == "in_progress"
    state, effects = engine.resume(
        PROGRAM,
        saved,
        Settings(sore_side="right"),
        now=9000.0,
        wall_now=WALL0 + dt.timedelta(hours=1),
    )
    assert state.finished and state.record.status.value == "stopped_for_pain"
    assert says(effects)[-1].kind is CueKind.STOP


def test_a_rating_changed_on_the_summary_is_kept() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="right", train="sore_only"))
    run.run(rater=lambda state, now: 2 if len(state.record.sets) < 3 else 6)
    run.run(until=run.now + 10.0)
    record = run.state.record
    assert record.status.value == "stopped_for_pain" and record.max_pain == 6
    later = WALL0 + dt.timedelta(hours=2)
    fixed = engine.change_rating(record, 4, later)
    assert fixed.sets[-1].pain == 4 and fixed.max_pain == 4
    assert [(c.old, c.new, c.at) for c in fixed.sets[-1].pain_changes] == [(6, 4, later)]
    assert fixed.summary().max_pain == 4
    with pytest.raises(ValueError, match="outside 0-10"):
        engine.change_rating(record, 11, later)
