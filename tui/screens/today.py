"""Today: the prescription and why, a session to resume, and keys to start, review and set up.

Everything heavy loads after the first frame. On the first launch it asks the two set-up
questions; on the first launch of a day after a session it offers the morning check-in (both are
screens it opens and waits for); then it shows the plan. Starting or resuming asks the coach for
the workout and posts `StartWorkout`; history and settings are places the app opens.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui.messages import (
    OpenHistory,
    OpenRunLog,
    OpenSettings,
    OpenTests,
    PrepareVoice,
    StartWorkout,
)
from tui.screens.first_launch import FirstLaunchScreen
from tui.widgets.big_text import BigText
from tui.widgets.part1_block import PartOneBlock
from tui.widgets.part1_block import reasons as part1_reasons
from tui.widgets.speed_panel import SpeedPanel
from tui.widgets.voice_mark import VoiceMark

if TYPE_CHECKING:
    from tui.coach.thread import AsyncCoach
    from tui.coach.today import Today
    from tui.screens.checkin import CheckInScreen
    from tui.screens.loads import LoadScreen


class TodayScreen(Screen[None]):
    """What to do today."""

    BINDINGS = [
        Binding("enter", "start", "Start session"),
        Binding("r", "resume", "Resume"),
        Binding("c", "checkin", "Morning check-in"),
        # Shown on the speed-work block's border (the footer is full at 80 columns).
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

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="today"):
            yield Static("Today", id="today-heading", classes="heading")
            yield BigText("", id="today-dose")
            yield PartOneBlock(id="today-part1")
            yield Static("Loading your plan…", id="today-summary")
            yield Static("", id="today-ready", classes="hidden")
            yield Static("", id="today-resume", classes="hidden")
            yield Static("", id="today-reasons")
            yield Vertical(id="today-exercises")
            yield SpeedPanel(id="today-speed")
        yield VoiceMark()
        yield Footer()

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
        from tui.coach.part1 import part_one  # the engine loads after the first frame

        part1 = None if today.part1 is None else part_one(today.part1)
        self.post_message(PrepareVoice(today.program, today.prescription, today.settings, part1))
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
        side, train = await self.app.push_screen_wait(FirstLaunchScreen())
        await self.coach.save_settings(
            settings.model_copy(update={"sore_side": side, "train": train})
        )

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
        self.query_one("#today-heading", Static).update(
            f"Today: {rx.label} · {program.circuit(rx.circuit).name}"
        )
        self.query_one("#today-dose", BigText).text = rx.dose
        self.query_one("#today-summary", Static).update(circuit_summary(rx.sets, rx.reps, legs))
        box = self.query_one("#today-exercises", Vertical)
        box.remove_children()
        for n, ex_id in enumerate(rx.exercises, start=1):
            ex = program.exercise(ex_id)
            box.mount(Static(f"{n}. {ex.name}", classes="exercise-name", markup=False))
            box.mount(Static(ex.how_to, classes="exercise-how", markup=False))
        reasons = "\n".join(f"• {r}" for r in (*today.notices, *rx.reasons))
        self.query_one("#today-reasons", Static).update(f"[b]Why[/b]\n{reasons}")
        self._show_part1(today)
        self._show_ready(today.earliest_start)
        self._show_resumable(today)
        self.refresh_bindings()

    def _show_part1(self, today: Today) -> None:
        """Part 1's calf raises, when the session holds them; the circuit only when it does."""
        self.query_one("#today-part1", PartOneBlock).show(today.part1)
        if today.next is None or today.part1 is None:
            return
        rx, part1 = today.prescription, today.part1.prescription
        heading = self.query_one("#today-heading", Static)
        dose = self.query_one("#today-dose", BigText)
        why = [*today.notices, *today.next.plan.reasons, *part1_reasons(today.part1)]
        hops = "plyometrics" in today.parts
        self.query_one("#today-exercises", Vertical).display = hops
        if hops:
            heading.update(f"Today: calf raises, then {rx.label}")
            dose.text = f"{part1.sets}x{part1.reps}RM + {rx.dose.replace(' ', '')}"
            summary = circuit_summary(rx.sets, rx.reps, today.settings.legs())
            self.query_one("#today-summary", Static).update(f"Then the circuit: {summary}")
            why += rx.reasons
        else:
            heading.update(f"Today: calf raises only · {part1.label}")
            dose.text = f"{part1.sets} x {part1.reps}RM"
            self.query_one("#today-summary", Static).update("")
        text = "\n".join(f"• {escape(r)}" for r in dict.fromkeys(why))  # each once
        self.query_one("#today-reasons", Static).update(f"[b]Why[/b]\n{text}")

    def _show_resumable(self, today: Today) -> None:
        resume = self.query_one("#today-resume", Static)
        if today.resumable is not None:
            rec = today.resumable
            started = rec.started_at.astimezone(self.coach.now().tzinfo)
            resume.update(
                f"You have an unfinished session from {started:%H:%M} "
                f"({rec.sets_done} set(s) saved). Press [b]r[/b] to carry on with it."
            )
        resume.set_class(today.resumable is None, "hidden")

    def _show_ready(self, earliest: dt.datetime | None) -> None:
        ready = self.query_one("#today-ready", Static)
        now = self.coach.now()
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
        today = self.today
        if today is None or self._starting:
            return
        if not today.ready_at(self.coach.now()) and not self._confirm_early:
            self._confirm_early = True  # before the rest is over: a second press starts
            self._show_ready(today.earliest_start)
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
        elif today.part1 is not None:
            loads = await self.app.push_screen_wait(load_screen(today))
            if loads is None:  # back to Today
                self._starting = False
                return
            begin = await self.coach.start_workout(
                today.prescription, part1=today.part1, loads=loads
            )
        else:
            begin = await self.coach.start_workout(today.prescription)
        self.post_message(StartWorkout(begin, clicker=today.settings.clicker))

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


def circuit_summary(sets: int, reps: int, legs: tuple[str, ...]) -> str:
    order = ", then ".join(legs) if len(legs) > 1 else f"{legs[0]} only"
    return (
        f"{sets} set{'s' if sets > 1 else ''} of {reps} reps of each exercise, "
        f"each leg in turn ({order})."
    )


def load_screen(today: Today) -> LoadScreen:
    """Today's calf-raise loads, set before part 1 starts (imported when first asked for)."""
    from tui.screens.loads import LoadScreen

    assert today.part1 is not None
    return LoadScreen(today.part1)


def checkin_screen(coach: AsyncCoach) -> CheckInScreen:
    """The check-in form. Imported when first asked for: its rules (pydantic models) load after
    Today's first frame, not before it (bench/startup.py)."""
    from tui.screens.checkin import CheckInScreen

    return CheckInScreen(coach)
