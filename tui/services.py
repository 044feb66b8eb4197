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
from tui.coach.thread import AsyncCoach

if TYPE_CHECKING:
    from session.records import Settings
    from tui.coach.coach import Coach
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
    coach: AsyncCoach = field(init=False)
    voice: Voice | None = None

    def __post_init__(self) -> None:
        self.coach = AsyncCoach(self._open_coach, self.wall)

    def _open_coach(self) -> Coach:
        """On the history's thread: the program first (a bad file is named before the history is
        touched), then the history, for writing."""
        from store.program_file import load_program
        from tui.coach.coach import Coach

        return Coach.open(
            self.data_dir,
            program=load_program(self.program_path),
            strength_path=self.strength_path,
            write=True,
            on_corrupt=self.on_corrupt,
            wall=self.wall,
            clock=self.clock,
        )

    def close(self) -> None:
        if self.voice is not None:
            self.voice.close()
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
    replace the real ones (tests: a manual clock, a fixed moment, a recording voice)."""
    from store.paths import resolve_data_dir

    if voice_factory is None:
        voice_factory = silent_voice if no_voice else real_voice
    return Services(
        data_dir=resolve_data_dir(data_dir),
        program_path=Path(program) if program else None,
        strength_path=Path(strength) if strength else None,
        clock=clock if clock is not None else EngineClock.started(time_scale),
        wall=wall if wall is not None else local_now,
        voice_factory=voice_factory,
        on_corrupt="refuse" if refuse_damaged else "move_aside",
    )
