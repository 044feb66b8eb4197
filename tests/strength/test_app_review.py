"""Part 1 in the app's review (Pilot): the history's calf-raise tab (a row per exercise of each
session, the load by week beside the pain) and a session's detail (every calf-raise set with its
load), on a history made by the real coach and engine."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from session.records import Settings
from tests.pilot import drawn, press, text_of, wait_for
from tests.strength.test_coach import runner_at
from tests.tui.conftest import ManualClock, RigFactory, wait_today
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.widgets.session_table import SessionTable
from tui.widgets.trend_plots import TrendPlot


def two_sessions(data: Path) -> None:
    made = runner_at(data, Settings(sore_side="right"))
    runner = next(made)
    runner.train(0, loads={"standing_calf_raise": 2.5})
    runner.morning(1, 1)
    runner.train(2)
    runner.morning(3, 1)
    runner.morning(7, 1)  # the app's morning (Mon 10 Mar): no check-in is offered
    made.close()


def rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_history_shows_part_1_and_a_session_its_calf_raises(
    make_rig: RigFactory, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    two_sessions(data)
    rig = make_rig(ManualClock(), settings=None, data_dir=data)
    app = rig.app
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_today(pilot)
        await press(pilot, "h")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, HistoryScreen) and app.screen.part1 is not None,
            what="the history",
        )
        await press(pilot, "6")
        table = app.screen.query_one("#part1-table", DataTable)
        assert rows(table) == [
            [
                "Wed 05 Mar 25",
                "W1 3x15RM",
                "Standing calf raise, knee straight (both legs)",
                "5 kg",
                "45/45",
                "2/10",
            ],
            [
                "Wed 05 Mar 25",
                "W1 3x15RM",
                "Seated calf raise, knee bent (both legs)",
                "2.5 kg",
                "45/45",
                "2/10",
            ],
            [
                "Mon 03 Mar 25",
                "W1 3x15RM",
                "Standing calf raise, knee straight (both legs)",
                "2.5 kg",
                "45/45",
                "2/10",
            ],
            [
                "Mon 03 Mar 25",
                "W1 3x15RM",
                "Seated calf raise, knee bent (both legs)",
                "no added load",
                "45/45",
                "2/10",
            ],
        ]
        shown = "\n".join(drawn(app.screen.query_one("#plot-loads", TrendPlot)))
        assert "Calf raises: load added by week (kg), with pain 0-10 (right)" in shown
        for legend in ("Standing calf raise, knee straight (both", "pain during", "next morning"):
            assert legend in shown
        await press(pilot, "1")
        sessions = app.screen.query_one("#history-table", SessionTable)
        sessions.focus()
        await press(pilot, "enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SessionDetailScreen) and app.screen.record is not None,
            what="the session's detail",
        )
        detail = app.screen.query_one("#detail-part1", DataTable)
        assert rows(detail)[0] == [
            "Standing calf raise, knee straight",
            "1/3",
            "5 kg",
            "15/15",
            "2 safe",
        ]
        assert len(rows(detail)) == 6
        assert "Last session (Mon 03 Mar)" in text_of(app, "#detail-reasons")
