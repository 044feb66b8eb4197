"""The achilles-coach Textual app: the router of the screens, its start-up, and the voice.

The app is the one place that builds screens: a screen posts a message (`tui.messages`) and the
app opens the place it asks for, injecting what that screen needs (the coach, the voice, the
clock). Screens are imported when first opened, so that their models (pydantic) and charts
(plotext) load after Today's first frame (bench/startup.py). `make_app` builds the app from the
command line's options; the CLI and the tests share it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from tui.coach.thread import CannotStart
from tui.messages import (
    ControlWorkout,
    LearnClicker,
    OpenHistory,
    OpenQuestionnaire,
    OpenRunLog,
    OpenSession,
    OpenSettings,
    OpenTests,
    PlanShown,
    PrepareVoice,
    StartTrial,
    StartWorkout,
    TestVoice,
    VoiceToggled,
    WorkoutFinished,
)
from tui.screens.today import TodayScreen
from tui.services import Services, make_services, silent_voice
from tui.widgets.size_guard import SizeGuard, needed
from tui.widgets.voice_mark import WHY_KEY, VoiceCondition, VoiceWhyScreen

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Settings
    from tui.clock import Clock, WallClock
    from tui.coach.preview import PlanPreview
    from tui.coach.thread import AsyncCoach
    from tui.screens.workout import WorkoutScreen
    from tui.services import VoiceFactory
    from tui.voice import Voice, VoiceStatus

SAMPLE = "This is your coach. Single leg hop up. Right leg. Three, two, one, go."
"""What Settings' voice test says."""


class VoiceStatusChanged(Message):
    """The voice became ready or unavailable (posted from the speech thread)."""

    def __init__(self, status: VoiceStatus) -> None:
        super().__init__()
        self.status = status


