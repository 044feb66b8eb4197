"""The phases as data, and a new kind of exercise as one entry plus data: the tempo (issue 14)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from session import engine
from session.effects import CueKind
from session.engine import PHASES, Phase
from session.events import AdjustCadence, Pause, Resume, Tick
from session.program import ProgramError, parse_program
from session.records import Settings
from session.sets import SetPlan, plan_sets
from session.view import view
from session.workout.rhythm import RHYTHMS
from tests.session.helpers import T0, WALL0, Run, rx_for, tempo_program

TEMPO = tempo_program(reps=3, sets=2)
TEMPO_STEP = len(TEMPO.ladder) - 1
ONE_LEG = Settings(sore_side="right", train="sore_only")
GO = T0 + 6.0
WORDS = ["up", "two", "three", "down", "two", "three"]


def tempo_run(settings: Settings = ONE_LEG) -> Run:
    return Run.begin(TEMPO, step=TEMPO_STEP, settings=settings)


# --- the table ---------------------------------------------------------------------------------


def test_every_phase_has_one_row_and_every_kind_one_rhythm() -> None:
    assert set(PHASES) == set(Phase)
    assert set(RHYTHMS) == {"hops", "tempo"}
    timed = {p for p, row in PHASES.items() if row.beat or row.deadline}
    assert Phase.FINISHED not in timed and Phase.REPS in timed


def test_a_beat_due_in_a_phase_without_beats_is_an_error() -> None:
    run = Run.begin(step=1)
    broken = replace(run.state, next_at=T0 + 1.0)  # the announcement has no beats
    with pytest.raises(RuntimeError, match="announce has a beat due but no handler"):
        engine.step(broken, Tick(), T0 + 2.0)


def test_an_unknown_phase_is_an_error() -> None:
    run = Run.begin(step=1)
    broken = replace(run.state, phase="warm_up")  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="unknown phase 'warm_up'"):
        engine.step(broken, Tick(), T0 + 1.0)


# --- the tempo ---------------------------------------------------------------------------------


def test_a_tempo_rep_says_each_second_up_then_down() -> None:
    run = tempo_run()
    run.run(stop=lambda s: s.awaiting_pain)
    reps = run.cues(CueKind.REP)
    assert [c.text for c in reps] == WORDS * 3
    # "go", then a second later the first "up"; one word a second; each true for its second.
    assert [c.at - GO for c in reps] == pytest.approx([1.0 + i for i in range(18)])
    assert all(c.stale_after == pytest.approx(c.at + 1.0) for c in reps)
    # The leg ends when the last rep's last second is over.
    question = run.cues(CueKind.PAIN_QUESTION)[0]
    assert question.at == pytest.approx(GO + 1.0 + 18.0)
    (result,) = run.state.record.sets
    assert [(leg.reps_done, leg.reps_target) for leg in result.legs] == [(3, 3)]
    assert not result.skipped


def test_the_screen_can_show_the_rep_and_where_in_it_the_runner_is() -> None:
    run = tempo_run()
    shown = []
    for second in (1.5, 2.5, 4.5, 6.5, 7.5):
        run.run(until=GO + second)
        v = view(run.state, run.now)
        stroke = v.stroke
        assert stroke is not None
        shown.append((v.rep, stroke.direction, stroke.second, stroke.seconds, stroke.word, v.label))
    assert shown == [
        (1, "up", 1, 3, "up", "rep (of 3) · up 1 of 3"),
        (1, "up", 2, 3, "two", "rep (of 3) · up 2 of 3"),
        (1, "down", 1, 3, "down", "rep (of 3) · down 1 of 3"),
        (1, "down", 3, 3, "three", "rep (of 3) · down 3 of 3"),
        (2, "up", 1, 3, "up", "rep (of 3) · up 1 of 3"),
    ]


def test_a_pause_mid_rep_does_that_rep_again() -> None:
    run = tempo_run()
    run.run(until=GO + 10.5)  # rep 2, "down" (second 4 of it)
    assert run.state.rep == 2
    run.send(Pause())
    run.send(Resume(), GO + 100.0)
    run.run(until=GO + 100.0 + 1.5 + 1.0 + 0.1)
    tail = [c.text for c in run.says() if c.at >= GO + 100.0]
    assert tail == ["Ready", "go", "up"]
    assert view(run.state, run.now).rep == 2
    run.run(stop=lambda s: s.awaiting_pain)
    assert run.state.record.sets[0].legs[0].reps_done == 3


def test_plus_and_minus_do_not_change_a_tempo() -> None:
    run = tempo_run()
    run.run(until=GO + 2.5)
    before = run.state
    run.send(AdjustCadence(-0.5))
    assert run.state.cadences == () and run.state.next_at == before.next_at
    assert run.state.cadence() == 6.0


def test_tempo_words_and_seconds_are_program_data() -> None:
    # Words that do not match the seconds keep their first word and count the rest.
    program = tempo_program(up=2, down=4)
    run = Run.begin(program, step=len(program.ladder) - 1, settings=ONE_LEG)
    run.run(until=GO + 6.5)
    assert [c.text for c in run.cues(CueKind.REP)] == ["up", "2", "down", "2", "3", "4"]


def test_a_tempo_with_a_wrong_cadence_is_refused() -> None:
    text = "\n".join(
        [
            'name = "t"',
            "[[ladder]]",
            "circuit = 1",
            "sets = 1",
            "reps = 1",
            'label = "l"',
            "[[pain_zones]]",
            'id = "all"',
            "low = 0",
            "high = 10",
            'label = "any"',
            'advice = "ok"',
            "[[circuits]]",
            "id = 1",
            'name = "c"',
            'exercises = ["raise"]',
            "[[exercises]]",
            'id = "raise"',
            'name = "Raise"',
            'how_to = "Up and down."',
            'cue = "Raise"',
            'kind = "tempo"',
            "cadence = 5.0",
        ]
    )
    with pytest.raises(ProgramError, match="a tempo rep takes tempo_up \\+ tempo_down = 6"):
        parse_program(text)


def test_the_rest_before_a_set_with_a_load_says_and_shows_it() -> None:
    rx = rx_for(TEMPO, TEMPO_STEP)
    sets = tuple(
        SetPlan(p.exercise, p.set_index, p.sets_total, load=f"{6 + 2 * p.set_index} kg")
        for p in plan_sets(TEMPO, rx)
    )
    state, effects = engine.start(
        TEMPO, rx, ONE_LEG, session_id="t", now=T0, wall_now=WALL0, sets=sets
    )
    run = Run(state=state, now=T0, effects=list(effects))
    run.heard(effects)
    run.run(stop=lambda s: s.awaiting_pain)
    rest = run.state.phase_start
    v = view(run.state, rest + 1.0)
    assert (v.up_next, v.next_load, v.set_index) == (True, "10 kg", 2)
    run.run(until=rest + 30.0)
    (said,) = run.cues(CueKind.NEXT_UP)
    assert said.text == "Next: Calf raise, knee straight, right leg, 10 kg."
