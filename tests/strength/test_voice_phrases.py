"""The words the voice renders ahead, for a session that holds part 1: the engine walks the calf
raises too, so their announcements, tempo words and loads are ready before the first is said."""

from __future__ import annotations

from session.combined import next_day
from session.effects import Say
from session.engine import PartOne
from session.records import Settings
from tests.strength.helpers import MONDAY, PROGRAM, STRENGTH
from tests.strength.test_combined_session import combined, finished, part1_rx
from tui.coach.part1 import part_one
from tui.voice.phrases import session_phrases

RIGHT = Settings(sore_side="right")


def test_todays_part_1_is_walked_first_and_every_word_of_it_is_prepared() -> None:
    nxt = next_day(PROGRAM, STRENGTH, RIGHT, [], [], MONDAY)
    assert nxt.part1 is not None
    said = session_phrases(PROGRAM, nxt.prescription, RIGHT, part1=part_one(nxt.part1))
    rx = nxt.part1.prescription
    first = STRENGTH.exercise(rx.loads[0].exercise)
    assert (
        said[0] == f"{first.cue}. Both legs. Set 1 of {rx.sets}: {rx.reps} reps with no added load."
    )
    assert {"up", "two", "three", "down"} <= set(said)  # the tempo words
    hops = PROGRAM.exercise(nxt.prescription.exercises[0]).cue
    assert any(p.startswith(f"{hops}. Right leg.") for p in said)  # then the circuit
    assert said[-1] == PROGRAM.words.session_done  # the walk reached the end
    assert len(said) == len(set(said))


def test_the_prepared_words_are_those_the_session_says() -> None:
    """The same session run by the engine (rated 2, safe, where the walk rates 0) says nothing
    that was not prepared."""
    rx = part1_rx()
    run = finished(combined(rx=rx, settings=RIGHT))
    heard = {e.text for e in run.effects if isinstance(e, Say) and e.text.strip()}
    part1 = PartOne(STRENGTH, rx, {}, ("strength", "plyometrics"))
    prepared = session_phrases(PROGRAM, run.state.record.prescription, RIGHT, part1=part1)
    assert PROGRAM.zone_for(0).advice == PROGRAM.zone_for(2).advice
    assert heard <= set(prepared)
