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

from tui.coach.preview import FIRST_FRAME_WAIT, PlanPreview
from tui.coach.today_words import TodayWords, today_words
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

    def __init__(self, coach: AsyncCoach, preview: PlanPreview | None = None) -> None:
        super().__init__()
        self.coach = coach
        self._preview = preview
        self.today: Today | None = None
        """The plan from the history; until it has come, `words` may be the preview's."""
        self.words: TodayWords | None = None
        """What is shown of the plan."""
        self._asked: str | None = None
        """Enter or r pressed on the preview's plan: done once the history's has come."""
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

    async def on_mount(self) -> None:
        if self._preview is not None:
            # The preview's words, when they come in time, are in the first frame.
            self._show_preview(await self._preview.words(within=FIRST_FRAME_WAIT))
        # Paint first: the program, the store and the voice load once the frame is out.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        self._starting = False
        if self.today is not None:
            self.load()

    @work(exclusive=True, group="today")
    async def load(self) -> None:
        await self._await_preview()
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
        asked, self._asked = self._asked, None
        if asked is not None:
            await self.run_action(asked)
        await self._load_speed_work()

    async def _await_preview(self) -> None:
        """The start-up preview's plan, should it still be on its way: shown when it comes."""
        preview = self._preview
        if preview is not None and preview.pending:
            self._show_preview(await preview.words())

    def _show_preview(self, words: TodayWords | None) -> None:
        """Show the preview's words, before the history's plan (which `load` asks for once they
        are on screen: its imports would slow their first paint)."""
        preview = self._preview
        if preview is None or preview.pending:
            return  # on its way still
        self._preview = None
        if words is not None and self.today is None:
            self.show_words(words)

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
        """Show the plan of `self.today`."""
        if self.today is not None:
            self.show_words(today_words(self.today))

    def show_words(self, words: TodayWords) -> None:
        """Show the plan (the history's, or the start-up's preview of it: the same words)."""
        with self.app.batch_update():  # one layout and one frame for all of it
            self._show_words(words)
        if not self._plan_shown:  # once it is on screen, not before (the voice waits for it)
            self._plan_shown = True
            self.call_after_refresh(self.post_message, PlanShown())

    def _show_words(self, words: TodayWords) -> None:
        self.words = words
        heading, big, summary = words.heading, words.big, words.summary
        rest = words.rest_day(self.coach.now())
        if rest:
            # From two metres, a rest day is what is read: when the next session may start.
            heading, big, summary = self._rest_words(words)
        self.set_class(rest, "-rest-day")
        self.query_one("#today-heading", Static).update(heading)
        self.query_one("#today-dose", BigText).text = big
        self.query_one("#today-summary", Static).update(summary)
        self.query_one("#today-part1", PartOneBlock).show(words.part1)
        for part in ("#today-circuit", "#today-exercises"):
            self.query_one(part, Static).display = words.show_circuit
        self.query_one("#today-circuit", Static).update(words.circuit)
        exercises = (
            Content.from_markup("[b]$n. $name[/b]\n[dim]$how[/dim]", n=str(n), name=name, how=how)
            for n, (name, how) in enumerate(words.exercises, start=1)
        )  # names and how-tos from the program file: filled in as text, never markup
        self.query_one("#today-exercises", Static).update(Content("\n").join(exercises))
        reasons = "\n".join(f"• {r}" for r in words.reasons)
        # Labels and reasons come from files: filled in as text, never parsed as markup.
        self.query_one("#today-reasons", Static).update(
            Content.from_markup("[b]Why[/b]\n$reasons", reasons=reasons)
        )
        self._show_ready(words)
        self._show_resumable(words)
        self.refresh_bindings()

    def _rest_words(self, words: TodayWords) -> tuple[str, str, str]:
        """A rest day's headline, its big time (when the next session may start) and what the
        next session is."""
        assert words.earliest_start is not None
        now = self.coach.now()
        start = words.earliest_start.astimezone(now.tzinfo)
        day = "today" if start.date() == now.date() else f"on {start:%a %d %b}"
        return f"Rest day. The next session may start {day} at:", f"{start:%H:%M}", words.next_words

    def _show_resumable(self, words: TodayWords) -> None:
        resume = self.query_one("#today-resume", Static)
        if words.resumable_from is not None:
            started = words.resumable_from.astimezone(self.coach.now().tzinfo)
            resume.update(
                f"You have an unfinished session from {started:%H:%M} "
                f"({words.resumable_sets} set(s) saved). Press [b]r[/b] to carry on with it."
            )
        resume.set_class(words.resumable_from is None, "hidden")

    def _show_ready(self, words: TodayWords) -> None:
        ready = self.query_one("#today-ready", Static)
        if not words.rest_day(self.coach.now()):
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
        words = self.words
        if action == "resume":
            return words is not None and words.resumable_from is not None
        if action == "start":
            # Before the plan has loaded, Enter is shown as it will most often be ("Start
            # session"; it waits for the plan): the footer is not built twice at start-up.
            word = "session" if words is None else self._start_word(words)
            return parameters == (word,)
        return True

    def _start_word(self, words: TodayWords) -> str:
        """Which of Enter's words the footer shows (see BINDINGS)."""
        if words.resumable_from is not None:
            return "anew"
        return "anyway" if words.rest_day(self.coach.now()) else "session"

    def action_start(self, word: str = "session") -> None:
        today = self.today
        if today is None and self.words is not None:
            self._asked = f"start({word!r})"  # the preview's plan: once the history's is in
            return
        if today is None or self._starting:
            return
        if not today.ready_at(self.coach.now()) and not self._confirm_early:
            self._confirm_early = True  # before the rest is over: a second press starts
            assert self.words is not None  # shown with `today`
            self._show_ready(self.words)
            return
        self._starting = True
        self.open_workout(resume=False)

    def action_resume(self) -> None:
        if self.today is None and self.words is not None:
            self._asked = "resume"  # the preview's plan: once the history's is in
            return
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
