"""The `Voice` the TUI talks to, and how an engine `Say` effect becomes a call to it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from session.effects import CueKind, Priority, Say
from tui.voice.output import KeepAwakeMode
from tui.voice.status import VoiceStatus

CueEndCallback = Callable[[bool], None]
"""Told once whether a cue was heard to its end (see `Voice.say`)."""


class Voice(Protocol):
    """Something that speaks cues without ever blocking its caller."""

    muted: bool
    """Settable; muting forgets pending cues and cuts off the one being said."""

    voices: list[tuple[str, str]]
    """Installed voices as (id, name); empty until known, or when there is no engine."""

    @property
    def status(self) -> VoiceStatus: ...

    def say(
        self,
        text: str,
        *,
        priority: Priority = Priority.NORMAL,
        stale_at: float | None = None,
        kind: CueKind | None = None,
        on_end: CueEndCallback | None = None,
    ) -> None:
        """Enqueue only (well under 1 ms). `stale_at` is a time.monotonic() value after which the
        cue must not start; `kind` lets a newer rep number supersede older pending ones.

        `on_end(spoken)` is called exactly once, from any thread and never while a lock of the
        caller's could be held: `True` when the cue has been played to its end, `False` when it
        never will be or was cut off (stale, superseded, muted, interrupted, no voice, closed)."""

    def prepare(self, texts: Iterable[str]) -> None:
        """Get these ready ahead (rendered in idle time), so that saying them later starts at
        once; never blocks. Texts said before with the same settings are ready anyway."""

    def configure(
        self,
        *,
        rate: int | None = None,
        volume: float | None = None,
        voice_id: str | None = None,
        keep_awake: KeepAwakeMode | None = None,
    ) -> None:
        """Applied before the next cue; None leaves a setting as it is."""

    def close(self) -> None:
        """Stop quickly; idempotent."""


def say_effect(
    voice: Voice,
    cue: Say,
    to_monotonic: Callable[[float], float] | None = None,
    on_end: CueEndCallback | None = None,
) -> None:
    """Hand an engine `Say` to the voice. `to_monotonic` maps engine time to time.monotonic()
    (e.g. `EngineClock.to_monotonic` when the session runs with --time-scale); `on_end` is passed
    through (the shell gives one for cues with a `key`)."""
    stale_at = cue.stale_after
    if stale_at is not None and to_monotonic is not None:
        stale_at = to_monotonic(stale_at)
    voice.say(cue.text, priority=cue.priority, stale_at=stale_at, kind=cue.kind, on_end=on_end)
