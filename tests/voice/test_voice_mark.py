"""The voice mark: always on screen while the voice is unavailable or muted, the reason one key
away, gone when the voice is back. The real app on a real store; the voice's status changes are
posted from another thread, as the speech thread posts them."""

from __future__ import annotations

import threading

from textual.app import App

from tests.pilot import drawn, press, settle, text_of, wait_for
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    make_rig,
    move_to,
    start_workout,
    wait_today,
)
from tui.app import AchillesApp
from tui.screens.pain import PainScreen
from tui.voice import VoiceStatus
from tui.voice.status import START_SERVER
from tui.widgets.voice_mark import COMES_BACK, VoiceMark, VoiceWhyScreen

__all__ = ["make_rig"]

DOWN = VoiceStatus(
    "unavailable",
    "no working audio output: the sound server is not running (paplay exited with status 1: "
    "pa_context_connect() failed: Connection refused)",
    START_SERVER,
    recovers=True,
)
FIRST_SET_S = 3 + 3 + 16 * 1.2 + 10 + 3 + 3 + 16 * 1.2
"""Circuit 1's first set, both legs: announcements, countdowns, 15 reps and the last one's beat,
and the switch."""


def post_from_thread(app: AchillesApp, status: VoiceStatus) -> None:
    thread = threading.Thread(target=app._voice_status_from_thread, args=(status,))
    thread.start()
    thread.join()


def top_right(app: App[object]) -> str:
    """What the mark draws, once it is seen to sit at the right end of the top row."""
    mark = app.screen.query_one(VoiceMark)
    assert mark.region.y == 0 and mark.region.right == app.size.width, mark.region
    return " ".join(drawn(mark)).strip()


def mark_shown(app: App[object]) -> bool:
    marks = list(app.screen.query(VoiceMark))
    return bool(marks) and marks[0].display and marks[0].region.width > 0


async def test_the_mark_stays_on_every_screen_while_the_voice_is_off_and_goes_when_back(
    make_rig: RigFactory,
) -> None:
    clock = ManualClock()
    rig = make_rig(clock)
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await wait_today(pilot)
        assert not mark_shown(rig.app)

        rig.voice.status = DOWN
        post_from_thread(rig.app, DOWN)
        await wait_for(pilot, lambda: mark_shown(rig.app), what="the mark on Today")
        assert top_right(rig.app) == "NO VOICE · v why"

        await press(pilot, "v")
        assert isinstance(rig.app.screen, VoiceWhyScreen)
        why = rig.app.screen.query_one("#voice-why-text").render()
        assert "the sound server is not running" in str(why)
        assert "pulseaudio --start" in str(why) and COMES_BACK in str(why)
        await press(pilot, "x")  # any key closes it
        assert not isinstance(rig.app.screen, VoiceWhyScreen)

        await start_workout(pilot)
        await settle(pilot)
        assert mark_shown(rig.app) and top_right(rig.app) == "NO VOICE · v why"
        await move_to(pilot, clock, T0 + FIRST_SET_S + 0.01)
        await wait_for(pilot, lambda: isinstance(rig.app.screen, PainScreen), what="pain")
        await settle(pilot)
        assert mark_shown(rig.app) and top_right(rig.app) == "NO VOICE · v why"
        assert text_of(rig.app, "#pain-question") == "How is the Achilles right now?"

        rig.voice.status = VoiceStatus("ok")
        post_from_thread(rig.app, rig.voice.status)
        await wait_for(pilot, lambda: not mark_shown(rig.app), what="the mark to go")
        assert rig.app.screen.query_one(VoiceMark).has_class("-clear")


async def test_muting_shows_the_mark_until_unmuted(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock())
    async with rig.app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await settle(pilot)
        assert not mark_shown(rig.app)
        await press(pilot, "m")
        assert rig.voice.muted and mark_shown(rig.app)
        assert top_right(rig.app) == "VOICE MUTED · v why"
        await press(pilot, "v")
        assert isinstance(rig.app.screen, VoiceWhyScreen)
        await press(pilot, "escape")
        await press(pilot, "m")
        assert not rig.voice.muted and not mark_shown(rig.app)
