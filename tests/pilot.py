"""Driving the real app under Pilot, for every app test: one wait, keys, and what is on screen.

Only Textual's public API: what a widget draws comes from `Widget.render_lines`, the keys the
footer offers from `Screen.active_bindings`, whether the app is leaving from `App.return_code`.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.content import Content
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

TIMEOUT = 10.0
"""Real seconds any wait may take before the test fails (generous: the machine may be busy)."""


async def wait_for(
    pilot: Pilot[Any], predicate: Callable[[], bool], *, timeout: float = TIMEOUT, what: str = ""
) -> None:
    """Let the app run until `predicate()` holds; fail after `timeout` real seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or predicate}")
        await pilot.pause(0.005)


async def settle(pilot: Pilot[Any]) -> None:
    """Let the app and its screen handle everything queued so far, then repaint.

    Unlike `pilot.pause()` / `pilot.press()` this does not guess from CPU use whether the app is
    idle (the workout repaints ten times a second, so it rarely looks idle on a busy machine).
    """
    app = pilot.app
    for target in (app, app.screen):
        done = asyncio.Event()
        if target.call_later(done.set):
            await asyncio.wait_for(done.wait(), timeout=TIMEOUT)
    await pilot.pause(0.01)


def tap(app: App[Any], key: str) -> None:
    """Send a key as the terminal would, without Pilot's wait for the app to go idle.

    `pilot.press` waits for the process to be idle (up to a second per key); at a high time scale
    the app is never idle, and that second is a whole rest period.
    """
    app.simulate_key(key)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one by one, each handled before the next."""
    for key in keys:
        tap(pilot.app, key)
        await settle(pilot)


def leaving(app: App[Any]) -> bool:
    """Whether the app has been asked to exit (its return code is set then)."""
    return app.return_code is not None


def plain(widget: Static) -> str:
    """The plain text (markup applied) a Static shows."""
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(visual)


def text_of(app: App[Any], selector: str) -> str:
    """The plain text of a Static on the screen on top."""
    return plain(app.screen.query_one(selector, Static))


def drawn(widget: Widget) -> list[str]:
    """The rows a widget draws inside its content region (no padding or border), right-stripped,
    and only when the widget is really on screen (not hidden behind another)."""
    region = widget.region
    x, y = widget.content_region.offset - region.offset
    width, height = widget.content_region.size
    if height and width:
        found, _ = widget.screen.get_widget_at(*widget.content_region.offset)
        assert found is widget or widget in found.ancestors, f"{widget} is not on screen"
    strips = widget.render_lines(Region(0, 0, region.width, region.height))
    return [strip.text[x : x + width].rstrip() for strip in strips[y : y + height]]


def footer_keys(app: App[Any]) -> list[str]:
    """What the footer of the screen on top offers, as "key Description" (enabled keys only)."""
    return [
        f"{app.get_key_display(b.binding)} {b.binding.description}"
        for b in app.screen.active_bindings.values()
        if b.binding.show and b.enabled
    ]
