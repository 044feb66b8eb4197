"""The return-to-speed data file: the shipped one is sound, a bad one is named field by field."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from assets import SPEED_PROGRAM_FILE
from session.running.loader import SpeedProgramError, parse_speed_program
from session.running.runs import RunKind
from store.speed_program_file import load_speed_program
from tests.running.builders import PROGRAM, SPEED

TEXT = SPEED_PROGRAM_FILE.read_text(encoding="utf-8")


def test_the_shipped_file_loads_with_a_source_for_every_default() -> None:
    assert SPEED.name == "Back to speed work"
    blocks = [
        SPEED.running,
        SPEED.weaning,
        SPEED.gate,
        SPEED.gate.circuit,
        *SPEED.gate.symmetry,
        SPEED.gate.hops,
        SPEED.gate.easy_runs,
        SPEED.ladder,
        SPEED.tests.heel_raise,
        SPEED.tests.hop_count,
        SPEED.tests.side_hop,
        SPEED.outcome,
    ]
    assert all(b.source for b in blocks), [type(b).__name__ for b in blocks if not b.source]


def test_the_issue_defaults() -> None:
    g = SPEED.gate
    assert (g.circuit.circuit, g.circuit.dose, g.circuit.days, g.circuit.max_pain) == (
        2,
        "3 x 15",
        14,
        3,
    )
    assert [s.min_lsi for s in g.symmetry] == [90, 90]
    assert g.hops.pain_free == 10
    assert [s.id for s in SPEED.ladder.steps] == ["strides", "short_hills", "intervals"]
    assert SPEED.running.pain_during_max == 5  # Silbernagel
    o = SPEED.outcome
    assert (o.recovered, o.important_change, o.important_change_weeks) == (90, 14, 12)
    assert (o.every_days, o.overdue_days) == (14, 28)
    assert o.label == "VISA-A-based score"


def test_the_questionnaire_has_the_eight_topics_and_adds_up_to_100() -> None:
    items = SPEED.outcome.items
    assert len(items) == 8
    assert sum(i.most for i in items) == 100
    assert [i.topic for i in items] == [
        "morning stiffness",
        "pain stretching over a step",
        "pain after a 30-minute walk",
        "pain walking downstairs",
        "pain with 10 single-leg heel raises",
        "pain-free single-leg hops",
        "sport participation",
        "training time",
    ]


def test_the_calming_measures_are_one_list_the_programs() -> None:
    """Listed once, in program.toml: the check-in shows them, the run rules wean them."""
    assert SPEED.calming_measures == PROGRAM.calming_measures
    assert [m.id for m in SPEED.calming_measures] == [
        "rocker_shoes",
        "heel_lift",
        "cadence",
        "slow_pace",
        "high_drop_shoes",
        "no_speed",
    ]
    assert [m.id for m in SPEED.calming_measures if m.lifted_by == "gate"] == ["no_speed"]
    assert "calming_measures" not in tomllib.loads(TEXT)


def test_a_speed_file_with_its_own_calming_measures_is_refused() -> None:
    text = TEXT + '\n[[calming_measures]]\nid = "ice"\ntext = "Ice"\n'
    with pytest.raises(SpeedProgramError, match=r"^physio\.toml: calming_measures: .*listed once"):
        parse_speed_program(text, PROGRAM.calming_measures, source="physio.toml")


def test_an_older_program_file_with_only_texts_still_loads() -> None:
    from session.program import CalmingMeasure

    m = CalmingMeasure.model_validate({"text": "A 9-12 mm heel lift"})
    assert (m.id, m.short, m.lifted_by) == ("a_9_12_mm_heel_lift", "a 9-12 mm heel lift", "weaning")
    assert m.wean == "Leave out a 9-12 mm heel lift."


def test_every_speed_kind_is_on_the_ladder_and_easy_runs_are_not() -> None:
    on_ladder = {k for s in SPEED.ladder.steps for k in s.kinds}
    assert on_ladder == set(RunKind) - {RunKind.EASY, RunKind.LONG}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'kinds = ["hills"]',
            'kinds = ["hills", "sprint"]',
            "ladder.steps[2] (id 'short_hills').kinds[2]: Input should be 'easy'",
        ),
        (
            'kinds = ["hills"]',
            'kinds = ["hills", "strides"]',
            "ladder: Value error, steps: run kind 'strides' is in both 'strides' and 'short_hills'",
        ),
        (
            "min_lsi = 90\nreference",
            "min_lsi = 190\nreference",
            "gate.symmetry[1].min_lsi: Input should be less than or equal to 100 (got 190)",
        ),
        (
            "overdue_days = 28 ",
            "overdue_days = 7 ",
            "outcome: Value error, overdue_days (7) is before every_days (14)",
        ),
        (
            "points = [0, 7, 14, 21, 30]",
            "points = [0, 7, 14, 21, 40]",
            "outcome: Value error, items: the best answers add up to 110, not 100",
        ),
        (
            "points = [0, 2, 5, 7, 10]",
            "points = [0, 2, 5, 7]",
            "outcome.items[8] (id 'training_time'): Value error, rows[3] has 4 points for 5",
        ),
        (
            'cue_up = "{count}"',
            'cue_up = "{rep}"',
            "tests.heel_raise: Value error, cue_up: unknown placeholder {rep} in '{rep}' "
            "(this line can use: {count})",
        ),
        (
            "callouts = [10] ",
            "callouts = [40] ",
            "tests.side_hop: Value error, callouts: 40 seconds left is not inside the 30 seconds",
        ),
        (
            'symmetry = "Sore side {sore}',
            'symmetry = "Sore side {sorer}',
            "tests.words: Value error, symmetry: unknown placeholder {sorer}",
        ),
        (
            "days = 14                       # for at least two weeks",
            'days = "two weeks"',
            "gate.circuit.days: Input should be a valid integer",
        ),
    ],
)
def test_a_bad_field_is_named_with_its_value(old: str, new: str, expected: str) -> None:
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    with pytest.raises(SpeedProgramError) as err:
        parse_speed_program(text, PROGRAM.calming_measures, source="physio.toml")
    message = str(err.value)
    assert message.startswith("physio.toml: ")
    assert expected.replace("Value error, ", "") in message


def test_not_toml_names_the_file() -> None:
    with pytest.raises(SpeedProgramError, match=r"^mine\.toml: not valid TOML"):
        parse_speed_program("name = ", PROGRAM.calming_measures, source="mine.toml")


def test_a_physios_file_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "speed.toml"
    path.write_text(TEXT.replace("minutes = 30 ", "minutes = 45 "), encoding="utf-8")
    assert load_speed_program(PROGRAM.calming_measures, path).gate.easy_runs.minutes == 45
    with pytest.raises(SpeedProgramError, match=r"missing\.toml: cannot read the file"):
        load_speed_program(PROGRAM.calming_measures, tmp_path / "missing.toml")
