"""Part 1 as data: the shipped strength file says what the issue says, and a bad edit is named."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assets import STRENGTH_FILE
from session.program import ProgramError
from session.strength.program import StrengthProgram, parse_strength

SHIPPED = STRENGTH_FILE.read_text(encoding="utf-8")
STRENGTH = parse_strength(SHIPPED, source=str(STRENGTH_FILE))
SOURCE = "/home/physio/calf-raises.toml"


def edited(old: str, new: str, text: str = SHIPPED) -> str:
    assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
    return text.replace(old, new)


def error_of(text: str) -> str:
    with pytest.raises(ProgramError) as info:
        parse_strength(text, source=SOURCE)
    assert not isinstance(info.value, ValidationError)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    message = str(info.value)
    assert message.startswith(f"{SOURCE}: ")
    return message


# --- the shipped program ---------------------------------------------------------------------


def test_the_dose_by_week_is_beyer_2015() -> None:
    assert [(b.from_week, b.to_week, b.sets, b.reps) for b in STRENGTH.doses] == [
        (1, 1, 3, 15),
        (2, 3, 3, 12),
        (4, 5, 4, 10),
        (6, 8, 4, 8),
        (9, 12, 4, 6),
        (13, None, 3, 8),
    ]
    assert [STRENGTH.doses[STRENGTH.block_index(w)].dose for w in (1, 2, 3, 4, 8, 12, 13, 400)] == [
        "3 x 15RM",
        "3 x 12RM",
        "3 x 12RM",
        "4 x 10RM",
        "4 x 8RM",
        "4 x 6RM",
        "3 x 8RM",
        "3 x 8RM",
    ]
    for block in STRENGTH.doses:
        assert block.dose.replace(" ", "") in block.label.replace(" ", "")


def test_tempo_rest_load_and_days_are_the_issue_facts() -> None:
    assert STRENGTH.tempo.lift_seconds == STRENGTH.tempo.lower_seconds == 3.0
    assert STRENGTH.tempo.rep_seconds == 6.0
    assert STRENGTH.tempo.lift_words == ("up", "two", "three")
    assert STRENGTH.tempo.lower_words == ("down", "two", "three")
    assert 120 <= STRENGTH.rest.between_sets <= 180
    assert 120 <= STRENGTH.rest.between_exercises <= 180
    assert (STRENGTH.load.unit, STRENGTH.load.step, STRENGTH.load.start) == ("kg", 2.5, 0.0)
    assert STRENGTH.rules.sessions_per_week == 3
    assert STRENGTH.day.arrangement == "together"
    assert STRENGTH.day.parts == ("strength", "plyometrics")


def test_two_calf_raises_one_for_each_calf_muscle_each_both_or_single() -> None:
    assert [(e.id, e.muscle) for e in STRENGTH.exercises] == [
        ("standing_calf_raise", "gastrocnemius"),
        ("seated_calf_raise", "soleus"),
    ]
    for e in STRENGTH.exercises:
        assert set(e.stances) == {"both", "single"}
        assert 2 <= e.how_to.count(". ") + 1 <= 5, "a short how-to, a few sentences"
        assert "three seconds" in e.how_to


def test_every_fact_in_the_file_carries_its_source() -> None:
    assert SHIPPED.count("Beyer 2015") >= 4
    assert "Silbernagel" in SHIPPED


def test_the_shipped_words_format_with_their_placeholders() -> None:
    w = STRENGTH.words
    load = w.load.format(amount="12.5", unit=STRENGTH.load.spoken_unit)
    assert load == "12.5 kilos"
    said = w.announce.format(
        exercise="Seated calf raise", legs=w.both_legs, set=1, sets=3, reps=15, load=load
    )
    assert said == "Seated calf raise. Both legs. Set 1 of 3: 15 reps with 12.5 kilos."
    assert w.one_leg.format(leg="Left") == "Left leg"
    assert w.next_load.format(exercise="Seated calf raise", load=w.no_load) == (
        "Next set: Seated calf raise, no added load."
    )


def test_a_minimal_file_takes_the_defaults() -> None:
    text = """
name = "Mine"
[[doses]]
from_week = 1
sets = 3
reps = 15
label = "Always 3 x 15RM"
[[exercises]]
id = "raise"
name = "Calf raise"
muscle = "calf"
how_to = "Up and down, slowly."
cue = "Calf raise"
"""
    program = parse_strength(text)
    assert program.block_index(99) == 0
    assert program.tempo == StrengthProgram.model_fields["tempo"].default


# --- a physio's mistakes, named --------------------------------------------------------------


def test_not_toml_names_the_file() -> None:
    assert "not valid TOML" in error_of(SHIPPED + "\n[[doses]\n")


def test_a_gap_in_the_weeks_names_the_block_and_the_week() -> None:
    message = error_of(edited("from_week = 4\n", "from_week = 5\n"))
    assert "doses: block 3 starts at week 5, but week 4 comes next" in message


def test_an_end_on_the_last_block_is_named() -> None:
    message = error_of(edited("from_week = 13\n", "from_week = 13\nto_week = 20\n"))
    assert "the last block (ending week 20) needs no to_week" in message


def test_a_block_that_ends_before_it_starts() -> None:
    message = error_of(edited("from_week = 2\nto_week = 3\n", "from_week = 2\nto_week = 1\n"))
    assert "block 2 ends (week 1) before it starts (week 2)" in message


def test_a_bad_value_names_the_exercise_field_and_value() -> None:
    text = edited(
        'stances = ["both", "single"]\nstance = "both"\n\n[words]',
        'stances = ["both", "single"]\nstance = "sitting"\n\n[words]',
    )
    message = error_of(text)
    assert "exercises[2] (id 'seated_calf_raise').stance" in message
    assert "'sitting'" in message


def test_a_default_stance_the_exercise_does_not_offer() -> None:
    text = edited(
        'stances = ["both", "single"]\nstance = "both"\n\n[[exercises]]',
        'stances = ["single"]\nstance = "both"\n\n[[exercises]]',
    )
    assert "stance 'both' is not one of stances ['single']" in error_of(text)


def test_a_negative_step_names_the_field_and_value() -> None:
    message = error_of(edited("step = 2.5 ", "step = -2.5 "))
    assert "load.step" in message and "-2.5" in message


def test_an_unknown_placeholder_names_the_words_and_what_may_be_used() -> None:
    message = error_of(edited('rest = "Rest, {seconds} seconds."', 'rest = "Rest, {secs} s."'))
    assert "words.rest: unknown placeholder {secs}" in message
    assert "(can use: {seconds})" in message


def test_a_lone_brace_in_words_is_named() -> None:
    message = error_of(edited('no_load = "no added load"', 'no_load = "no {added load"'))
    assert "words.no_load:" in message and "brace" in message


def test_a_restart_sooner_than_a_long_break() -> None:
    message = error_of(edited("restart_after_days = 42 ", "restart_after_days = 7 "))
    assert "restart_after_days (7) must be more than long_break_days (10)" in message


def test_parts_must_name_each_part_once() -> None:
    message = error_of(edited('parts = ["strength", "plyometrics"]', 'parts = ["strength"]'))
    assert "day.parts" in message and "exactly once" in message


def test_a_duplicate_exercise_id() -> None:
    message = error_of(edited('id = "seated_calf_raise"', 'id = "standing_calf_raise"'))
    assert "duplicate id 'standing_calf_raise'" in message


def test_an_empty_tempo_word() -> None:
    message = error_of(edited('lift_words = ["up", "two", "three"]', 'lift_words = ["up", " "]'))
    assert "tempo.lift_words" in message and "every word must have some text" in message
