"""The functional tests coached by voice, through the pure trial engine: every cue in order and
on its beat, the counts kept per leg (sore side first), the result saved at the end, and the
pauses, stops and bad counts handled as a runner would expect."""

from __future__ import annotations

import datetime as dt

import pytest

from session.effects import Say
from session.events import CueEnded, EndEarly, Pause, Resume, Skip, StopForPain, Tick
from session.functional_view import trial_view
from session.running.speed_program import TestKind
from session.workout.functional import next_trial_due, start_trial, step_trial
from session.workout.functional_state import (
    EnterCount,
    SaveResult,
    TrialEffect,
    TrialEvent,
    TrialPhase,
    TrialState,
)
from session.workout.phases import Big
from tests.running.builders import PROGRAM, SPEED

T0 = 100.0
WALL = dt.datetime(2025, 3, 10, 8, 30, tzinfo=dt.UTC)
TESTS = SPEED.tests


class Script:
    """A trial driven like the screen drives it: events at engine times; the cues kept with
    their time, the saves apart."""

    def __init__(self, kind: TestKind, sore: str | None = "right") -> None:
        self.state, effects = start_trial(
            kind,
            TESTS,
            PROGRAM,
            sore,
            now=T0,
            wall_now=WALL,  # type: ignore[arg-type]
        )
        self.said: list[tuple[float, str]] = []
        self.saved: list[SaveResult] = []
        self._take(effects)

    def _take(self, effects: list[TrialEffect]) -> None:
        for e in effects:
            if isinstance(e, Say):
                self.said.append((round(e.at - T0, 3), e.text))
            else:
                self.saved.append(e)

    def at(self, t: float, event: TrialEvent | None = None) -> TrialState:
        self.state, effects = step_trial(self.state, event or Tick(), T0 + t)
        self._take(effects)
        return self.state

    def heard(self, t: float) -> None:
        """The announcement was heard to its end at `t`."""
        key = self.state.listening_for
        assert key is not None
        self.at(t, CueEnded(key, True))

    def words(self, since: float = 0.0) -> list[str]:
        return [w for t, w in self.said if t >= since]


def test_heel_raises_to_the_metronome_until_a_key_each_leg() -> None:
    s = Script("heel_raise")
    assert s.said == [
        (
            0.0,
            "Heel raises to the beat. Right leg. Press any key when you can no longer keep "
            "the pace or the height.",
        ),
    ]
    s.heard(4.0)  # the countdown half a second after it was heard
    s.at(8.0)
    assert s.said[1:] == [(4.5, "three"), (5.5, "two"), (6.5, "one"), (7.5, "go")]
    # One beat a second: the raise's number up, "down" down.
    s.at(13.0)
    assert s.said[5:] == [(8.5, "1"), (9.5, "down"), (10.5, "2"), (11.5, "down"), (12.5, "3")]
    assert (s.state.count, s.state.said) == (2, 3)
    view = trial_view(s.state, T0 + 13.0)
    assert (view.big, view.big_count, view.any_key, view.leg) == (Big.REP, "3", True, "right")
    # The runner cannot rise a third time: any key. Two raises completed count.
    s.at(14.0 - 0.8, Skip())
    s.at(14.0)
    assert s.words(13.1) == ["2, Right leg.", "Switch to your left leg."]
    assert s.state.phase is TrialPhase.SWITCH_LEGS and s.state.counts == (("right", 2),)
    s.at(23.2)  # ten seconds to switch
    assert s.words(23.2) == [
        "Left leg. Press any key when you can no longer keep the pace or the height."
    ]
    s.heard(24.0)
    s.at(36.0)  # "go" at 29.2: three raises done by 35.2
    s.at(36.0, Skip())
    assert s.state.finished
    (saved,) = s.saved
    assert (saved.result.kind, saved.result.right, saved.result.left) == ("heel_raise", 2, 3)
    assert saved.result.recorded_at == WALL + dt.timedelta(seconds=36)
    assert s.words(36.0) == [
        "3, Left leg.",
        "Sore side 2, other side 3: 67 percent. Test done and saved.",
    ]


def test_every_up_beat_is_windowed_until_the_down_beat() -> None:
    s = Script("heel_raise")
    s.heard(0.5)
    state, effects = step_trial(s.state, Tick(), T0 + 6.0)  # read for 3 s, then the countdown
    (go,) = [e for e in effects if isinstance(e, Say) and e.text == "go"]
    assert go.stale_after == T0 + 7.0
    state, effects = step_trial(state, Tick(), T0 + 7.0)
    (one,) = [e for e in effects if isinstance(e, Say)]
    assert (one.text, one.at, one.stale_after) == ("1", T0 + 7.0, T0 + 8.0)
    assert next_trial_due(state) == T0 + 8.0


def test_the_heel_raises_stop_by_themselves_at_the_most_counted() -> None:
    tests = TESTS.model_copy(
        update={"heel_raise": TESTS.heel_raise.model_copy(update={"max_count": 10})}
    )
    state, _ = start_trial("heel_raise", tests, PROGRAM, "left", now=T0, wall_now=WALL)
    # Not heard: the countdown after announce_max (10 s), "go" at 13, twenty beats from 14.
    state, effects = step_trial(state, Tick(), T0 + 40)
    texts = [e.text for e in effects if isinstance(e, Say)]
    assert texts[-3:] == [
        "That is as many as we count: well done.",
        "10, Left leg.",
        "Switch to your right leg.",
    ]


