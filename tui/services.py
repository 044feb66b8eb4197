"""Everything the app talks to, built once and injected: tests pass real ones pointed at tmp_path.

Nothing heavy is imported here: the store, the program and the voice are made after the first
frame is painted, on their own threads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tui.clock import Clock, EngineClock, local_now
from tui.store_thread import StoreThread

if TYPE_CHECKING:
    from session.program import Program
    from session.records import Settings
    from store import Store
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
    data_dir: Path
    program_path: Path | None = None
    clock: Clock = field(default_factory=EngineClock.started)
    wall: Callable[[], dt.datetime] = local_now
    voice_factory: VoiceFactory = real_voice
    on_corrupt: Literal["move_aside", "refuse"] = "move_aside"
    db: StoreThread = field(init=False)
    program: Program | None = None
    voice: Voice | None = None

    def __post_init__(self) -> None:
        self.db = StoreThread(self._open_store)

    def _open_store(self) -> Store:
        from store import Store

        return Store.open(self.data_dir, write=True, on_corrupt=self.on_corrupt)

    def load_program(self) -> Program:
        """Parse the program (once); raises ProgramError with a readable message."""
        if self.program is None:
            from store.program_file import load_program

            self.program = load_program(self.program_path)
        return self.program

    def close(self) -> None:
        if self.voice is not None:
            self.voice.close()
        self.db.close()


def make_services(
    *,
    data_dir: str | Path | None = None,
    program: str | Path | None = None,
    no_voice: bool = False,
    time_scale: float = 1.0,
    refuse_damaged: bool = False,
) -> Services:
    """The real services for the command line, from its options."""
    from store.paths import resolve_data_dir

    return Services(
        data_dir=resolve_data_dir(data_dir),
        program_path=Path(program) if program else None,
        clock=EngineClock.started(time_scale),
        voice_factory=silent_voice if no_voice else real_voice,
        on_corrupt="refuse" if refuse_damaged else "move_aside",
    )
