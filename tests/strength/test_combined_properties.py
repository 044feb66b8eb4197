"""Property tests of the combined session on the engine: over random doses, stances, loads, legs,
part orders, tempos, rests and ratings, every set of both parts is done in order and saved as it
ends with what it lifted, nothing saved is ever lost, the tempo words fill each rep, the rests
come from the right part's data, and a stopping rating stops the whole session (and part 1 with
it, when it was on)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from session import engine
from session.effects import CueKind, Persist
from session.engine import PartOne
from session.records import Part, SessionRecord, SessionStatus, Settings
from session.sets import session_sets
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPrescription
from tests.session.helpers import T0, WALL0, Run, rx_for
from tests.strength.helpers import MONDAY, PROGRAM, SEATED, STANDING, STRENGTH, Runner

PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STOP = PROGRAM.stop_threshold


@st.composite
def strength_programs(draw: st.DrawFn) -> StrengthProgram:
    up = draw(st.sampled_from([1.0, 2.0, 3.0, 2.5]))
    words_up = draw(st.sampled_from([("up",), ("up", "two", "three"), ("lift", "hold")]))
    tempo = STRENGTH.tempo.model_copy(
        update={"lift_seconds": up, "lift_words": words_up, "lower_seconds": 3.0}
    )
    rest = STRENGTH.rest.model_copy(
        update={
            "between_sets": draw(st.sampled_from([0.0, 5.0, 40.0])),
            "between_exercises": draw(st.sampled_from([0.0, 12.0, 70.0])),
        }
    )
    day = STRENGTH.day.model_copy(update={"between_parts": draw(st.sampled_from([0.0, 30.0]))})
    rules = STRENGTH.rules.model_copy(
        update={"order": draw(st.sampled_from(["straight", "rounds"]))}
    )
    return STRENGTH.model_copy(update={"tempo": tempo, "rest": rest, "day": day, "rules": rules})


@st.composite
def sessions(
    draw: st.DrawFn,
) -> tuple[StrengthProgram, StrengthPrescription, dict[str, float], tuple[Part, ...], Settings]:
    strength = draw(strength_programs())
    stances = {ex: draw(st.sampled_from(["both", "single"])) for ex in (STANDING, SEATED)}
    runner = Runner()
    runner.settings = runner.settings.model_copy(update={"stances": stances})
    rx = runner.prescribe(MONDAY)
    rx = rx.model_copy(update={"sets": draw(st.integers(1, 2)), "reps": draw(st.integers(1, 3))})
    loads = {ex: draw(st.sampled_from([0.0, 2.5, 12.5])) for ex in (STANDING, SEATED)}
    parts = draw(
        st.sampled_from([("strength", "plyometrics"), ("plyometrics", "strength"), ("strength",)])
    )
    legs = draw(
        st.sampled_from(
            [Settings(sore_side="left"), Settings(sore_side="right", train="sore_only")]
        )
    )
    return strength, rx, loads, parts, legs


def start(
    strength: StrengthProgram,
    rx: StrengthPrescription,
    loads: dict[str, float],
    parts: tuple[Part, ...],
    settings_: Settings,
) -> Run:
    hops = rx_for(PROGRAM, 0).model_copy(update={"reps": 2})
    state, effects = engine.start(
        PROGRAM,
        hops,
        settings_,
        session_id="p",
        now=T0,
        wall_now=WALL0,
        part1=PartOne(strength, rx, loads, parts),
    )
    run = Run(state=state, now=T0, tick=0.25)
    run.effects.extend(effects)
    run.heard(effects)
    return run


def saved(run: Run) -> list[SessionRecord]:
    return [e.record for e in run.effects if isinstance(e, Persist)]


@PROPS
@given(sessions(), st.lists(st.integers(0, STOP - 1), min_size=1, max_size=4))
def test_every_set_of_both_parts_is_done_in_order_and_saved_with_its_load(
    session: tuple[
        StrengthProgram, StrengthPrescription, dict[str, float], tuple[Part, ...], Settings
    ],
    ratings: list[int],
) -> None:
    strength, rx, loads, parts, legs = session
    run = start(*session)
    given_ratings = iter(ratings * 20)
    run.run(rater=lambda s, now: next(given_ratings))
    record = run.state.record
    assert record.status is SessionStatus.COMPLETED and record.parts == parts
    assert record.strength is not None and record.strength.status is SessionStatus.COMPLETED
    plans = session_sets(PROGRAM, strength, record)
    lifted = [(p.exercise, p.set_index) for p in plans if p.lift is not None]
    assert [(s.exercise, s.set_index) for s in record.strength.sets] == lifted
    for s in record.strength.sets:
        assert s.load_kg == loads[s.exercise]
        proposal = rx.load_for(s.exercise)
        sides = ["both"] if proposal.stance == "both" else list(legs.legs())
        assert [leg.side for leg in s.legs] == sides
        assert all(leg.reps_done == rx.reps == leg.reps_target for leg in s.legs)
        assert s.pain is not None and not s.skipped
        assert (s.tempo.lift_seconds, s.tempo.lower_seconds) == (
            strength.tempo.lift_seconds,
            strength.tempo.lower_seconds,
        )
    # The tempo words fill each rep: (lift words + lower words) per rep, per leg, per set.
    per_rep = len(strength.tempo.lift_words) + len(strength.tempo.lower_words)
    efforts = sum(len(s.legs) for s in record.strength.sets)
    hop_reps = sum(leg.reps_done for s in record.sets for leg in s.legs)
    assert len(run.cues(CueKind.REP)) == efforts * rx.reps * per_rep + hop_reps
    # Saved as it went: every save holds at least what the one before it held.
    counts = [(len(r.strength_sets), len(r.sets)) for r in saved(run)]
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairwise(counts))
    assert counts[-1] == (len(record.strength_sets), len(record.sets))


@PROPS
@given(sessions(), st.integers(STOP, 10), st.integers(0, 3))
def test_a_stopping_rating_stops_the_whole_session_wherever_it_comes(
    session: tuple[
        StrengthProgram, StrengthPrescription, dict[str, float], tuple[Part, ...], Settings
    ],
    stop: int,
    after: int,
) -> None:
    run = start(*session)
    assume(after < len(run.state.workout.sets))  # the stopping rating comes
    ratings = iter([2] * after + [stop] * 50)
    run.run(rater=lambda s, now: next(ratings))
    record = run.state.record
    done = len(record.all_sets)
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    assert record.max_pain == stop and done <= after + 1
    part = record.strength
    assert part is not None and part.status is not SessionStatus.IN_PROGRESS
    planned = sum(1 for p in session_sets(PROGRAM, session[0], record) if p.lift is not None)
    if any(s.pain == stop for s in part.sets):  # stopped during part 1
        assert part.status is SessionStatus.STOPPED_FOR_PAIN
        assert not record.sets or record.parts[0] == "plyometrics"  # no hop after the stop
    elif part.sets:  # part 1 was over: it stays completed
        assert part.status is SessionStatus.COMPLETED and len(part.sets) == planned
    else:  # the circuit came first and stopped: part 1 never began, and loads nothing
        assert part.status is SessionStatus.STOPPED_FOR_PAIN
        assert record.parts[0] == "plyometrics" and not part.summary(record.id).trained
