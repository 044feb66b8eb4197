"""Bad input in the record kinds that came with part 1 and the return to speed work: part 1's calf
raises (inside their sessions), runs, functional test results and questionnaire scores get the
care of issue 12 as sessions and check-ins do.

- An import holding one bad record of any of them is refused whole: the message names the
  record (its list, number and id) and the field, and the data folder is byte-identical.
- A full disk during an import of them adds nothing (a real small file system).
- Their files when unusable: a link to nothing is named, left as it is and never written; a
  damaged one is moved aside and named, or, with `--refuse-damaged`, left untouched (the real
  command line, in a subprocess).
- Their CSVs written with `--out` never replace a file without `--force`.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from session.records import Settings
from session.running.outcome import make_score
from store import ImportRejected, Store, StoreError
from store.program_file import load_program
from store.strength_file import load_strength
from tests.cli import achilles
from tests.running.builders import SPEED, at, result, run
from tests.running.test_outcome import BEST
from tests.smallfs import fill, free, small_filesystem
from tests.store.helpers import snapshot
from tests.strength.test_coach import runner_at

PROGRAM = load_program()
STRENGTH = load_strength()
NOW = dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.UTC)

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export: two sessions of both parts (trained through the coach and the engine),
    three runs, two test results and a questionnaire score."""
    folder = tmp_path_factory.mktemp("export")
    for runner in runner_at(folder, Settings(sore_side="right")):
        runner.train(0, loads={"standing_calf_raise": 2.5})
        runner.morning(1, 1)
        runner.train(2)
        store = runner.coach._store
        for day in (3, 5, 6):
            store.save_run(run(day, calming=("heel_lift",), distance_km=7.5))
        store.save_result(result(4, "heel_raise", left=25, right=21))
        store.save_result(result(4, "hop_count", left=10, right=8))
        store.save_score(make_score(SPEED.outcome, BEST, at(4, 9)))
        data: dict[str, Any] = json.loads(json.dumps(store.export_json()))
    assert [len(data[k]) for k in ("sessions", "runs", "tests", "scores")] == [2, 3, 2, 1]
    assert all(s["strength"] is not None for s in data["sessions"])
    return data


