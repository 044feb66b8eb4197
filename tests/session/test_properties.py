"""Property tests: progression never overloads, and the engine always ends, on time."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session import engine
from session.effects import CueKind, Say
from session.engine import Phase, WorkoutState
from session.events import (
    AdjustCadence,
    EndEarly,
    Event,
    PainRating,
    Pause,
    Resume,
    Skip,
    Tick,
)
from session.plan import plan_sets
from session.program import Program, Rules, Timing
from session.progression import prescribe
from session.records import (
    CheckIn,
    Prescription,
    SessionRecord,
    SessionStatus,
    Settings,
)
from tests.session.helpers import MONDAY, PROGRAM, T0, WALL0, checkin, rx_for, session_record

PROPS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

LAST_STEP = len(PROGRAM.ladder) - 1
MAX_SETS = max(s.sets for s in PROGRAM.ladder)
MAX_REPS = max(s.reps for s in PROGRAM.ladder)


# --- progression -----------------------------------------------------------------------------


@st.composite
def session_outcomes(draw: st.DrawFn) -> tuple[int, SessionStatus, tuple[int, ...], int | None]:
    """One session: days since the previous one, how it ended, its ratings, next morning's pain."""
    gap = draw(st.sampled_from([1, 2, 2, 3, 4, 7, 12]))
    status = draw(
        st.sampled_from(
            [SessionStatus.COMPLETED] * 3
            + [SessionStatus.STOPPED_FOR_PAIN, SessionStatus.ENDED_EARLY]
        )
    )
    if status is SessionStatus.STOPPED_FOR_PAIN:
        pains = (*draw(st.lists(st.integers(0, 5), max_size=3)), draw(st.integers(6, 10)))
    else:
        pains = tuple(draw(st.lists(st.integers(0, 5), min_size=1, max_size=4)))
    morning = draw(st.none() | st.integers(0, 10))
    return gap, status, pains, morning


def check_dose(program: Program, rx: Prescription) -> None:
    """A prescription is always exactly one step of the program's ladder, never more."""
    assert 0 <= rx.step <= len(program.ladder) - 1
    step = program.ladder[rx.step]
    assert (rx.circuit, rx.sets, rx.reps, rx.label) == (
        step.circuit,
        step.sets,
        step.reps,
        step.label,
    )
    assert rx.exercises == program.circuit(step.circuit).exercises
    assert 1 <= rx.sets <= MAX_SETS and 1 <= rx.reps <= MAX_REPS


def normal_of(earlier: list[CheckIn], window: int) -> float | None:
    recent = sorted(earlier, key=lambda c: c.recorded_at)[-window:]
    return statistics.median(c.pain for c in recent) if recent else None


@PROPS
@given(
    baseline=st.lists(st.integers(0, 4), max_size=4),
    history=st.lists(session_outcomes(), min_size=1, max_size=8),
)
def test_progression_never_overloads_and_a_flare_never_raises_the_load(
    baseline: list[int], history: list[tuple[int, SessionStatus, tuple[int, ...], int | None]]
) -> None:
    window = PROGRAM.rules.morning_normal_window
    checkins = [
        checkin(MONDAY - dt.timedelta(days=d + 1, hours=11), p) for d, p in enumerate(baseline)
    ]
    sessions: list[SessionRecord] = []
    start = MONDAY
    previous: int | None = None
    for gap, status, pains, morning_pain in history:
        rx = prescribe(PROGRAM, sessions, checkins, start)
        check_dose(PROGRAM, rx)
        if previous is not None:
            assert rx.step <= min(previous + 1, LAST_STEP)
        session = session_record(PROGRAM, rx.step, start, status=status, pains=pains)
        sessions.append(session)
        previous = rx.step
        flare = False
        if morning_pain is not None:
            morning = checkin(start + dt.timedelta(hours=13, minutes=30), morning_pain)
            normal = normal_of(checkins, window)
            flare = normal is not None and morning_pain > normal
            checkins.append(morning)
        start += dt.timedelta(days=gap)
        after = prescribe(PROGRAM, sessions, checkins, start)
        check_dose(PROGRAM, after)
        assert after.flare is flare
        if flare or status is SessionStatus.STOPPED_FOR_PAIN:
            # A flare (or pain in the stop zone) never raises the load: one step back.
            assert after.step <= max(rx.step - 1, 0)
        if status is SessionStatus.ENDED_EARLY:
            assert after.step <= rx.step
        if after.circuit > rx.circuit:
            # A new circuit only after a calm morning check-in.
            assert morning_pain is not None and not flare
        if flare:
            # The same history with a calm morning is never lower.
            calm = [*checkins[:-1], checkins[-1].model_copy(update={"pain": 0})]
            assert prescribe(PROGRAM, sessions, calm, start).step >= after.step


