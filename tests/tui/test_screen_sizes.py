"""The screens around the session at the smallest supported window (60 x 20), 80 x 24 and
100 x 30: history's tabs (every key in view, no label cut off), the run form (no answer's words
cut), the tests, the questionnaire, the check-in and the settings (every key of the footer); and
the voice mark in its own spot: the workout's status bar, over it in the pain box, and over
nothing of Today's title; part 1 (Today's two doses, the loads, a tempo rep, the rest under the
pain box, the summary's two tables).

Through the real app (Pilot) on a real store in tmp_path; "in view" is what the compositor
places: a widget's whole region inside the window.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static, TabbedContent
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderTitle
from textual.widgets._tabs import Tab

import tui.screens.tests as tests_screen
from session.records import Settings
from store import Store
from tests.pilot import drawn, plain, press, settle, wait_for
from tests.running.builders import result, run
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    move_to,
    start_workout,
    wait_today,
    workout_of,
    workout_running,
)
from tests.tui.test_window_sizes import (
    SET_1_END,
    SIZES,
    keys_all_shown,
    shown,
    uncovered,
    whole,
)
from tui.screens.checkin import CheckInScreen
from tui.screens.history import TABS, HistoryScreen, tab_key
from tui.screens.loads import LoadScreen
from tui.screens.pain import PainScreen
from tui.screens.questionnaire import QuestionnaireScreen
from tui.screens.run_log import RunLogScreen
from tui.screens.settings import SettingsScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice, VoiceStatus
from tui.widgets.big_text import BigText
from tui.widgets.fitted_table import SCROLLBARS, widths
from tui.widgets.voice_mark import VoiceMark


def across(widget: Widget) -> bool:
    """Whether all of `widget`'s width is inside the window (a form may scroll up and down)."""
    region = widget.region
    return region.width == widget.outer_size.width and region.right <= widget.app.size.width


async def on_top(pilot: Pilot[None], kind: type[Screen[Any]]) -> Any:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, kind), what=kind.__name__)
    await wait_for(pilot, lambda: bool(app.screen.query(FooterKey)), what="the keys")
    await settle(pilot)
    return pilot.app.screen


