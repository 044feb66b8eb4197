"""The program as data: the shipped file, and readable errors for a file with a mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assets import PROGRAM_FILE
from session.program import Program, ProgramError, parse_program
from store.program_file import load_program

SHIPPED = PROGRAM_FILE.read_text(encoding="utf-8")
SOURCE = "/home/physio/my-program.toml"


def broken(old: str, new: str, text: str = SHIPPED) -> str:
    assert text.count(old) == 1, f"the edit {old!r} must match exactly once"
    return text.replace(old, new)


def error_of(text: str, source: str = SOURCE) -> str:
    with pytest.raises(ProgramError) as info:
        parse_program(text, source=source)
    assert not isinstance(info.value, ValidationError)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    return str(info.value)


# --- the shipped program ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def program() -> Program:
    return load_program()


def test_shipped_program_has_two_circuits_of_three_exercises(program: Program) -> None:
    assert program.name == "Achilles plyometrics, part 2"
    assert [(c.id, c.exercises) for c in program.circuits] == [
        (1, ("hop_up", "forward_hop", "wall_side_hops")),
        (2, ("stance_hop_up", "stance_hop_forward", "free_side_hops")),
    ]
    assert [e.id for e in program.exercises] == [
        "hop_up",
        "forward_hop",
        "wall_side_hops",
        "stance_hop_up",
        "stance_hop_forward",
        "free_side_hops",
    ]
    assert program.exercise("wall_side_hops").name == "Wall-Assisted Single Leg Sideways Hops"
    assert program.exercise("free_side_hops").name == "No Assist Single Leg Sideways Hops"
    assert [e.cadence for e in program.exercises] == [1.2, 2.5, 1.2, 1.4, 2.8, 1.4]


def test_every_exercise_has_a_short_how_to_and_a_cue(program: Program) -> None:
    for ex in program.exercises:
        sentences = [s for s in ex.how_to.split(". ") if s.strip()]
        assert 2 <= len(sentences) <= 4, ex.id
        assert len(ex.how_to) <= 200, ex.id
        assert ex.cue and ex.cue[0].isupper(), ex.id


def test_shipped_ladder_is_circuit_1_then_circuit_2_at_1_2_3_sets_of_15(program: Program) -> None:
    assert [(s.circuit, s.sets, s.reps) for s in program.ladder] == [
        (1, 1, 15),
        (1, 2, 15),
        (1, 3, 15),
        (2, 1, 15),
        (2, 2, 15),
        (2, 3, 15),
    ]
    assert [s.dose for s in program.ladder] == ["1 x 15", "2 x 15", "3 x 15"] * 2
    assert program.ladder[-1].label == "Circuit 2, regular dose: 3 x 15"


def test_shipped_pain_zones_and_stop_threshold(program: Program) -> None:
    assert [(z.id, z.low, z.high, z.stops) for z in program.pain_zones] == [
        ("safe", 0, 3, False),
        ("acceptable", 4, 5, False),
        ("too_much", 6, 7, True),
        ("high", 8, 10, True),
    ]
    assert program.stop_threshold == 6
    assert program.clinician_threshold == 8
    assert [program.zone_for(p).id for p in range(11)] == (
        ["safe"] * 4 + ["acceptable"] * 2 + ["too_much"] * 2 + ["high"] * 3
    )
    for bad in (-1, 11):
        with pytest.raises(ValueError, match=f"pain {bad} is outside 0-10"):
            program.zone_for(bad)


def test_shipped_rules_timing_and_words(program: Program) -> None:
    rules, timing = program.rules, program.timing
    assert (rules.min_rest_hours, rules.long_break_days, rules.morning_normal_window) == (
        24,
        10,
        7,
    )
    assert rules.order == "rounds"
    assert (timing.announce_read, timing.announce_gap, timing.announce_max) == (3.0, 0.5, 10.0)
    assert (timing.get_ready, timing.switch_legs) == (3, 10.0)
    assert (timing.between_exercises, timing.between_rounds) == (45.0, 90.0)
    assert timing.rest_callouts == (60, 30, 10, 3, 2, 1)
    assert timing.pain_reminder_every == 20.0
    assert program.words.countdown == ("three", "two", "one", "go")
    assert len(program.calming_measures) == 6


def test_graded_pain_words_beside_the_zones(program: Program) -> None:
    """6-7 is too much for today; 8-10 also says to get it checked if it does not settle, and
    the words after a stop no longer call every stop "not a setback"."""
    too_much, high = program.zone_for(6), program.zone_for(10)
    assert too_much.advice.startswith("That is too much.") and not too_much.see_clinician
    assert "physio or doctor" not in too_much.advice
    assert program.zone_for(7) == too_much and program.zone_for(8) == high
    assert high.stops and high.see_clinician
    assert "get it checked by a physio or doctor" in high.advice
    assert "not a setback" not in program.words.stop_for_pain
    assert program.words.stop_for_pain.startswith("We stop here for today.")


def test_red_flags_are_program_data(program: Program) -> None:
    flags = program.red_flags
    assert flags.heading.startswith("Stop the session and see a physio or doctor")
    text = " ".join(flags.signs).lower()
    for sign in ("sudden sharp pain", "pop or snap", "swelling", "unable to walk normally"):
        assert sign in text
    assert "pop or snap" in flags.spoken and "physio or doctor" in flags.spoken


def test_morning_rules_are_program_fields(program: Program) -> None:
    """The seed's rule ("greater than usual") is the default; a physio may set a margin."""
    rules = program.rules
    assert (rules.flare_margin, rules.stiffness_margin_minutes, rules.far_above) == (0, 5, 3)
    assert rules.night_ends_hour == 4
    strict = parse_program(broken("flare_margin = 0 ", "flare_margin = 1 "))
    assert strict.rules.flare_margin == 1
    message = error_of(broken("flare_margin = 0 ", "flare_margin = -1 "))
    assert "rules.flare_margin" in message and "(got -1)" in message


