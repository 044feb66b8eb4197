"""The real speech thread reports a cue's end from its own thread: what follows (the countdown, the
reps, and the pain question with its modal) must still run inside the app.

Found while listening to the real app (tests/strength/test_listening_tempo.py): the report came
to the loop without the app's context (Textual's active app is a context variable), every timer
armed after it inherited that empty context, and the pain modal opened from one of them could
not find its app: the app crashed at the first rating, whenever a real voice was heard.
"""

from __future__ import annotations

import threading
from typing import Any

from session.records import SessionStatus
from tests.pilot import wait_for
from tests.tui.conftest import RigFactory, never_stale, start_workout
from tests.tui.test_session_flow import quit_from_summary, rate_sets
from tui.clock import EngineClock
from tui.screens.pain import PainScreen
from tui.voice import RecordingVoice


class ThreadedVoice(RecordingVoice):
    """Records every cue, then reports its end from another thread, as the speech thread does."""

    def __init__(self) -> None:
        super().__init__(clock=never_stale)
        self.reporters: list[str] = []

    def say(self, text: str, *, on_end: Any = None, **kwargs: Any) -> None:
        if on_end is None:
            super().say(text, **kwargs)
            return
        ended: list[bool] = []
        super().say(text, on_end=ended.append, **kwargs)

        def report() -> None:
            self.reporters.append(threading.current_thread().name)
            on_end(ended[0])

        threading.Thread(target=report, name="speech-report").start()


async def test_a_session_runs_to_its_ratings_when_cues_end_on_another_thread(
    make_rig: RigFactory,
) -> None:
    voice = ThreadedVoice()
    rig = make_rig(EngineClock.started(150.0), voice=voice)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        workout = await start_workout(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, PainScreen), what="the pain modal")
        await rate_sets(pilot, [2, 2, 2])
        assert workout.runner is not None
        assert workout.runner.state.record.status is SessionStatus.COMPLETED
        await quit_from_summary(pilot)
    assert voice.reporters and set(voice.reporters) == {"speech-report"}
