"""Everything the app talks to, built once and injected: tests pass real ones pointed at tmp_path.

Nothing heavy is imported here: the history (the `Coach` on its own thread), the program and the
voice are made after the first frame is painted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tui.clock import Clock, EngineClock, WallClock, local_now
from tui.coach.saving import RETRY_EVERY, SaveLedger
from tui.coach.thread import AsyncCoach

if TYPE_CHECKING:
    from session.records import Settings
    from tui.coach.coach import Coach
    from tui.coach.preview import PlanPreview
    from tui.voice import Voice, VoiceStatus

VoiceFactory = Callable[["Settings", Callable[["VoiceStatus"], None]], "Voice"]


def real_voice(settings: Settings, on_status: Callable[[VoiceStatus], None]) -> Voice:
    """The pyttsx3 speech thread, set up from the runner's settings."""
    from tui.voice.factory import voice_from_settings

    return voice_from_settings(settings, on_status)


def silent_voice(settings: Settings, on_status: Callable[[VoiceStatus], None]) -> Voice:
    """Captions only (--no-voice, or voice off in settings): never speaks."""
    from tui.voice import SilentVoice

    return SilentVoice()


@dataclass
class Services:
    """The app's outside world: the history (through its coach), the clocks and the voice."""

    data_dir: Path
    program_path: Path | None = None
    strength_path: Path | None = None
    """Part 1's program file (--strength); None: the shipped strength.toml."""
    clock: Clock = field(default_factory=EngineClock.started)
    wall: WallClock = local_now
    voice_factory: VoiceFactory = real_voice
    on_corrupt: Literal["move_aside", "refuse"] = "move_aside"
    retry_every: float = RETRY_EVERY
    """Seconds between two tries of a workout save that failed (tests make it short)."""
    demo_of: Path | None = None
    """A demo run (--time-scale): `data_dir` is the demo folder of this, the runner's history,
    whose settings it starts from; the history itself is never written."""
    coach: AsyncCoach = field(init=False)
    saves: SaveLedger = field(init=False)
    """The workout's saves and the truth about them (kept and retried when they fail)."""
    results: SaveLedger = field(init=False)
    """The same for the results of the functional tests coached by voice."""
    voice: Voice | None = None
    preview: PlanPreview | None = None
    """Today's plan worked out by a second process during start-up (`tui.cli.preview`)."""
    unsaved: str | None = None
    """After `close`: what could not be saved, to say on the way out (None: everything was)."""

    def __post_init__(self) -> None:
        self.coach = AsyncCoach(self._open_coach, self.wall)
        self.saves = SaveLedger(self.coach.save_session, retry_every=self.retry_every)
        self.results = SaveLedger.results(self.coach.save_result, retry_every=self.retry_every)

    def _open_coach(self) -> Coach:
        """On the history's thread: the program first (a bad file is named before the history is
        touched), then the history, for writing."""
        from store.program_file import load_program
        from tui.coach.coach import Coach
        from tui.coach.demo import seed_demo

        program = load_program(self.program_path)
        if self.demo_of is not None:
            seed_demo(self.demo_of, self.data_dir)
        return Coach.open(
            self.data_dir,
            program=program,
            strength_path=self.strength_path,
            write=True,
            on_corrupt=self.on_corrupt,
            wall=self.wall,
            clock=self.clock,
        )

    def close(self) -> None:
        """Stop the voice, make a last try of any unsaved set (or test result), and close the
        history."""
        if self.voice is not None:
            self.voice.close()
        if self.preview is not None:
            self.preview.close()
        from tui.coach.saving import farewell

        unsaved = [*self.saves.close(), *self.results.close()]
        self.unsaved = farewell(unsaved) if unsaved else None
        self.coach.close()


def make_services(
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
) -> Services:
    """The real services from the command line's options. `clock`, `wall` and `voice_factory`
    replace the real ones (tests: a manual clock, a fixed moment, a recording voice).

    A `time_scale` other than 1 is a demo: its records (wall times running that many times
    fast) go to the demo folder beside the history (`store.paths.demo_dir`), never into it."""
    from store.paths import demo_dir, resolve_data_dir

    if voice_factory is None:
        voice_factory = silent_voice if no_voice else real_voice
    history = resolve_data_dir(data_dir)
    demo = time_scale != 1.0
    return Services(
        data_dir=demo_dir(history) if demo else history,
        demo_of=history if demo else None,
        program_path=Path(program) if program else None,
        strength_path=Path(strength) if strength else None,
        clock=clock if clock is not None else EngineClock.started(time_scale),
        wall=wall if wall is not None else local_now,
        voice_factory=voice_factory,
        on_corrupt="refuse" if refuse_damaged else "move_aside",
    )
