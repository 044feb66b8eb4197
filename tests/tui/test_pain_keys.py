"""Through the real app on a manual clock: the countdown waits for the voice to report the
announcement heard (from another thread, as the speech thread does); x stops for pain in any
phase; u changes a stopping rating in the seconds before the stop."""

from __future__ import annotations

import threading
from collections.abc import Callable

from session.effects import CueKind, Priority
from session.engine import Phase
from session.records import SessionStatus
from store import Store
from tests.pilot import footer_keys, press, settle, text_of, wait_for
from tests.tui.conftest import (
    T0,
    ManualClock,
    RigFactory,
    move_to,
    start_workout,
)
from tui.screens.pain import PainScreen
from tui.screens.summary import SummaryScreen
from tui.voice import RecordingVoice
from tui.voice.protocol import CueEndCallback
from tui.widgets.big_text import BigText


class HeldVoice(RecordingVoice):
    """Records what is said like `RecordingVoice`, but keeps each cue's end report back until
    the test gives it, from another thread: speech takes time this voice does not have."""

    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__(clock=clock)
        self.held: list[tuple[str, CueEndCallback]] = []

    def say(
        self,
        text: str,
        *,
        priority: Priority = Priority.NORMAL,
        stale_at: float | None = None,
        kind: CueKind | None = None,
        on_end: CueEndCallback | None = None,
    ) -> None:
        super().say(text, priority=priority, stale_at=stale_at, kind=kind)
        if on_end is not None:
            self.held.append((text, on_end))

    def release(self, spoken: bool = True) -> None:
        """Report every held cue's end, from a thread of its own."""
        held, self.held = self.held, []
        for _, ended in held:
            thread = threading.Thread(target=ended, args=(spoken,))
            thread.start()
            thread.join()


async def test_the_countdown_waits_until_the_announcement_is_heard(make_rig: RigFactory) -> None:
    clock = ManualClock()
    voice = HeldVoice(clock.now)
    rig = make_rig(clock, voice=voice)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        assert workout.runner is not None
        assert [text for text, _ in voice.held] == ["Single leg hop up. Right leg. Set 1 of 1."]
        # A long announcement: still being said 4 s in. No countdown, no number on screen.
        await move_to(pilot, clock, T0 + 4.2)
        assert workout.runner.state.phase is Phase.ANNOUNCE
        assert workout.query_one("#w-count", BigText).text == ""
        assert text_of(app, "#w-count-label") == "get ready"
        voice.release()
        await wait_for(
            pilot,
            lambda: workout.runner is not None and workout.runner.state.deadline == T0 + 4.7,
            what="the report",
        )
        await move_to(pilot, clock, T0 + 4.7)
        assert voice.texts[-1] == "three"
        assert workout.query_one("#w-count", BigText).text == "3"
    rig.services.close()


async def test_x_mid_set_stops_for_pain_and_asks_the_rating(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await start_workout(pilot)
        await move_to(pilot, clock, T0 + 6 + 1.2 * 4 + 0.5)
        await press(pilot, "x")
        assert isinstance(app.screen, PainScreen)
        assert rig.voice.texts[-1] == "Stopping for pain. Rate the pain, zero to ten."
        assert text_of(app, "#pain-rest-label") == (
            "Stopped for pain · rate it, and the session ends here"
        )
        await press(pilot, "3")
        await wait_for(pilot, lambda: isinstance(app.screen, SummaryScreen), what="the summary")
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    assert record.status is SessionStatus.STOPPED_FOR_PAIN
    (result,) = record.sets
    assert result.pain == 3 and [leg.reps_done for leg in result.legs] == [4]
    assert result.stopped is not None
    assert (result.stopped.phase, result.stopped.leg, result.stopped.rep) == ("reps", "right", 4)


async def test_u_in_the_grace_takes_back_a_six(make_rig: RigFactory) -> None:
    clock = ManualClock()
    rig = make_rig(clock, voice=RecordingVoice(clock=clock.now))
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await move_to(pilot, clock, T0 + 60.4 + 3)
        assert isinstance(app.screen, PainScreen)
        await press(pilot, "6")
        assert app.screen is workout
        assert rig.voice.texts[-1] == "6. Press u to change it."
        assert text_of(app, "#w-count-label") == "stopping · u to change"
        assert "u Re-rate" in footer_keys(app)  # the footer offers the key
        await move_to(pilot, clock, T0 + 60.4 + 5)
        await press(pilot, "u")
        assert isinstance(app.screen, PainScreen)  # asked again
        await press(pilot, "4")
        await settle(pilot)
        assert workout.runner is not None and workout.runner.state.phase is Phase.REST
        await move_to(pilot, clock, T0 + 60.4 + 20)
        assert not workout.runner.state.finished
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        (record,) = store.sessions()
    (result,) = record.sets
    assert result.pain == 4 and [(c.old, c.new) for c in result.pain_changes] == [(6, 4)]