@PROPS
@given(
    steps=st.lists(st.integers(0, LAST_STEP), min_size=1, max_size=6),
    statuses=st.lists(st.sampled_from(list(SessionStatus)), min_size=6, max_size=6),
    pains=st.lists(st.integers(0, 10), min_size=6, max_size=6),
    checkin_pains=st.lists(st.integers(0, 10), max_size=8),
    hours_later=st.floats(0, 24 * 40),
)
def test_any_history_gives_a_dose_from_the_ladder(
    steps: list[int],
    statuses: list[SessionStatus],
    pains: list[int],
    checkin_pains: list[int],
    hours_later: float,
) -> None:
    """Even odd, hand-edited histories never produce a dose outside the program's ladder."""
    sessions = [
        session_record(
            PROGRAM, step, MONDAY + dt.timedelta(days=2 * i), status=statuses[i], pains=(pains[i],)
        )
        for i, step in enumerate(steps)
    ]
    checkins = [
        checkin(MONDAY + dt.timedelta(days=i, hours=13), p) for i, p in enumerate(checkin_pains)
    ]
    now = MONDAY + dt.timedelta(days=2 * len(steps), hours=hours_later)
    # Unfinished sessions of earlier days count, as the ended-early sessions they are closed as.
    last = max(
        (s for s in sessions if s.finished or s.started_at.date() < now.date()),
        key=lambda s: s.started_at,
        default=None,
    )
    rx = prescribe(PROGRAM, sessions, checkins, now)
    check_dose(PROGRAM, rx)
    if last is None:
        assert rx.step == 0
    else:
        assert rx.step <= min(last.prescription.step + 1, LAST_STEP)
        ended = last.ended_at or last.last_set_at
        assert ended is not None
        ready = ended + dt.timedelta(hours=24)
        assert rx.earliest_start == (ready if now < ready else None)
    assert rx.reasons and all(r.strip() for r in rx.reasons)


# --- the engine ------------------------------------------------------------------------------

timings = st.builds(
    Timing,
    announce=st.floats(0, 8, allow_nan=False).map(lambda x: round(x, 3)),
    get_ready=st.integers(0, 5),
    switch_legs=st.floats(0, 20).map(lambda x: round(x, 3)),
    between_exercises=st.floats(0, 60).map(lambda x: round(x, 3)),
    between_rounds=st.floats(0, 120).map(lambda x: round(x, 3)),
    pain_reminder_every=st.floats(1, 30),
)
runner_settings = st.builds(
    Settings,
    sore_side=st.sampled_from(["left", "right", "both"]),
    train=st.sampled_from(["both", "sore_only"]),
    cadence_scale=st.floats(0.5, 2.0).map(lambda x: round(x, 2)),
)


def program_with(timing: Timing, order: str) -> Program:
    rules = Rules.model_validate({**PROGRAM.rules.model_dump(), "order": order})
    return PROGRAM.model_copy(update={"timing": timing, "rules": rules})


def next_due(state: WorkoutState) -> float:
    due = [t for t in (state.next_at, state.deadline) if t is not None]
    assert due, state.phase
    return min(due)


def finish(
    state: WorkoutState, now: float, ratings: list[int], bound: int, said: list[Say]
) -> tuple[WorkoutState, float]:
    """Resume, then tick to each next deadline and answer every pain question."""
    state, effects = engine.step(state, Resume(), now)
    steps = 0
    i = 0
    while not state.finished:
        said += [e for e in effects if isinstance(e, Say)]
        steps += 1
        assert steps <= bound, f"no end after {bound} steps (phase {state.phase})"
        if state.awaiting_pain and state.phase in (Phase.REST, Phase.AWAIT_PAIN):
            state, effects = engine.step(state, PainRating(ratings[i % len(ratings)]), now)
            i += 1
        else:
            now = max(now, next_due(state))
            state, effects = engine.step(state, Tick(), now)
    said += [e for e in effects if isinstance(e, Say)]
    return state, now


events = st.one_of(
    st.just(Tick()),
    st.just(Pause()),
    st.just(Resume()),
    st.just(Skip()),
    st.builds(PainRating, st.integers(0, 10)),
    st.builds(AdjustCadence, st.floats(-1.5, 1.5)),
)


