"""Today with the start-up preview, under Pilot: the preview's plan is shown before the history
has opened, the history's then takes its place, and Enter pressed on the preview's plan starts
the session once the history is in.

The preview's process is played by `GivenPreview` (the process itself is tested in
test_preview.py, in a fresh interpreter): it hands over real words, those of this data folder,
with one reason added so the test can tell them from the history's. The history's own thread is
held (a call queued on it first, waiting for the test) until the test lets it go.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from tests.pilot import settle, tap, wait_for
from tests.review.builders import session
from tests.tui.test_preview import folder_with, local_days_ago, the_apps_words
from tui.app import make_app
from tui.coach.today_words import TodayWords
from tui.screens.loads import LoadScreen
from tui.screens.today import TodayScreen
from tui.services import silent_voice

MARK = "Shown from the preview."


class GivenPreview:
    """The parent's end of `PlanPreview`, with its words given."""

    def __init__(self, words: TodayWords) -> None:
        self._words: TodayWords | None = words
        self.closed = False

    @property
    def pending(self) -> bool:
        return False

    async def words(self, within: float | None = None) -> TodayWords | None:
        return self._words

    def close(self) -> None:
        self.closed = True


def reasons(screen: TodayScreen) -> str:
    return str(screen.query_one("#today-reasons").render())


async def test_the_preview_comes_first_then_the_history_and_an_early_enter_is_kept(
    tmp_path: Path,
) -> None:
    data = folder_with(tmp_path / "data", session(0, local_days_ago(3)), mornings=3)
    words = the_apps_words(data)
    preview = GivenPreview(dataclasses.replace(words, reasons=(*words.reasons, MARK)))
    app = make_app(data_dir=data, voice_factory=silent_voice, preview=preview)  # type: ignore[arg-type]
    release = threading.Event()
    app.coach.call(lambda coach: release.wait(30))  # the history's thread, held
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            await wait_for(pilot, lambda: MARK in reasons(screen), what="the preview's plan")
            assert screen.today is None  # the history has not opened: the app waits for it
            assert words.heading in str(screen.query_one("#today-heading").render())

            tap(app, "enter")  # the runner starts at once, on the preview's plan
            await settle(pilot)
            assert app.screen is screen  # kept until the history's plan is in

            release.set()
            await wait_for(pilot, lambda: isinstance(app.screen, LoadScreen), what="part 1")
            await settle(pilot)
            assert screen.today is not None
            assert MARK not in reasons(screen)  # the history's own words took their place
            assert screen.words == words
    finally:
        release.set()
        app.services.close()
    assert preview.closed
