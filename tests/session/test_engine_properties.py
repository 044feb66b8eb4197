"""Property tests of the engine over random programs, runners and event sequences: it always
ends; time never runs backwards in the record; every rep 1..N of a completed leg is cued once, in
order; nothing is cued after the end; every set is saved before its rating is asked; and a
session with no surprises lasts exactly the sum of its parts."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session import engine
from session.effects import CueKind, Effect, Persist, Say
from session.engine import WorkoutState
from session.events import (
    AdjustCadence,
    ChangeRating,
    CueEnded,
    EndEarly,
    Event,
    PainRating,
    Pause,
    Resume,
    Skip,
    StopForPain,
    Tick,
)
from session.program import MIN_REMINDER_EVERY, Program, Rules, Timing
from session.records import Prescription, SessionStatus, Settings
from session.sets import plan_sets
from tests.session.helpers import PROGRAM, T0, WALL0, rx_for, tempo_program

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEMPO = tempo_program()
STEPS = len(PROGRAM.ladder)  # the steps of the shipped ladder; TEMPO's last step is the tempo


@st.composite
def timings(draw: st.DrawFn) -> Timing:
    read = draw(st.floats(0, 8).map(lambda x: round(x, 3)))
    gap = draw(st.floats(0, 2).map(lambda x: round(x, 3)))
    return Timing(
        announce_read=read,
        announce_gap=gap,
        announce_max=read + gap + draw(st.floats(0, 8).map(lambda x: round(x, 3))),
        get_ready=draw(st.integers(0, 5)),
        switch_legs=draw(st.floats(0, 20).map(lambda x: round(x, 3))),
        between_exercises=draw(st.floats(0, 60).map(lambda x: round(x, 3))),
        between_rounds=draw(st.floats(0, 120).map(lambda x: round(x, 3))),
        pain_reminder_every=draw(st.floats(MIN_REMINDER_EVERY, 30)),
        stop_grace=draw(st.sampled_from([0.0, 6.0, 2.5])),
        resume_beat=draw(st.sampled_from([1.5, 0.5])),
        next_up_after=draw(st.floats(0, 40)),
    )


runner_settings = st.builds(
    Settings,
    sore_side=st.sampled_from(["left", "right", "both"]),
    train=st.sampled_from(["both", "sore_only"]),
    cadence_scale=st.floats(0.5, 2.0).map(lambda x: round(x, 2)),
)


def program_with(timing: Timing, order: str, tempo: bool) -> Program:
    base = TEMPO if tempo else PROGRAM
    rules = Rules.model_validate({**base.rules.model_dump(), "order": order})
    return base.model_copy(update={"timing": timing, "rules": rules})


@dataclass
class Drive:
    """A session driven event by event, every step's effects kept in order."""

    state: WorkoutState
    now: float
    effects: list[Effect] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    """Cues that asked to be heard back and have not been reported yet."""
    finished_at: int | None = None
    """How many effects there were when the session finished."""

    @classmethod
    def begin(cls, program: Program, rx: Prescription, runner: Settings) -> Drive:
        state, effects = engine.start(program, rx, runner, session_id="p", now=T0, wall_now=WALL0)
        drive = cls(state, T0)
        drive.took(effects)
        return drive

    def took(self, effects: list[Effect]) -> None:
        if self.finished_at is not None:
            assert effects == [], f"cued after the end: {effects}"
        self.check_saved_before_asked(effects)
        self.effects += effects
        self.keys += [e.key for e in effects if isinstance(e, Say) and e.key is not None]
        if self.state.finished and self.finished_at is None:
            self.finished_at = len(self.effects)

    def check_saved_before_asked(self, effects: list[Effect]) -> None:
        """Every question about a set comes after a save of the record holding that set, as it
        is when asked."""
        saved = [e.record for e in self.effects if isinstance(e, Persist)][-1:]
        for effect in effects:
            if isinstance(effect, Persist):
                saved = [effect.record]
            elif effect.kind is CueKind.PAIN_QUESTION:
                asked = self.state.record.sets[-1]
                assert saved and saved[0].sets, "asked before any set was saved"
                last = saved[0].sets[-1]
                assert (last.exercise, last.set_index, last.legs) == (
                    asked.exercise,
                    asked.set_index,
                    asked.legs,
                )

    def send(self, event: Event, now: float) -> None:
        assert now >= self.now
        self.now = now
        self.state, effects = engine.step(self.state, event, now)
        self.took(effects)

    def hear(self, spoken: bool = True) -> None:
        """The voice reports every cue that asked, at once."""
        while self.keys:
            self.send(CueEnded(self.keys.pop(0), spoken), self.now)

    def says(self) -> list[Say]:
        return [e for e in self.effects if isinstance(e, Say)]


