"""Property tests of progression: it never overloads (the engine: test_engine_properties)."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session.program import Program
from session.progression import prescribe
from session.records import (
    CheckIn,
    Prescription,
    SessionRecord,
    SessionStatus,
)
from tests.session.helpers import MONDAY, PROGRAM, checkin, session_record

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
