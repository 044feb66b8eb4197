"""`achilles run`, `achilles test`, `achilles score` and the running parts of `achilles export`
and `achilles report`, run as the real command line in a subprocess (UTC), on real watch files
built with the same libraries the app reads them with."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from fit_tool.profile.profile_type import Sport

from session.records import Settings
from store import Store
from tests.cli import achilles
from tests.running.watch_files import START, fit_bytes, gpx_bytes, tcx_bytes


def _sore_right(folder: Path) -> Path:
    with Store.open(folder) as store:
        store.save_settings(Settings(sore_side="right"))
    return folder


def _watch_folder(folder: Path) -> Path:
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "tuesday.fit").write_bytes(fit_bytes(START))
    (folder / "thursday.gpx").write_bytes(gpx_bytes(START + dt.timedelta(days=2)))
    (folder / "saturday.tcx").write_bytes(tcx_bytes(START + dt.timedelta(days=4)))
    (folder / "ride.fit").write_bytes(fit_bytes(START + dt.timedelta(days=5), sport=Sport.CYCLING))
    (folder / "broken.gpx").write_bytes(b"<gpx><trk>")
    return folder


def test_a_folder_of_watch_files_imports_once_with_the_pain_given(tmp_path: Path) -> None:
    data = _sore_right(tmp_path / "data")
    watch = _watch_folder(tmp_path / "watch")
    out = achilles("run", "--data-dir", data, "--import", watch, "--kind", "easy", "--pain", "2")
    assert out.returncode == 0, out.stderr
    assert "broken.gpx: not a valid GPX file" in out.stdout
    assert "ride.fit: a cycling activity, not a run." in out.stdout
    assert out.stdout.count("Saved your easy run on") == 3
    assert "Imported 3 run(s) from" in out.stdout
    with Store.open(data, write=False) as store:
        runs = store.runs()
    assert [Path(r.imported_from or "").name for r in runs] == [
        "tuesday.fit",
        "thursday.gpx",
        "saturday.tcx",
    ]
    assert runs[0].started_at == START and runs[0].pain_during == 2
    again = achilles("run", "--data-dir", data, "--import", watch, "--kind", "easy", "--pain", "2")
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("Already logged: easy run on") == 3
    assert "Imported 0 run(s)" in again.stdout


def test_one_imported_run_asks_its_kind_and_pain(tmp_path: Path) -> None:
    data = _sore_right(tmp_path / "data")
    path = tmp_path / "run.gpx"
    path.write_bytes(gpx_bytes(START, minutes=45))
    out = achilles("run", "--data-dir", data, "--import", path, stdin="hills\nsore\n4\n\n\n")
    assert out.returncode == 0, out.stderr
    assert "Found a run on Tue 04 Mar 2025 at 17:00: 45 min" in out.stdout
    assert "pain during: 'sore' is not a whole number from 0 to 10." in out.stdout
    with Store.open(data, write=False) as store:
        (run,) = store.runs()
    assert (run.kind, run.pain_during, run.pain_after, run.minutes) == ("hills", 4, None, 45)


def test_the_run_form_asks_each_answer_and_explains_a_slip(tmp_path: Path) -> None:
    data = _sore_right(tmp_path / "data")
    answers = "40\n2025-03-04 18:00\neasy\n12\n2\n7.5\n1\nwindy\n2,4\n"
    out = achilles("run", "--data-dir", data, stdin=answers)
    assert out.returncode == 0, out.stderr
    assert "pain during: 12 is outside the scale; enter 0 to 10." in out.stdout
    assert "Saved your easy run on Tue 04 Mar (40 min)." in out.stdout
    with Store.open(data, write=False) as store:
        (run,) = store.runs()
    assert run.calming == ("heel_lift", "slow_pace") and run.distance_km == 7.5
    assert run.started_at == dt.datetime(2025, 3, 4, 18, 0, tzinfo=dt.UTC)
    # Options only; an unknown measure is named and nothing is saved.
    bad = achilles(
        "run",
        "--data-dir",
        data,
        "--kind",
        "easy",
        "--minutes",
        "30",
        "--pain",
        "1",
        "--calming",
        "ice_socks",
    )
    assert bad.returncode == 2
    assert "calming: unknown measure 'ice_socks'" in bad.stderr and "Nothing was saved." in (
        bad.stderr
    )
    # Abandoned half-way (end of input): nothing saved.
    gone = achilles("run", "--data-dir", data, stdin="40\n")
    assert gone.returncode == 1 and "nothing was saved" in gone.stderr
    with Store.open(data, write=False) as store:
        assert len(store.runs()) == 1


def test_status_tests_score_export_and_report(tmp_path: Path) -> None:
    data = _sore_right(tmp_path / "data")
    logged = achilles(
        "run",
        "--data-dir",
        data,
        "--kind",
        "easy",
        "--minutes",
        "35",
        "--pain",
        "2",
        "--on",
        "2025-03-04T18:00",
        "--calming",
        "heel_lift",
    )
    assert logged.returncode == 0, logged.stderr
    status = achilles("run", "--data-dir", data, "--status")
    assert status.returncode == 0, status.stderr
    assert status.stdout.startswith("Not ready for hills and speed work yet: 5 of 5 criteria")
    assert "[ ] Heel-raise endurance symmetry: No heel-raise endurance result" in status.stdout

    saved = achilles("test", "heel_raise", "--data-dir", data, "--left", "30", "--right", "27")
    assert saved.returncode == 0, saved.stderr
    assert "Saved your heel-raise endurance result: left 30, right 27." in saved.stdout
    assert "Symmetry: sore side 90% of the other side." in saved.stdout
    assert "Gate, heel-raise endurance symmetry: met." in saved.stdout
    too_many = achilles("test", "hop_count", "--data-dir", data, "--right", "12")
    assert too_many.returncode == 2 and "out of range; enter 0 to 10" in too_many.stderr

    answers = "15\n3\n1\n2\n3\n6\n2\n2\n4\n"
    score = achilles("score", "--data-dir", data, stdin=answers)
    assert score.returncode == 0, score.stderr
    assert "VISA-A-based score: 63 of 100. Saved." in score.stdout

    runs = achilles("export", "--data-dir", data, "--format", "csv", "--table", "runs")
    (row,) = list(csv.DictReader(io.StringIO(runs.stdout)))
    assert (row["date"], row["start"], row["kind"], row["minutes"], row["calming"]) == (
        "2025-03-04",
        "18:00",
        "easy",
        "35",
        "heel_lift",
    )
    tests = achilles("export", "--data-dir", data, "--format", "csv", "--table", "tests")
    (row,) = list(csv.DictReader(io.StringIO(tests.stdout)))
    assert (row["test"], row["left"], row["right"]) == ("heel_raise", "30", "27")
    scores = achilles("export", "--data-dir", data, "--format", "csv", "--table", "scores")
    (row,) = list(csv.DictReader(io.StringIO(scores.stdout)))
    assert row["score"] == "63" and "training_time=14" in row["points"]

    page = tmp_path / "report.html"
    wrote = achilles("report", "--data-dir", data, "--out", page)
    assert wrote.returncode == 0, wrote.stderr
    html = page.read_text(encoding="utf-8")
    assert "<h2>Back to speed work: ready for hills and speed?</h2>" in html
    assert "<svg" in html and "90: recovered" in html
    report = achilles("report", "--data-dir", data)
    assert report.returncode == 0, report.stderr
    text = report.stdout
    assert "## Back to speed work: ready for hills and speed?" in text
    assert "**Not ready for hills and speed work yet: 4 of 5 criteria still missing" in text
    assert "- **Heel-raise endurance symmetry: met.**" in text
    assert "*Source: Limb symmetry index of at least 90%" in text
    assert "### VISA-A-based score" in text and "- VISA-A-based score 63 on" in text
