"""Today: the prescription and why, a session to resume, and keys to start, review and set up.

Everything heavy loads after the first frame. On the first launch it asks the two set-up
questions; on the first launch of a day after a session it offers the morning check-in (both are
screens it opens and waits for); then it shows the plan. Starting or resuming asks the coach for
the workout and posts `StartWorkout`; history and settings are places the app opens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header, Static

from tui.messages import (
    OpenHistory,
    OpenRunLog,
    OpenSettings,
    OpenTests,
    PlanShown,
    PrepareVoice,
    StartWorkout,
)
from tui.widgets.big_text import BigText
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.speed_panel import SpeedPanel
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from tui.coach.thread import AsyncCoach
    from tui.coach.today import Today
    from tui.screens.checkin import CheckInScreen


class TodayScreen(Screen[None]):
    """What to do today."""

    BINDINGS = [
        # One key, the word for what it does today (check_action picks one): a session, a
        # session before the rest is over (a second press), a new one in place of today's
        # unfinished one.
        Binding("enter", "start('session')", "Start session"),
        Binding("enter", "start('anyway')", "Start anyway"),
        Binding("enter", "start('anew')", "Start anew"),
        Binding("r", "resume", "Resume"),
        Binding("c", "checkin", "Check-in"),
        # Shown on the speed-work block's border (the footer is full at 60 columns).
        Binding("l", "log_run", "Log run", show=False),
        Binding("t", "tests", "Tests", show=False),
        Binding("h", "history", "History"),
        Binding("s", "settings", "Settings"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, coach: AsyncCoach) -> None:
        super().__init__()
        self.coach = coach
        self.today: Today | None = None
        self._confirm_early = False
        self._checkin_offered: dt.date | None = None
        self._starting = False
        self._plan_shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield Static("Today", id="today-heading", classes="heading")
            yield BigText("", id="today-dose")
            yield Static("Loading your plan…", id="today-summary")
            yield Static("", id="today-ready", classes="hidden")
            yield Static("", id="today-resume", classes="hidden")
            yield Static("", id="today-reasons")
            yield Static("", id="today-circuit", classes="heading")
            yield Static("", id="today-exercises")
            yield SpeedPanel(id="today-speed")
        yield VoiceMark()
        yield KeysFooter()

    def on_mount(self) -> None:
        # Paint first: the program, the store and the voice load once the frame is out.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        self._starting = False
        if self.today is not None:
            self.load()

    @work(exclusive=True, group="today")
    async def load(self) -> None:
        startup = await self.coach.started()
        if startup is None:
            return  # the app is exiting, and says why
        if startup.settings.sore_side is None and self.today is None:
            await self._first_launch()
        await self._offer_checkin()
        self.today = await self.coach.today()
        self._confirm_early = False
        self.render_today()
        today = self.today
        self.post_message(PrepareVoice(today.program, today.prescription, today.settings))
        await self._load_speed_work()

    async def _load_speed_work(self) -> None:
        """The back-to-speed-work block under the session (its rules load after the plan)."""
        running = await self.coach.running_today()
        self.query_one("#today-speed", SpeedPanel).show(running.lines)

    async def _first_launch(self) -> None:
        """The two set-up questions, saved as settings (the app waits for the answer)."""
        settings = await self.coach.settings()
        if settings.sore_side is not None:
            return
        from tui.screens.first_launch import FirstLaunchScreen, saved_words

        side, train = await self.app.push_screen_wait(FirstLaunchScreen())
        chosen = settings.model_copy(update={"sore_side": side, "train": train})
        await self.coach.save_settings(chosen)
        self.notify(saved_words(chosen), title="Your choice", timeout=10, markup=False)

    async def _offer_checkin(self) -> None:
        """The first launch of a day after a session opens the morning check-in (once a day)."""
        now = self.coach.now()
        if self._checkin_offered == now.date():
            return
        due = await self.coach.checkin_due()
        self._checkin_offered = now.date()
        if due:
            await self.app.push_screen_wait(checkin_screen(self.coach))

    def render_today(self) -> None:
        today = self.today
        if today is None:
            return
        program, rx = today.program, today.prescription
        legs = today.settings.legs()
        order = ", then ".join(legs) if len(legs) > 1 else f"{legs[0]} only"
        plural = "s" if rx.sets > 1 else ""
        dose = f"{rx.sets} set{plural} of {rx.reps} reps of each exercise"
        if self._rest_day(rx.earliest_start):
            # From two metres, a rest day is what is read: when the next session may start.
            assert rx.earliest_start is not None
            start = rx.earliest_start.astimezone(self.coach.now().tzinfo)
            same_day = start.date() == self.coach.now().date()
            day = "today" if same_day else f"on {start:%a %d %b}"
            heading = f"Rest day. The next session may start {day} at:"
            big = f"{start:%H:%M}"
            summary = f"Next: {rx.label}, each leg in turn ({order})."
        else:
            heading, big = f"Today: {rx.label}", rx.dose
            summary = f"{dose}, each leg in turn ({order})."
        self.set_class(self._rest_day(rx.earliest_start), "-rest-day")
        self.query_one("#today-heading", Static).update(heading)
        self.query_one("#today-dose", BigText).text = big
        self.query_one("#today-summary", Static).update(summary)
        self.query_one("#today-circuit", Static).update(program.circuit(rx.circuit).name)
        self.query_one("#today-exercises", Static).update(
            "\n".join(
                f"[b]{n}. {escape(ex.name)}[/b]\n[dim]{escape(ex.how_to)}[/dim]"
                for n, ex in enumerate(map(program.exercise, rx.exercises), start=1)
            )
        )
        reasons = "\n".join(f"• {r}" for r in (*today.notices, *rx.reasons))
        self.query_one("#today-reasons", Static).update(f"[b]Why[/b]\n{escape(reasons)}")
        self._show_ready(rx.earliest_start)
        self._show_resumable(today)
        self.refresh_bindings()
        if not self._plan_shown:  # once it is on screen, not before (the voice waits for it)
            self._plan_shown = True
            self.call_after_refresh(self.post_message, PlanShown())

    def _rest_day(self, earliest: dt.datetime | None) -> bool:
        return earliest is not None and self.coach.now() < earliest

    def _show_resumable(self, today: Today) -> None:
        resume = self.query_one("#today-resume", Static)
        if today.resumable is not None:
            rec = today.resumable
            started = rec.started_at.astimezone(self.coach.now().tzinfo)
            resume.update(
                f"You have an unfinished session from {started:%H:%M} "
                f"({len(rec.sets)} set(s) saved). Press [b]r[/b] to carry on with it."
            )
        resume.set_class(today.resumable is None, "hidden")

    def _show_ready(self, earliest: dt.datetime | None) -> None:
        ready = self.query_one("#today-ready", Static)
        if not self._rest_day(earliest):
            ready.set_class(True, "hidden")
            return
        if self._confirm_early:
            text = "Press Enter again to start anyway, before the rest is over (it will be noted "
            text += "in your history)."
        else:
            text = "To start anyway before then: Enter, twice (it is noted in your history)."
        ready.update(text)
        ready.set_class(False, "hidden")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.today is not None and self.today.resumable is not None
        if action == "start":
            # Before the plan has loaded, Enter is shown as it will most often be ("Start
            # session"; it waits for the plan): the footer is not built twice at start-up.
            word = "session" if self.today is None else self._start_word(self.today)
            return parameters == (word,)
        return True

    def _start_word(self, today: Today) -> str:
        """Which of Enter's words the footer shows (see BINDINGS)."""
        if today.resumable is not None:
            return "anew"
        return "anyway" if self._rest_day(today.prescription.earliest_start) else "session"

    def action_start(self, word: str = "session") -> None:
        today = self.today
        if today is None or self._starting:
            return
        rx = today.prescription
        if not rx.ready_at(self.coach.now()) and not self._confirm_early:
            self._confirm_early = True  # before the rest is over: a second press starts
            self._show_ready(rx.earliest_start)
            return
        self._starting = True
        self.open_workout(resume=False)

    def action_resume(self) -> None:
        if self.today is None or self.today.resumable is None or self._starting:
            return
        self._starting = True
        self.open_workout(resume=True)

    @work(exclusive=True, group="today-start")
    async def open_workout(self, *, resume: bool) -> None:
        """Ask the coach for the new (or resumed) session, then for the workout screen."""
        today = self.today
        assert today is not None
        if resume and today.resumable is not None:
            begin = await self.coach.resume_workout(today.resumable)
        else:
            begin = await self.coach.start_workout(today.prescription)
        self.post_message(StartWorkout(begin))

    def action_settings(self) -> None:
        if self.today is not None:  # the settings and the voice are loaded by then
            self.post_message(OpenSettings())

    def action_checkin(self) -> None:
        self.app.push_screen(checkin_screen(self.coach))

    def action_history(self) -> None:
        self.post_message(OpenHistory())

    def action_log_run(self) -> None:
        if self.today is not None:
            self.post_message(OpenRunLog())

    def action_tests(self) -> None:
        if self.today is not None:
            self.post_message(OpenTests())


def checkin_screen(coach: AsyncCoach) -> CheckInScreen:
    """The check-in form. Imported when first asked for: its rules (pydantic models) load after
    Today's first frame, not before it (bench/startup.py)."""
    from tui.screens.checkin import CheckInScreen

    return CheckInScreen(coach)
