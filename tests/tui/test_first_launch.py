"""First launch through the real app: nothing is chosen for the runner, Enter saves what is
highlighted, and the app says what it saved (a real store in tmp_path)."""

from __future__ import annotations

from textual.app import App
from textual.widgets import OptionList

from store import Store
from tests.pilot import press, settle, tap, text_of, wait_for
from tests.tui.conftest import ManualClock, RigFactory, wait_today
from tui.screens.first_launch import NO_SIDE_YET, FirstLaunchScreen


def asked(app: App[None]) -> bool:
    """The questions are on screen (pushed, and composed: a screen pushed is not yet)."""
    return isinstance(app.screen, FirstLaunchScreen) and bool(app.screen.query("#sore-side"))


async def test_arrowing_to_left_and_pressing_enter_saves_left(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(), settings=None)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: asked(app), what="questions")
        sides = app.screen.query_one("#sore-side", OptionList)
        assert sides.highlighted is None  # no side is preselected
        assert text_of(app, "#first-launch-choice") == NO_SIDE_YET

        await press(pilot, "enter")  # nothing chosen yet: Enter saves nothing, and says so
        assert isinstance(app.screen, FirstLaunchScreen)
        assert text_of(app, "#first-launch-choice") == NO_SIDE_YET

        await press(pilot, "down")
        assert text_of(app, "#first-launch-choice") == (
            "Enter saves: left Achilles sore; the sessions train both legs, left first."
        )
        await press(pilot, "enter")
        await wait_today(pilot)
        assert text_of(app, "#today-summary") == (  # after part 1, on for a new runner
            "Then the circuit: 1 set of 15 reps of each exercise, each leg in turn (left, then "
            "right)."
        )
        notices = [str(n.message) for n in app._notifications]
        assert (
            "Saved: left Achilles sore; the sessions train both legs, left first. "
            "Change it in Settings (s)."
        ) in notices
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        settings = store.settings()
    assert (settings.sore_side, settings.train) == ("left", "both")


async def test_both_sides_and_the_sore_side_only_by_the_arrows(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(), settings=None)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: asked(app), what="questions")
        await press(pilot, "r", "down")  # r highlights Right; one down: Both
        assert text_of(app, "#first-launch-choice") == (
            "Enter saves: both Achilles sore; the sessions train both legs, left first."
        )
        await press(pilot, "up", "tab", "down")  # back to Right; the legs: the sore side only
        assert text_of(app, "#first-launch-choice") == (
            "Enter saves: right Achilles sore; the sessions train the right leg only."
        )
        await press(pilot, "enter")
        await wait_today(pilot)
        assert text_of(app, "#today-summary") == (
            "Then the circuit: 1 set of 15 reps of each exercise, each leg in turn (right only)."
        )
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        settings = store.settings()
    assert (settings.sore_side, settings.train) == ("right", "sore_only")


async def test_a_quick_down_and_enter_and_a_click_that_only_picks(make_rig: RigFactory) -> None:
    rig = make_rig(ManualClock(), settings=None)
    app = rig.app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: asked(app), what="questions")
        sides = app.screen.query_one("#sore-side", OptionList)
        await wait_for(pilot, lambda: sides.region.height > 0, what="the answers on screen")
        await settle(pilot)
        # A click picks an answer without saving it: the legs question is still to be seen.
        await pilot.click("#sore-side", offset=(3, 2))  # the second row: Right
        assert isinstance(app.screen, FirstLaunchScreen) and sides.highlighted == 1
        # Down and Enter in one burst (as a fast hand types them): Enter follows the arrow.
        tap(app, "down")
        tap(app, "enter")
        await wait_today(pilot)
    rig.services.close()
    with Store.open(rig.data_dir, write=False) as store:
        assert store.settings().sore_side == "both"
