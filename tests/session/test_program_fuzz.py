"""Fuzzing the program-file loader: any TOML in, a Program or a clear ProgramError out.

Hypothesis writes real TOML text: random trees, and the shipped program with one value replaced
(wrong types, extreme and non-finite numbers, markup and control characters, odd placeholders).
`parse_program` must return a Program or raise ProgramError naming the file, never anything
else; and a program it accepts must run: every spoken line fills in, and a whole session driven
on it ends within a bounded number of steps (no KeyError at the first announcement, no
OverflowError from `switch_legs = inf`, no spin from `pain_reminder_every = 0.000001`).
Each of those three was accepted before issue 12.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets import PROGRAM_FILE
from session import engine
from session.effects import Say
from session.events import CueEnded, PainRating, Tick
from session.program import PLACEHOLDERS, Program, ProgramError, parse_program
from session.progression import prescribe
from session.records import Settings

SHIPPED = tomllib.loads(PROGRAM_FILE.read_text(encoding="utf-8"))
NOW = dt.datetime(2025, 3, 3, 7, 0, tzinfo=dt.UTC)
BARE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
SAMPLE = {"exercise": "Hop", "leg": "left", "set": 1, "sets": 3, "seconds": 30, "load": "20 kg"}
SAMPLE |= {"rating": 6, "rep": 2}


def toml_value(value: Any) -> str:
    """`value` as TOML (inline tables and arrays: any tree fits on one line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string, escapes and all
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def toml_key(key: str) -> str:
    return key if BARE.match(key) else json.dumps(key, ensure_ascii=False)


def toml(doc: dict[str, Any]) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in doc.items())


TRICKY_TEXT = st.sampled_from(
    [
        "",
        "[/b]",
        "[b]x",
        "{nope}",
        "{seconds:>{nope}}",
        "{leg!r}",
        "{}",
        "{0}",
        "{exercise.x}",
        "\x1b[2J",
        "a\x00b",
        "{{literal}}",
        "{seconds}",
        "x" * 5000,
        "é☃\U0001f600",
    ]
)
SCALARS = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, 1, -1, 10**18, 2**63 - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e-6, 1e-300, 1e300, float("inf"), float("nan"), 0.0, -0.0, 3600.5]),
    st.text(max_size=30),
    TRICKY_TEXT,
)
TREES = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in leaves(v, (*path, k))] or [path]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in leaves(v, (*path, i))] or [path]
    return [path]


def replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy: Any = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = replaced(doc[head], tuple(rest), value)
    return copy


ALL_LEAVES = leaves(SHIPPED)
TIMING_LEAVES = [p for p in ALL_LEAVES if p[0] in ("timing", "rules")]
EXTREME = st.sampled_from([1e-6, 1e-300, 1e300, float("inf"), float("nan"), 0.0, -1.0, 3600.5])


@st.composite
def mutated_programs(draw: st.DrawFn) -> dict[str, Any]:
    doc: Any = SHIPPED
    for _ in range(draw(st.integers(1, 3))):
        path, value = draw(st.sampled_from(ALL_LEAVES)), draw(st.one_of(SCALARS, TREES))
        doc = replaced(doc, path, value)
    if draw(st.booleans()):  # a placeholder trick in a spoken line
        line = draw(st.sampled_from(sorted(PLACEHOLDERS)))
        doc = replaced(doc, ("words", line), draw(TRICKY_TEXT))
    return dict(doc)


def load(text: str) -> Program | None:
    try:
        return parse_program(text, source="fuzz.toml")
    except ProgramError as exc:
        assert str(exc).startswith("fuzz.toml: "), exc
        return None


def runs(program: Program) -> None:
    """What an accepted program must do: fill in every line, and run a session to its end."""
    for name, allowed in PLACEHOLDERS.items():
        value = getattr(program.words, name)
        for line in value if isinstance(value, tuple) else (value,):
            line.format(**{p: SAMPLE[p] for p in allowed})
    rx = prescribe(program, [], [], NOW)
    state, effects = engine.start(
        program, rx, Settings(sore_side="left"), session_id="fuzz", now=0.0, wall_now=NOW
    )
    now = 0.0
    for _ in range(20_000):
        keys = [e.key for e in effects if isinstance(e, Say) and e.key is not None]
        effects = []
        for key in keys:  # the voice reports each cue that asked, at once
            state, more = engine.step(state, CueEnded(key, True), now)
            effects += more
        if effects:
            continue
        if state.finished:
            return
        if state.awaiting_pain:
            state, effects = engine.step(state, PainRating(2), now)
            continue
        due = engine.next_due(state)
        assert due is not None, state.phase
        now = max(now, due)
        state, effects = engine.step(state, Tick(), now)
    raise AssertionError(f"a session on this program did not end (phase {state.phase})")


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated_programs())
def test_a_changed_program_is_refused_clearly_or_runs(doc: dict[str, Any]) -> None:
    program = load(toml(doc))
    if program is not None:
        runs(program)


@settings(FUZZ, max_examples=300)
@given(st.sampled_from(TIMING_LEAVES), EXTREME)
def test_any_timing_or_rule_set_to_an_extreme_is_refused_clearly_or_runs(
    path: tuple[Any, ...], value: float
) -> None:
    program = load(toml(replaced(SHIPPED, path, value)))
    if program is not None:
        runs(program)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=12), TREES, max_size=6))
def test_a_random_tree_is_refused_clearly(doc: dict[str, Any]) -> None:
    assert load(toml(doc)) is None


@FUZZ
@given(st.text(max_size=300))
def test_random_text_is_refused_clearly(text: str) -> None:
    program = load(text)
    if program is not None:  # pragma: no cover - random text is never a whole program
        runs(program)


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        (("words", "announce"), "{nope}", "words: announce: unknown placeholder {nope}"),
        (("words", "rest"), "{seconds:>{nope}}", "has a format spec or conversion"),
        (("timing", "switch_legs"), float("inf"), "timing.switch_legs: Input should be a finite"),
        (("timing", "between_rounds"), float("nan"), "timing.between_rounds"),
        (("timing", "pain_reminder_every"), 0.000001, "timing.pain_reminder_every: Input should"),
        (("timing", "resume_beat"), 0.0, "timing.resume_beat"),
        (
            ("ladder", 0, "label"),
            "Step\x1b[2J",
            "ladder[1].label: holds the control character U+001B",
        ),
        (("exercises", 0, "name"), "", "exercises[1] (id 'hop_up').name"),
        (("timing", "rest_callouts"), [60, -5], "timing.rest_callouts[2]"),
    ],
)
def test_each_case_of_the_issue_is_refused_with_the_field_named(
    field: tuple[Any, ...], value: Any, said: str
) -> None:
    with pytest.raises(ProgramError) as refused:
        parse_program(toml(replaced(SHIPPED, field, value)), source="physio.toml")
    message = str(refused.value)
    assert message.startswith("physio.toml: ")
    assert said in message


def test_a_program_nested_far_too_deeply_is_refused() -> None:
    with pytest.raises(ProgramError, match="nested far too deeply"):
        parse_program("x = " + "[" * 5000 + "]" * 5000)
