"""Reading watch files from disk: one file or a folder; a bad file is named, the rest import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.running.watch_files import START, fit_bytes, gpx_bytes, tcx_bytes
from tui.coach import run_files
from tui.coach.run_files import read_run_file, read_runs


def test_a_folder_of_mixed_files(tmp_path: Path) -> None:
    (tmp_path / "2025" / "march").mkdir(parents=True)
    (tmp_path / "a.GPX").write_bytes(gpx_bytes(START + dt.timedelta(days=2)))
    (tmp_path / "2025" / "b.fit").write_bytes(fit_bytes(START))
    (tmp_path / "2025" / "march" / "c.tcx").write_bytes(tcx_bytes(START + dt.timedelta(days=1)))
    (tmp_path / "2025" / "broken.fit").write_bytes(fit_bytes()[:40])
    (tmp_path / "notes.txt").write_text("splits", encoding="utf-8")
    (tmp_path / ".hidden.gpx").write_bytes(gpx_bytes())
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.fit").write_bytes(fit_bytes())
    found = read_runs(tmp_path)
    assert [r.format for r in found.runs] == ["fit", "tcx", "gpx"]  # oldest first
    assert len(found.errors) == 1
    assert found.errors[0].startswith(f"{tmp_path / '2025' / 'broken.fit'}: not a valid FIT")
    assert found.skipped == (str(tmp_path / "notes.txt"),)


def test_one_file_and_a_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "run.fit"
    path.write_bytes(fit_bytes())
    assert read_run_file(path)[0].source == str(path)
    assert len(read_runs(path).runs) == 1
    missing = read_runs(tmp_path / "nope")
    assert missing.errors == (f"{tmp_path / 'nope'}: no such file or folder.",)
    bad = tmp_path / "bad.gpx"
    bad.write_bytes(b"<gpx><trk>")
    assert read_runs(bad).errors[0].startswith(f"{bad}: not a valid GPX file")


def test_a_link_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.fit"
    outside.write_bytes(fit_bytes())
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "link.fit").symlink_to(outside)
    found = read_runs(folder)
    assert found.runs == ()
    assert found.errors == (f"{folder / 'link.fit'}: a link out of the folder, not followed.",)


def test_a_folder_named_like_a_run_file_is_walked_into(tmp_path: Path) -> None:
    folder = tmp_path / "run.fit"
    folder.mkdir()
    (folder / "inner.gpx").write_bytes(gpx_bytes())
    found = read_runs(tmp_path)
    assert len(found.runs) == 1 and found.errors == ()


def test_a_file_too_large_for_a_run_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_files, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.gpx"
    big.write_bytes(b" " * (3 * 1024 * 1024))
    assert read_runs(big).errors == (f"{big}: 3 MB is too large for a run file.",)
