"""The combined session on the engine: part 1's calf raises on a spoken tempo, the rest between
the parts, then the plyometric circuit as before; part 1's sets saved as they end (issue 14)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

import pytest

from session import engine
from session.effects import CueKind, Persist, Say
from session.engine import PartOne, Phase
from session.events import EndEarly, PainRating, StopForPain
from session.program import Program
from session.records import Part, SessionRecord, SessionStatus, Settings
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPrescription
from session.view import view
from tests.session.helpers import T0, WALL0, Run, rate_after, rx_for
from tests.strength.helpers import MONDAY, PROGRAM, SEATED, STANDING, STRENGTH, Runner

RIGHT = Settings(sore_side="right", train="sore_only")
WORDS = ["up", "two", "three", "down", "two", "three"]


def small(strength: StrengthProgram = STRENGTH, *, sets: int = 2, reps: int = 2) -> StrengthProgram:
    """Part 1 with a short first dose, so a whole session runs in a few hundred ticks."""
    first = strength.doses[0].model_copy(update={"sets": sets, "reps": reps})
    return strength.model_copy(update={"doses": (first, *strength.doses[1:])})


def part1_rx(strength: StrengthProgram = STRENGTH, **settings: object) -> StrengthPrescription:
    runner = Runner()
    if settings:
        runner.settings = runner.settings.model_copy(update=settings)
    rx = runner.prescribe(MONDAY)
    block = strength.doses[0]
    return rx.model_copy(update={"sets": block.sets, "reps": block.reps})


def combined(
    strength: StrengthProgram = STRENGTH,
    *,
    rx: StrengthPrescription | None = None,
    loads: Mapping[str, float] | None = None,
    parts: tuple[Part, ...] = ("strength", "plyometrics"),
    settings: Settings = RIGHT,
    program: Program = PROGRAM,
    step: int = 0,
) -> Run:
    state, effects = engine.start(
        program,
        rx_for(program, step),
        settings,
        session_id="c1",
        now=T0,
        wall_now=WALL0,
        part1=PartOne(strength, rx or part1_rx(strength), loads or {}, parts),
    )
    run = Run(state=state, now=T0)
    run.effects.extend(effects)
    run.heard(effects)
    return run


def finished(run: Run, rating: int = 2) -> Run:
    return run.run(rater=rate_after(1.0, [rating]))


def texts(cues: list[Say]) -> list[str]:
    return [c.text for c in cues]


# --- the order of the session ---------------------------------------------------------------


def test_calf_raises_come_first_then_the_rest_between_the_parts_then_the_circuit() -> None:
    run = finished(combined(small()))
    announced = texts(run.cues(CueKind.ANNOUNCE))
    assert announced == [
        "Standing calf raise, knee straight. Both legs. Set 1 of 2: 2 reps with no added load.",
        "Standing calf raise, knee straight. Both legs. Set 2 of 2: 2 reps with no added load.",
        "Seated calf raise, knee bent. Both legs. Set 1 of 2: 2 reps with no added load.",
        "Seated calf raise, knee bent. Both legs. Set 2 of 2: 2 reps with no added load.",
        "Single leg hop up. Right leg. Set 1 of 1.",
        "Single leg forward hop. Right leg. Set 1 of 1.",
        "Sideways hops, hand on the wall. Right leg. Set 1 of 1.",
    ]
    rests = [t for t in texts(run.cues(CueKind.REST)) if t.startswith(("Rest", "Calf"))]
    assert rests == [
        "Rest, 150 seconds.",
        "Rest, 150 seconds.",
        "Rest, 150 seconds.",
        "Calf raises done. Next, the hops. Rest, 180 seconds.",
        "Rest, 45 seconds.",
        "Rest, 45 seconds.",
    ]
    record = run.state.record
    assert record.status is SessionStatus.COMPLETED and record.parts == ("strength", "plyometrics")
    assert record.strength is not None
    assert record.strength.status is SessionStatus.COMPLETED
    assert record.strength.ended_at == record.ended_at
    assert [(s.exercise, s.set_index) for s in record.strength.sets] == [
        (STANDING, 1),
        (STANDING, 2),
        (SEATED, 1),
        (SEATED, 2),
    ]
    assert len(record.sets) == 3 and all(s.pain == 2 for s in record.all_sets)


def test_each_tempo_rep_says_up_two_three_down_two_three_a_word_a_second() -> None:
    run = combined(small(reps=3))
    run.run(stop=lambda s: s.awaiting_pain)
    reps = run.cues(CueKind.REP)
    assert texts(reps) == WORDS * 3
    go = next(c for c in run.cues(CueKind.COUNTDOWN) if c.text == "go")
    assert [c.at - go.at for c in reps] == pytest.approx([1.0 + i for i in range(18)])
    assert all(c.stale_after == pytest.approx(c.at + 1.0) for c in reps)
    question = run.cues(CueKind.PAIN_QUESTION)[0]
    assert question.at == pytest.approx(reps[-1].at + 1.0)  # the last word keeps its second
    (done,) = run.state.record.strength_sets
    assert (done.reps_done, done.reps_target, done.all_reps) == (3, 3, True)
    assert (done.tempo.lift_seconds, done.tempo.lower_seconds) == (3.0, 3.0)


def test_the_tempo_is_the_programs_words_spread_over_its_seconds() -> None:
    tempo = STRENGTH.tempo.model_copy(
        update={"lift_seconds": 2.0, "lower_seconds": 4.0, "lift_words": ("lift", "hold")}
    )
    strength = small(STRENGTH.model_copy(update={"tempo": tempo}), reps=1)
    run = combined(strength)
    run.run(stop=lambda s: s.awaiting_pain)
    reps = run.cues(CueKind.REP)
    assert texts(reps) == ["lift", "hold", "down", "two", "three"]
    gaps = [b.at - a.at for a, b in itertools.pairwise(reps)]
    assert gaps == pytest.approx([1.0, 1.0, 4 / 3, 4 / 3])
    assert run.state.cadence() == 6.0
    assert run.state.record.strength_sets[0].tempo.lower_seconds == 4.0


def test_the_screen_shows_the_rep_the_way_and_the_heels_height() -> None:
    run = combined(small(reps=2))
    run.run(stop=lambda s: s.phase is Phase.REPS)
    go = run.now
    shown = []
    for second in (1.5, 2.5, 3.5, 4.5, 6.5, 7.5):
        run.run(until=go + second)
        v = view(run.state, run.now)
        assert v.stroke is not None and v.part == "strength"
        shown.append((v.rep, v.stroke.direction, v.stroke.second, round(v.progress, 2), v.leg))
    assert shown == [
        (1, "up", 1, 0.33, "both"),
        (1, "up", 2, 0.67, "both"),
        (1, "up", 3, 1.0, "both"),
        (1, "down", 1, 0.67, "both"),
        (1, "down", 3, 0.0, "both"),
        (2, "up", 1, 0.33, "both"),
    ]


# --- rests and loads ------------------------------------------------------------------------


def test_the_rest_before_a_calf_raise_set_says_the_time_left_and_its_load() -> None:
    run = combined(small(), loads={STANDING: 12.5, SEATED: 20.0})
    run.run(stop=lambda s: s.phase is Phase.REST)
    rating = run.now + 1.0
    run.run(until=rating)
    run.send(PainRating(2))
    v = view(run.state, run.now)
    assert (v.big_count, v.next_load, v.exercise) == ("2:29", "12.5 kg", STRENGTH.exercises[0].name)
    assert v.next_up == "Standing calf raise, knee straight, both legs, set 2 of 2, 12.5 kg"
    start = run.state.phase_start
    run.run(stop=lambda s: s.phase is not Phase.REST)
    said = [(round(c.at - start), c.text) for c in run.says() if c.at >= start and c.at > rating]
    assert said[:3] == [
        (90, "60 seconds."),
        (90, "Next set: Standing calf raise, knee straight, 12.5 kilos."),
        (120, "30 seconds."),
    ]
    assert [t for _, t in said[3:7]] == ["10 seconds.", "3", "2", "1"]
    first = run.cues(CueKind.ANNOUNCE)[0].text
    assert first.endswith("Set 1 of 2: 2 reps with 12.5 kilos.")


def test_the_sets_keep_the_load_chosen_and_the_rests_come_from_part_1s_data() -> None:
    rest = STRENGTH.rest.model_copy(update={"between_sets": 100.0, "between_exercises": 130.0})
    day = STRENGTH.day.model_copy(update={"between_parts": 240.0})
    strength = small(STRENGTH.model_copy(update={"rest": rest, "day": day}))
    run = finished(combined(strength, loads={SEATED: 7.5}))
    rests = [t for t in texts(run.cues(CueKind.REST)) if "Rest," in t]
    assert rests[:4] == [
        "Rest, 100 seconds.",
        "Rest, 130 seconds.",
        "Rest, 100 seconds.",
        "Calf raises done. Next, the hops. Rest, 240 seconds.",
    ]
    loads = [(s.exercise, s.load_kg) for s in run.state.record.strength_sets]
    assert loads == [(STANDING, 0.0), (STANDING, 0.0), (SEATED, 7.5), (SEATED, 7.5)]


def test_one_leg_at_a_time_each_leg_lifts_in_turn_sore_side_first() -> None:
    rx = part1_rx(stances={STANDING: "single"})
    rx = rx.model_copy(update={"sets": 1, "reps": 2})
    run = combined(small(sets=1), rx=rx, settings=Settings(sore_side="left"))
    run.run(stop=lambda s: s.awaiting_pain)
    assert texts(run.cues(CueKind.ANNOUNCE)) == [
        "Standing calf raise, knee straight. Left leg. Set 1 of 1: 2 reps with no added load.",
        "Right leg.",
    ]
    assert texts(run.cues(CueKind.SWITCH_LEGS)) == ["Switch to your right leg."]
    (done,) = run.state.record.strength_sets
    assert done.stance == "single" and [leg.side for leg in done.legs] == ["left", "right"]


# --- saved as it goes -----------------------------------------------------------------------


def saves(run: Run) -> list[SessionRecord]:
    return [e.record for e in run.effects if isinstance(e, Persist)]


def test_every_calf_raise_set_is_saved_the_moment_it_ends_then_with_its_rating() -> None:
    run = finished(combined(small()))
    kept = saves(run)
    first = next(r for r in kept if r.strength_sets)
    assert first.strength_sets[0].pain is None  # saved at its end, before it was rated
    assert first.strength_sets[0].ended_at == WALL0 + dt.timedelta(
        seconds=run.cues(CueKind.PAIN_QUESTION)[0].at - T0
    )
    counts = [(len(r.strength_sets), len(r.sets)) for r in kept]
    assert counts == sorted(counts)  # nothing is ever lost between saves
    closed = next(r for r in kept if r.strength is not None and r.strength.finished)
    assert closed.strength is not None and len(closed.strength_sets) == 4 and not closed.sets


def test_a_stop_for_pain_in_part_1_stops_the_whole_session() -> None:
    run = combined(small())
    run.run(stop=lambda s: s.phase is Phase.REPS)
    run.send(StopForPain())
    run.send(PainRating(6))
    run.run()
    record = run.state.record
    assert record.status is SessionStatus.STOPPED_FOR_PAIN and not record.sets
    assert record.strength is not None
    assert record.strength.status is SessionStatus.STOPPED_FOR_PAIN
    (stopped,) = record.strength_sets
    assert stopped.pain == 6 and stopped.stopped is not None and stopped.stopped.leg == "both"
    assert stopped.skipped
    # Stopped through x: the red flags' line once, then the closing words (as in the circuit).
    flags = [s.text for s in run.effects if isinstance(s, Say) and s.kind is CueKind.RED_FLAG]
    assert flags == [PROGRAM.red_flags.spoken]
    last = [s.text for s in run.effects if isinstance(s, Say)][-2:]
    assert last == [PROGRAM.red_flags.spoken, PROGRAM.words.stop_for_pain]


def test_a_rating_in_the_stop_zone_after_a_calf_raise_stops_the_session() -> None:
    run = combined(small())
    run.run(rater=rate_after(1.0, [7]))
    record = run.state.record
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    assert len(record.strength_sets) == 1 and record.strength is not None
    assert record.strength.status is SessionStatus.STOPPED_FOR_PAIN


def test_ending_in_the_rest_between_the_parts_keeps_part_1_completed() -> None:
    run = combined(small())
    run.run(
        stop=lambda s: s.phase is Phase.REST and s.upcoming is not None and s.upcoming.lift is None,
        rater=rate_after(1.0, [2]),
    )
    run.send(PainRating(3))
    run.send(EndEarly())
    record = run.state.record
    assert record.status is SessionStatus.ENDED_EARLY and record.strength is not None
    assert record.strength.status is SessionStatus.COMPLETED
    assert [s.pain for s in record.strength_sets] == [2, 2, 2, 3]


def test_a_session_left_mid_part_1_carries_on_with_the_next_set_and_its_load() -> None:
    run = combined(small(), loads={STANDING: 5.0, SEATED: 10.0})
    run.run(stop=lambda s: len(s.record.strength_sets) == 3, rater=rate_after(1.0, [2]))
    run.send(PainRating(2))
    saved = run.state.record
    state, effects = engine.resume(
        PROGRAM, saved, RIGHT, now=5000.0, wall_now=WALL0 + dt.timedelta(hours=1), strength=small()
    )
    again = Run(state=state, now=5000.0)
    again.effects.extend(effects)
    again.heard(effects)
    finished(again)
    assert texts(again.cues(CueKind.ANNOUNCE))[0] == (
        "Seated calf raise, knee bent. Both legs. Set 2 of 2: 2 reps with 10 kilos."
    )
    record = again.state.record
    assert [s.load_kg for s in record.strength_sets] == [5.0, 5.0, 10.0, 10.0]
    assert record.status is SessionStatus.COMPLETED and len(record.sets) == 3


def test_a_session_left_between_the_parts_carries_on_with_the_circuit() -> None:
    run = combined(small())
    run.run(
        stop=lambda s: s.phase is Phase.REST and s.upcoming is not None and s.upcoming.lift is None,
        rater=rate_after(1.0, [2]),
    )
    run.send(PainRating(2))
    state, effects = engine.resume(
        PROGRAM, run.state.record, RIGHT, now=9000.0, wall_now=WALL0, strength=small()
    )
    assert state.record.strength is not None
    assert state.record.strength.status is SessionStatus.COMPLETED
    assert any(isinstance(e, Persist) for e in effects)
    assert state.current.lift is None and state.phase is Phase.ANNOUNCE


def test_resuming_a_session_with_part_1_needs_part_1s_program() -> None:
    run = combined(small())
    with pytest.raises(ValueError, match="needs part 1's program"):
        engine.resume(PROGRAM, run.state.record, RIGHT, now=T0, wall_now=WALL0)


def test_part_1_alone_on_its_own_day() -> None:
    run = finished(combined(small(), parts=("strength",)))
    record = run.state.record
    assert record.parts == ("strength",) and not record.sets
    assert len(record.strength_sets) == 4 and record.status is SessionStatus.COMPLETED
    assert texts(run.cues(CueKind.DONE)) == [PROGRAM.words.session_done]
    assert record.summary().label == "Part 1: Week 1: 3 x 15RM"


def test_the_circuit_first_when_the_program_says_so() -> None:
    run = finished(combined(small(), parts=("plyometrics", "strength")))
    announced = texts(run.cues(CueKind.ANNOUNCE))
    assert announced[0].startswith("Single leg hop up") and "calf raise" in announced[-1]
    assert "Hops done. Next, the calf raises. Rest, 180 seconds." in texts(run.cues(CueKind.REST))
    record = run.state.record
    assert record.strength is not None and record.strength.status is SessionStatus.COMPLETED