def next_due(state: WorkoutState) -> float:
    due = [t for t in (state.next_at, state.deadline) if t is not None]
    assert due, state.phase
    return min(due)


def finish(drive: Drive, ratings: list[int], bound: int) -> None:
    """Resume, then tick to each next deadline, hearing each cue and answering each question."""
    drive.send(Resume(), drive.now)
    i = 0
    for _ in range(bound):
        drive.hear()
        if drive.state.finished:
            return
        if drive.state.awaiting_pain:
            drive.send(PainRating(ratings[i % len(ratings)]), drive.now)
            i += 1
        else:
            drive.send(Tick(), max(drive.now, next_due(drive.state)))
    raise AssertionError(f"no end after {bound} steps (phase {drive.state.phase})")


events = st.one_of(
    st.just(Tick()),
    st.just(Pause()),
    st.just(Resume()),
    st.just(Skip()),
    st.builds(PainRating, st.integers(0, 10)),
    st.just(ChangeRating()),
    st.just(StopForPain()),
    st.builds(AdjustCadence, st.floats(-1.5, 1.5)),
    st.builds(CueEnded, st.sampled_from(["heard", "stale key"]), st.booleans()),
)


def check_reps(drive: Drive) -> None:
    """Between two announcements (one leg), rep numbers run 1, 2, 3... once each, in order, and
    each leg kept with N reps done had exactly 1..N cued: a completed leg, every rep once."""
    legs: list[list[str]] = []
    for cue in drive.says():
        if cue.kind is CueKind.ANNOUNCE:
            legs.append([])
        elif cue.kind is CueKind.REP and legs:
            legs[-1].append(cue.text)
    program = drive.state.workout.program
    if any(program.exercise(s.exercise).kind != "hops" for s in drive.state.workout.sets):
        return  # tempo words are not numbers: the tempo tests check them
    for reps in legs:
        assert reps == [str(n) for n in range(1, len(reps) + 1)], reps
    kept = [leg.reps_done for s in drive.state.record.sets for leg in s.legs if leg.reps_done]
    assert kept == [len(reps) for reps in legs if reps]


def check_record(drive: Drive) -> None:
    """Time never runs backwards in the record."""
    record = drive.state.record
    assert record.ended_at is not None and record.ended_at >= record.started_at
    stamps = [t for s in record.sets for t in (s.started_at, s.ended_at)]
    assert stamps == sorted(stamps)
    for s in record.sets:
        assert s.started_at <= s.ended_at <= record.ended_at
        legs = [t for leg in s.legs for t in (leg.started_at, leg.ended_at)]
        assert legs == sorted(legs) and all(s.started_at <= t <= s.ended_at for t in legs)
        changes = [c.at for c in s.pain_changes]
        assert changes == sorted(changes) and all(
            s.ended_at <= t <= record.ended_at for t in changes
        )
        if s.stopped is not None:
            assert s.started_at <= s.stopped.at <= record.ended_at
    times = [s.at for s in drive.says()]
    assert times == sorted(times)  # and cues never run backwards either


