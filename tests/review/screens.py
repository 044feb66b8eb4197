"""Driving the app in the review tests: wait for a screen or a condition; open check-in, history,
a session's detail."""

from __future__ import annotations

from typing import TypeVar

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from tests.pilot import plain, wait_for
from tui.screens.checkin import CheckInScreen
from tui.screens.history import HistoryScreen
from tui.screens.session_detail import SessionDetailScreen
from tui.screens.today import TodayScreen

S = TypeVar("S", bound=Screen[object])


async def on_screen(pilot: Pilot[None], kind: type[S]) -> S:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), what=kind.__name__)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def today(pilot: Pilot[None]) -> TodayScreen:
    screen = await on_screen(pilot, TodayScreen)
    await wait_for(pilot, lambda: screen.today is not None, what="the Today plan")
    await pilot.pause()
    return screen


async def open_checkin(pilot: Pilot[None]) -> CheckInScreen:
    """The check-in, once loaded: the form with the runner's usual, or the question of which
    morning it is for. The one the app offers by itself on the first launch of a day after a
    session, or else Today's `c`."""
    app = pilot.app

    def settled() -> bool:
        screen = app.screen
        return isinstance(screen, CheckInScreen) or (
            isinstance(screen, TodayScreen) and screen.today is not None
        )

    await wait_for(pilot, settled, what="Today or the offered check-in")
    if not isinstance(app.screen, CheckInScreen):
        await pilot.press("c")
    screen = await on_screen(pilot, CheckInScreen)
    await wait_for(pilot, lambda: screen.form is not None, what="the check-in to load")
    await wait_for(pilot, lambda: text(screen, "#checkin-zones") != "")
    if screen.form is not None and not screen.form.which.ambiguous:
        await wait_for(pilot, lambda: "How did" in text(screen, "#checkin-intro"))
    await pilot.pause()
    return screen


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    """From Today, press h and wait until the sessions are in the table."""
    await today(pilot)
    await pilot.press("h")
    screen = await on_screen(pilot, HistoryScreen)
    await wait_for(pilot, lambda: screen.review is not None, what="the history to load")
    await pilot.pause()
    return screen


async def session_detail(pilot: Pilot[None]) -> SessionDetailScreen:
    """The session detail screen just opened, once its full record is read and shown."""
    screen = await on_screen(pilot, SessionDetailScreen)
    await wait_for(
        pilot,
        lambda: screen.record is not None or screen.problem is not None,
        what="the session's sets to load",
    )
    await pilot.pause()
    return screen


async def save_checkin(pilot: Pilot[None], screen: CheckInScreen, *keys: str) -> None:
    """Type into the form (pain first; tab to move on), press Enter and wait for the result."""
    await pilot.press(*keys, "enter")
    await wait_for(pilot, lambda: screen.result is not None, what="the check-in to be saved")
    await pilot.pause()


def text(screen: Screen[object], selector: str) -> str:
    """The plain text of a Static (markup applied)."""
    return plain(screen.query_one(selector, Static))
