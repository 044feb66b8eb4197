"""Driving the real app with a remote: each device's keys at chosen moments of a manual clock.

Terminals send a held key again and again and no release, so a press is a key at a time, a hold
is the key repeated (after the repeat delay, then every few hundredths of a second), and a tap
is known once the key went quiet: `advance` moves the clock on, as real time would pass, and
lets the remote, the pain dial and the workout act on it.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from session.clicker import ClickerMapping
from session.records import Settings
from tests.pilot import settle, tap, wait_for
from tests.tui.conftest import RIGHT_SORE, ManualClock, move_to, workout_of
from tui.screens.pain import PainScreen
from tui.voice import RecordingVoice
from tui.widgets.pain_scale import PainCell

FIRST_REPEAT = 0.6
"""When a held key first repeats (under the mappings' 0.66 s repeat delay)."""
REPEAT_EVERY = 0.05
"""Then, as a system's auto-repeat does (20 a second)."""
QUIET = 1.0
"""Long enough after a key for its press to be known as a tap."""


def with_clicker(mapping: ClickerMapping | None) -> Settings:
    return RIGHT_SORE.model_copy(update={"clicker": mapping})


async def advance(pilot: Pilot[Any], clock: ManualClock, t: float) -> None:
    """Move on to engine time `t` (the workout's deadlines on the way), then let the remote and
    the pain question's dial act on it, as their timers would."""
    await move_to(pilot, clock, t)
    workout = workout_of(pilot.app)
    if workout.remote is not None:
        workout.remote.tick()
    screen = pilot.app.screen
    if isinstance(screen, PainScreen) and screen.remote_keys is not None:
        screen.remote_keys.tick()
    await settle(pilot)


async def key_at(pilot: Pilot[Any], clock: ManualClock, key: str, t: float) -> None:
    """The key, once, at `t` (the first event of a press)."""
    await move_to(pilot, clock, t)
    tap(pilot.app, key)
    await settle(pilot)


async def click(pilot: Pilot[Any], clock: ManualClock, key: str, t: float) -> float:
    """A short press at `t`, known as a tap once quiet; returns when it is over."""
    await key_at(pilot, clock, key, t)
    await advance(pilot, clock, t + QUIET)
    return t + QUIET


async def hold(pilot: Pilot[Any], clock: ManualClock, key: str, t: float, seconds: float) -> float:
    """The key held down from `t` for `seconds` (it repeats); returns when it was let go."""
    await key_at(pilot, clock, key, t)
    at = t + FIRST_REPEAT
    while at <= t + seconds + 1e-9:
        clock.set(at)
        tap(pilot.app, key)
        await settle(pilot)
        at += REPEAT_EVERY
    return at - REPEAT_EVERY


async def until_pain_question(pilot: Pilot[Any], clock: ManualClock, t: float) -> float:
    """Let the session run a second at a time until the pain question is up; returns when."""
    app = pilot.app
    for _ in range(240):
        if isinstance(app.screen, PainScreen):
            await wait_for(pilot, lambda: asking(app.screen), what="the pain question")
            await settle(pilot)
            return t
        t += 1.0
        await advance(pilot, clock, t)
    raise AssertionError("the pain question never came")


def asking(screen: object) -> bool:
    """The pain question is up, its remote (if any) listened to."""
    if not isinstance(screen, PainScreen):
        return False
    return screen.keys is None or screen.remote_keys is not None


def said_since(voice: RecordingVoice, mark: int) -> list[str]:
    return voice.texts[mark:]


def dialed(screen: PainScreen) -> list[int]:
    """The ratings lit on the pain scale as the dial's value."""
    return [cell.rating for cell in screen.query(PainCell) if cell.has_class("-dialed")]
