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
from textual.content import Content
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
            yield Static("Today", id="today-heading", classes="heading", markup=False)
            yield BigText("", id="today-dose")
            yield PartOneBlock(id="today-part1")
            yield Static("Loading your plan…", id="today-summary", markup=False)
            yield Static("", id="today-ready", classes="hidden")
            yield Static("", id="today-resume", classes="hidden")
            yield Static("", id="today-reasons")
            yield Static("", id="today-circuit", classes="heading", markup=False)
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
        self.call_after_refresh(self._prepare_voice, self.today)
        await self._load_speed_work()

    def _prepare_voice(self, today: Today) -> None:
        """Today's words for the voice to render, once the plan is on screen (part 1's words
        need the engine, which loads after that)."""
        from tui.coach.part1 import part_one

        part1 = None if today.part1 is None else part_one(today.part1)
        self.post_message(PrepareVoice(today.program, today.prescription, today.settings, part1))

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
        heading, big, summary = plan_words(today)
        rest = self._rest_day(today.earliest_start)
        if rest:
            # From two metres, a rest day is what is read: when the next session may start.
            heading, big, summary = self._rest_words(today, heading)
        self.set_class(rest, "-rest-day")
        self.query_one("#today-heading", Static).update(heading)
        self.query_one("#today-dose", BigText).text = big
        self.query_one("#today-summary", Static).update(summary)
        self.query_one("#today-circuit", Static).update(program.circuit(rx.circuit).name)
        exercises = (
            Content.from_markup(
                "[b]$n. $name[/b]\n[dim]$how[/dim]", n=str(n), name=ex.name, how=ex.how_to
            )
            for n, ex in enumerate(map(program.exercise, rx.exercises), start=1)
        )  # names and how-tos from the program file: filled in as text, never markup
        self.query_one("#today-exercises", Static).update(Content("\n").join(exercises))
        reasons = "\n".join(f"• {r}" for r in (*today.notices, *rx.reasons))
        # Labels and reasons come from files: filled in as text, never parsed as markup.
        self.query_one("#today-reasons", Static).update(
            Content.from_markup("[b]Why[/b]\n$reasons", reasons=reasons)
        )
        self._show_part1(today)
        self._show_ready(today.earliest_start)
        self._show_resumable(today)
        self.refresh_bindings()
        if not self._plan_shown:  # once it is on screen, not before (the voice waits for it)
            self._plan_shown = True
            self.call_after_refresh(self.post_message, PlanShown())

    def _rest_day(self, earliest: dt.datetime | None) -> bool:
        return earliest is not None and self.coach.now() < earliest

    def _rest_words(self, today: Today, heading: str) -> tuple[str, str, str]:
        """A rest day's headline, its big time (when the next session may start) and what the
        next session is."""
        assert today.earliest_start is not None
        now = self.coach.now()
        start = today.earliest_start.astimezone(now.tzinfo)
        day = "today" if start.date() == now.date() else f"on {start:%a %d %b}"
        what = heading.removeprefix("Today: ")
        if "plyometrics" in today.parts:
            what += f", each leg in turn ({leg_order(today.settings.legs())})"
        return f"Rest day. The next session may start {day} at:", f"{start:%H:%M}", f"Next: {what}."

    def _show_part1(self, today: Today) -> None:
        """Part 1's calf raises, when the session holds them (their block, and the reasons of
        both parts); the circuit's exercises only when it holds the circuit."""
        self.query_one("#today-part1", PartOneBlock).show(today.part1)
        if today.next is None or today.part1 is None:
            return
        hops = "plyometrics" in today.parts
        self.query_one("#today-circuit", Static).display = hops
        self.query_one("#today-exercises", Static).display = hops
        why = [*today.notices, *today.next.plan.reasons, *part1_reasons(today.part1)]
        if hops:
            why += today.prescription.reasons
        text = "\n".join(f"• {r}" for r in dict.fromkeys(why))  # each once
        # From files (the programs, the records): filled in as text, never parsed as markup.
        self.query_one("#today-reasons", Static).update(
            Content.from_markup("[b]Why[/b]\n$reasons", reasons=text)
        )

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
        return "anyway" if self._rest_day(today.earliest_start) else "session"

    def action_start(self, word: str = "session") -> None:
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


def leg_order(legs: tuple[str, ...]) -> str:
    return ", then ".join(legs) if len(legs) > 1 else f"{legs[0]} only"


def circuit_summary(sets: int, reps: int, legs: tuple[str, ...]) -> str:
    return (
        f"{sets} set{'s' if sets > 1 else ''} of {reps} reps of each exercise, "
        f"each leg in turn ({leg_order(legs)})."
    )


def plan_words(today: Today) -> tuple[str, str, str]:
    """A training day's headline, its big dose and the line under it: the circuit's, or both
    parts' when the session holds part 1's calf raises (or part 1 alone on its own day)."""
    rx, legs = today.prescription, today.settings.legs()
    part1 = today.part1 if today.next is not None else None
    if part1 is None:
        return f"Today: {rx.label}", rx.dose, circuit_summary(rx.sets, rx.reps, legs)
    p1 = part1.prescription
    if "plyometrics" not in today.parts:
        return f"Today: calf raises only · {p1.label}", f"{p1.sets} x {p1.reps}RM", ""
    summary = "Then the circuit: " + circuit_summary(rx.sets, rx.reps, legs)
    return (
        f"Today: calf raises, then {rx.label}",
        f"{p1.sets}x{p1.reps}RM + {rx.dose.replace(' ', '')}",
        summary,
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
