"""Today: the prescription and why, a session to resume, and keys to start, review and set up."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.widgets.big_text import BigText
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from session.program import Program
    from store.coach import Today
    from tui.app import AchillesApp


class TodayScreen(Screen[None]):
    """What to do today. Everything heavy loads after the first frame."""

    app: AchillesApp

    BINDINGS = [
        Binding("enter", "start", "Start session"),
        Binding("r", "resume", "Resume"),
        Binding("c", "checkin", "Morning check-in"),
        Binding("h", "history", "History"),
        Binding("s", "settings", "Settings"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today: Today | None = None
        self.program: Program | None = None
        self._confirm_early = False
        self._checkin_offered: dt.date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield Static("Today", id="today-heading", classes="heading")
            yield BigText("", id="today-dose")
            yield Static("Loading your plan…", id="today-summary")
            yield Static("", id="today-ready", classes="hidden")
            yield Static("", id="today-resume", classes="hidden")
            yield Static("", id="today-reasons")
            yield Vertical(id="today-exercises")
        yield VoiceMark()
        yield Footer()

    def on_mount(self) -> None:
        # Paint first: the program, the store and the voice load once the frame is out.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        if self.today is not None:
            self.load()

    @work(exclusive=True, group="today")
    async def load(self) -> None:
        self.program = program = await self.app.program()
        if program is None:
            return
        settings = self.app.settings
        if settings is not None and settings.sore_side is None:
            from tui.screens.first_launch import FirstLaunchScreen

            await self.app.push_screen_wait(FirstLaunchScreen())
        await self._offer_checkin()
        from store.coach import plan_today

        now = self.app.services.wall()
        self.today = await self.app.services.db.run(lambda s: plan_today(s, program, now))
        self._confirm_early = False
        self.render_today()
        self.app.prepare_voice(self.today.prescription)

    async def _offer_checkin(self) -> None:
        """The first launch of a day after a session opens the morning check-in (once a day)."""
        from session.checkin import checkin_due

        now = self.app.services.wall()
        if self._checkin_offered == now.date():
            return
        due = await self.app.services.db.run(
            lambda s: checkin_due(s.summaries(), s.checkins(), now)
        )
        self._checkin_offered = now.date()
        if due:
            from tui.screens.checkin import CheckInScreen

            await self.app.push_screen_wait(CheckInScreen())

    def render_today(self) -> None:
        today, program, settings = self.today, self.program, self.app.settings
        if today is None or program is None or settings is None:
            return
        rx = today.prescription
        legs = settings.legs()
        self.query_one("#today-heading", Static).update(
            f"Today: {rx.label} · {program.circuit(rx.circuit).name}"
        )
        self.query_one("#today-dose", BigText).text = rx.dose
        order = ", then ".join(legs) if len(legs) > 1 else f"{legs[0]} only"
        self.query_one("#today-summary", Static).update(
            f"{rx.sets} set{'s' if rx.sets > 1 else ''} of {rx.reps} reps of each exercise, "
            f"each leg in turn ({order})."
        )
        box = self.query_one("#today-exercises", Vertical)
        box.remove_children()
        for n, ex_id in enumerate(rx.exercises, start=1):
            ex = program.exercise(ex_id)
            box.mount(Static(f"{n}. {ex.name}", classes="exercise-name", markup=False))
            box.mount(Static(ex.how_to, classes="exercise-how", markup=False))
        reasons = "\n".join(f"• {r}" for r in (*today.notices, *rx.reasons))
        self.query_one("#today-reasons", Static).update(f"[b]Why[/b]\n{reasons}")
        self._show_ready(rx.earliest_start)
        resume = self.query_one("#today-resume", Static)
        if today.resumable is not None:
            rec = today.resumable
            started = rec.started_at.astimezone(self.app.services.wall().tzinfo)
            resume.update(
                f"You have an unfinished session from {started:%H:%M} "
                f"({len(rec.sets)} set(s) saved). Press [b]r[/b] to carry on with it."
            )
        resume.set_class(today.resumable is None, "hidden")
        self.refresh_bindings()

    def _show_ready(self, earliest: dt.datetime | None) -> None:
        ready = self.query_one("#today-ready", Static)
        now = self.app.services.wall()
        if earliest is None or now >= earliest:
            ready.set_class(True, "hidden")
            return
        when = earliest.astimezone(now.tzinfo).strftime("%a %d %b at %H:%M")
        text = f"Rest day: the tendon needs its rest until {when}."
        if self._confirm_early:
            text += " Press Enter again to start anyway (it will be noted in your history)."
        ready.update(text)
        ready.set_class(False, "hidden")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.today is not None and self.today.resumable is not None
        if action == "start":
            return self.today is not None
        return True

    def action_start(self) -> None:
        today, program, settings = self.today, self.program, self.app.settings
        if today is None or program is None or settings is None:
            return
        from session import engine

        services = self.app.services
        wall = services.wall()
        rx = today.prescription
        early = not rx.ready_at(wall)
        if early and not self._confirm_early:
            self._confirm_early = True
            self._show_ready(rx.earliest_start)
            return
        state, effects = engine.start(
            program,
            rx,
            settings,
            session_id=uuid.uuid4().hex,
            now=services.clock.now(),
            wall_now=wall.astimezone(dt.UTC),
            started_early=early,
        )
        self._open_workout(state, effects)

    def action_resume(self) -> None:
        today, program, settings = self.today, self.program, self.app.settings
        if today is None or today.resumable is None or program is None or settings is None:
            return
        from session import engine

        services = self.app.services
        state, effects = engine.resume(
            program,
            today.resumable,
            settings,
            now=services.clock.now(),
            wall_now=services.wall().astimezone(dt.UTC),
        )
        self._open_workout(state, effects)

    def _open_workout(self, state: Any, effects: list[Any]) -> None:
        from tui.screens.workout import WorkoutScreen

        self.app.push_screen(WorkoutScreen(state, effects))

    def action_settings(self) -> None:
        if self.app.settings is None:
            return
        from tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.app.settings))

    def action_checkin(self) -> None:
        from tui.screens.checkin import CheckInScreen

        self.app.push_screen(CheckInScreen())

    def action_history(self) -> None:
        from tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())
