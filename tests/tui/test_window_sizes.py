"""The smallest supported window (60 x 20) and up: every control and every number of a session
is on screen, and the pain box never covers the rest countdown. Below it: "make the window
bigger", naming the size needed and the size now, while the session carries on underneath.

Through the real app (Pilot) on a real store in tmp_path, on a ManualClock so that every number
is exact. "On screen" is measured on what the compositor draws: a widget's whole region inside
the window, and for the rest countdown under the pain box, every one of its cells free of the
box (the modal's own screen is what shows there, and it is transparent).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._footer import FooterKey

from session.engine import Phase
from tests.pilot import drawn, footer_keys, press, settle, text_of, wait_for
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    big_lines,
    move_to,
    start_workout,
    wait_today,
    workout_of,
)
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice
from tui.widgets.big_text import BigText, render_figlet
from tui.widgets.pain_scale import PainCell
from tui.widgets.size_guard import SizeGuard

SIZES = [(60, 20), (80, 24), (100, 30)]
"""The smallest supported window, the classic terminal, a roomy one."""
SET_1_END = T0 + 60.4
"""Set 1 ends (Single Leg Hop Up, right then left): the rest and the pain question begin."""


def whole(widget: Widget) -> bool:
    """Whether all of `widget` is inside the window (nothing of it clipped)."""
    region, size = widget.region, widget.app.size
    return (
        region.width == widget.outer_size.width
        and region.height == widget.outer_size.height
        and region.right <= size.width
        and region.bottom <= size.height
    )


def shown(widget: Widget) -> list[str]:
    """What a widget draws, without the blank rows under it."""
    rows = drawn(widget)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def doubled(text: str) -> list[str]:
    """`text` in the block font, doubled (the count when the rows are there)."""
    return list(render_figlet(text.upper(), "ansi_regular", 2))


def keys_all_shown(app: App[Any]) -> list[str]:
    """The footer's keys ("q End"), after checking each is drawn whole inside the window."""
    keys = list(app.screen.query(FooterKey))
    assert keys and all(whole(key) for key in keys), [(k.key, k.region) for k in keys]
    return list(dict.fromkeys(footer_keys(app)))  # + and = are one key in the footer


def uncovered(app: App[Any], widget: Widget) -> bool:
    """Whether every cell of `widget` (on the screen under the modal on top) shows through."""
    top = app.screen
    region = widget.content_region
    return all(
        top.get_widget_at(x, y)[0] is top
        for y in range(region.y, region.bottom)
        for x in range(region.x, region.right)
    )


@pytest.mark.parametrize("size", SIZES)
async def test_the_workout_at_each_supported_size(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=size) as pilot:
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 12 + 0.5)
        leg, count = workout.query_one("#w-leg", BigText), workout.query_one("#w-count", BigText)
        assert shown(leg) == big_lines("right", "ansi_regular")  # the block font at least
        assert shown(count) in (big_lines("12", "ansi_regular"), doubled("12"))
        assert whole(count) and whole(leg)
        for part in ("#w-status", "#w-detail", "#w-next", "#w-caption"):
            assert whole(workout.query_one(part)), part
        assert keys_all_shown(app) == [
            "space Pause",
            "n Skip",
            "+ Faster",
            "- Slower",
            "m Mute",
            "x Ouch",
            "q End",
        ]

        # The rest with the pain question over it: the countdown stays, big and uncovered.
        await move_to(pilot, clock, SET_1_END + 5)
        assert isinstance(app.screen, PainScreen)
        assert shown(count) in (big_lines("40", "ansi_regular"), doubled("40"))
        assert uncovered(app, count), "the pain box covers the rest countdown"
        cells = list(app.screen.query(PainCell))
        assert [c.rating for c in cells] == list(range(11))
        assert all(whole(cell) and cell.region.width >= 3 for cell in cells)
        assert [row.strip() for row in drawn(cells[-1]) if row.strip()] == ["10", "(t)"]
        assert whole(app.screen.query_one("#pain-rest-label"))
        assert keys_all_shown(app) == ["space Pause", "n Skip rest", "x Ouch", "q End"]

        # Paused: the big word says so, and the footer says what space does now.
        await press(pilot, "space")
        await settle(pilot)
        assert uncovered(app, count)
        assert "space Resume" in keys_all_shown(app)
    rig.services.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_summary_and_today_at_each_supported_size(
    make_rig: RigFactory, size: tuple[int, int]
) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=size) as pilot:
        today = await wait_today(pilot)
        dose = today.query_one("#today-dose", BigText)
        assert shown(dose) == big_lines("1 x 15", "ansi_regular")
        assert keys_all_shown(app) == [
            "⏎ Start session",
            "c Check-in",
            "h History",
            "s Settings",
            "q Quit",
        ]
        await start_workout(pilot)
        for t, rating in ((SET_1_END + 5, "2"), (T0 + 212.4, "4"), (T0 + 313.8, "1")):
            await move_to(pilot, clock, t)
            await press(pilot, rating)
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="summary")
        table = app.screen.query_one("#summary-table", DataTable)
        await settle(pilot)
        # Every column whole: the names wrap rather than push the pain column off the screen.
        assert table.virtual_size.width <= table.size.width
        assert [str(c.label) for c in table.columns.values()] == [
            "Exercise",
            "Set",
            "Right",
            "Left",
            "Pain 0-10",
        ]
        await wait_for(pilot, lambda: bool(app.screen.query(FooterKey)), what="the keys")
        assert keys_all_shown(app) == ["⏎ Back to today", "u Change last rating", "q Quit"]
    rig.services.close()


@pytest.mark.parametrize(
    ("size", "need"),
    [((59, 24), "60 x 20"), ((80, 19), "60 x 20"), ((35, 40), "36 x 30")],
)
async def test_below_the_smallest_size_it_says_make_the_window_bigger(
    make_rig: RigFactory, size: tuple[int, int], need: str
) -> None:
    rig = make_rig(ManualClock())
    app = rig.app
    async with app.run_test(size=size) as pilot:
        await wait_today(pilot)
        width, height = size
        guard = app.screen.query_one(SizeGuard)
        assert guard.display and whole(guard)
        # Over everything but the title bar and the footer (their keys still work).
        assert guard.region.height >= app.size.height - 2 and guard.region.width == width
        said = text_of(app, "#size-guard")
        assert said.startswith("Make the window bigger.")
        assert f"needs at least {need} (columns x rows)" in said
        assert f"this window is {width} x {height}." in said
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert not app.screen.query_one(SizeGuard).display
    rig.services.close()


async def test_a_window_made_small_mid_set_keeps_the_session_going(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 3 + 0.5)
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        assert workout.query_one(SizeGuard).display
        await move_to(pilot, clock, T0 + 6 + 1.2 * 5 + 0.5)
        runner = workout.runner
        assert runner is not None and (runner.state.phase, runner.state.rep) == (Phase.REPS, 5)
        assert rig.voice.texts[-1] == "5"  # still counting out loud
        await press(pilot, "space")  # and the keys still work
        assert runner.state.paused
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not workout.query_one(SizeGuard).display
        assert workout_of(app) is workout
    rig.services.close()
