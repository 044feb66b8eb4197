"""The workout engine on a fake clock: every set and cue, pain reactions, pause, skip, end early."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import pairwise

import pytest

from assets import PROGRAM_FILE
from session import engine
from session.effects import CueKind, Persist, Priority, Say
from session.engine import Phase
from session.events import (
    AdjustCadence,
    EndEarly,
    PainRating,
    Pause,
    Resume,
    Skip,
    Tick,
)
from session.program import Program, parse_program
from session.records import Leg, SessionRecord, SessionStatus, Settings
from tests.session.helpers import (
    PROGRAM,
    T0,
    TICK,
    WALL0,
    Run,
    close,
    grid_after,
    persists,
    rate_after,
    rx_for,
    says,
    wall,
)

W = PROGRAM.words
CIRCUIT_1 = ("hop_up", "forward_hop", "wall_side_hops")
CUE = {e.id: e.cue for e in PROGRAM.exercises}
CADENCE = {e.id: e.cadence for e in PROGRAM.exercises}
SAFE = "Safe zone. Good, carry on."
ACCEPTABLE = "Acceptable. Keep it controlled, and never sharp."
TOO_MUCH = (
    "That is too much. We stop adding load for today. More pain brings no extra benefit, "
    "and can flare the tendon."
)
ANNOUNCE_MAX = PROGRAM.timing.announce_max
RATE_DELAY = 5.13  # ratings come 5.13 s after they are asked for: never exactly on a tick


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    text: str
    at: float


def announced(text: str, at: float) -> Say:
    """An announcement as the engine says it (its key left out: see `unkeyed`)."""
    return Say(text, CueKind.ANNOUNCE, at, Priority.HIGH, at + ANNOUNCE_MAX)


def unkeyed(cues: list[Say]) -> list[Say]:
    """The cues without their keys (each announcement has one: it asks to be heard back)."""
    assert all(c.key is not None for c in cues if c.kind is CueKind.ANNOUNCE)
    return [replace(c, key=None) for c in cues]


def cue_list(run_says: list[Say]) -> list[tuple[CueKind, str]]:
    return [(s.kind, s.text) for s in run_says]


def assert_cues(actual: list[Say], expected: list[Cue]) -> None:
    assert cue_list(actual) == [(c.kind, c.text) for c in expected]
    for got, want in zip(actual, expected, strict=True):
        assert got.at == pytest.approx(want.at, abs=1e-9), (got, want)


def rounds(exercises: tuple[str, ...], sets: int) -> list[tuple[str, int]]:
    return [(ex, k) for k in range(1, sets + 1) for ex in exercises]


def straight(exercises: tuple[str, ...], sets: int) -> list[tuple[str, int]]:
    return [(ex, k) for ex in exercises for k in range(1, sets + 1)]


@dataclass
class Expected:
    cues: list[Cue]
    sets: list[tuple[str, int, float, float, list[tuple[Leg, float, float]]]]
    end: float


def expected_session(
    plan: list[tuple[str, int]],
    legs: tuple[Leg, ...],
    ratings: list[int],
    *,
    longer_rest: list[bool],
    start: float = T0,
) -> Expected:
    """The session as the issue describes it, written out from the program's numbers.

    Per leg: announce (3 s to read it, the voice heard it at once), "three, two, one" one second
    apart, "go", 15 reps at the cadence, and a last beat for rep 15; 10 s switch-legs rest
    between legs, naming the coming leg. After the set: the pain question, the rest (45 s
    between exercises, 90 s before a new round) with its callouts ("Next: ..." with the first
    callout at least 10 s in), and the rating `RATE_DELAY` later.
    """
    cues: list[Cue] = []
    sets: list[tuple[str, int, float, float, list[tuple[Leg, float, float]]]] = []
    n = max(k for _, k in plan)
    t = start
    for i, (ex, k) in enumerate(plan):
        set_start = t
        leg_times: list[tuple[Leg, float, float]] = []
        for j, leg in enumerate(legs):
            text = (
                f"{CUE[ex]}. {leg.title()} leg. Set {k} of {n}."
                if j == 0
                else f"{leg.title()} leg."
            )
            cues.append(Cue(CueKind.ANNOUNCE, text, t))
            for w, word in enumerate(("three", "two", "one", "go")):
                cues.append(Cue(CueKind.COUNTDOWN, word, t + 3 + w))
            go = t + 6
            for r in range(1, 16):
                cues.append(Cue(CueKind.REP, str(r), go + r * CADENCE[ex]))
            t = go + 16 * CADENCE[ex]  # rep 15 gets its full beat
            leg_times.append((leg, go, t))
            if j < len(legs) - 1:
                cues.append(Cue(CueKind.SWITCH_LEGS, f"Switch to your {legs[j + 1]} leg.", t))
                t += 10
        sets.append((ex, k, set_start, t, leg_times))
        cues.append(Cue(CueKind.PAIN_QUESTION, W.pain_question, t))
        advice = ACCEPTABLE if ratings[i] in (4, 5) else SAFE
        rated = grid_after(t + RATE_DELAY)
        if i == len(plan) - 1:
            cues.append(Cue(CueKind.PAIN_ADVICE, advice, rated))
            cues.append(Cue(CueKind.DONE, W.session_done, rated))
            return Expected(cues, sets, rated)
        rest = 90 if longer_rest[i] else 45
        nxt = plan[i + 1][0]
        cues.append(Cue(CueKind.REST, f"Rest, {rest} seconds.", t))
        cues.append(Cue(CueKind.PAIN_ADVICE, advice, rated))
        next_said = False
        for left in (60, 30, 10, 3, 2, 1):
            if left < rest:
                text = f"{left} seconds." if left > 5 else str(left)
                cues.append(Cue(CueKind.REST, text, t + rest - left))
                if not next_said and left > 5 and rest - left >= 10:
                    cues.append(
                        Cue(CueKind.NEXT_UP, f"Next: {CUE[nxt]}, {legs[0]} leg.", t + rest - left)
                    )
                    next_said = True
        t += rest
    raise AssertionError("unreachable")


# --- a whole session -------------------------------------------------------------------------


def test_a_whole_session_2x15_both_legs_sore_side_right_first() -> None:
    ratings = [2, 4, 3, 1, 5, 2]
    run = Run.begin(step=1, settings=Settings(sore_side="right"))
    run.run(rater=rate_after(RATE_DELAY, ratings))
    state, record = run.state, run.state.record

    plan = rounds(CIRCUIT_1, 2)
    expected = expected_session(
        plan, ("right", "left"), ratings, longer_rest=[False, False, True, False, False]
    )

    # The first set, written out by hand.
    first_set = [
        (0.0, CueKind.ANNOUNCE, "Single leg hop up. Right leg. Set 1 of 2."),
        (3.0, CueKind.COUNTDOWN, "three"),
        (4.0, CueKind.COUNTDOWN, "two"),
        (5.0, CueKind.COUNTDOWN, "one"),
        (6.0, CueKind.COUNTDOWN, "go"),
        *[(6.0 + 1.2 * r, CueKind.REP, str(r)) for r in range(1, 16)],
        (25.2, CueKind.SWITCH_LEGS, "Switch to your left leg."),
        (35.2, CueKind.ANNOUNCE, "Left leg."),
        (38.2, CueKind.COUNTDOWN, "three"),
        (39.2, CueKind.COUNTDOWN, "two"),
        (40.2, CueKind.COUNTDOWN, "one"),
        (41.2, CueKind.COUNTDOWN, "go"),
        *[(41.2 + 1.2 * r, CueKind.REP, str(r)) for r in range(1, 16)],
        (60.4, CueKind.PAIN_QUESTION, "How is the Achilles? Rate the pain, zero to ten."),
        (60.4, CueKind.REST, "Rest, 45 seconds."),
        (65.75, CueKind.PAIN_ADVICE, SAFE),
        (75.4, CueKind.REST, "30 seconds."),
        (75.4, CueKind.NEXT_UP, "Next: Single leg forward hop, right leg."),
        (95.4, CueKind.REST, "10 seconds."),
        (102.4, CueKind.REST, "3"),
        (103.4, CueKind.REST, "2"),
        (104.4, CueKind.REST, "1"),
        (105.4, CueKind.ANNOUNCE, "Single leg forward hop. Right leg. Set 1 of 2."),
    ]
    assert_cues(run.says()[: len(first_set)], [Cue(k, s, T0 + t) for t, k, s in first_set])

    # Every cue of the session, in order, at its scheduled time.
    assert_cues(run.says(), expected.cues)
    reps = [s for s in run.says() if s.kind is CueKind.REP]
    assert len(reps) == 6 * 2 * 15
    assert [int(s.text) for s in reps] == list(range(1, 16)) * 12
    for s in run.says():
        assert s.priority is (
            Priority.NORMAL
            if s.kind in (CueKind.REP, CueKind.REST)
            else Priority.LOW
            if s.kind is CueKind.NEXT_UP
            else Priority.HIGH
        )

    # Every set, in order.
    assert state.finished
    assert record.status is SessionStatus.COMPLETED
    assert [(s.exercise, s.set_index, s.sets_total) for s in record.sets] == [
        ("hop_up", 1, 2),
        ("forward_hop", 1, 2),
        ("wall_side_hops", 1, 2),
        ("hop_up", 2, 2),
        ("forward_hop", 2, 2),
        ("wall_side_hops", 2, 2),
    ]
    assert [s.pain for s in record.sets] == ratings
    assert all(not s.skipped for s in record.sets)
    for result, (ex, k, start, end, legs) in zip(record.sets, expected.sets, strict=True):
        assert (result.exercise, result.set_index) == (ex, k)
        assert [leg.leg for leg in result.legs] == ["right", "left"]
        assert [(leg.reps_done, leg.reps_target) for leg in result.legs] == [(15, 15), (15, 15)]
        assert result.reps_done == 30
        assert close(result.started_at, wall(start)) and close(result.ended_at, wall(end))
        for leg, (_, go, done) in zip(result.legs, legs, strict=True):
            assert close(leg.started_at, wall(go)) and close(leg.ended_at, wall(done))
    stamps = [t for s in record.sets for t in (s.started_at, s.ended_at)]
    assert all(t.utcoffset() == dt.timedelta(0) for t in stamps)
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert record.started_at == WALL0
    assert record.ended_at is not None and close(record.ended_at, wall(expected.end))
    assert record.reps_done == record.reps_prescribed == 180
    assert record.max_pain == 5
    assert record.legs == ("right", "left")
    assert record.prescription == rx_for(PROGRAM, 1)

    # The record is persisted at the start, after every set, on every rating and at the end.
    saved = [
        (len(p.record.sets), p.record.sets[-1].pain if p.record.sets else None, p.record.status)
        for p in persists(run.effects)
    ]
    in_progress = SessionStatus.IN_PROGRESS
    assert saved == [
        (0, None, in_progress),
        *[
            x
            for i, r in enumerate(ratings)
            for x in ((i + 1, None, in_progress), (i + 1, r, in_progress))
        ],
        (6, 2, SessionStatus.COMPLETED),
    ]
    assert persists(run.effects)[-1].record == record
    # The persisted record after a set comes before the pain question for that set.
    kinds = ["persist" if isinstance(e, Persist) else e.kind.value for e in run.effects]
    for i, kind in enumerate(kinds):
        if kind == "pain_question":
            assert kinds[i - 1] == "persist"


def test_start_persists_the_record_and_announces_the_first_set() -> None:
    rx = rx_for(PROGRAM, 0)
    state, effects = engine.start(
        PROGRAM,
        rx,
        Settings(sore_side="left"),
        session_id="abc",
        now=T0,
        wall_now=WALL0,
        started_early=True,
    )
    assert len(effects) == 2
    persist, announce = effects
    assert isinstance(persist, Persist)
    assert persist.record == SessionRecord(
        id="abc", started_at=WALL0, prescription=rx, legs=("left", "right"), started_early=True
    )
    # The announcement asks to be heard back, and is true until the countdown must start.
    assert announce == Say(
        "Single leg hop up. Left leg. Set 1 of 1.",
        CueKind.ANNOUNCE,
        T0,
        Priority.HIGH,
        T0 + 10.0,
        key=state.listening_for,
    )
    assert announce.key is not None
    # Until it is heard, the countdown waits up to the longest wait.
    assert state.phase is Phase.ANNOUNCE and state.deadline == T0 + 10.0
    assert engine.step(state, Tick(), T0 + 9.9)[1] == []


def test_one_set_session_asks_for_the_rating_without_a_rest() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="left", train="sore_only"))
    run.run(stop=lambda s: s.awaiting_pain)
    # Three exercises: each announced, one leg each; after the first set comes a 45 s rest.
    assert run.state.phase is Phase.REST
    run.run(rater=rate_after(1.1, [0, 0, 0]))
    assert [s.kind for s in run.cues(CueKind.PAIN_QUESTION, CueKind.DONE)] == [
        CueKind.PAIN_QUESTION,
        CueKind.PAIN_QUESTION,
        CueKind.PAIN_QUESTION,
        CueKind.DONE,
    ]


# --- pain reactions --------------------------------------------------------------------------


def to_first_rest(run: Run) -> float:
    """Tick until the first set is done; return the moment the rest began."""
    run.run(stop=lambda s: s.awaiting_pain)
    assert run.state.phase is Phase.REST
    return run.state.phase_start


@pytest.mark.parametrize("rating", [6, 7, 10])
def test_rating_6_or_more_stops_the_session(rating: int) -> None:
    run = Run.begin(step=2)
    rest_start = to_first_rest(run)
    effects = run.send(PainRating(rating), grid_after(rest_start + RATE_DELAY))
    rated_at = run.now
    # Saved at once; a few seconds to change it before the session stops.
    assert len(effects) == 2
    rated, grace = effects
    assert isinstance(rated, Persist) and rated.record.sets[-1].pain == rating
    assert grace == Say(
        f"{rating}. Press u to change it.",
        CueKind.STOP_GRACE,
        rated_at,
        Priority.HIGH,
        rated_at + 6.0,
    )
    assert run.state.phase is Phase.STOP_GRACE
    assert run.send(Tick(), rated_at + 5.9) == []
    effects = run.send(Tick(), rated_at + 6.0)
    now = run.now
    assert len(effects) == 3
    advice, final, stop = effects
    # 6-7 is "too much"; 8-10 also says to get it checked (the program's graded zones).
    words = TOO_MUCH if rating < 8 else PROGRAM.zone_for(rating).advice
    assert advice == Say(words, CueKind.PAIN_ADVICE, now, Priority.URGENT, None)
    assert isinstance(final, Persist)
    assert stop == Say(W.stop_for_pain, CueKind.STOP, now, Priority.URGENT, None)
    assert W.stop_for_pain.startswith("We stop here for today.")
    record = final.record
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    assert len(record.sets) == 1  # the remaining 8 sets are not done
    assert record.max_pain == rating
    assert record.ended_at is not None and close(record.ended_at, wall(now))
    assert run.state.finished and run.state.record == record
    # Nothing more happens.
    for event in (Tick(), Skip(), PainRating(2), Pause(), Resume(), EndEarly()):
        assert run.send(event, run.now + 30) == []
    assert run.state.record == record


def test_rating_6_after_the_last_set_is_stopped_for_pain_not_completed() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="right", train="sore_only"))
    run.run(rater=rate_after(RATE_DELAY, [1, 2, 6]))
    assert run.state.record.status is SessionStatus.STOPPED_FOR_PAIN
    assert [s.pain for s in run.state.record.sets] == [1, 2, 6]
    assert run.says()[-1].kind is CueKind.STOP


def test_rating_4_says_acceptable_and_the_session_goes_on() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    effects = run.send(PainRating(4), grid_after(rest_start + RATE_DELAY))
    assert len(effects) == 2
    assert isinstance(effects[0], Persist) and effects[0].record.sets[0].pain == 4
    assert effects[1] == Say(ACCEPTABLE, CueKind.PAIN_ADVICE, run.now, Priority.HIGH, None)
    assert run.state.phase is Phase.REST and not run.state.finished
    # The rest runs to its end, then the next set starts on time.
    run.run(stop=lambda s: s.phase is Phase.ANNOUNCE)
    announce = run.says()[-1]
    assert announce.text == "Single leg forward hop. Right leg. Set 1 of 2."
    assert announce.at == pytest.approx(rest_start + 45.0)


def test_ratings_outside_0_to_10_are_refused() -> None:
    run = Run.begin(step=1)
    to_first_rest(run)
    for bad in (-1, 11, 100):
        with pytest.raises(ValueError, match=f"pain rating {bad} is outside 0-10"):
            engine.step(run.state, PainRating(bad), run.now)
    assert run.state.record.sets[0].pain is None


def test_a_rating_when_none_is_asked_for_is_ignored() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 10.0)
    assert run.state.phase is Phase.REPS
    assert run.send(PainRating(3)) == []
    assert run.state.record.sets == ()


def test_a_second_rating_during_the_rest_replaces_the_first() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    run.send(PainRating(2), rest_start + 5)
    run.send(PainRating(3), rest_start + 10)
    assert run.state.record.sets[0].pain == 3
    # The change is kept: from what, to what, when.
    (change,) = run.state.record.sets[0].pain_changes
    assert (change.old, change.new) == (2, 3) and close(change.at, wall(rest_start + 10))
    run.send(PainRating(8), rest_start + 15)
    run.run(until=rest_start + 21.0)  # the few seconds to change it are over
    assert run.state.record.status is SessionStatus.STOPPED_FOR_PAIN
    assert [(c.old, c.new) for c in run.state.record.sets[0].pain_changes] == [(2, 3), (3, 8)]


def test_the_next_set_waits_for_the_rating() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    rest_end = rest_start + 45.0
    run.run(until=rest_end + 50.0)  # no rating: 50 s past the end of the rest
    assert run.state.phase is Phase.AWAIT_PAIN
    after_rest = [s for s in run.says() if s.at >= rest_end - 1e-9]
    assert after_rest == [
        Say(W.pain_reminder, CueKind.REMINDER, after_rest[0].at, Priority.HIGH, rest_end + 20),
        Say(W.pain_reminder, CueKind.REMINDER, after_rest[1].at, Priority.HIGH, rest_end + 40),
        Say(W.pain_reminder, CueKind.REMINDER, after_rest[2].at, Priority.HIGH, rest_end + 60),
    ]
    assert [s.at for s in after_rest] == pytest.approx([rest_end, rest_end + 20, rest_end + 40])
    assert W.pain_reminder == "Rate your Achilles pain, zero to ten, to go on."
    assert [s.text for s in run.cues(CueKind.ANNOUNCE)] == [  # only the first set so far
        "Single leg hop up. Right leg. Set 1 of 2.",
        "Left leg.",
    ]
    # A skip does not get past the missing rating.
    assert run.send(Skip()) == []
    effects = run.send(PainRating(1), run.now + 0.25)
    now = run.now
    assert [(s.kind, s.text, s.at) for s in says(effects)] == [
        (CueKind.PAIN_ADVICE, SAFE, now),
        (CueKind.ANNOUNCE, "Single leg forward hop. Right leg. Set 1 of 2.", now),
    ]
    assert run.state.phase is Phase.ANNOUNCE and run.state.deadline == now + 3.0


def test_after_the_last_set_reminders_repeat_until_the_rating() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="right", train="sore_only"))
    run.run(rater=rate_after(1.1, [2, 2]), stop=lambda s: s.set_pos == 2 and s.awaiting_pain)
    asked = run.state.phase_start
    assert run.state.phase is Phase.AWAIT_PAIN
    run.run(until=asked + 70)
    tail = [s for s in run.says() if s.at >= asked - 1e-9 and s.kind is not CueKind.REP]
    assert [(s.kind, s.at - asked) for s in tail] == [
        (CueKind.PAIN_QUESTION, 0.0),
        (CueKind.REMINDER, pytest.approx(20.0)),
        (CueKind.REMINDER, pytest.approx(40.0)),
        (CueKind.REMINDER, pytest.approx(60.0)),
    ]
    run.send(PainRating(3), run.now)
    assert run.state.record.status is SessionStatus.COMPLETED
    assert run.says()[-1] == Say(W.session_done, CueKind.DONE, run.now, Priority.HIGH, None)


# --- pause -----------------------------------------------------------------------------------


def reference(step: int = 1, settings: Settings | None = None) -> Run:
    return Run.begin(step=step, settings=settings).run(rater=rate_after(RATE_DELAY, [2]))


@pytest.mark.parametrize("pause_at", [30.0, 75.0, 107.0])  # switch, rest, announce
def test_pause_freezes_every_timer(pause_at: float) -> None:
    ref = reference()
    run = Run.begin(step=1)
    rater = rate_after(RATE_DELAY, [2])
    run.run(until=T0 + pause_at, rater=rater)
    before = len(run.effects)
    assert run.send(Pause()) == [Say("Paused.", CueKind.INFO, T0 + pause_at, Priority.HIGH)]
    assert run.state.paused
    assert run.send(Pause()) == []  # pausing twice changes nothing
    frozen = run.state
    for _ in range(int(300 / TICK) - 1):
        assert run.send(Tick(), run.now + TICK) == []  # nothing fires during the pause
    assert run.state == frozen
    resumed = run.send(Resume(), run.now + TICK)
    assert run.now == T0 + pause_at + 300
    assert resumed == [Say("Go on.", CueKind.INFO, run.now, Priority.HIGH)]
    assert run.send(Resume()) == []  # resuming twice changes nothing
    run.run(rater=rater)

    cues = [s for s in run.says() if s.kind is not CueKind.INFO]
    assert cue_list(cues) == cue_list(ref.says())
    for got, want in zip(cues, ref.says(), strict=True):
        shift = 0.0 if want.at < T0 + pause_at else 300.0
        assert got.at == pytest.approx(want.at + shift, abs=1e-9), (got, want)
        if want.stale_after is not None:
            assert got.stale_after == pytest.approx(want.stale_after + shift, abs=1e-9)
    assert len(run.effects) > before
    # The record keeps real wall-clock times: whatever ended after the pause ended 300 s later.
    for got_set, ref_set in zip(run.state.record.sets, ref.state.record.sets, strict=True):
        assert got_set.pain == ref_set.pain
        ref_start = (ref_set.started_at - WALL0).total_seconds() + T0
        ref_end = (ref_set.ended_at - WALL0).total_seconds() + T0
        start_shift = 0 if ref_start <= T0 + pause_at else 300
        end_shift = 0 if ref_end <= T0 + pause_at else 300
        assert close(got_set.started_at, ref_set.started_at + dt.timedelta(seconds=start_shift))
        assert close(got_set.ended_at, ref_set.ended_at + dt.timedelta(seconds=end_shift))
        for got_leg, ref_leg in zip(got_set.legs, ref_set.legs, strict=True):
            leg_start = (ref_leg.started_at - WALL0).total_seconds() + T0
            shift = 0 if leg_start <= T0 + pause_at else 300
            assert close(got_leg.started_at, ref_leg.started_at + dt.timedelta(seconds=shift))


def test_a_rating_during_a_pause_is_taken_and_resumes_the_clock() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    run.send(Pause(), rest_start + 2.0)
    effects = run.send(PainRating(3), rest_start + 100.0)
    assert not run.state.paused
    assert [s.kind for s in says(effects)] == [CueKind.PAIN_ADVICE]
    # 2 s of the 45 s rest had gone; the other 43 s run from the rating on.
    run.run(stop=lambda s: s.phase is Phase.ANNOUNCE)
    assert run.says()[-1].at == pytest.approx(rest_start + 100.0 + 43.0)


# --- skip ------------------------------------------------------------------------------------


def test_skip_the_rest_once_rated_starts_the_next_set_now() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    run.send(PainRating(2), rest_start + 3.0)
    effects = run.send(Skip(), rest_start + 10.0)
    assert unkeyed(says(effects)) == [
        announced("Single leg forward hop. Right leg. Set 1 of 2.", rest_start + 10.0)
    ]
    run.run(until=rest_start + 20.0)
    assert [(s.text, s.at - rest_start) for s in run.cues(CueKind.COUNTDOWN)[-4:]] == [
        ("three", pytest.approx(13.0)),
        ("two", pytest.approx(14.0)),
        ("one", pytest.approx(15.0)),
        ("go", pytest.approx(16.0)),
    ]


def test_skip_the_rest_without_a_rating_asks_for_it() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    effects = run.send(Skip(), rest_start + 2.0)
    now = run.now
    assert says(effects) == [Say(W.pain_reminder, CueKind.REMINDER, now, Priority.HIGH, now + 20)]
    assert run.state.phase is Phase.AWAIT_PAIN
    effects = run.send(PainRating(1), now + 1.0)
    assert [s.kind for s in says(effects)] == [CueKind.PAIN_ADVICE, CueKind.ANNOUNCE]


def test_skip_the_announcement_starts_the_countdown() -> None:
    run = Run.begin(step=1)
    effects = run.send(Skip(), T0 + 1.0)
    assert says(effects) == [Say("three", CueKind.COUNTDOWN, T0 + 1.0, Priority.HIGH, T0 + 2.0)]


def test_skip_the_countdown_goes_straight_to_the_reps() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 4.5)
    assert run.state.phase is Phase.COUNTDOWN
    effects = run.send(Skip())
    assert says(effects) == [Say("go", CueKind.COUNTDOWN, T0 + 4.5, Priority.HIGH, T0 + 5.7)]
    run.run(until=T0 + 8.0)
    assert [(s.text, s.at) for s in run.cues(CueKind.REP)] == [
        ("1", pytest.approx(T0 + 5.7)),
        ("2", pytest.approx(T0 + 6.9)),
    ]
    assert [s.text for s in run.cues(CueKind.COUNTDOWN)] == ["three", "two", "go"]


def test_skip_during_reps_ends_the_leg_and_marks_the_set_skipped() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 12.5)  # rep 5 was at 12.0
    assert [s.text for s in run.cues(CueKind.REP)] == ["1", "2", "3", "4", "5"]
    effects = run.send(Skip())
    assert says(effects) == [
        Say("Switch to your left leg.", CueKind.SWITCH_LEGS, T0 + 12.5, Priority.HIGH, T0 + 22.5)
    ]
    run.run(stop=lambda s: s.awaiting_pain)
    result = run.state.record.sets[0]
    assert [(leg.leg, leg.reps_done, leg.reps_target) for leg in result.legs] == [
        ("right", 5, 15),
        ("left", 15, 15),
    ]
    assert result.skipped is True
    assert result.reps_done == 20
    assert close(result.legs[0].ended_at, wall(T0 + 12.5))
    # The left leg starts 10 s later, as usual.
    assert unkeyed(run.cues(CueKind.ANNOUNCE))[-1] == announced("Left leg.", T0 + 22.5)


def test_skip_the_switch_legs_rest() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 26.0)
    assert run.state.phase is Phase.SWITCH_LEGS
    effects = run.send(Skip())
    assert unkeyed(says(effects)) == [announced("Left leg.", T0 + 26.0)]


def test_skip_while_paused_does_nothing() -> None:
    run = Run.begin(step=1)
    run.send(Pause(), T0 + 1.0)
    before = run.state
    assert run.send(Skip(), T0 + 2.0) == []
    assert run.state == before


# --- end early -------------------------------------------------------------------------------


def test_end_early_keeps_finished_sets_and_a_partial_set_marked_skipped() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    run.send(PainRating(2), rest_start + 1.0)
    # Forward hop starts at rest end (+45); reps from +51, one every 2.5 s: rep 7 at +68.5.
    run.run(until=rest_start + 69.0)
    assert run.state.phase is Phase.REPS and run.state.rep == 7
    effects = run.send(EndEarly())
    now = run.now
    assert run.state.finished
    record = run.state.record
    assert record.status is SessionStatus.ENDED_EARLY
    assert close(record.ended_at or WALL0, wall(now))
    assert [(s.exercise, s.set_index, s.pain, s.skipped) for s in record.sets] == [
        ("hop_up", 1, 2, False),
        ("forward_hop", 1, None, True),
    ]
    partial = record.sets[1]
    assert [(leg.leg, leg.reps_done, leg.reps_target) for leg in partial.legs] == [("right", 7, 15)]
    assert close(partial.started_at, wall(rest_start + 45.0))
    assert close(partial.legs[0].started_at, wall(rest_start + 51.0))
    assert close(partial.ended_at, wall(now))
    assert effects == [
        Persist(record),
        Say(W.ended_early, CueKind.DONE, now, Priority.HIGH, None),
    ]
    # Said before the save's outcome is known, so it claims nothing about it (the summary does).
    assert W.ended_early == "Session ended."


def test_end_early_on_the_second_leg_keeps_the_first() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 36.0)  # announcing the left leg
    assert run.state.phase is Phase.ANNOUNCE
    run.send(EndEarly())
    (result,) = run.state.record.sets
    assert [(leg.leg, leg.reps_done) for leg in result.legs] == [("right", 15)]
    assert result.skipped is True


def test_end_early_before_any_rep_keeps_nothing() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 6.5)  # "go" said, no rep yet
    run.send(EndEarly())
    assert run.state.record.sets == ()
    assert run.state.record.status is SessionStatus.ENDED_EARLY


def test_end_early_during_the_rest_keeps_the_sets_as_they_are() -> None:
    run = Run.begin(step=1)
    rest_start = to_first_rest(run)
    run.send(EndEarly(), rest_start + 3.0)
    record = run.state.record
    assert [(s.exercise, s.pain, s.skipped) for s in record.sets] == [("hop_up", None, False)]
    assert record.status is SessionStatus.ENDED_EARLY


def test_end_early_while_paused() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 10.0)  # rep 3 at 9.6
    run.send(Pause())
    run.send(EndEarly(), T0 + 200.0)
    (result,) = run.state.record.sets
    assert result.legs[0].reps_done == 3
    assert close(result.ended_at, wall(T0 + 200.0))
    assert not run.state.paused


# --- cadence ---------------------------------------------------------------------------------


def test_adjust_cadence_during_reps_changes_the_spacing_of_later_reps() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 10.0)  # reps 1-3 at 7.2, 8.4, 9.6
    run.send(AdjustCadence(0.3))
    assert run.state.cadence("hop_up") == 1.5
    run.run(until=T0 + 30.0)
    right = [s.at - T0 for s in run.cues(CueKind.REP)][:15]
    assert right == pytest.approx([7.2, 8.4, 9.6] + [9.6 + 1.5 * i for i in range(1, 13)])
    # Rep 15 at 27.6 gets its beat at the new cadence too.
    assert run.cues(CueKind.SWITCH_LEGS)[0].at == pytest.approx(T0 + 27.6 + 1.5)
    # The left leg and the next round of this exercise use it too; other exercises do not.
    run.run(rater=rate_after(RATE_DELAY, [1]))
    reps = run.cues(CueKind.REP)
    per_leg = [reps[i * 15 : (i + 1) * 15] for i in range(12)]
    gaps = [{round(b.at - a.at, 9) for a, b in pairwise(leg)} for leg in per_leg]
    assert gaps == [
        {1.2, 1.5},  # hop up, right leg: adjusted after rep 3
        {1.5},  # hop up, left leg
        {2.5},  # forward hop
        {2.5},
        {1.2},  # sideways hops: another exercise, its own cadence
        {1.2},
        {1.5},  # hop up, round 2
        {1.5},
        {2.5},
        {2.5},
        {1.2},
        {1.2},
    ]


def test_slower_cadence_is_clamped() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 8.0)  # rep 1 at 7.2
    run.send(AdjustCadence(-5.0))
    fastest, slowest = PROGRAM.cadence_limits("hop_up")
    assert (fastest, slowest) == (0.8, 6.0)  # program data: [timing] cadence_min, cadence_max
    assert run.state.cadence() == fastest
    run.send(AdjustCadence(50.0))
    assert run.state.cadence() == slowest


def test_a_kept_cadence_is_the_next_sessions_and_shows_as_no_change() -> None:
    kept = Settings(sore_side="right", kept_cadences={"hop_up": 1.5})
    run = Run.begin(step=1, settings=kept)
    assert run.state.cadence("hop_up") == 1.5
    assert run.state.cadence("forward_hop") == 2.5  # the others count as the program says
    run.run(until=T0 + 11.0)
    assert [s.at - T0 for s in run.cues(CueKind.REP)] == pytest.approx([7.5, 9.0, 10.5])
    assert run.state.cadence_changes == {}
    run.send(AdjustCadence(0.2))
    run.send(AdjustCadence(-0.2))  # changed, and changed back: nothing to keep
    assert run.state.cadence_changes == {}
    run.send(AdjustCadence(-0.3))
    assert run.state.cadence_changes == {"hop_up": (1.5, 1.2)}


def test_a_kept_cadence_stays_within_the_programs_limits() -> None:
    # The physio narrowed the limits after the runner kept a fast count: the limit wins.
    kept = Settings(sore_side="right", kept_cadences={"hop_up": 0.5})
    run = Run.begin(step=1, settings=kept)
    assert run.state.cadence("hop_up") == PROGRAM.cadence_limits("hop_up")[0] == 0.8


def test_cadence_changes_name_the_start_and_the_end() -> None:
    run = Run.begin(step=1)
    run.run(until=T0 + 8.0)
    for _ in range(3):
        run.send(AdjustCadence(-PROGRAM.timing.cadence_step))
    assert run.state.cadence_changes == {"hop_up": (1.2, pytest.approx(0.9))}


def test_cadence_scale_from_settings() -> None:
    run = Run.begin(step=1, settings=Settings(sore_side="right", cadence_scale=1.5))
    run.run(until=T0 + 12.0)
    assert [s.at - T0 for s in run.cues(CueKind.REP)] == pytest.approx([7.8, 9.6, 11.4])


# --- legs ------------------------------------------------------------------------------------


def test_sore_only_trains_one_leg() -> None:
    settings = Settings(sore_side="left", train="sore_only")
    run = Run.begin(step=1, settings=settings).run(rater=rate_after(RATE_DELAY, [1]))
    record = run.state.record
    assert record.legs == ("left",)
    assert run.cues(CueKind.SWITCH_LEGS) == []
    assert [s.text for s in run.cues(CueKind.ANNOUNCE)][:2] == [
        "Single leg hop up. Left leg. Set 1 of 2.",
        "Single leg forward hop. Left leg. Set 1 of 2.",
    ]
    assert run.cues(CueKind.NEXT_UP)[0].text == "Next: Single leg forward hop, left leg."
    assert all([leg.leg for leg in s.legs] == ["left"] for s in record.sets)
    assert len(record.sets) == 6 and not any(s.skipped for s in record.sets)
    assert record.reps_done == record.reps_prescribed == 90
    expected = expected_session(
        rounds(CIRCUIT_1, 2), ("left",), [1] * 6, longer_rest=[False, False, True, False, False]
    )
    assert_cues(run.says(), expected.cues)


@pytest.mark.parametrize(
    ("settings", "legs"),
    [
        (Settings(sore_side="right"), ("right", "left")),
        (Settings(sore_side="left"), ("left", "right")),
        (Settings(sore_side="both"), ("left", "right")),
        (Settings(sore_side="right", train="sore_only"), ("right",)),
    ],
)
def test_leg_order_follows_the_sore_side(settings: Settings, legs: tuple[Leg, ...]) -> None:
    run = Run.begin(step=0, settings=settings)
    run.run(stop=lambda s: s.awaiting_pain)
    assert run.state.record.legs == legs
    assert tuple(leg.leg for leg in run.state.record.sets[0].legs) == legs


# --- resume after a restart ------------------------------------------------------------------


def record_after_rated_sets(n: int) -> SessionRecord:
    run = Run.begin(step=1)
    run.run(
        rater=rate_after(RATE_DELAY, [2, 3, 1]),
        stop=lambda s: len(s.record.sets) == n and not s.awaiting_pain,
    )
    return run.state.record


def test_resume_continues_from_the_first_set_not_done() -> None:
    saved = record_after_rated_sets(2)
    assert [s.pain for s in saved.sets] == [2, 3]
    now, wall_now = 5000.0, WALL0 + dt.timedelta(hours=1)
    state, effects = engine.resume(
        PROGRAM, saved, Settings(sore_side="right"), now=now, wall_now=wall_now
    )
    assert unkeyed(says(effects)) == [
        announced("Sideways hops, hand on the wall. Right leg. Set 1 of 2.", now)
    ]
    assert effects == says(effects)  # nothing to save yet
    run = Run(state=state, now=now, effects=list(effects))
    run.heard(effects)
    run.run(rater=rate_after(RATE_DELAY, [1]))
    record = run.state.record
    assert record.status is SessionStatus.COMPLETED
    assert record.id == saved.id and record.started_at == saved.started_at
    assert record.sets[:2] == saved.sets
    assert [(s.exercise, s.set_index, s.pain) for s in record.sets] == [
        ("hop_up", 1, 2),
        ("forward_hop", 1, 3),
        ("wall_side_hops", 1, 1),
        ("hop_up", 2, 1),
        ("forward_hop", 2, 1),
        ("wall_side_hops", 2, 1),
    ]
    assert close(record.sets[2].started_at, wall_now)
    assert len(run.cues(CueKind.ANNOUNCE)) == 4 * 2


def test_resume_asks_for_a_missing_rating_before_the_next_set() -> None:
    run = Run.begin(step=1)
    to_first_rest(run)  # the app stops here: set 1 saved, its rating not yet given
    saved = run.state.record
    assert saved.sets[0].pain is None
    state, effects = engine.resume(
        PROGRAM, saved, Settings(sore_side="right"), now=5000.0, wall_now=WALL0
    )
    assert effects == [Say(W.pain_question, CueKind.PAIN_QUESTION, 5000.0, Priority.HIGH, None)]
    assert state.phase is Phase.AWAIT_PAIN
    resumed = Run(state=state, now=5000.0)
    resumed.run(until=5030.0)
    assert [s.kind for s in resumed.says()] == [CueKind.REMINDER]
    effects = resumed.send(PainRating(3), 5031.0)
    assert resumed.state.record.sets[0].pain == 3
    assert [(s.kind, s.text) for s in says(effects)] == [
        (CueKind.PAIN_ADVICE, SAFE),
        (CueKind.ANNOUNCE, "Single leg forward hop. Right leg. Set 1 of 2."),
    ]


def test_resume_with_every_set_done_but_the_last_rating() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="right", train="sore_only"))
    run.run(rater=rate_after(1.1, [2, 2]), stop=lambda s: len(s.record.sets) == 3)
    saved = run.state.record
    state, effects = engine.resume(PROGRAM, saved, Settings(), now=10.0, wall_now=WALL0)
    assert [s.kind for s in says(effects)] == [CueKind.PAIN_QUESTION]
    state, effects = engine.step(state, PainRating(7), 11.0)
    assert state.phase is Phase.STOP_GRACE  # a few seconds to change it
    state, effects = engine.step(state, Tick(), 17.0)
    assert state.record.status is SessionStatus.STOPPED_FOR_PAIN


def test_resume_of_a_record_with_every_set_rated_completes_it() -> None:
    run = Run.begin(step=0, settings=Settings(sore_side="right", train="sore_only"))
    run.run(rater=rate_after(1.1, [2]), stop=lambda s: len(s.record.sets) == 3)
    rated = run.state.record.sets[-1].model_copy(update={"pain": 2})
    saved = run.state.record.model_copy(update={"sets": (*run.state.record.sets[:-1], rated)})
    state, effects = engine.resume(PROGRAM, saved, Settings(), now=10.0, wall_now=WALL0)
    assert state.finished and state.record.status is SessionStatus.COMPLETED
    assert isinstance(effects[0], Persist)
    assert says(effects) == [Say(W.session_done, CueKind.DONE, 10.0, Priority.HIGH, None)]


# --- straight sets ---------------------------------------------------------------------------


def straight_program() -> Program:
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    return parse_program(text.replace('order = "rounds"', 'order = "straight"'))


def test_straight_sets_when_the_program_says_so() -> None:
    program = straight_program()
    assert program.rules.order == "straight"
    ratings = [1, 2, 3, 2, 1, 0]
    run = Run.begin(program, step=1).run(rater=rate_after(RATE_DELAY, ratings))
    record = run.state.record
    assert [(s.exercise, s.set_index) for s in record.sets] == [
        ("hop_up", 1),
        ("hop_up", 2),
        ("forward_hop", 1),
        ("forward_hop", 2),
        ("wall_side_hops", 1),
        ("wall_side_hops", 2),
    ]
    # The longer rest before another set of the same exercise, the short one between exercises.
    assert [s.text for s in run.cues(CueKind.REST) if s.text.startswith("Rest")] == [
        "Rest, 90 seconds.",
        "Rest, 45 seconds.",
        "Rest, 90 seconds.",
        "Rest, 45 seconds.",
        "Rest, 90 seconds.",
    ]
    expected = expected_session(
        straight(CIRCUIT_1, 2),
        ("right", "left"),
        ratings,
        longer_rest=[True, False, True, False, True],
    )
    assert_cues(run.says(), expected.cues)


def test_straight_order_via_model_copy() -> None:
    program = PROGRAM.model_copy(
        update={"rules": PROGRAM.rules.model_copy(update={"order": "straight"})}
    )
    run = Run.begin(program, step=2)
    assert [(p.exercise, p.set_index) for p in run.state.workout.sets][:4] == [
        ("hop_up", 1),
        ("hop_up", 2),
        ("hop_up", 3),
        ("forward_hop", 1),
    ]


# --- late ticks ------------------------------------------------------------------------------


def test_a_late_tick_fires_every_cue_at_its_own_time() -> None:
    # No voice reports back here: a report comes in real time, which a late tick cannot replay.
    fine = Run.begin(step=1, hear=False).run(until=T0 + 100.0)
    late = Run.begin(step=1, hear=False)
    effects = late.send(Tick(), T0 + 100.0)  # the first tick in 100 s
    assert says(effects) == fine.says()[1:]
    assert late.says() == fine.says()
    assert late.state.phase is Phase.REST
    assert late.state == fine.state
    # Nothing was stamped with the late tick's time.
    assert all(s.at <= T0 + 100.0 for s in late.says())
    assert len({s.at for s in late.says()}) > 40


def test_irregular_ticks_do_not_drift() -> None:
    fine = Run.begin(step=1, hear=False).run(rater=rate_after(RATE_DELAY, [2]))
    jittery = Run.begin(step=1, hear=False)
    gaps = [0.37, 0.05, 1.9, 7.3, 0.61, 13.0, 0.25]
    i = 0
    while jittery.now < fine.now - 1e-9 and not jittery.state.finished:
        target = min(jittery.now + gaps[i % len(gaps)], fine.now)
        i += 1
        # Give each rating at the same moment as the fine run did.
        for t, event in fine.events:
            if isinstance(event, PainRating) and jittery.now < t <= target:
                jittery.send(Tick(), t)
                jittery.send(event)
        jittery.send(Tick(), target)
    assert jittery.state.finished
    assert jittery.says() == fine.says()
    assert jittery.state.record == fine.state.record


def test_rep_cues_go_stale_when_the_next_rep_is_due() -> None:
    run = Run.begin(step=1).run(rater=rate_after(RATE_DELAY, [2]))
    cues = run.says()
    for a, b in pairwise(cues):
        if a.kind is CueKind.REP and b.kind is CueKind.REP:
            assert a.stale_after == b.at
        if a.kind is CueKind.COUNTDOWN and a.text != "go":
            assert a.stale_after == b.at == a.at + 1
        if a.kind is CueKind.COUNTDOWN and a.text == "go":
            assert b.kind is CueKind.REP and a.stale_after == b.at
        if a.kind is CueKind.REP and a.text == "15":
            # The last rep's beat ends with the leg: then comes the switch or the question.
            assert b.kind in (CueKind.SWITCH_LEGS, CueKind.PAIN_QUESTION)
            assert a.stale_after == b.at
        if a.kind is CueKind.SWITCH_LEGS:
            assert b.kind is CueKind.ANNOUNCE and a.stale_after == b.at  # true while switching
        if a.kind is CueKind.ANNOUNCE:
            assert a.stale_after == a.at + ANNOUNCE_MAX  # the latest the countdown can start
    last_reps = [b for a, b in pairwise(cues) if b.kind is CueKind.REP and b.text == "15"]
    assert len(last_reps) == 12
    must_say = {CueKind.PAIN_QUESTION, CueKind.PAIN_ADVICE, CueKind.STOP, CueKind.DONE}
    assert all(s.stale_after is None for s in cues if s.kind in must_say)
