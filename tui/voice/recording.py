"""Voices without audio: `RecordingVoice` (a test double that records what would be said) and
`SilentVoice` (voice switched off in settings or with --no-voice)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from session.effects import CueKind, Priority
from tui.voice.output import KeepAwakeMode
from tui.voice.protocol import CueEndCallback
from tui.voice.status import VoiceStatus


class RecordingVoice:
    """Says nothing; records (time, text, priority) in `.spoken` at the moment of `say`.

    Honours staleness like the speech thread: a cue whose `stale_at` has passed when it is
    enqueued is counted in `.dropped` instead. Muted cues are counted in `.muted_count`. A cue
    takes no time to say: `on_end` is called at once (True if recorded as spoken).
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.spoken: list[tuple[float, str, Priority]] = []
        self.kinds: list[CueKind | None] = []
        self.dropped = 0
        self.muted_count = 0
        self.muted = False
        self.voices: list[tuple[str, str]] = []
        self.status = VoiceStatus("ok")
        self.settings: dict[str, object] = {}
        self.prepared: list[str] = []
        self.keep_awake: KeepAwakeMode | None = None
        self.closed = False

    def say(
        self,
        text: str,
        *,
        priority: Priority = Priority.NORMAL,
        stale_at: float | None = None,
        kind: CueKind | None = None,
        on_end: CueEndCallback | None = None,
    ) -> None:
        now = self._clock()
        spoken = False
        with self._lock:
            if self.closed:
                pass
            elif self.muted:
                self.muted_count += 1
            elif stale_at is not None and now >= stale_at:
                self.dropped += 1
            else:
                self.spoken.append((now, text, priority))
                self.kinds.append(kind)
                spoken = True
        if on_end is not None:
            on_end(spoken)

    def prepare(self, texts: Iterable[str]) -> None:
        self.prepared.extend(texts)

    @property
    def texts(self) -> list[str]:
        return [text for _, text, _ in self.spoken]

    def configure(
        self,
        *,
        rate: int | None = None,
        volume: float | None = None,
        voice_id: str | None = None,
        keep_awake: KeepAwakeMode | None = None,
    ) -> None:
        for key, value in (("rate", rate), ("volume", volume), ("voice_id", voice_id)):
            if value is not None:
                self.settings[key] = value
        if keep_awake is not None:
            self.keep_awake = keep_awake

    def close(self) -> None:
        self.closed = True
        self.status = VoiceStatus("off", "the voice was closed")


class SilentVoice:
    """The voice is switched off: `say` does nothing, status "off" with the reason given."""

    def __init__(self, reason: str = "voice is turned off", hint: str | None = None) -> None:
        self.muted = False
        self.voices: list[tuple[str, str]] = []
        self.status = VoiceStatus("off", reason, hint)

    def say(
        self,
        text: str,
        *,
        priority: Priority = Priority.NORMAL,
        stale_at: float | None = None,
        kind: CueKind | None = None,
        on_end: CueEndCallback | None = None,
    ) -> None:
        if on_end is not None:
            on_end(False)

    def prepare(self, texts: Iterable[str]) -> None:
        return None

    def configure(
        self,
        *,
        rate: int | None = None,
        volume: float | None = None,
        voice_id: str | None = None,
        keep_awake: KeepAwakeMode | None = None,
    ) -> None:
        return None

    def close(self) -> None:
        return None
