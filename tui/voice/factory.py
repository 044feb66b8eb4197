"""The real voice, built from the runner's settings (for the app, tests and benchmarks)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from session.records import Settings
from tui.voice.speech import SpeechThread
from tui.voice.status import VoiceStatus


def voice_from_settings(
    settings: Settings,
    on_status: Callable[[VoiceStatus], None] | None = None,
    *,
    player: Sequence[str] | None = None,
    workdir: Path | None = None,
) -> SpeechThread:
    """The speech thread with the runner's rate, volume, voice and keep-awake choice.

    `player` None: $ACHILLES_AUDIO_PLAYER, else paplay / pw-play / aplay -q. `workdir`: keep the
    rendered WAVs there (tests and benchmarks listen for them)."""
    return SpeechThread(
        rate=settings.voice_rate,
        volume=settings.voice_volume,
        voice_id=settings.voice_id,
        keep_awake=settings.keep_audio_awake,
        on_status=on_status,
        player=player,
        workdir=workdir,
    )
