"""Snapshots at 80x24 of the Check-in (form and a flare), History (table and charts) and a session.

Fixed wall clock, fixed record ids and a seeded history: the pictures change only when the
screens do. Update with `pytest tests/review/test_snapshots.py --snapshot-update`, then look.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from tests.review.builders import calm_mornings, session
from tests.review.conftest import NOW, AppFactory, write_history
from tests.review.screens import open_checkin, open_history, save_checkin, session_detail

SIZE = (80, 24)
Snap = Callable[..., bool]
Step = Callable[[Pilot[None]], Awaitable[None]]


def check(snap_compare: Snap, app: Any, run_before: Step) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_checkin_form(snap_compare: Snap, year_dir: Path, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_checkin(pilot)
        await pilot.press("x", "enter")  # a wrong answer: the message shows under the form
        await pilot.pause()

    check(snap_compare, make_app(year_dir), run_before)


def test_checkin_flare(snap_compare: Snap, tmp_path: Path, make_app: AppFactory) -> None:
    yesterday = NOW.replace(day=3, hour=18)
    data = write_history(tmp_path / "data", [session(4, yesterday)], calm_mornings(9, pain=2))

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await open_checkin(pilot)
        await save_checkin(pilot, screen, "5", "tab", "2", "0")

    check(snap_compare, make_app(data), run_before)


def test_history_sessions(snap_compare: Snap, year_dir: Path, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press("down")

    check(snap_compare, make_app(year_dir), run_before)


def test_history_pain_chart(snap_compare: Snap, year_dir: Path, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press("2")
        await pilot.pause()

    check(snap_compare, make_app(year_dir), run_before)


def test_history_adherence_year(snap_compare: Snap, year_dir: Path, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press("4", "r", "r")
        await pilot.pause()

    check(snap_compare, make_app(year_dir), run_before)


def test_session_detail(snap_compare: Snap, year_dir: Path, make_app: AppFactory) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot)
        await pilot.press("down", "enter")
        await session_detail(pilot)

    check(snap_compare, make_app(year_dir), run_before)