def test_ten_hops_counted_then_how_many_were_pain_free() -> None:
    s = Script("hop_count", sore="left")
    s.heard(2.0)  # before it can be read: the countdown still waits for announce_read (3 s)
    s.at(30.0)
    cadence = TESTS.hop_count.cadence
    assert s.said[1:5] == [(3.0, "three"), (4.0, "two"), (5.0, "one"), (6.0, "go")]
    assert s.said[5:15] == [(round(6.0 + k * cadence, 3), str(k)) for k in range(1, 11)]
    question = "How many of the 10 hops were free of pain? Enter the number."
    assert s.said[15] == (round(6.0 + 11 * cadence, 3), question)
    assert s.state.awaiting_count and trial_view(s.state, T0 + 30).big_count == "?"
    with pytest.raises(ValueError, match="outside 0-10"):
        step_trial(s.state, EnterCount(11), T0 + 31)
    s.at(31.0, EnterCount(8))
    assert s.state.counts == (("left", 8),)
    assert s.words(31.0) == ["8, Left leg.", "Switch to your right leg."]


def test_a_count_not_given_is_asked_again_every_so_often() -> None:
    s = Script("hop_count")
    s.heard(1.0)
    s.at(60.0)
    asked = [t for t, w in s.said if w.startswith("How many of the 10 hops")]
    every = PROGRAM.timing.pain_reminder_every
    start = asked[0]
    assert asked == [start + k * every for k in range(len(asked))] and len(asked) >= 2


def test_side_hops_timed_by_voice_go_ten_seconds_stop() -> None:
    s = Script("side_hop")
    s.heard(1.0)
    s.at(3.0 + 3 + 15)
    view = trial_view(s.state, T0 + 21.0)
    assert (view.big, view.big_count) == (Big.CLOCK, "0:15")
    s.at(40.0)
    assert s.said[1:] == [
        (3.0, "three"),
        (4.0, "two"),
        (5.0, "one"),
        (6.0, "go"),
        (26.0, "10 seconds."),
        (36.0, "Stop."),
        (36.0, "How many side hops did you count? Enter the number."),
    ]
    stop = s.said[-2]
    assert stop[1] == "Stop."
    s.at(41.0, EnterCount(31))
    s.at(52.0)
    s.heard(53.0)
    s.at(90.0)
    s.at(91.0, EnterCount(35))
    (saved,) = s.saved
    assert (saved.result.right, saved.result.left) == (31, 35)
    assert s.words(91.0) == [
        "35, Left leg.",
        "Sore side 31, other side 35: 89 percent. Test done and saved.",
    ]


def test_a_pause_mid_test_starts_the_leg_again_from_the_countdown() -> None:
    s = Script("side_hop")
    s.heard(1.0)
    s.at(12.0, Pause())
    assert s.words(12.0) == ["Paused. This leg starts again from the countdown."]
    s.at(100.0)  # nothing happens while paused
    assert s.words(12.5) == []
    s.at(100.0, Resume())
    s.at(140.0)
    assert s.words(100.0)[:5] == ["three", "two", "one", "go", "10 seconds."]
    assert [t for t, w in s.said if w == "Stop."] == [133.0]


def test_a_pause_before_the_test_keeps_the_countdown_where_it_was() -> None:
    s = Script("hop_count")
    s.heard(0.5)
    s.at(1.0, Pause())
    s.at(50.0, Resume())
    assert s.words(1.0) == ["Paused.", "Go on."]
    s.at(54.5)  # announce_read (3 s): one second of it before the pause, two after
    assert s.words(50.5) == ["three", "two", "one"]
    assert s.said[-3][0] == 52.0


def test_stopping_for_pain_keeps_the_legs_finished_and_says_so_first() -> None:
    s = Script("hop_count", sore="right")
    s.heard(1.0)
    s.at(30.0, EnterCount(10))
    s.at(41.0)
    s.heard(41.5)
    s.at(47.0, StopForPain())
    assert s.state.finished and s.state.ending == "stopped_for_pain"
    (saved,) = s.saved
    assert (saved.result.right, saved.result.left) == (10, None)
    assert saved.result.note == "Stopped for pain during the left leg."
    assert s.words(47.0) == [
        "We stop the test here: pain comes first. What was finished is saved. Rest, and check "
        "in tomorrow morning."
    ]


def test_ending_before_any_leg_is_done_saves_nothing() -> None:
    s = Script("side_hop")
    s.at(2.0, EndEarly())
    assert s.state.finished and s.saved == []
    assert s.words(2.0) == ["Test ended. What was finished is saved."]


def test_with_both_sides_sore_the_legs_are_left_then_right_and_both_said() -> None:
    s = Script("side_hop", sore="both")
    assert "Left leg" in s.words()[0]
    s.heard(1.0)
    s.at(40.0)
    s.at(40.0, EnterCount(20))
    s.at(50.0)
    s.heard(50.0)
    s.at(90.0)
    s.at(90.0, EnterCount(22))
    assert s.words(90.0)[-1] == "Left 20, right 22. Test done and saved."
