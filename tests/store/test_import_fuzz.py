"""Fuzzing the import validator: any JSON in, an ImportResult or a clear ImportRejected out.

Hypothesis builds import documents two ways: random JSON trees (with and without the export's
envelope), and a real export with one to three values replaced by random ones (wrong types,
extreme numbers, dates from year 1 to 9999 in odd zones, markup and control characters, nesting
hundreds deep). The export holds every kind of record (sessions, check-ins, runs, test results,
a questionnaire score). Into a real data folder in a temporary directory:

- the only exception is ImportRejected, whose message says nothing was imported;
- after a refused import the folder is byte-identical;
- after an accepted one the store reopens without a notice, and what the app builds from the
  history (the plan, the rows, the physio report with its speed-work section as Markdown and
  HTML, the CSVs of sets, runs, tests and scores) builds: an
  accepted record can no longer break `report` (OverflowError for a session in 9999 before
  issue 12) or a screen.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from report.physio import html, markdown
from report.running_csv import running_csv
from report.sets_csv import to_csv
from session.history import history_rows
from session.records import Settings
from session.running.outcome import make_score
from store import ImportRejected, Store
from store.exchange import Running, build_export
from store.program_file import load_program
from tests.running.builders import SPEED, result, run
from tests.running.test_outcome import BEST
from tests.store.helpers import START, checkin, finished, in_progress, snapshot
from tui.coach.coach import Coach

PROGRAM = load_program()
NOW = dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.UTC)
BASE = json.loads(
    json.dumps(
        build_export(
            Settings(sore_side="right"),
            [
                finished("a", START),
                finished("b", START + dt.timedelta(days=40)),
                in_progress("c", START + dt.timedelta(days=60)),
            ],
            [checkin(dt.date(2025, 3, 4)), checkin(dt.date(2025, 4, 13), pain=3)],
            NOW,
            Running(
                [run(10, calming=("heel_lift",), distance_km=6.0)],
                [result(11, "heel_raise", left=20, right=24)],
                [make_score(SPEED.outcome, BEST, START + dt.timedelta(days=12))],
            ),
        )
    )
)

ZONES = st.sampled_from(["+00:00", "Z", "+14:00", "-12:00", "+01:00", ""])
DATES = st.builds(
    lambda d, z: d.isoformat() + z,
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    ZONES,
)
TEXT = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["[/b]", "[b]x[/b", "\x1b[2J", "\x00", "{nope}", "", " ", "x" * 3000]),
    DATES,
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
)
NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 11, 10**30, -(10**30), 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)


def deep(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


TREES = st.recursive(
    SCALARS | st.integers(1, 600).map(deep),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)


def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in `node` a value can be replaced: every key and index, not just leaves."""
    found = [path]
    if isinstance(node, dict):
        found += [p for k, v in node.items() for p in paths(v, (*path, k))]
    elif isinstance(node, list):
        found += [p for i, v in enumerate(node) for p in paths(v, (*path, i))]
    return found


def replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, *rest = path
    copy: Any = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = replaced(doc[head], tuple(rest), value)
    return copy


PLACES = paths(BASE)
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30)
NEAR = st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 1, 1))


def alike(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same type as `value`, often a valid one: what gets past the types and
    reaches the checks of meaning (time order, the present, the program)."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-2, 120)
    if isinstance(value, float):
        return st.floats(-1, 3)
    if isinstance(value, str):
        return st.one_of(
            PRINTABLE,
            st.sampled_from(["[/b]", "Step [b]two[/b", "{leg}", "left", "right", "hop_up"]),
            st.builds(lambda d, z: d.isoformat() + z, NEAR, st.sampled_from(["+00:00", "+13:00"])),
        )
    return TREES


def at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    doc: Any = BASE
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(PLACES))
        with contextlib.suppress(KeyError, IndexError, TypeError):  # an earlier change
            old = at(doc, where)  # removed that place
            new = draw(st.one_of(alike(old), TREES) if draw(st.booleans()) else alike(old))
            doc = replaced(doc, where, new)
    return doc


ENVELOPED = st.builds(
    lambda tree, extra: {"app": "achilles-coach", "schema": 1, **extra, "sessions": tree},
    TREES,
    st.dictionaries(st.sampled_from(["checkins", "settings", "exported_at", "schema"]), TREES),
)

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_import(data: Any) -> bool:
    """Import `data` into a fresh history holding one session; True if it was accepted."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store.open(folder) as store:
            store.save_session(finished("mine", START - dt.timedelta(days=20)))
        before = snapshot(folder)
        with Store.open(folder) as store:
            try:
                store.import_json(data, now=NOW, program=PROGRAM)
            except ImportRejected as refused:
                assert "Nothing was imported" in str(refused) or "not an achilles" in str(refused)
                accepted = False
            else:
                accepted = True
        if not accepted:
            assert snapshot(folder) == before
            return False
        with Store.open(folder) as store:
            assert store.notices == []
            summaries, checkins = store.summaries(), store.checkins()
            report = Coach(store, program=PROGRAM, wall=lambda: NOW).report()  # both parts, speed
            markdown(report)
            html(report)
            history_rows(summaries, checkins, 7, dt.UTC)
            to_csv(store.sessions())
            for table, records in (
                ("runs", store.runs()),
                ("tests", store.results()),
                ("scores", store.scores()),
            ):
                running_csv(table, list(records), dt.UTC)
        return True


@settings(FUZZ, max_examples=300)
@given(mutated())
def test_a_changed_export_is_refused_clearly_or_imports_and_reads_back(data: Any) -> None:
    event("accepted" if check_import(data) else "refused")


@FUZZ
@given(st.one_of(TREES, ENVELOPED))
def test_a_random_document_is_refused_clearly(data: Any) -> None:
    event("accepted" if check_import(data) else "refused")


def test_the_unchanged_export_imports() -> None:
    assert check_import(BASE)
