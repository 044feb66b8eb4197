"""An import adds everything or nothing, and nothing that would mislead the plan or break the app.

Each refused case below was accepted before issue 12 (and broke `report`, landed in a file never
read again, removed the 24 h rest, or made the plan wait for 2099): now it is refused, the
message names the record and the field, and the data folder is byte-identical afterwards.
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

from store import ImportRejected, Store, StoreError
from store.program_file import load_program
from tests.cli import achilles
from tests.smallfs import fill, free, small_filesystem
from tests.store.helpers import START, checkin, finished, in_progress, snapshot

PROGRAM = load_program()
NOW = dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.UTC)

Edit = Callable[[dict[str, Any]], None]


def _export(sessions: int = 4) -> dict[str, Any]:
    """A real export of `sessions` finished sessions (one a week from March) and a check-in."""
    folder_records = [finished(f"s{n}", START + dt.timedelta(days=7 * n)) for n in range(sessions)]
    from session.records import Settings
    from store.exchange import build_export

    checkins = [checkin(dt.date(2025, 3, 4))]
    return build_export(Settings(sore_side="left"), folder_records, checkins, NOW)


def _session(data: dict[str, Any], n: int = 0) -> dict[str, Any]:
    return data["sessions"][n]


def _set_start(when: str) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        s = _session(data)
        s["started_at"] = when
        s["ended_at"] = when

    return edit


def _ended_before_started(data: dict[str, Any]) -> None:
    s = _session(data)
    s["ended_at"] = (dt.datetime.fromisoformat(s["started_at"]) - dt.timedelta(days=3)).isoformat()


def _in_2099(data: dict[str, Any]) -> None:
    s = _session(data, -1)
    for key in ("started_at", "ended_at"):
        s[key] = s[key].replace("2025", "2099", 1)
    for one in s["sets"]:
        for key in ("started_at", "ended_at"):
            one[key] = one[key].replace("2025", "2099", 1)
        for leg in one["legs"]:
            for key in ("started_at", "ended_at"):
                leg[key] = leg[key].replace("2025", "2099", 1)


def _exercise(data: dict[str, Any]) -> None:
    _session(data)["sets"][0]["exercise"] = "moon_jump"


def _circuit(data: dict[str, Any]) -> None:
    _session(data)["prescription"]["circuit"] = 42


def _step(data: dict[str, Any]) -> None:
    _session(data)["prescription"]["step"] = 99


def _duplicate(data: dict[str, Any]) -> None:
    data["sessions"].append(copy.deepcopy(_session(data)))


def _checkin_9999(data: dict[str, Any]) -> None:
    data["checkins"].append({**data["checkins"][0], "day": "9999-12-31"})


def _checkin_tomorrow_week(data: dict[str, Any]) -> None:
    data["checkins"].append({**data["checkins"][0], "day": "2025-12-09"})


def _deep(data: dict[str, Any]) -> None:
    nested: list[Any] = []
    for _ in range(500):
        nested = [nested]
    _session(data)["sets"] = nested


def _control(data: dict[str, Any]) -> None:
    _session(data)["prescription"]["label"] = "Step 1\x1b]0;pwned\x07"


def _infinite(data: dict[str, Any]) -> None:
    data["settings"]["voice_volume"] = float("inf")


def _unknown_key(data: dict[str, Any]) -> None:
    data["runs_from_the_future"] = []


REFUSED: dict[str, tuple[Edit, str]] = {
    "year 1 (overflowed)": (
        _set_start("0001-01-01T00:30:00+01:00"),
        "sessions[1] (id 's0').started_at: outside the dates achilles accepts (2000 to 2099)",
    ),
    "year 9999 (broke report)": (
        _set_start("9999-12-31T10:00:00+00:00"),
        "sessions[1] (id 's0').started_at: outside the dates achilles accepts",
    ),
    "ended before started": (
        _ended_before_started,
        "sessions[1] (id 's0').ended_at: 2025-02-28T07:",
    ),
    "in 2099": (
        _in_2099,
        "sessions[4] (id 's3').started_at: 2099-03-24T07:00:00+00:00 is in the future",
    ),
    "unknown exercise": (
        _exercise,
        "sessions[1] (id 's0').sets[1].exercise: 'moon_jump' is not an exercise of the program",
    ),
    "circuit 42": (_circuit, "sessions[1] (id 's0').prescription.circuit: 42 is not a circuit"),
    "step beyond the ladder": (_step, "prescription.step: 99 is beyond the program's ladder"),
    "a session twice in the file": (_duplicate, "sessions[5] (id 's0') repeats sessions[1]"),
    "a check-in for 9999-12-31": (_checkin_9999, "checkins[2] (day 9999-12-31).day: outside"),
    "a check-in next week": (
        _checkin_tomorrow_week,
        "checkins[2] (day 2025-12-09).day: 2025-12-09 has not come yet",
    ),
    "nested 500 deep": (_deep, "sessions[1] (id 's0').sets[1]: Input should be a valid"),
    "a terminal escape in a label": (_control, "prescription.label: holds a control character"),
    "an infinite volume": (_infinite, "settings.voice_volume"),
    "an unknown list": (_unknown_key, "runs_from_the_future: not part of an achilles-coach export"),
}


@pytest.mark.parametrize("case", REFUSED, ids=REFUSED.keys())
def test_a_misleading_import_is_refused_by_name_and_changes_nothing(
    tmp_path: Path, case: str
) -> None:
    edit, message = REFUSED[case]
    with Store.open(tmp_path) as store:
        store.save_session(finished("mine", START - dt.timedelta(days=30)))
        store.add_checkin(checkin(dt.date(2025, 2, 2)))
    before = snapshot(tmp_path)
    data = json.loads(json.dumps(_export()))
    edit(data)
    with Store.open(tmp_path) as store, pytest.raises(ImportRejected) as refused:
        store.import_json(data, now=NOW, program=PROGRAM)
    assert message in str(refused.value)
    assert str(refused.value).startswith("Nothing was imported")
    assert snapshot(tmp_path) == before


def test_the_same_file_with_nothing_wrong_imports(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        result = store.import_json(_export(), now=NOW, program=PROGRAM)
    assert (result.sessions_added, result.checkins_added) == (4, 1)


def test_a_markup_label_is_text_and_imports(tmp_path: Path) -> None:
    data = _export(1)
    _session(data)["prescription"]["label"] = "Step [/b] [red]one"
    with Store.open(tmp_path) as store:
        store.import_json(data, now=NOW, program=PROGRAM)
        (record,) = store.sessions()
    assert record.label == "Step [/b] [red]one"


def test_an_import_on_a_full_disk_adds_nothing_and_says_so(tmp_path: Path) -> None:
    """A real small file system, filled so that the import's files cannot all be written."""
    with small_filesystem(tmp_path / "disk", kilobytes=400) as disk:
        data = disk / "data"
        with Store.open(data) as store:
            store.save_session(finished("mine", START - dt.timedelta(days=30)))
            store.save_session(in_progress("live", START - dt.timedelta(days=29)))
        before = snapshot(data)
        export = _export(24)  # six months: a file each, then check-ins
        fill(disk, leave=24 * 1024)  # room for a month or two, not for all of them
        with Store.open(data) as store, pytest.raises(StoreError) as failed:
            store.import_json(export, now=NOW, program=PROGRAM)
        message = str(failed.value)
        assert "No space left on device" in message
        assert "Nothing was added: your history is as it was." in message
        assert snapshot(data) == before  # not one month of the import is there
        assert not list(data.rglob(".*.tmp"))  # and no temporary file is left
        free(disk)
        with Store.open(data) as store:
            assert store.notices == []
            result = store.import_json(export, now=NOW, program=PROGRAM)
            assert result.sessions_added == 24
            assert len(store.sessions()) == 26