@PROPS
@given(
    timing=timings,
    order=st.sampled_from(["rounds", "straight"]),
    step=st.integers(0, LAST_STEP),
    runner=runner_settings,
    script=st.lists(st.tuples(events, st.floats(0, 40)), max_size=40),
    end_early=st.booleans(),
    ratings=st.lists(st.integers(0, 10), min_size=1, max_size=5),
)
def test_the_engine_always_ends(
    timing: Timing,
    order: str,
    step: int,
    runner: Settings,
    script: list[tuple[Event, float]],
    end_early: bool,
    ratings: list[int],
) -> None:
    program = program_with(timing, order)
    rx = rx_for(program, step)
    state, effects = engine.start(program, rx, runner, session_id="p", now=T0, wall_now=WALL0)
    said = [e for e in effects if isinstance(e, Say)]
    now = T0
    for event, wait in [*script, *([(EndEarly(), 1.0)] if end_early else [])]:
        now += wait
        state, effects = engine.step(state, event, now)
        said += [e for e in effects if isinstance(e, Say)]
    legs = runner.legs()
    plan = plan_sets(program, rx)
    bound = len(plan) * (len(legs) * (rx.reps + timing.get_ready + 3) + 20) + 10
    state, now = finish(state, now, ratings, bound, said)
    assert said[-1].kind in (CueKind.DONE, CueKind.STOP)

    record = state.record
    assert record.status is not SessionStatus.IN_PROGRESS
    assert record.ended_at is not None and record.ended_at >= record.started_at
    done = [(s.exercise, s.set_index) for s in record.sets]
    assert done == [(p.exercise, p.set_index) for p in plan][: len(done)]
    for result in record.sets:
        assert tuple(leg.leg for leg in result.legs) == legs[: len(result.legs)]
        assert all(leg.reps_done <= leg.reps_target == rx.reps for leg in result.legs)
        assert result.started_at <= result.ended_at
    stamps = [t for s in record.sets for t in (s.started_at, s.ended_at)]
    assert stamps == sorted(stamps)
    if record.status is SessionStatus.COMPLETED:
        assert len(record.sets) == len(plan)
        assert all(s.pain is not None and s.pain < 6 for s in record.sets)
    if record.status is SessionStatus.STOPPED_FOR_PAIN:
        assert record.max_pain is not None and record.max_pain >= 6
        assert all(s.pain is not None for s in record.sets)
    assert all(s.pain is not None for s in record.sets[:-2])
    assert record.reps_done <= record.reps_prescribed
    # Cues never run backwards in time.
    times = [s.at for s in said]
    assert times == sorted(times)


def expected_duration(program: Program, rx: Prescription, runner: Settings) -> float:
    """Announce + get-ready + reps x cadence for every leg, switch-legs rests, and set rests."""
    timing = program.timing
    legs = len(runner.legs())
    order = [(ex, k) for k in range(1, rx.sets + 1) for ex in rx.exercises]
    if program.rules.order == "straight":
        order = [(ex, k) for ex in rx.exercises for k in range(1, rx.sets + 1)]
    total = 0.0
    for i, (ex, k) in enumerate(order):
        cadence = program.exercise(ex).cadence * runner.cadence_scale
        total += legs * (timing.announce + timing.get_ready + rx.reps * cadence)
        total += (legs - 1) * timing.switch_legs
        if i + 1 < len(order):
            nxt_ex, nxt_k = order[i + 1]
            # The longer rest comes before another set of the same exercise (straight sets)
            # or before a new round (rounds).
            longer = nxt_ex == ex if program.rules.order == "straight" else nxt_k != k
            total += timing.between_rounds if longer else timing.between_exercises
    return total


@PROPS
@given(
    timing=timings,
    order=st.sampled_from(["rounds", "straight"]),
    step=st.integers(0, LAST_STEP),
    runner=runner_settings,
    when=st.floats(0, 0.999),
    ratings=st.lists(st.integers(0, 5), min_size=1, max_size=9),
)
def test_total_time_is_the_sum_of_its_parts(
    timing: Timing,
    order: str,
    step: int,
    runner: Settings,
    when: float,
    ratings: list[int],
) -> None:
    program = program_with(timing, order)
    rx = rx_for(program, step)
    state, _ = engine.start(program, rx, runner, session_id="p", now=T0, wall_now=WALL0)
    now = T0
    i = 0
    for _ in range(10_000):
        if state.finished:
            break
        if state.awaiting_pain and state.phase is Phase.REST:
            # Rate during the rest, at some point before it ends.
            assert state.deadline is not None
            now = max(now, state.phase_start + when * (state.deadline - state.phase_start))
        if state.awaiting_pain:
            state, _ = engine.step(state, PainRating(ratings[i % len(ratings)]), now)
            i += 1
            continue
        now = next_due(state)
        state, _ = engine.step(state, Tick(), now)
    assert state.record.status is SessionStatus.COMPLETED
    expected = expected_duration(program, rx, runner)
    assert now - T0 == pytest.approx(expected, abs=1e-3)
    assert state.record.ended_at is not None
    elapsed = (state.record.ended_at - state.record.started_at).total_seconds()
    assert elapsed == pytest.approx(expected, abs=1e-3)


@PROPS
@given(
    script=st.lists(st.tuples(events, st.floats(0, 40)), max_size=25),
    bad=st.integers(-1000, -1) | st.integers(11, 1000),
    step=st.integers(0, LAST_STEP),
)
def test_pain_ratings_outside_0_to_10_raise(
    script: list[tuple[Event, float]], bad: int, step: int
) -> None:
    state, _ = engine.start(
        PROGRAM,
        rx_for(PROGRAM, step),
        Settings(sore_side="right"),
        session_id="p",
        now=T0,
        wall_now=WALL0,
    )
    now = T0
    for event, wait in script:
        now += wait
        state, _ = engine.step(state, event, now)
    if state.finished:
        return
    with pytest.raises(ValueError, match=f"pain rating {bad} is outside 0-10"):
        engine.step(state, PainRating(bad), now)