@pytest.mark.parametrize("size", SIZES)
async def test_every_history_tab_keeps_its_key_in_view(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    rig = make_rig(ManualClock())
    with Store.open(rig.data_dir) as store:  # a run and a test: the runs tab has its words
        store.save_run(run(4, minutes=35, pain=2, after=1))
        store.save_result(result(5, "side_hop", left=27, right=30))
    app = rig.app
    async with app.run_test(size=size) as pilot:
        await on_top(pilot, CheckInScreen)  # offered the morning after the run
        await press(pilot, "escape")
        await wait_today(pilot)
        await press(pilot, "h")
        screen = await on_top(pilot, HistoryScreen)
        await wait_for(pilot, lambda: screen.review is not None, what="the history")
        tabs = screen.query_one("#history-tabs", TabbedContent)
        for shown, name in TABS.items():
            await press(pilot, tab_key(shown))
            assert tabs.active == shown
            for tab in screen.query(Tab):
                assert tab.id is not None
                pane = tab.id.removeprefix("--content-tab-")
                label = tab.label_text
                assert tab.region.width >= len(label) and across(tab), (label, tab.region)
                assert label.split()[0] == tab_key(pane)
                if pane == shown or size[0] >= 100:  # the tab shown says its name
                    assert label == f"{tab_key(pane)} {TABS[pane]}", label
            assert tabs.get_tab(shown).label_text == f"{tab_key(shown)} {name}"
            for table in screen.query(f"#{shown} DataTable"):  # every column in view
                assert table.virtual_size.width <= table.scrollable_content_region.width
            assert keys_all_shown(app)[-1] == "q Quit"
    rig.services.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_run_form_tests_and_questionnaire_at_each_supported_size(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    rig = make_rig(ManualClock())
    app = rig.app
    async with app.run_test(size=size) as pilot:
        await wait_today(pilot)
        await press(pilot, "l")
        form = await on_top(pilot, RunLogScreen)
        for field in form.query("#run-form Label, #run-form Input, #run-form Select"):
            assert across(field), (field, field.region)
        for field in form.query("#run-form Input").results(Input):
            # Each answer's hint is whole: "HH:MM; blank: just ended" is the longest.
            assert field.content_region.width >= len(field.placeholder), field.id
        assert all(label.content_region.width >= 11 for label in form.query(Label))
        kind = form.query_one("#run-kind", Select)
        assert kind.region.height == 3  # "interval session" on one row
        assert keys_all_shown(app) == ["esc Back", "^s Save run"]
        await press(pilot, "escape")

        await press(pilot, "t")
        await on_top(pilot, tests_screen.TestsScreen)
        assert keys_all_shown(app) == [
            "1 Heel raises",
            "2 Hops",
            "3 Side hops",
            "o Score",
            "esc Back",
        ]
        await press(pilot, "o")
        await on_top(pilot, QuestionnaireScreen)
        assert keys_all_shown(app) == ["b Back a question", "esc Leave"]
        await press(pilot, "escape", "escape")

        await wait_today(pilot)
        await press(pilot, "c")
        await on_top(pilot, CheckInScreen)
        assert keys_all_shown(app)[0] == "esc Back"
        await press(pilot, "escape")

        await wait_today(pilot)
        await press(pilot, "s")
        settings = await on_top(pilot, SettingsScreen)
        assert keys_all_shown(app) == [
            "^s Save",
            "t Test the voice",
            "l Clicker",
            "esc Back without saving",
        ]
        for row in settings.query(".setting-row"):
            assert across(row), row
    rig.services.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_voice_mark_has_its_own_spot_in_the_workout_and_the_pain_box(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    width = size[0]
    word = "VOICE MUTED · v why" if width >= 80 else "VOICE MUTED"
    async with app.run_test(size=size) as pilot:
        workout = await start_workout(pilot)
        await press(pilot, "m")
        mark = workout.query_one("#w-marks VoiceMark", VoiceMark)
        status = workout.query_one("#w-status", Static)
        for t in (T0 + 1, T0 + 6 + 1.2 * 4 + 0.5):  # "Up next · ...", then a rep
            await move_to(pilot, clock, t)
            assert " ".join(drawn(mark)).strip() == word
            assert (mark.region.y, mark.region.right) == (0, width)
            # Beside the status, which is never cut: the short form when the long one is not
            # (60 columns), with the sets still there.
            assert status.region.right <= mark.region.x
            said = plain(status)
            assert drawn(status) == [said] and "Set 1 of 1" in said, (drawn(status), said)

        await move_to(pilot, clock, SET_1_END + 5)
        assert isinstance(app.screen, PainScreen)
        over = app.screen.query_one(VoiceMark)
        assert over.region == mark.region and " ".join(drawn(over)).strip() == word
        assert app.screen.query_one("#pain-box").region.y > 0
    rig.services.close()


@pytest.mark.parametrize("size", SIZES)
async def test_todays_voice_mark_leaves_the_title_whole(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    clock = ManualClock()
    down = VoiceStatus("unavailable", "no working audio output", "")
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    rig.voice.status = down
    app = rig.app
    async with app.run_test(size=size) as pilot:
        today = await wait_today(pilot)
        app.refresh_voice()
        await settle(pilot)
        mark = today.query_one(VoiceMark)
        title = today.query_one(HeaderTitle)
        assert mark.region.width > 0 and mark.region.right == size[0]
        assert " ".join(drawn(mark)).strip().startswith("NO VOICE")
        row = drawn(title)[0]
        start = row.index("achilles-coach — plyometric Achilles rehab")
        x0 = title.content_region.x + start
        on_top = {today.get_widget_at(x, 0)[0] for x in range(x0, x0 + 42)}
        assert mark not in on_top, "the mark covers the title"
    rig.services.close()


@pytest.mark.parametrize("size", SIZES)
async def test_part_1_at_each_supported_size(make_rig: RigFactory, size: tuple[int, int]) -> None:
    clock = ManualClock()
    part1_on = Settings(sore_side="right")
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now), settings=part1_on)
    app = rig.app
    async with app.run_test(size=size) as pilot:
        today = await wait_today(pilot)
        dose = today.query_one("#today-dose", BigText)
        assert dose.text == "3x15RM + 1x15"
        assert len(shown(dose)) >= 3 and across(dose)  # in a block font, whole
        for line in today.query("#today-part1 Static"):
            assert across(line)
        assert keys_all_shown(app)[0] == "⏎ Start session"

        await press(pilot, "enter")
        loads = await on_top(pilot, LoadScreen)
        assert all(across(row) for row in loads.query(".load-row"))
        assert keys_all_shown(app) == [
            "⏎ Start",
            "+ Heavier",
            "- Lighter",
            "↓ Next exercise",
            "esc Back",
        ]
        await press(pilot, "enter")
        await wait_for(pilot, lambda: workout_running(app), what="the workout")
        workout = workout_of(app)
        await move_to(pilot, clock, T0 + 6 + 6 * 4 + 4.5)  # rep 5 on its way down
        leg, count = workout.query_one("#w-leg", BigText), workout.query_one("#w-count", BigText)
        assert (leg.text, count.text) == ("down", "5")
        assert len(shown(leg)) >= 3 and len(shown(count)) >= 3
        assert whole(leg) and whole(count)
        status = workout.query_one("#w-status", Static)
        assert drawn(status) == [plain(status)] and plain(status).startswith("Calf raises")
        assert keys_all_shown(app) == ["space Pause", "n Skip", "m Mute", "x Ouch", "q End"]

        await move_to(pilot, clock, T0 + 6 + 91.0 + 5)  # the rest after set 1, and its rating
        assert isinstance(app.screen, PainScreen)
        assert uncovered(app, count), "the pain box covers the rest countdown"
        while not isinstance(app.screen, SummaryScreen):
            await press(pilot, "2" if isinstance(app.screen, PainScreen) else "n")
        summary = await on_top(pilot, SummaryScreen)
        await settle(pilot)
        for table in summary.query(DataTable):  # every column whole, beside any scrollbar
            assert table.virtual_size.width <= table.scrollable_content_region.width, table.id
        assert keys_all_shown(app)[-1] == "q Quit"
    rig.services.close()


def test_a_wordy_table_wraps_its_wordy_columns_to_fit() -> None:
    heads = ("Date", "Week", "Exercise", "Load", "Reps done", "Pain")
    row = (
        "Wed 02 Dec 26",
        "W1 3x15RM",
        "Standing calf raise, knee straight (both legs)",
        "no added load",
        "15/45",
        "4/10",
    )
    wrap = ((2, 10), (3, 8), (0, 6), (1, 6))
    assert widths(heads, [row], None, wrap) == [13, 9, 46, 13, 9, 4]
    for width in (100, 80, 60):
        fitted = widths(heads, [row], width, wrap)
        assert sum(fitted) + 2 * len(heads) + SCROLLBARS <= width, (width, fitted)
        assert fitted[4:] == [9, 4]  # the numbers keep their width
    assert widths(heads, [row], 80, wrap) == [13, 9, 16, 13, 9, 4]  # only the name wraps