@PROPS
@given(
    timing=timings(),
    order=st.sampled_from(["rounds", "straight"]),
    step=st.integers(0, STEPS),
    runner=runner_settings,
    script=st.lists(st.tuples(events, st.floats(0, 40)), max_size=40),
    end_early=st.booleans(),
    ratings=st.lists(st.integers(0, 10), min_size=1, max_size=5),
)
def test_the_engine_always_ends_and_keeps_its_promises(
    timing: Timing,
    order: str,
    step: int,
    runner: Settings,
    script: list[tuple[Event, float]],
    end_early: bool,
    ratings: list[int],
) -> None:
    tempo = step == STEPS
    program = program_with(timing, order, tempo)
    rx = rx_for(program, step)
    drive = Drive.begin(program, rx, runner)
    for event, wait in [*script, *([(EndEarly(), 1.0)] if end_early else [])]:
        if isinstance(event, CueEnded) and event.key == "heard" and drive.keys:
            event = CueEnded(drive.keys.pop(0), event.spoken)
        drive.send(event, drive.now + wait)
    legs = runner.legs()
    plan = plan_sets(program, rx)
    per_leg = rx.reps * (12 if tempo else 1) + timing.get_ready + 3
    finish(drive, ratings, len(plan) * (len(legs) * per_leg + 30) + 30)

    says = drive.says()
    assert says[-1].kind in (CueKind.DONE, CueKind.STOP)
    assert drive.finished_at == len(drive.effects)  # nothing after the end
    record = drive.state.record
    assert record.status is not SessionStatus.IN_PROGRESS
    done = [(s.exercise, s.set_index) for s in record.sets]
    assert done == [(p.exercise, p.set_index) for p in plan][: len(done)]
    for result in record.sets:
        assert tuple(leg.leg for leg in result.legs) == legs[: len(result.legs)]
        assert all(leg.reps_done <= leg.reps_target == rx.reps for leg in result.legs)
    if record.status is SessionStatus.COMPLETED:
        assert len(record.sets) == len(plan)
        assert all(s.pain is not None and s.pain < 6 for s in record.sets)
        assert all(s.stopped is None for s in record.sets)
    if record.status is SessionStatus.STOPPED_FOR_PAIN:
        last = record.sets[-1]
        assert last.stopped is not None or (last.pain is not None and last.pain >= 6)
    assert all(s.pain is not None for s in record.sets[:-2])
    assert record.reps_done <= record.reps_prescribed
    check_record(drive)
    check_reps(drive)


def expected_duration(program: Program, rx: Prescription, state: WorkoutState) -> float:
    """Per leg: the announcement (heard at once: its read time or gap), the countdown, the reps
    at their cadence with a beat after "go" and the last rep's own beat (hops), or each tempo
    rep's seconds after a one-second beat; the switch-legs rests, and the rests between sets."""
    timing = program.timing
    legs = len(state.workout.legs)
    sets = plan_sets(program, rx)
    total = 0.0
    for i, s in enumerate(sets):
        ex = program.exercise(s.exercise)
        if ex.kind == "tempo":
            counting = 1.0 + rx.reps * ex.cadence
        else:
            counting = (rx.reps + 1) * state.cadence(ex.id)
        announce = max(timing.announce_read, timing.announce_gap)
        total += legs * (announce + timing.get_ready + counting)
        total += (legs - 1) * timing.switch_legs
        if i + 1 < len(sets):
            nxt = sets[i + 1]
            longer = (
                nxt.exercise == s.exercise
                if program.rules.order == "straight"
                else nxt.set_index != s.set_index
            )
            total += timing.between_rounds if longer else timing.between_exercises
    return total


@PROPS
@given(
    timing=timings(),
    order=st.sampled_from(["rounds", "straight"]),
    step=st.integers(0, STEPS),
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
    program = program_with(timing, order, step == STEPS)
    rx = rx_for(program, step)
    drive = Drive.begin(program, rx, runner)
    i = 0
    for _ in range(10_000):
        drive.hear()
        state = drive.state
        if state.finished:
            break
        if state.awaiting_pain:
            at = drive.now
            if state.deadline is not None:  # rate during the rest, before it ends
                at = max(at, state.phase_start + when * (state.deadline - state.phase_start))
            drive.send(PainRating(ratings[i % len(ratings)]), at)
            i += 1
            continue
        drive.send(Tick(), next_due(state))
    record = drive.state.record
    assert record.status is SessionStatus.COMPLETED
    expected = expected_duration(program, rx, drive.state)
    assert drive.now - T0 == pytest.approx(expected, abs=1e-3)
    assert record.ended_at is not None
    elapsed = (record.ended_at - record.started_at).total_seconds()
    assert elapsed == pytest.approx(expected, abs=1e-3)


@PROPS
@given(
    script=st.lists(st.tuples(events, st.floats(0, 40)), max_size=25),
    bad=st.integers(-1000, -1) | st.integers(11, 1000),
    step=st.integers(0, STEPS - 1),
)
def test_pain_ratings_outside_0_to_10_raise(
    script: list[tuple[Event, float]], bad: int, step: int
) -> None:
    drive = Drive.begin(PROGRAM, rx_for(PROGRAM, step), Settings(sore_side="right"))
    for event, wait in script:
        drive.send(event, drive.now + wait)
    if drive.state.finished:
        return
    with pytest.raises(ValueError, match=f"pain rating {bad} is outside 0-10"):
        engine.step(drive.state, PainRating(bad), drive.now)
