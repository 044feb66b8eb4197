"""The start-up preview (tui.coach.preview): today's plan worked out read-only, by a second process.

- `preview_words` gives the words the app itself would show, and nothing where the app must first
  ask or tell (a first launch, a check-in to offer, a notice, a stale unfinished session), and it
  never changes a file.
- `PlanPreview` forks, hands the words over as JSON, reaps its child, and gives up at its
  deadline. It runs in a fresh interpreter here, as `achilles` runs it: forking the test process
  itself (with its threads) is not what the app does.
- `TodayWords` keeps every word and moment through JSON, and refuses anything else.

Real data folders in tmp_path; the real clock (the preview reads the history at the wall time).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from session.records import CheckIn, SessionRecord, SessionStatus, Settings
from session.strength.records import StrengthSettings
from store import Store
from tests.cli import ROOT
from tests.review.builders import session
from tui.coach.coach import Coach
from tui.coach.preview import preview_words
from tui.coach.today_words import PartOneWords, TodayWords, today_words

LEFT_SORE = Settings(sore_side="left", strength=StrengthSettings(told=True))
"""A runner's settings after the first launch (told once that part 1 is on)."""


def folder_with(
    path: Path,
    *records: SessionRecord,
    settings: Settings | None = LEFT_SORE,
    mornings: int = 0,
) -> Path:
    """A real data folder: settings, sessions, and a check-in on each of the last `mornings`
    mornings (this one included)."""
    with Store.open(path) as store:
        if settings is not None:
            store.save_settings(settings)
        for record in records:
            store.save_session(record)
        now = dt.datetime.now().astimezone()
        for days in range(mornings):
            when = min(now, local_days_ago(days, hour=7))
            store.add_checkin(CheckIn(day=when.date(), pain=2, recorded_at=when))
    return path


def the_apps_words(data: Path) -> TodayWords:
    with Coach.open(data, write=False) as coach:
        return today_words(coach.today())


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def local_days_ago(days: int, hour: int = 18) -> dt.datetime:
    now = dt.datetime.now().astimezone()
    return (now - dt.timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


# --- preview_words ------------------------------------------------------------------------------


def test_the_preview_says_what_the_app_would_show(tmp_path: Path) -> None:
    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    words = preview_words(data)
    assert words is not None
    assert words == the_apps_words(data)
    assert words.heading.startswith("Today: ")
    assert words.reasons  # and why


@pytest.mark.parametrize("case", ["no folder", "no settings", "no sore side"])
def test_a_first_launch_has_no_preview(tmp_path: Path, case: str) -> None:
    data = tmp_path / "data"
    if case == "no settings":
        folder_with(data, settings=None)
    elif case == "no sore side":
        folder_with(data, settings=Settings())
    assert preview_words(data) is None  # the app asks its two questions first


def test_the_news_that_part_1_is_on_has_no_preview(tmp_path: Path) -> None:
    data = folder_with(
        tmp_path / "data",
        session(0, local_days_ago(3)),
        mornings=3,
        settings=Settings(sore_side="left"),
    )
    assert preview_words(data) is None  # the app says it, once, and notes that it did


def test_a_morning_check_in_to_offer_has_no_preview(tmp_path: Path) -> None:
    # Last night's session: this morning's check-in comes before the plan (it may change it).
    data = folder_with(tmp_path / "data", session(0, local_days_ago(1, hour=18)))
    with Coach.open(data, write=False) as coach:
        assert coach.checkin_due()
    assert preview_words(data) is None


def test_a_stale_unfinished_session_has_no_preview_and_no_file_changes(tmp_path: Path) -> None:
    stale = session(0, local_days_ago(2), status=SessionStatus.IN_PROGRESS, pains=[2])
    data = folder_with(tmp_path / "data", stale)
    before = fingerprint(data)
    assert preview_words(data) is None  # the app closes it as ended early, and says so
    assert fingerprint(data) == before


def test_a_damaged_file_has_no_preview(tmp_path: Path) -> None:
    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    (data / "checkins.json").write_text("{not json", encoding="utf-8")
    before = fingerprint(data)
    assert preview_words(data) is None  # the app names the file and moves it aside
    assert fingerprint(data) == before


# --- the words through JSON ---------------------------------------------------------------------


def words(**changes: object) -> TodayWords:
    base = TodayWords(
        heading="Today: Circuit 1 [b]x[/b]",
        big="1 X 15",
        summary="1 set of 15 reps",
        next_words="Next: Circuit 1.",
        circuit="Circuit 1: gentle",
        exercises=(("Hop [red]", "how"),),
        show_circuit=True,
        reasons=("First session.", "Part 1: week 1"),
        part1=PartOneWords("Calf raises first", ("1. Standing · 10 kg (to start)",)),
        earliest_start=dt.datetime(2026, 12, 2, 18, 42, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        resumable_from=None,
        resumable_sets=0,
    )
    return TodayWords(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})  # type: ignore[arg-type]


def test_words_come_back_from_json_as_they_went() -> None:
    for one in (words(), words(part1=None, earliest_start=None), words(resumable_sets=3)):
        assert TodayWords.from_json(one.to_json()) == one


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        "null",
        '{"heading": 3}',
        json.dumps({**json.loads(words().to_json()), "earliest_start": "2026-12-02T18:42:00"}),
        json.dumps({**json.loads(words().to_json()), "big": None}),
    ],
    ids=["not json", "null", "missing fields", "a moment without its zone", "not text"],
)
def test_anything_else_is_refused(bad: str) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        TodayWords.from_json(bad)


# --- the process --------------------------------------------------------------------------------

PREVIEW = """
import argparse, asyncio, json, os, sys
import tui.coach.preview as preview
if len(sys.argv) > 2:
    preview.DEADLINE = float(sys.argv[2])
args = argparse.Namespace(data_dir=sys.argv[1], program=None, strength=None, time_scale=1.0)
p = preview.PlanPreview.start(args)
words = asyncio.run(p.words())
try:
    os.waitpid(-1, os.WNOHANG)
    children = "left"
except ChildProcessError:
    children = "none"
print(json.dumps({"words": None if words is None else words.to_json(), "children": children}))
"""


def run_preview(data: Path, *extra: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW, str(data), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the child never writes to the terminal
    result: dict[str, object] = json.loads(done.stdout)  # and never on the app's stdout
    return result


def test_the_preview_process_hands_over_the_words_and_is_reaped(tmp_path: Path) -> None:
    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    result = run_preview(data)
    assert result["children"] == "none"
    assert isinstance(result["words"], str)
    assert TodayWords.from_json(result["words"]) == the_apps_words(data)


def test_the_preview_process_gives_up_at_its_deadline(tmp_path: Path) -> None:
    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    result = run_preview(data, "0.0")
    assert result == {"words": None, "children": "none"}  # ended and reaped, no words


def test_a_demo_has_no_preview() -> None:
    import argparse

    from tui.coach.preview import PlanPreview

    args = argparse.Namespace(data_dir=None, program=None, strength=None, time_scale=60.0)
    assert PlanPreview.start(args) is None  # it plays in its own folder, seeded by the app
