"""Part 1's program file (strength.toml) and the calming measures of the program file: what
passed the check and then broke the app is refused, naming the file, the field and the value, as
issue 12 has it for the circuit's program (tests/session/test_program_fuzz.py).

Each case here was accepted before part 1 met issue 12: an infinite load step (`inf` is valid
TOML), a terminal escape in a calf raise's name, a spoken line with a format spec that fails when
said, and a calming measure whose text is blank (an IndexError, not a clear error).
"""

from __future__ import annotations

import pytest

from assets import PROGRAM_FILE, STRENGTH_FILE
from session.program import ProgramError, parse_program
from session.strength.program import parse_strength

SHIPPED = STRENGTH_FILE.read_text(encoding="utf-8")
SOURCE = "/home/physio/calf-raises.toml"


def edited(old: str, new: str, text: str = SHIPPED) -> str:
    assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("step = 2.5 ", "step = inf ", "load.step: Input should be a finite number"),
        ("between_sets = 150.0", "between_sets = nan", "rest.between_sets"),
        (
            'name = "Standing calf raise, knee straight"',
            'name = "Standing \\u001b[2J calf raise"',
            "exercises[1] (id 'standing_calf_raise').name: holds the control character U+001B",
        ),
        (
            'next_load = "Next set: {exercise}, {load}."',
            'next_load = "Next set: {exercise}, {load:>{nope}}."',
            "has a format spec or conversion",
        ),
        (
            'next_load = "Next set: {exercise}, {load}."',
            'next_load = "Next set: {exercise!r}, {load}."',
            "has a format spec or conversion",
        ),
    ],
    ids=["an infinite step", "a rest of nan", "an escape in a name", "a format spec", "a !r"],
)
def test_a_strength_file_that_would_break_the_app_is_refused_naming_the_field(
    old: str, new: str, named: str
) -> None:
    with pytest.raises(ProgramError) as refused:
        parse_strength(edited(old, new), source=SOURCE)
    message = str(refused.value)
    assert message.startswith(f"{SOURCE}: "), message
    assert named in message, message


def test_a_calming_measure_of_blank_text_is_a_clear_error() -> None:
    """An older program file gives a measure its text alone (the rest is made from it)."""
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    old = (
        'id = "rocker_shoes"\ntext = "Optionally, rocker-bottom shoes"\n'
        'short = "rocker-bottom shoes"\n'
    )
    assert text.count(old) == 1
    text = text.replace(old, 'text = "   "\n', 1)
    with pytest.raises(ProgramError) as refused:
        parse_program(text, source="physio.toml")
    assert "calming_measures[1]" in str(refused.value)


def test_a_calming_measure_with_a_terminal_escape_is_refused() -> None:
    text = PROGRAM_FILE.read_text(encoding="utf-8")
    text = text.replace('short = "the heel lift"', 'short = "the heel \\u001b]0;lift"', 1)
    with pytest.raises(ProgramError) as refused:
        parse_program(text, source="physio.toml")
    assert "calming_measures[2] (id 'heel_lift').short" in str(refused.value)
    assert "control character U+001B" in str(refused.value)
