"""The Check-in, History and session screens through the real app (Pilot) on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, TabbedContent

from session.history import history_rows
from session.records import CheckIn, SessionRecord
from store import Store
from tests.review.builders import calm_mornings, session, summaries
from tests.review.conftest import NOW, PROGRAM, AppFactory, history, write_history
from tests.review.screens import (
    on_screen,
    open_checkin,
    open_history,
    save_checkin,
    session_detail,
    text,
    today,
    wait_for,
)
from tui.app import AchillesApp
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.today import TodayScreen
from tui.widgets.session_table import SessionTable
from tui.widgets.trend_plots import TrendPlot

YESTERDAY = NOW.replace(day=3, hour=18)


def stored_checkins(app: AchillesApp) -> list[CheckIn]:
    """The check-ins on disk, read beside the app as another process would (read-only)."""
    with Store.open(app.services.data_dir, write=False) as store:
        return store.checkins()


async def test_bad_answers_are_explained_and_nothing_is_saved_until_good(
    empty_dir: Path, make_app: AppFactory
) -> None:
    app = make_app(empty_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        await pilot.press("1", "2", "enter")
        await wait_for(pilot, lambda: "outside the scale" in text(screen, "#checkin-error"))
        assert text(screen, "#checkin-error") == (
            "12 is outside the scale: enter a number from 0 to 10."
        )
        assert app.focused is screen.query_one("#checkin-pain")
        await pilot.press("backspace", "backspace", "3", "tab", "a", "enter")
        await wait_for(pilot, lambda: "minutes" in text(screen, "#checkin-error"))
        assert app.focused is screen.query_one("#checkin-stiffness")
        assert stored_checkins(app) == []

        await save_checkin(pilot, screen, "backspace", "1", "5", "tab", *"calf tight")
        saved = stored_checkins(app)
        assert [(c.pain, c.stiffness_minutes, c.note, c.day) for c in saved] == [
            (3, 15, "calf tight", NOW.date())
        ]
        assert text(screen, "#checkin-verdict").startswith("Saved. Morning pain 3/10. This first")
        assert screen.query_one("#checkin-form").has_class("hidden")
        assert screen.query_one("#checkin-calming").has_class("hidden")
        await pilot.press("enter")
        await on_screen(pilot, TodayScreen)


async def test_leaving_the_checkin_saves_nothing(empty_dir: Path, make_app: AppFactory) -> None:
    app = make_app(empty_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checkin(pilot)
        await pilot.press("4", "escape")
        await on_screen(pilot, TodayScreen)
        assert stored_checkins(app) == []


async def test_a_flare_shows_temporary_help_and_today_steps_back(
    tmp_path: Path, make_app: AppFactory
) -> None:
    data = write_history(tmp_path / "data", [session(4, YESTERDAY)], calm_mornings(9, pain=2))
    app = make_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        assert pilot.app.screen_stack[-2].__class__ is TodayScreen  # offered over Today
        assert "Your usual is 2/10" in text(screen, "#checkin-intro")
        await save_checkin(pilot, screen, "5")
        assert screen.result is not None and screen.result.flare
        assert screen.result.before.step == 5
        verdict = text(screen, "#checkin-verdict")
        assert "The next session goes one step below your last one, to Circuit 2, first" in verdict
        calming = screen.query_one("#checkin-calming")
        assert not calming.has_class("hidden") and calming.border_title == "Temporary help"
        assert "A 9-12 mm heel lift" in text(screen, "#checkin-calming")
        assert text(screen, "#checkin-next").startswith(
            "Next session dialled back to Circuit 2, first session: 1 x 15"
        )
        await pilot.press("escape")
        after = await on_screen(pilot, TodayScreen)
        await wait_for(
            pilot,
            lambda: after.today is not None and after.today.prescription.step == 3,
            what="Today to show the dialled-back dose",
        )


async def test_history_lists_every_session_and_opens_one(
    year_dir: Path, make_app: AppFactory
) -> None:
    sessions, _ = history()
    app = make_app(year_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#history-table", SessionTable)
        assert table.row_count == len(sessions)
        assert table.keys[0] == sessions[-1].id and table.cursor == 0
        assert app.focused is table
        await pilot.press("down", "down", "enter")
        detail = await session_detail(pilot)
        record = sessions[-3]
        assert detail.row.session == record.summary()
        assert detail.record == record and detail.problem is None
        sets = detail.query_one("#detail-sets", DataTable)
        assert sets.row_count == len(record.sets)
        assert "Why it was prescribed" in text(detail, "#detail-reasons")
        assert record.prescription.reasons[0] in text(detail, "#detail-reasons")
        await pilot.press("escape")
        await on_screen(pilot, HistoryScreen)


async def test_history_tabs_and_chart_ranges(year_dir: Path, make_app: AppFactory) -> None:
    app = make_app(year_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        tabs = screen.query_one("#history-tabs", TabbedContent)
        for key, tab in (("2", "pain"), ("3", "volume"), ("4", "adherence"), ("5", "ladder")):
            await pilot.press(key)
            assert tabs.active == tab
        plot = screen.query_one("#plot-ladder", TrendPlot)
        assert plot.border_title == "12 weeks  (r: change)"
        await pilot.press("r", "r")
        assert plot.border_title == "1 year  (r: change)"
        assert "full weeks in a row" in text(screen, "#history-streaks")
        await pilot.press("1")
        assert tabs.active == "sessions"


async def test_an_empty_history_says_so(empty_dir: Path, make_app: AppFactory) -> None:
    app = make_app(empty_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert text(screen, "#history-summary").startswith("No sessions yet.")
        assert screen.query_one("#history-table", SessionTable).row_count == 0
        await pilot.press("2", "escape")
        await on_screen(pilot, TodayScreen)


async def test_the_session_table_scrolls_under_a_fixed_header(
    year_dir: Path, make_app: AppFactory
) -> None:
    sessions, _ = history()
    app = make_app(year_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        table = screen.query_one("#history-table", SessionTable)
        page = table.size.height - 1
        await pilot.press("pagedown")
        assert table.cursor == page
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == len(sessions) - 1
        assert round(table.scroll_y) == len(sessions) - page
        assert table.render_line(0).text.split() == [
            "Date",
            "Session",
            "Reps",
            "done",
            "Pain",
            "Morning",
            "Status",
        ]
        assert table.render_line(page).text.startswith(f" {sessions[0].started_at:%a}")
        await pilot.press("home")
        assert (table.cursor, round(table.scroll_y)) == (0, 0)
        await pilot.click(table, offset=(5, 3))  # the third session from the top
        detail = await session_detail(pilot)
        assert detail.row.session == sessions[-3].summary()
        assert detail.record == sessions[-3]


async def test_a_session_no_longer_stored_says_so(empty_dir: Path, make_app: AppFactory) -> None:
    """The heading comes from the row; the sets are read on opening, and may be gone by then."""
    gone = session(4, YESTERDAY)
    (row,) = history_rows(summaries([gone]), [], PROGRAM.rules.morning_normal_window, NOW.tzinfo)
    app = make_app(empty_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await today(pilot)
        app.push_screen(SessionDetailScreen(app.coach, row, PROGRAM))
        detail = await session_detail(pilot)
        assert detail.record is None
        assert text(detail, "#detail-line") == (
            "Circuit 2, second session: 2 x 15 · 180 of 180 reps · highest pain 2/10 · completed"
        )
        assert detail.query_one("#detail-sets", DataTable).row_count == 0
        assert text(detail, "#detail-reasons") == (
            "Why it was prescribed\n• The sets of this session are no longer in your history: "
            "the file that held them was removed, or was damaged and moved aside."
        )
        await pilot.press("escape")
        await on_screen(pilot, TodayScreen)


async def test_the_review_never_reads_the_whole_history(
    year_dir: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """History, its charts, a session's detail and the check-in work from the store's summaries:
    none of them asks for every full record (which reads every month file)."""
    asked: list[str] = []
    every = Store.sessions

    def sessions(store: Store) -> list[SessionRecord]:
        asked.append("sessions()")
        return every(store)

    monkeypatch.setattr(Store, "sessions", sessions)
    app = make_app(year_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("2", "3", "4", "5", "r", "1", "enter")
        detail = await session_detail(pilot)
        assert detail.record is not None and detail.record.sets
        await pilot.press("escape", "escape")
        form = await open_checkin(pilot)
        await save_checkin(pilot, form, "2")
        assert form.result is not None
    assert asked == []