def test_a_commit_stopped_part_way_says_exactly_what_was_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename failing between two files (it needs no space, so a full disk cannot make it
    fail: this is a test double, standing in for an I/O error at that moment)."""
    export = _export(8)  # March (5 sessions), April (3), then the check-ins, then the settings
    real_replace = os.replace
    calls: list[str] = []

    def replace(src: Any, dst: Any) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    with Store.open(tmp_path) as store:
        monkeypatch.setattr(os, "replace", replace)
        with pytest.raises(StoreError) as stopped:
            store.import_json(export, now=NOW, program=PROGRAM)
        monkeypatch.setattr(os, "replace", real_replace)
        message = str(stopped.value)
        assert message.startswith("Could not finish the import: Input/output error.")
        assert "Added: 5 session(s) of March 2025." in message
        assert "Not added: 3 session(s) of April 2025, 1 check-in(s), the settings." in message
        assert [s.id for s in store.sessions()] == ["s0", "s1", "s2", "s3", "s4"]  # as on disk
        again = store.import_json(export, now=NOW, program=PROGRAM)
        assert (again.sessions_added, again.sessions_skipped, again.checkins_added) == (3, 5, 1)
        assert again.settings_restored
    with Store.open(tmp_path) as store:
        assert len(store.sessions()) == 8 and len(store.checkins()) == 1


def test_a_deeply_nested_file_is_refused_by_the_command_without_a_traceback(
    tmp_path: Path,
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(
        '{"app":"achilles-coach","schema":1,"sessions":' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    huge = tmp_path / "huge.json"
    huge.write_text('{"app":"achilles-coach","schema":1,"sessions":[' + "9" * 5000 + "]}")
    for path, said in ((deep, "nested far too deeply"), (huge, "is not valid JSON")):
        out = achilles("import", "--data-dir", tmp_path / "data", path)
        assert out.returncode == 2, out.stderr
        assert said in out.stderr and "Nothing was imported" in out.stderr
        assert "Traceback" not in out.stderr


def test_refuse_damaged_is_honoured_by_import_and_checkin(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.add_checkin(checkin(dt.date(2025, 3, 4)))
    (data / "checkins.json").write_text("{damaged")
    export = tmp_path / "export.json"
    export.write_text(json.dumps(_export(1)))
    for command in (
        ("import", export),
        ("checkin", "--pain", "2", "--stiffness", "0", "--note", ""),
    ):
        out = achilles("--refuse-damaged", *command, "--data-dir", data)
        assert out.returncode == 1, out.stderr
        assert "checkins.json could not be read" in out.stderr and "untouched" in out.stderr
        out = achilles(*command, "--refuse-damaged", "--data-dir", data)  # after it, too
        assert out.returncode == 1, out.stderr
    assert (data / "checkins.json").read_text() == "{damaged"
    assert not list(data.glob("checkins.corrupt-*"))


@pytest.mark.parametrize(
    ("on", "said"),
    [
        ("9999-12-31", "outside the dates achilles accepts"),
        ("1999-12-31", "outside the dates achilles accepts"),
        ((dt.date.today() + dt.timedelta(days=2)).isoformat(), "has not come yet"),
    ],
)
def test_a_checkin_date_out_of_range_is_refused(tmp_path: Path, on: str, said: str) -> None:
    out = achilles("checkin", "--data-dir", tmp_path, "--pain", "2", "--on", on)
    assert out.returncode == 2
    assert said in out.stderr
    assert not (tmp_path / "checkins.json").exists()


def test_a_session_of_9999_already_stored_is_named_and_report_works(tmp_path: Path) -> None:
    """Imported before issue 12 (it broke `report` with an OverflowError for good): its month
    file no longer validates, so it is moved aside with a notice, and the report is made."""
    with Store.open(tmp_path) as store:
        store.save_session(finished("ok", START))
    month = json.loads((tmp_path / "history" / "2025-03.json").read_text())
    (doc,) = month["sessions"].values()
    doc["id"], doc["started_at"] = "far", "9999-12-31T10:00:00+00:00"
    (tmp_path / "history" / "9999-12.json").write_text(json.dumps(month))
    out = achilles("report", "--data-dir", tmp_path)
    assert out.returncode == 0, out.stderr
    assert "9999-12.json could not be read" in out.stderr
    assert "outside the dates achilles accepts" in out.stderr
    assert "Traceback" not in out.stderr