class AchillesApp(App[None]):
    """A hands-free coach for plyometric Achilles rehab."""

    # Today's styles load with the app: Textual does not load the default screen's CSS_PATH.
    # Every other screen brings its own, parsed only when first shown.
    CSS_PATH = ["app.tcss", "screens/today.tcss", "phone.tcss"]
    TITLE = "achilles-coach"
    SUB_TITLE = "plyometric Achilles rehab"
    # Ctrl+C quits too, as in any terminal program: every finished set is saved as it ends (one
    # that could not be is said on the way out) and the next start offers to carry on.
    BINDINGS = [
        Binding("ctrl+q,ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding(WHY_KEY, "voice_why", "Why no voice", show=False),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]  # -narrow: a phone (phone.tcss)

    voice_condition: var[VoiceCondition] = var(VoiceCondition())
    """What the voice mark on Today, the workout and the pain rating shows (see refresh_voice)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._voice_explained = False
        self._voice_start: tuple[Settings, Program] | None = None
        """The settings and program read at start-up, until the voice is started with them."""
        self._plan_shown = False
        self._to_prepare: PrepareVoice | None = None
        """Today's words, asked for before the voice had started: rendered once it has."""
        self.interrupted: str | None = None
        """The id of the session in progress when the app was quit (Ctrl+C, Ctrl+Q): the
        command line then says on the way out what was kept and how to carry on."""

    @property
    def coach(self) -> AsyncCoach:
        return self.services.coach

    def get_default_screen(self) -> TodayScreen:
        """Today is the base of the screen stack: no blank screen is built and painted first."""
        return TodayScreen(self.coach, preview=self.services.preview)

    # --- the smallest supported window (tui/widgets/size_guard.py) ------------------------------

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self.guard_size)

    def on_resize(self, event: events.Resize) -> None:
        # Before App's own handler has taken the new size: the event's is the one.
        self.guard_size(self.screen, event.size)

    def guard_size(self, screen: Screen[Any], size: Size | None = None) -> None:
        """Below the smallest supported size, cover `screen` with "make the window bigger"."""
        size = size or self.size
        guard = next(iter(screen.query(SizeGuard)), None)
        if guard is None:
            if needed(size) is None:
                return  # mounted only once a window is too small: nothing to build at start-up
            guard = SizeGuard()
            screen.mount(guard)
        guard.show_for(size)

    # --- start-up -------------------------------------------------------------------------------

    def on_ready(self) -> None:
        """After the first frame: open the history, read the program (the voice follows the
        plan)."""
        if self.services.demo_of is not None:
            from tui.coach.demo import DEMO_TITLE

            self.sub_title = DEMO_TITLE
        self.start_services()

    @work(exclusive=True, group="startup")
    async def start_services(self) -> None:
        try:
            startup = await self.coach.startup()
        except CannotStart as exc:  # another instance writes, a bad program or data file
            self.exit(return_code=exc.code, message=f"achilles: {exc}")
            return
        for notice in startup.notices:
            self.notify(notice, title="Your history", severity="warning", timeout=30, markup=False)
        # The voice starts once the plan is shown (PlanShown): its imports and its engine would
        # otherwise compete with the history's thread for the first plan (bench/startup.py).
        self._voice_start = (startup.settings, startup.program)
        if self._plan_shown:
            self.ensure_voice()

    @on(PlanShown)
    def plan_shown(self) -> None:
        self._plan_shown = True
        self.ensure_voice()

    def ensure_voice(self) -> None:
        """Start the voice with the settings read at start-up, once (if not yet started)."""
        start, self._voice_start = self._voice_start, None
        if start is not None:
            self.start_voice(*start)
        prepare, self._to_prepare = self._to_prepare, None
        if prepare is not None and self._voice_start is None:
            self.prepare_voice(prepare)

    # --- the voice ------------------------------------------------------------------------------

    @property
    def voice(self) -> Voice:
        """The voice (captions only until start-up has started the real one)."""
        if self.services.voice is None:
            self.services.voice = silent_voice_for_now()
        return self.services.voice

    def start_voice(self, settings: Settings, program: Program | None = None) -> None:
        services = self.services
        if services.voice is not None:
            services.voice.close()
        factory = services.voice_factory if settings.voice_enabled else silent_voice
        services.voice = factory(settings, self._voice_status_from_thread)
        if program is not None:
            from tui.voice.phrases import program_phrases

            # Rendered while the runner reads Today, so the first "three" is not late.
            services.voice.prepare(program_phrases(program))
        self.refresh_voice()

    @on(PrepareVoice)
    def prepare_voice(self, message: PrepareVoice) -> None:
        """Have the voice render today's announcements while the runner reads Today (a fresh
        render costs 15-70 ms, which would make the first announcement late)."""
        if self._voice_start is not None or self.services.voice is None:
            self._to_prepare = message  # the voice waits for the plan to be shown (ensure_voice)
            return
        from tui.voice.phrases import session_phrases

        words = session_phrases(
            message.program, message.prescription, message.settings, part1=message.part1
        )
        self.voice.prepare(words)

    @on(VoiceToggled)
    def refresh_voice(self) -> None:
        """Show the voice's state now (after a status change, muting, a new voice)."""
        voice = self.services.voice
        if voice is not None:
            self.voice_condition = VoiceCondition.of(voice.status, voice.muted)

    def action_voice_why(self) -> None:
        if self.voice_condition.shown:
            self.push_screen(VoiceWhyScreen(self.voice_condition))

    def _voice_status_from_thread(self, status: VoiceStatus) -> None:
        # post_message is thread-safe and never waits: the speech thread cannot stall on us.
        self.post_message(VoiceStatusChanged(status))

    def on_voice_status_changed(self, message: VoiceStatusChanged) -> None:
        self.refresh_voice()
        status = message.status
        if status.state == "unavailable" and not self._voice_explained:
            self._voice_explained = True
            hint = f" To enable it: {status.hint}." if status.hint else ""
            self.notify(
                f"No voice: {status.reason}.{hint} Every cue is shown as a caption instead.",
                title="Voice",
                severity="warning",
                timeout=8,  # short: the mark stays while the voice is off (v says why)
                markup=False,
            )

    def apply_voice_settings(self, old: Settings, new: Settings) -> None:
        """Restart the voice when it is switched on or off, else reconfigure it."""
        voice = self.services.voice
        if voice is None or old.voice_enabled != new.voice_enabled:
            self.start_voice(new)
        else:
            voice.configure(
                rate=new.voice_rate,
                volume=new.voice_volume,
                voice_id=new.voice_id,
                keep_awake=new.keep_audio_awake,
            )

    @on(TestVoice)
    def test_voice(self, message: TestVoice) -> None:
        self.ensure_voice()
        settings, voice = message.settings, self.voice
        voice.configure(
            rate=settings.voice_rate, volume=settings.voice_volume, voice_id=settings.voice_id
        )
        words = message.text or SAMPLE
        voice.say(words)
        status = voice.status
        if status.state == "ok" and not voice.muted:
            self.notify(f"Speaking: {words}", timeout=5, markup=False)
        else:
            reason = status.reason or ("muted" if voice.muted else status.state)
            hint = f" {status.hint}" if status.hint else ""
            self.notify(f"No voice: {reason}.{hint}", severity="warning", timeout=10, markup=False)

    async def action_quit(self) -> None:
        """Quit at once (every finished set is saved), noting a session left in progress."""
        workout = self._workout()
        runner = workout.runner if workout is not None else None
        if runner is not None and not runner.state.finished:
            self.interrupted = runner.state.record.id
        self.exit()

    # --- the router -----------------------------------------------------------------------------

    @on(StartWorkout)
    def open_workout(self, message: StartWorkout) -> None:
        from tui.screens.workout import WorkoutScreen

        self.ensure_voice()
        services = self.services
        self.push_screen(
            WorkoutScreen(
                message.begin,
                clock=services.clock,
                wall=services.wall,
                voice=self.voice,
                save=services.saves.save,
                clicker=message.clicker,
            )
        )

    @on(WorkoutFinished)
    def open_summary(self, message: WorkoutFinished) -> None:
        from tui.screens.summary import SummaryScreen

        record, program, strength = message.record, message.program, message.strength
        summary = SummaryScreen(
            self.coach,
            record,
            program,
            strength,
            voice=self.voice,
            saves=self.services.saves,
            cadences=message.cadences,
        )
        self.switch_screen(summary)

    @on(ControlWorkout)
    def control_workout(self, message: ControlWorkout) -> None:
        workout = self._workout()
        if workout is not None:
            workout.control(message.request)

    def _workout(self) -> WorkoutScreen | None:
        from tui.screens.workout import WorkoutScreen

        return next((s for s in self.screen_stack if isinstance(s, WorkoutScreen)), None)

    @on(OpenHistory)
    def open_history(self) -> None:
        from tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.coach))

    @on(OpenSession)
    def open_session(self, message: OpenSession) -> None:
        from tui.screens.session_detail import SessionDetailScreen

        row, program, strength = message.row, message.program, message.strength
        self.push_screen(
            SessionDetailScreen(self.coach, row, program, strength, latest=message.latest)
        )

    # --- back to speed work -----------------------------------------------------------------

    @on(OpenRunLog)
    def open_run_log(self) -> None:
        from tui.screens.run_log import RunLogScreen

        self.push_screen(RunLogScreen(self.coach))

    @on(OpenTests)
    def open_tests(self) -> None:
        from tui.screens.tests import TestsScreen

        self.push_screen(TestsScreen(self.coach))

    @on(StartTrial)
    def open_trial(self, message: StartTrial) -> None:
        from tui.screens.trial import TrialScreen

        self.ensure_voice()
        services = self.services
        self.push_screen(
            TrialScreen(
                message.begin,
                clock=services.clock,
                wall=services.wall,
                voice=self.voice,
                save=services.coach.save_result,
                saves=services.results,
            )
        )

    @on(OpenQuestionnaire)
    def open_questionnaire(self) -> None:
        from tui.screens.questionnaire import QuestionnaireScreen

        self.push_screen(QuestionnaireScreen(self.coach))

    @on(OpenSettings)
    @work(exclusive=True, group="settings")
    async def open_settings(self) -> None:
        from tui.screens.settings import SettingsScreen

        self.ensure_voice()  # the settings list the voices it knows
        old = await self.coach.settings()
        startup = await self.coach.started()
        strength = None if startup is None else startup.strength
        names = {} if startup is None else {ex.id: ex.name for ex in startup.program.exercises}
        voices = list(self.voice.voices)
        screen = SettingsScreen(old, voices=voices, strength=strength, exercise_names=names)
        new = await self.push_screen_wait(screen)
        if new is None:
            return
        await self.coach.save_settings(new)
        self.apply_voice_settings(old, new)
        self.notify("Settings saved.", timeout=3)

    @on(LearnClicker)
    def learn_clicker(self, message: LearnClicker) -> None:
        """Settings' learning step: spoken by the app's voice, timed in real seconds."""
        from tui.screens.clicker_learn import ClickerLearnScreen

        clock = self.services.clock
        screen = ClickerLearnScreen(voice=self.voice, now=lambda: clock.to_monotonic(clock.now()))
        self.push_screen(screen, message.reply)


def silent_voice_for_now() -> Voice:
    """Captions only, before start-up has read the settings (a key pressed very early)."""
    from tui.voice import SilentVoice

    return SilentVoice("the voice is starting")


def make_app(
    *,
    data_dir: str | Path | None = None,
    program: str | Path | None = None,
    strength: str | Path | None = None,
    no_voice: bool = False,
    time_scale: float = 1.0,
    refuse_damaged: bool = False,
    clock: Clock | None = None,
    wall: WallClock | None = None,
    voice_factory: VoiceFactory | None = None,
    preview: PlanPreview | None = None,
) -> AchillesApp:
    """The app on real services, from the command line's options; tests also pass their own
    clocks and voice. Close `app.services` once the app has run (it holds the writer's lock)."""
    services = make_services(
        data_dir=data_dir,
        program=program,
        strength=strength,
        no_voice=no_voice,
        time_scale=time_scale,
        refuse_damaged=refuse_damaged,
        clock=clock,
        wall=wall,
        voice_factory=voice_factory,
    )
    services.preview = preview
    return AchillesApp(services)