def test_morning_words_with_an_unknown_placeholder_are_refused() -> None:
    text = broken('({usual}/10)."\nabove', '({usaul}/10)."\nabove')
    message = error_of(text)
    assert "morning_words: calm: unknown placeholder {usaul}" in message


def test_lookups_by_id(program: Program) -> None:
    assert program.circuit(2).name == "Circuit 2: runner's stance"
    with pytest.raises(KeyError):
        program.circuit(3)
    with pytest.raises(KeyError):
        program.exercise("box_jump")


def test_shipped_program_is_frozen(program: Program) -> None:
    with pytest.raises(ValidationError):
        program.rules.order = "straight"  # type: ignore[misc]


def test_parse_program_of_the_shipped_text_equals_load_program(program: Program) -> None:
    assert parse_program(SHIPPED) == program


# --- load_program with a file ----------------------------------------------------------------


def test_load_program_reads_a_physios_file(tmp_path: Path) -> None:
    path = tmp_path / "physio.toml"
    path.write_text(
        broken('order = "rounds"', 'order = "straight"').replace(
            "min_rest_hours = 24", "min_rest_hours = 48"
        ),
        encoding="utf-8",
    )
    program = load_program(path)
    assert program.rules.order == "straight"
    assert program.rules.min_rest_hours == 48


def test_load_program_names_the_file_and_field_of_a_mistake(tmp_path: Path) -> None:
    path = tmp_path / "physio.toml"
    path.write_text(broken("cadence = 2.5", "cadence = 0"), encoding="utf-8")
    with pytest.raises(ProgramError) as info:
        load_program(path)
    assert str(info.value) == (
        f"{path}: 1 problem(s) in the program:\n"
        "  - exercises[2] (id 'forward_hop').cadence: Input should be greater than 0.3 (got 0)"
    )


def test_load_program_of_a_missing_file_is_a_readable_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(ProgramError, match="cannot read the program file") as info:
        load_program(path)
    assert str(info.value).startswith(f"{path}: ")


def test_load_program_of_a_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ProgramError, match="cannot read the program file"):
        load_program(path)


# --- mistakes, each named by file, field and value --------------------------------------------


def test_bad_cadence_names_file_field_and_value() -> None:
    message = error_of(broken("cadence = 2.5", 'cadence = "fast"'))
    assert message.startswith(f"{SOURCE}: 1 problem(s) in the program:\n")
    assert "exercises[2] (id 'forward_hop').cadence" in message
    assert "(got 'fast')" in message


def test_cadence_out_of_range() -> None:
    message = error_of(broken("cadence = 2.8", "cadence = 12"))
    assert (
        "  - exercises[5] (id 'stance_hop_forward').cadence: "
        "Input should be less than or equal to 10 (got 12)"
    ) in message


def test_misspelled_field_is_named_with_its_value() -> None:
    message = error_of(
        broken(
            'cue = "Runner\'s stance hop up"\ncadence = 1.4',
            'cue = "Runner\'s stance hop up"\ncadance = 1.4',
        )
    )
    assert message.splitlines() == [
        f"{SOURCE}: 2 problem(s) in the program:",
        "  - exercises[4] (id 'stance_hop_up').cadence: Field required",
        "  - exercises[4] (id 'stance_hop_up').cadance: Extra inputs are not permitted (got 1.4)",
    ]


def test_bad_order_names_rules_order() -> None:
    message = error_of(broken('order = "rounds"', 'order = "zigzag"'))
    assert "  - rules.order: Input should be 'rounds' or 'straight' (got 'zigzag')" in message