def _set(*path: str | int, to: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = to

    return edit


def _twice(table: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        data[table].append(copy.deepcopy(data[table][0]))

    return edit


def _part1_set_before_the_session(data: dict[str, Any]) -> None:
    s = data["sessions"][0]
    start = dt.datetime.fromisoformat(s["started_at"]) - dt.timedelta(days=1)
    s["strength"]["sets"][0]["started_at"] = start.isoformat()


PART1 = ("sessions", 0, "strength")
BAD: dict[str, tuple[Edit, tuple[str, ...]]] = {
    "a run in 9999": (
        _set("runs", 0, "started_at", to="9999-12-31T10:00:00+00:00"),
        ("runs[1] (id 'run-", "started_at"),
    ),
    "a run of infinite minutes": (_set("runs", 0, "minutes", to=float("inf")), ("runs[1]",)),
    "a run note with a terminal escape": (
        _set("runs", 0, "note", to="ok \x1b[2J"),
        ("runs[1]", "note"),
    ),
    "a run with a calming measure the program lacks": (
        _set("runs", 0, "calming", to=["moon_boots"]),
        ("runs[1]", "calming[1]: 'moon_boots' is not a calming measure of the program"),
    ),
    "a run still to come": (
        _set("runs", 0, "started_at", to="2026-01-05T10:00:00+00:00"),
        ("runs[1]", "started_at", "is in the future"),
    ),
    "a run twice in the file": (_twice("runs"), ("runs[4]", "repeats runs[1]")),
    "a test result of 10**30 raises": (
        _set("tests", 0, "left", to=10**30),
        ("tests[1] (id 'heel_raise-4')", "left"),
    ),
    "a test result still to come": (
        _set("tests", 0, "recorded_at", to="2030-01-01T10:00:00+00:00"),
        ("tests[1]", "recorded_at", "is in the future"),
    ),
    "a score with points for no answer": (
        _set("scores", 0, "points", "nope", to=0),
        ("scores[1]",),
    ),
    "a score dated year 1": (
        _set("scores", 0, "recorded_at", to="0001-01-01T00:30:00+01:00"),
        ("scores[1]", "recorded_at"),
    ),
    "a calf raise the strength program lacks": (
        _set(*PART1, "sets", 0, "exercise", to="moon_raise"),
        ("sessions[1]", "strength.sets[1].exercise: 'moon_raise' is not a calf raise"),
    ),
    "a calf-raise set before its session": (
        _part1_set_before_the_session,
        ("sessions[1]", "strength.sets[1].started_at", "before the session started"),
    ),
    "a calf-raise load of NaN": (
        _set(*PART1, "sets", 0, "load_kg", to=float("nan")),
        ("sessions[1]", "load_kg"),
    ),
    "a part-1 label with a control character": (
        _set(*PART1, "prescription", "label", to="[/b]\x07"),
        ("sessions[1]", "label"),
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_record_of_a_new_kind_is_refused_naming_it_and_nothing_is_written(
    tmp_path: Path, export: dict[str, Any], case: str
) -> None:
    edit, named = BAD[case]
    data = copy.deepcopy(export)
    edit(data)
    with Store.open(tmp_path) as store:
        store.save_settings(Settings(sore_side="left"))
    before = snapshot(tmp_path)
    with Store.open(tmp_path) as store, pytest.raises(ImportRejected) as refused:
        store.import_json(data, now=NOW, program=PROGRAM, strength=STRENGTH)
    message = str(refused.value)
    assert message.startswith("Nothing was imported: "), message
    for words in named:
        assert words in message, message
    assert snapshot(tmp_path) == before


def test_the_same_export_imports_whole_and_once(tmp_path: Path, export: dict[str, Any]) -> None:
    with Store.open(tmp_path) as store:
        first = store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
        again = store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
    assert (first.sessions_added, first.runs_added, first.tests_added, first.scores_added) == (
        2,
        3,
        2,
        1,
    )
    assert first.summary().startswith(
        "Imported 2 session(s), 1 check-in(s), 3 run(s), 2 test result(s) and 1 questionnaire "
        "score(s)"
    )
    assert again.added == 0 and again.skipped == first.added


def test_an_import_of_runs_tests_and_scores_on_a_full_disk_adds_nothing(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    """Sessions, runs, tests and scores staged together: a disk that fills while they are
    written leaves every file as it was; with room again the same file imports whole."""
    with small_filesystem(tmp_path / "disk", kilobytes=300) as disk:
        data = disk / "data"
        with Store.open(data) as store:
            store.save_settings(Settings(sore_side="left"))
        before = snapshot(data)
        fill(disk, leave=6 * 1024)  # room for a file or two, not for all of them
        with Store.open(data) as store, pytest.raises(StoreError) as failed:
            store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
        message = str(failed.value)
        assert "No space left on device" in message
        assert "Nothing was added: your history is as it was." in message
        assert snapshot(data) == before
        assert not list(data.rglob(".*.tmp"))
        free(disk)
        with Store.open(data) as store:
            added = store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
            assert (added.sessions_added, added.runs_added, added.scores_added) == (2, 3, 1)
            assert len(store.runs()) == 3 and len(store.results()) == 2


@pytest.mark.parametrize(
    ("name", "held"),
    [
        ("runs.json", "your run log"),
        ("tests.json", "your heel-raise and hop test results"),
        ("scores.json", "your questionnaire scores"),
    ],
)
def test_a_record_file_that_is_a_link_to_nothing_is_named_kept_and_never_written(
    tmp_path: Path, name: str, held: str
) -> None:
    """Say runs.json links to a drive not plugged in: named, left as it is, never replaced by a
    new file (a run saved meanwhile is refused, saying why), and the export says it lacks it."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.save_settings(Settings(sore_side="left"))
    link = data / name
    link.symlink_to(tmp_path / "usb" / name)
    with Store.open(data) as store:
        (notice,) = store.notices
        assert f"{link} could not be read" in notice and held in notice
        with pytest.raises(StoreError) as refused:
            if name == "runs.json":
                store.save_run(run(1))
            elif name == "tests.json":
                store.save_result(result(1, "heel_raise", left=3, right=4))
            else:
                store.save_score(make_score(SPEED.outcome, BEST, at(1, 9)))
        assert str(refused.value).startswith("Could not save the ")
        assert "nothing is written to it" in str(refused.value)
    assert link.is_symlink() and not link.exists()
    out = achilles("export", "--data-dir", data)
    assert out.returncode == 1, out.stderr
    assert "the export is incomplete" in out.stderr and name in out.stderr
    assert link.is_symlink() and not link.exists()


@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("runs.json", ("run", "--status")),
        ("tests.json", ("test",)),
        ("scores.json", ("export", "--format", "csv", "--table", "scores")),
    ],
)
def test_a_damaged_record_file_is_named_and_refused_with_refuse_damaged(
    tmp_path: Path, export: dict[str, Any], name: str, command: tuple[str, ...]
) -> None:
    """The real command line: a damaged runs.json (tests.json, scores.json) is named on stderr
    and the command carries on without it, leaving it (read-only) as it is; with
    `--refuse-damaged` it stops, exit 1, and the file is untouched."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
    (data / name).write_text('{"_meta": {"1": ', encoding="utf-8")
    out = achilles(*command, "--data-dir", data)
    assert "Traceback" not in out.stderr
    assert f"{data / name} could not be read" in out.stderr, out.stderr
    refused = achilles(*command, "--refuse-damaged", "--data-dir", data)
    assert refused.returncode == 1, refused.stderr
    assert f"{data / name} could not be read" in refused.stderr
    assert "It was left untouched" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert (data / name).read_text(encoding="utf-8") == '{"_meta": {"1": '
    assert not list(data.glob("*.corrupt-*"))


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (_set("runs", 1, "pain_during", to=11), "runs[2] (id 'run-"),
        (_set("tests", 1, "kind", to="moon_hop"), "tests[2] (id 'hop_count-4').kind"),
        (_set("scores", 0, "score", to=101), "scores[1]"),
        (_set(*PART1, "sets", 2, "exercise", to="moon_raise"), "strength.sets[3].exercise"),
    ],
    ids=["run", "test", "score", "calf raise"],
)
def test_achilles_import_of_a_file_with_one_bad_new_record_adds_nothing(
    tmp_path: Path, export: dict[str, Any], edit: Edit, named: str
) -> None:
    """The real command line, one bad record of each new kind: exit 2 (a file that cannot be
    used), the record and field named, the data folder as it was."""
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.save_settings(Settings(sore_side="left"))
    bad = copy.deepcopy(export)
    edit(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    before = snapshot(data)
    out = achilles("import", path, "--data-dir", data)
    assert out.returncode == 2, out.stderr
    assert "Nothing was imported" in out.stderr and named in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    assert snapshot(data) == before


def test_a_csv_of_runs_never_replaces_a_file_without_force(
    tmp_path: Path, export: dict[str, Any]
) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.import_json(export, now=NOW, program=PROGRAM, strength=STRENGTH)
    out_file = tmp_path / "runs.csv"
    out_file.write_text("the physio's own notes\n", encoding="utf-8")
    base = ("export", "--data-dir", data, "--format", "csv", "--table", "runs", "--out", out_file)
    refused = achilles(*base)
    assert refused.returncode == 1 and "--force" in refused.stderr, refused.stderr
    assert out_file.read_text(encoding="utf-8") == "the physio's own notes\n"
    done = achilles(*base, "--force")
    assert done.returncode == 0, done.stderr
    assert "Exported 3 run(s) as CSV" in done.stdout
    assert out_file.read_text(encoding="utf-8").count("\n") == 4  # a header and three runs
    new = tmp_path / "tests.csv"  # a new file holds health data: 0600 whatever the umask
    made = achilles(*base[:-4], "--table", "tests", "--out", new)
    assert made.returncode == 0 and "Exported 2 test result(s)" in made.stdout, made.stderr
    assert os.stat(new).st_mode & 0o777 == 0o600
