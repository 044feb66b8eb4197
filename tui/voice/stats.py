"""What the speech thread keeps about itself: one timing record per spoken cue, and counters."""

from __future__ import annotations

from dataclasses import dataclass

from session.effects import Priority


@dataclass(frozen=True, slots=True)
class CueTiming:
    """When one spoken cue went through the thread (voice clock seconds)."""

    text: str
    priority: Priority
    stale_at: float | None
    enqueued_at: float
    taken_at: float
    rendered_at: float
    started_at: float
    audio_s: float
    cached: bool = False
    """The WAV was reused from an earlier cue (no render)."""
    wav: str = ""
    """The file name of the WAV played (in the thread's work folder)."""

    @property
    def latency_s(self) -> float:
        """From enqueue to the player process running."""
        return self.started_at - self.enqueued_at

    @property
    def render_s(self) -> float:
        """Text to WAV (pyttsx3 + espeak-ng + silence trimming)."""
        return self.rendered_at - self.taken_at


@dataclass(frozen=True, slots=True)
class VoiceStats:
    """Counters since start. `dropped`: stale before it could start, or superseded (also counted
    in `superseded`). `interrupted`: cut off by mute, close or an urgent cue. `tails_cut`: a stale
    cue's last 100 ms cut for the next one. `unspoken`: the voice was unavailable or closed.
    `outages`: times the audio output stopped working and the thread waited for it to return."""

    spoken: int
    dropped: int
    superseded: int
    muted: int
    interrupted: int
    tails_cut: int
    unspoken: int
    timings: tuple[CueTiming, ...]
    outages: int = 0