def test_negative_rest_names_timing_field() -> None:
    message = error_of(broken("between_rounds = 90.0", "between_rounds = -5"))
    assert "timing.between_rounds" in message and "(got -5)" in message


def test_bad_ladder_step_names_its_position() -> None:
    text = broken("circuit = 1\nsets = 2\nreps = 15", "circuit = 1\nsets = 0\nreps = 15")
    message = error_of(text)
    assert "  - ladder[2].sets: Input should be greater than or equal to 1 (got 0)" in message


def test_unknown_exercise_in_a_circuit() -> None:
    text = broken(
        'exercises = ["hop_up", "forward_hop", "wall_side_hops"]',
        'exercises = ["hop_up", "forward_hopp", "wall_side_hops"]',
    )
    message = error_of(text)
    assert message.startswith(f"{SOURCE}: ")
    assert "circuits: circuit 1 names unknown exercise 'forward_hopp'" in message


def test_ladder_step_with_unknown_circuit() -> None:
    text = broken("circuit = 2\nsets = 3", "circuit = 3\nsets = 3")
    assert "ladder: step 6 names unknown circuit 3" in error_of(text)


def test_duplicate_exercise_id() -> None:
    text = broken('id = "free_side_hops"', 'id = "hop_up"')
    assert "exercises: duplicate id 'hop_up'" in error_of(text)


def test_duplicate_calming_measure_id() -> None:
    text = broken('id = "heel_lift"', 'id = "rocker_shoes"')
    assert "calming_measures: duplicate id 'rocker_shoes'" in error_of(text)


def test_zones_not_covering_10() -> None:
    message = error_of(broken("low = 8\nhigh = 10", "low = 8\nhigh = 9"))
    assert message.startswith(f"{SOURCE}: ")
    assert "pain_zones: the zones must cover 0 to 10, each rating exactly once" in message
    assert "not covered: 10" in message


def test_zones_overlapping() -> None:
    message = error_of(broken("low = 4\nhigh = 5", "low = 3\nhigh = 5"))
    assert "pain_zones" in message
    assert "covered twice: 3" in message


def test_zone_with_low_above_high() -> None:
    message = error_of(broken("low = 4\nhigh = 5", "low = 5\nhigh = 4"))
    assert "pain_zones: zone 'acceptable' has low 5 above high 4" in message


def test_zone_outside_the_scale() -> None:
    message = error_of(broken("low = 8\nhigh = 10", "low = 8\nhigh = 11"))
    assert "pain_zones[4] (id 'high').high" in message and "(got 11)" in message


def test_bad_toml_names_the_file() -> None:
    message = error_of(broken("[rules]", "[rules"))
    assert message.startswith(f"{SOURCE}: not valid TOML: ")
    assert "line 8" in message


def test_empty_file_lists_the_missing_sections() -> None:
    message = error_of("")
    assert message.splitlines()[0] == f"{SOURCE}: 5 problem(s) in the program:"
    for name in ("name", "ladder", "pain_zones", "circuits", "exercises"):
        assert f"  - {name}: Field required" in message


def test_defaults_fill_optional_sections() -> None:
    minimal = """
name = "tiny"
[[ladder]]
circuit = 1
sets = 1
reps = 5
label = "one"
[[pain_zones]]
id = "all"
low = 0
high = 10
label = "any"
advice = "ok"
[[circuits]]
id = 1
name = "c"
exercises = ["a"]
[[exercises]]
id = "a"
name = "A"
how_to = "Do it."
cue = "A"
cadence = 1.0
"""
    program = parse_program(minimal)
    assert program.timing.announce_read == 3.0
    assert program.timing.between_rounds == 90.0
    assert program.rules.order == "rounds"
    assert program.stop_threshold == 11


# --- timing and words added for the engine -----------------------------------------------------


def test_an_older_file_with_announce_still_opens() -> None:
    text = broken("announce_read = 3.0 ", "announce = 4.0 ")
    assert parse_program(text).timing.announce_read == 4.0


def test_an_unknown_placeholder_in_the_words_is_named() -> None:
    message = error_of(
        broken('switch_legs = "Switch to your {leg} leg."', 'switch_legs = "Switch to {side}."')
    )
    assert (
        "  - words: switch_legs: unknown placeholder {side} in 'Switch to {side}.' "
        "(this line can use: {leg})"
    ) in message


def test_a_broken_placeholder_in_the_words_is_named() -> None:
    message = error_of(
        broken('rest = "Rest, {seconds} seconds."', 'rest = "Rest, {seconds seconds."')
    )
    assert "words: rest: " in message and "'Rest, {seconds seconds.'" in message


def test_the_longest_wait_for_the_announcement_is_not_below_its_reading_time() -> None:
    message = error_of(broken("announce_max = 10.0", "announce_max = 2.0"))
    assert "timing: announce_max (2.0) must be at least announce_read (3.0)" in message
