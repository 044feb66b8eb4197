"""One truth everywhere (issue 11): the same flare in the check-in result, the History screen, the
session detail and the physio report; unfinished and early sessions in `achilles history` and the
report; two sessions in one evening as one training day. Through the real app (Pilot), the real
command line (a subprocess) and the real report rendered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable

from report.physio import markdown
from session.records import SessionStatus
from store import Store
from tests.cli import achilles
from tests.pilot import footer_keys, wait_for
from tests.review.builders import at, calm_mornings, morning, session
from tests.review.conftest import AppFactory, write_history
from tests.review.screens import (
    on_screen,
    open_checkin,
    open_history,
    save_checkin,
    session_detail,
    text,
)
from tui.coach.coach import Coach
from tui.screens.history import HistoryScreen
from tui.screens.rating import RatingScreen
from tui.screens.today import TodayScreen
from tui.widgets.session_table import SessionTable


def report_as_of(data: Path, now: dt.datetime) -> str:
    """The physio report in Markdown, from the real store through the coach, as of `now` (the
    command line reads the real clock; the weeks and the next dose depend on the day)."""
    with Coach.open(data, write=False, wall=lambda: now) as coach:
        return markdown(coach.report())


WEDNESDAY_FLARE = (
    "Morning pain 6/10, 4 points above the runner's usual morning pain (2/10), far above it, on "
    "Wed 28 May 2025, morning 2 after the session of Mon 26 May 2025."
)


async def test_the_second_morning_flare_is_the_same_everywhere(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """Monday's session, Tuesday 2/10 (the usual), Wednesday 6/10: the plan steps back citing
    Wednesday, and so do the check-in result, the history row, the session detail and the
    report (which once showed Tuesday's 2 and no flare)."""
    monday = session(4, at(0), sid="monday")
    data = write_history(tmp_path / "data", [monday], [*calm_mornings(0), morning(1, 2)])
    app = make_app(data, now=at(2, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_checkin(pilot)
        await save_checkin(pilot, form, "6")
        result = form.result
        assert result is not None and result.flare and result.session is not None
        assert result.session.started_at == monday.started_at
        verdict = text(form, "#checkin-verdict")
        assert "Morning pain 6/10 is far above your usual (2/10)" in verdict
        assert "The next session goes one step below your last one, to Circuit 2, first" in verdict
        await pilot.press("escape")
        await on_screen(pilot, TodayScreen)

        history = await open_history(pilot)
        table = history.query_one("#history-table", SessionTable)
        (row,) = table.rows
        assert [cell for cell, _ in row][4] == "6/10 flare (2nd morning)"
        assert row[4][1] == "bold red"
        assert "1 flare" in text(history, "#history-summary")
        await pilot.press("enter")
        detail = await session_detail(pilot)
        assert text(detail, "#detail-morning").splitlines() == [
            "Mornings after it, until the next session:",
            "• Tue 27 May: 2/10, your usual 2/10",
            "• Wed 28 May: 6/10, 4 points above your usual 2/10 (far above it): a flare",
        ]
        await pilot.press("escape")
        await on_screen(pilot, HistoryScreen)

    page = report_as_of(data, at(2, 9))
    assert (
        f"- 28 May 2025 (flare: +4 points, far above the usual): {WEDNESDAY_FLARE} "
        "Dialled back 1 step: the next session (not done yet) is Circuit 2, first session: 1 x 15."
    ) in page
    assert "Tuesday" not in page and "not the morning after a session" not in page


def test_a_killed_session_shows_in_history_and_the_report_with_its_sets(tmp_path: Path) -> None:
    """The app stopped mid-session: its record was saved after every set (in progress). The
    history and the report show it as unfinished, with the sets it saved."""
    done = session(4, at(0))
    killed = session(5, at(2), pains=(2, 3, 2, 4), status=SessionStatus.IN_PROGRESS, sid="killed")
    data = write_history(tmp_path / "data", [done], calm_mornings(0))
    with Store.open(data) as store:
        store.save_session(killed)  # as the workout does after each set
    out = achilles("history", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Your sessions, newest first (2)"
    assert lines[2].startswith("Wed 28 May 25  C2 3x15")
    assert lines[2].endswith("unfinished, 4 of 9 sets")

    report = tmp_path / "report.html"
    assert achilles("report", "--data-dir", data, "--out", report).returncode == 0
    page = report.read_text(encoding="utf-8")
    assert "2 (1 completed, 0 stopped for pain, 0 ended early, 1 unfinished)" in page
    assert (
        "<li>Wed 28 May 2025: Circuit 2, regular dose: 3 x 15, unfinished: 4 of 9 sets saved</li>"
    ) in page


def test_a_session_started_early_shows_in_history_and_the_report(tmp_path: Path) -> None:
    early = session(5, at(1)).model_copy(update={"started_early": True})
    data = write_history(tmp_path / "data", [session(4, at(0)), early], calm_mornings(0))
    out = achilles("history", "--data-dir", data)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[2].endswith("completed, started before the rest was over")
    printed = achilles("report", "--data-dir", data)
    assert printed.returncode == 0, printed.stderr
    assert (
        "- Tue 27 May 2025: Circuit 2, regular dose: 3 x 15, started before the 24 h rest was over"
    ) in printed.stdout


async def test_two_sessions_in_one_evening_are_one_training_day(
    tmp_path: Path, make_app: AppFactory
) -> None:
    sessions = [session(1, at(0)), session(2, at(0, 19)), session(3, at(2))]
    data = write_history(tmp_path / "data", sessions, [*calm_mornings(0), morning(3, 2)])
    app = make_app(data, now=at(3, 9))
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        assert text(history, "#history-summary").endswith("this week 2/3 days")
        assert text(history, "#history-streaks").startswith("Training days this week 2/3")
        review = history.review
        assert review is not None and review.weeks[-1].training_days == 2
    page = report_as_of(data, at(3, 9))
    assert "| 26 May 2025 | 2 of 3 |" in page
    assert "this week 2 of 3 training days so far" in page


async def test_the_newest_sessions_rating_can_be_corrected_from_its_detail(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """u on the newest session's detail (the next dose follows it); not on an older one."""
    older, newest = session(3, at(0), sid="older"), session(4, at(2), sid="newest")
    data = write_history(tmp_path / "data", [older, newest], [*calm_mornings(0), morning(1, 2)])
    app = make_app(data, now=at(2, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        await pilot.press("down", "enter")
        detail = await session_detail(pilot)
        assert detail.row.id == "older"
        assert "u Change last rating" not in footer_keys(app)
        await pilot.press("escape")
        await on_screen(pilot, HistoryScreen)
        await pilot.press("up", "enter")
        detail = await session_detail(pilot)
        assert detail.row.id == "newest" and "u Change last rating" in footer_keys(app)
        await pilot.press("u")
        await on_screen(pilot, RatingScreen)
        await pilot.press("5")
        await on_screen(pilot, type(detail))
        await wait_for(pilot, lambda: not detail.query_one("#detail-change").has_class("hidden"))
        assert text(detail, "#detail-change").startswith(
            "The last set's rating is now 5/10 (it was 2/10). The change is kept in your history"
        )
        assert "highest pain 5/10" in text(detail, "#detail-line")
        sets = detail.query_one("#detail-sets", DataTable)
        assert str(sets.get_row_at(sets.row_count - 1)[-1]) == "5/10 acceptable (was 2)"
        await pilot.press("escape")
        await on_screen(pilot, HistoryScreen)
        await wait_for(
            pilot,
            lambda: history.query_one("#history-table", SessionTable).rows[0][3][0] == "5/10",
            what="the history to show the new rating",
        )
    with Store.open(data, write=False) as store:
        record = store.session("newest")
    assert record is not None and [(c.old, c.new) for c in record.sets[-1].pain_changes] == [(2, 5)]
