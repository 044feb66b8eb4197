"""The check-in screen asks which morning an entry is about when the time leaves it open, and shows
the red flags when a morning calls for them: through the real app (Pilot) on a real store."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from session.records import CheckIn
from store import Store
from tests.review.builders import at, calm_mornings, morning, session
from tests.review.conftest import PROGRAM, AppFactory, write_history
from tests.review.screens import on_screen, open_checkin, save_checkin, text, wait_for
from tui.app import AchillesApp
from tui.screens.today import TodayScreen


def stored(app: AchillesApp) -> list[CheckIn]:
    with Store.open(app.services.data_dir, write=False) as store:
        return store.checkins()


def trained_today(tmp_path: Path) -> Path:
    """Monday's session, Tuesday and Wednesday mornings at 2/10, and a session on Wednesday."""
    return write_history(
        tmp_path / "data",
        [session(4, at(0)), session(5, at(2))],
        [*calm_mornings(0), morning(1, 2), morning(2, 2)],
    )


async def test_an_evening_entry_after_a_session_does_not_overwrite_the_morning(
    tmp_path: Path, make_app: AppFactory
) -> None:
    """Wednesday 21:00, after the 18:00 session: the entry is not taken as Wednesday's morning
    (which would replace the 2/10 given on waking); the screen asks, and "n" saves nothing."""
    data = trained_today(tmp_path)
    before = None
    app = make_app(data, now=at(2, 21))
    async with app.run_test(size=(80, 24)) as pilot:
        before = stored(app)
        screen = await open_checkin(pilot)
        assert screen.form is not None and screen.form.which.ambiguous
        assert text(screen, "#checkin-question") == (
            "You trained today at 18:00. Is this about this morning, before the session, or "
            "about how it feels now?"
        )
        assert screen.query_one("#checkin-form").has_class("hidden")
        choices = screen.query_one("#checkin-choices", OptionList)
        assert app.focused is choices
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(2)]
        assert prompts[0] == (
            "1  This morning, Wed 28 May, on waking, before the session "
            "(it replaces the 2/10 already saved for that morning)"
        )
        assert prompts[1].startswith("n  How it feels now, after the session")
        await pilot.press("n")
        assert screen.declined and screen.result is None
        assert "Nothing is saved; check in tomorrow morning" in text(screen, "#checkin-verdict")
        await pilot.press("enter")
        await on_screen(pilot, TodayScreen)
    assert stored(app) == before
    wednesday = next(c for c in before if c.day == at(2).date())
    assert wednesday.pain == 2 and wednesday.recorded_at == at(2, 7, 30)


async def test_choosing_the_morning_replaces_it_knowingly(
    tmp_path: Path, make_app: AppFactory
) -> None:
    data = trained_today(tmp_path)
    app = make_app(data, now=at(2, 21))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        await pilot.press("1")
        await wait_for(pilot, lambda: "How did" in text(screen, "#checkin-intro"))
        assert text(screen, "#checkin-intro") == (
            "How did the Achilles feel this morning, on waking? Your usual is 2/10 (the median "
            "of your last 7 mornings)."
        )
        assert app.focused is screen.query_one("#checkin-pain")
        # The choice's keys are letters and digits a note may hold: once chosen, they type.
        await save_checkin(pilot, screen, "3", "tab", "tab", *"n 1 2 on waking")
        assert text(screen, "#checkin-verdict").startswith(
            "Saved, replacing that morning's earlier check-in. Morning pain 3/10"
        )
    (wednesday,) = [c for c in stored(app) if c.day == at(2).date()]
    assert (wednesday.pain, wednesday.confirmed, wednesday.note) == (3, True, "n 1 2 on waking")
    assert wednesday.recorded_at == at(2, 21)


async def test_at_night_it_asks_which_morning(tmp_path: Path, make_app: AppFactory) -> None:
    """01:30 on Thursday: this morning (up early), or Wednesday's, or not a morning."""
    data = write_history(tmp_path / "data", [session(4, at(0))], calm_mornings(1))
    app = make_app(data, now=at(3, 1, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        assert text(screen, "#checkin-question") == (
            "It is 01:30, at night. Which morning is this check-in about?"
        )
        assert screen.query_one("#checkin-choices", OptionList).option_count == 3
        await pilot.press("2")
        await wait_for(pilot, lambda: "How did" in text(screen, "#checkin-intro"))
        assert text(screen, "#checkin-heading") == "Morning check-in: Wednesday 28 May, on waking"
        assert text(screen, "#checkin-intro").startswith(
            "How did the Achilles feel on the morning of Wed 28 May, on waking?"
        )
        await save_checkin(pilot, screen, "2")
    (saved,) = [c for c in stored(app) if c.day == at(2).date()]
    assert (saved.pain, saved.confirmed) == (2, True)


async def test_a_morning_far_above_the_usual_shows_the_red_flags(
    tmp_path: Path, make_app: AppFactory
) -> None:
    data = write_history(tmp_path / "data", [session(4, at(0))], calm_mornings(0, pain=1))
    app = make_app(data, now=at(1, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        await save_checkin(pilot, screen, "6")
        assert screen.result is not None and screen.result.see_clinician
        verdict = text(screen, "#checkin-verdict")
        assert "Morning pain 6/10 is far above your usual (1/10)" in verdict
        assert "get it checked by a physio or doctor" in verdict
        box = screen.query_one("#checkin-redflags")
        assert not box.has_class("hidden") and box.border_title == "Red flags"
        flags = text(screen, "#checkin-redflags").splitlines()
        assert flags[0] == PROGRAM.red_flags.heading
        assert flags[1:] == [f"• {sign}" for sign in PROGRAM.red_flags.signs]
        assert not screen.query_one("#checkin-calming").has_class("hidden")


async def test_a_calm_morning_shows_no_red_flags(tmp_path: Path, make_app: AppFactory) -> None:
    data = write_history(tmp_path / "data", [session(4, at(0))], calm_mornings(0, pain=1))
    app = make_app(data, now=at(1, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checkin(pilot)
        await save_checkin(pilot, screen, "1")
        assert screen.query_one("#checkin-redflags").has_class("hidden")
        assert text(screen, "#checkin-verdict") == (
            "Saved. Morning pain 1/10: no worse than your usual (1/10). Carry on."
        )
