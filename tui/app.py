"""The achilles-coach Textual app: opens on Today, holds the injected services and the settings."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var

from tui.screens.today import TodayScreen
from tui.widgets.voice_mark import WHY_KEY, VoiceCondition, VoiceWhyScreen

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Prescription, Settings
    from tui.services import Services
    from tui.voice import VoiceStatus


class VoiceStatusChanged(Message):
    """The voice became ready or unavailable (posted from the speech thread)."""

    def __init__(self, status: VoiceStatus) -> None:
        super().__init__()
        self.status = status


class StartupFailed(Exception):
    """The app cannot start (another instance runs, the program file is invalid): exit plainly."""


class AchillesApp(App[None]):
    """A hands-free coach for plyometric Achilles rehab."""

    # Today's styles load with the app: Textual does not load the default screen's CSS_PATH.
    # Every other screen brings its own, parsed only when first shown.
    CSS_PATH = ["app.tcss", "screens/today.tcss"]
    TITLE = "achilles-coach"
    SUB_TITLE = "plyometric Achilles rehab"
    # Ctrl+C quits too, as in any terminal program: every finished set is already saved and
    # the next start offers to carry on.
    BINDINGS = [
        Binding("ctrl+q,ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding(WHY_KEY, "voice_why", "Why no voice", show=False),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    voice_condition: var[VoiceCondition] = var(VoiceCondition())
    """What the voice mark on Today, the workout and the pain rating shows (see refresh_voice)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.settings: Settings | None = None
        self._startup: asyncio.Task[Program] | None = None
        self._voice_explained = False

    def get_default_screen(self) -> TodayScreen:
        """Today is the base of the screen stack: no blank screen is built and painted first."""
        return TodayScreen()

    def startup(self) -> asyncio.Task[Program]:
        """Load the program and settings and start the voice, once; the first call starts it."""
        if self._startup is None:
            self._startup = asyncio.create_task(self._start_services())
        return self._startup

    async def program(self) -> Program | None:
        """The program once the services are up; None when start-up failed (the app is exiting)."""
        try:
            return await self.startup()
        except StartupFailed:
            return None

    async def _start_services(self) -> Program:
        from session.program import ProgramError
        from store import StoreError

        services = self.services
        try:
            program = await asyncio.to_thread(services.load_program)
            settings, notices = await services.db.run(lambda s: (s.settings(), list(s.notices)))
        except ProgramError as exc:
            self.exit(return_code=2, message=f"achilles: {exc}")
            raise StartupFailed(str(exc)) from None
        except StoreError as exc:  # another instance writes, a damaged file (--refuse-damaged)
            self.exit(return_code=1, message=f"achilles: {exc}")
            raise StartupFailed(str(exc)) from None
        for notice in notices:
            self.notify(notice, title="Your history", severity="warning", timeout=30, markup=False)
        self.settings = settings
        self.start_voice(settings)
        return program

    def start_voice(self, settings: Settings) -> None:
        services = self.services
        if services.voice is not None:
            services.voice.close()
        if not settings.voice_enabled:
            from tui.services import silent_voice

            services.voice = silent_voice(settings, self._voice_status_from_thread)
            return
        services.voice = services.voice_factory(settings, self._voice_status_from_thread)
        if services.program is not None:
            from tui.voice.phrases import program_phrases

            # Rendered while the runner reads Today, so the first "three" is not late.
            services.voice.prepare(program_phrases(services.program))
        self.refresh_voice()

    def _voice_status_from_thread(self, status: VoiceStatus) -> None:
        # post_message is thread-safe and never waits: the speech thread cannot stall on us.
        self.post_message(VoiceStatusChanged(status))

    def prepare_voice(self, prescription: Prescription) -> None:
        """Have the voice render today's announcements while the runner reads Today (a fresh
        render costs 15-70 ms, which would make the first announcement late)."""
        voice, program, settings = self.services.voice, self.services.program, self.settings
        if voice is not None and program is not None and settings is not None:
            from tui.voice.phrases import session_phrases

            voice.prepare(session_phrases(program, prescription, settings.legs()))

    def refresh_voice(self) -> None:
        """Show the voice's state now (after a status change, muting, a new voice)."""
        voice = self.services.voice
        if voice is not None:
            self.voice_condition = VoiceCondition.of(voice.status, voice.muted)

    def action_voice_why(self) -> None:
        if self.voice_condition.shown:
            self.push_screen(VoiceWhyScreen(self.voice_condition))

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

    @property
    def voice_working(self) -> bool:
        voice = self.services.voice
        return voice is not None and voice.status.state == "ok" and not voice.muted

    async def save_settings(self, settings: Settings) -> None:
        await self.services.db.run(lambda s: s.save_settings(settings))
        old = self.settings
        self.settings = settings
        voice = self.services.voice
        if old is None or old.voice_enabled != settings.voice_enabled or voice is None:
            self.start_voice(settings)
        else:
            voice.configure(
                rate=settings.voice_rate,
                volume=settings.voice_volume,
                voice_id=settings.voice_id,
                keep_awake=settings.keep_audio_awake,
            )
