"""`achilles export` and `achilles import`, run as the real command line in a subprocess."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from session.records import Settings
from store import Store
from tests.cli import achilles
from tests.store.helpers import START, checkin, finished, in_progress, snapshot


def _history(folder: Path) -> None:
    with Store.open(folder) as store:
        store.save_settings(Settings(sore_side="left"))
        store.save_session(finished("s1", START))
        store.save_session(finished("s2", START + dt.timedelta(days=2), step=5, seed=2))
        store.save_session(in_progress("s3", START + dt.timedelta(days=4)))
        store.add_checkin(checkin(dt.date(2025, 3, 4)))


def test_export_csv_and_json_then_import_twice(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _history(a)

    out = achilles("export", "--data-dir", a, "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    with Store.open(a, write=False) as store:
        sessions = store.sessions()
    assert len(rows) == sum(2 * len(s.sets) for s in sessions)
    assert {r["session_id"] for r in rows} == {"s1", "s2", "s3"}
    assert rows[0]["date"] == "2025-03-03" and rows[0]["leg"] == "left"

    backup = tmp_path / "backup.json"
    out = achilles("export", "--data-dir", a, "--format", "json", "--out", backup)
    assert out.returncode == 0, out.stderr
    assert str(backup) in out.stdout
    exported = json.loads(backup.read_text())
    assert exported["schema"] == 1 and len(exported["sessions"]) == 3

    first = achilles("import", "--data-dir", b, backup)
    assert first.returncode == 0, first.stderr
    assert "Imported 3 session(s) and 1 check-in(s)" in first.stdout
    again = achilles("import", "--data-dir", b, backup)
    assert again.returncode == 0, again.stderr
    assert "Imported 0 session(s) and 0 check-in(s); skipped 3 session(s)" in again.stdout
    with Store.open(b, write=False) as restored:
        assert restored.sessions() == sessions
        assert restored.settings() == Settings(sore_side="left")


def test_a_bad_import_file_changes_nothing_and_says_where_without_a_traceback(
    tmp_path: Path,
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _history(a)
    _history(b)
    with Store.open(a, write=False) as store:
        data = store.export_json()
    data["sessions"][1]["sets"][0]["pain"] = 12
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    broken = tmp_path / "broken.json"
    broken.write_text('{"app": "achilles-coach", "sessions": [')
    before = snapshot(b)

    out = achilles("import", "--data-dir", b, bad)
    assert out.returncode == 2
    assert "sessions[2] (id 's2').sets[1].pain" in out.stderr
    assert "Nothing was imported" in out.stderr
    out = achilles("import", "--data-dir", b, broken)
    assert out.returncode == 2
    assert "is not valid JSON" in out.stderr and "line 1" in out.stderr
    out = achilles("import", "--data-dir", b, tmp_path / "missing.json")
    assert out.returncode == 2 and "cannot read" in out.stderr
    assert snapshot(b) == before
    assert "Traceback" not in out.stderr


def test_import_is_refused_while_achilles_runs_but_export_works(tmp_path: Path) -> None:
    _history(tmp_path)
    backup = tmp_path / "backup.json"
    with Store.open(tmp_path) as running:
        running.save_session(in_progress("s4", START + dt.timedelta(days=6)))
        out = achilles("export", "--data-dir", tmp_path, "--format", "json", "--out", backup)
        assert out.returncode == 0, out.stderr
        assert len(json.loads(backup.read_text())["sessions"]) == 4
        out = achilles("import", "--data-dir", tmp_path, backup)
        assert out.returncode == 1
        assert "already running in another terminal" in out.stderr
        assert "Traceback" not in out.stderr


def test_export_of_a_damaged_history_warns_and_exports_the_rest(tmp_path: Path) -> None:
    _history(tmp_path)
    (tmp_path / "live.json").write_text("{oops")
    out = achilles("export", "--data-dir", tmp_path, "--format", "csv")
    assert out.returncode == 1  # the export lacks what live.json held: said, and not a success
    assert "the export is incomplete" in out.stderr
    assert "live.json could not be read" in out.stderr
    assert "left as it is" in out.stderr
    assert {r["session_id"] for r in csv.DictReader(io.StringIO(out.stdout))} == {"s1", "s2"}
    assert (tmp_path / "live.json").read_text() == "{oops"  # export only reads
