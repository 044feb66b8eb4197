"""The speech thread: one long-lived daemon thread that owns the engine and says queued cues.

Callers only enqueue (`say` takes microseconds). The thread creates the pyttsx3 engine itself,
checks that the audio player works (by playing 50 ms of silence), then for each cue: renders it to
a WAV (~15 ms; a text said before with the same settings reuses its WAV, and `prepare` renders
texts ahead in idle time), drops it if it went stale meanwhile, and plays it with the player
process, waiting until it ends before the next. Mute, close and urgent cues interrupt the playing
cue. What runs on the thread is in speech_loop.py.

When the audio output stops working (the sound server died, the speaker went away) the thread
says so, forgets what was queued, and checks the output again every RETRY_EVERY_S with the same
50 ms of silence, on its own thread, off the timer's path; once it plays, the voice is back. A
missing engine or player is for good: then the thread ends.

Status changes are reported through `on_status`, called from the thread (never for closing: the
UI may be waiting in `close()`).
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from session.effects import CueKind, Priority
from tui.voice.cues import CueQueue
from tui.voice.output import AudioOutput, KeepAwakeMode
from tui.voice.protocol import CueEndCallback
from tui.voice.render import EngineFactory
from tui.voice.speech_loop import RETRY_EVERY_S, SPAWN_GUESS_S, SpeechLoop
from tui.voice.stats import CueTiming, VoiceStats
from tui.voice.status import VoiceStatus

__all__ = ["RETRY_EVERY_S", "CueTiming", "SpeechThread", "VoiceStats"]

SWITCH_INTERVAL_S = 0.001
"""The interpreter's thread switch interval (5 ms by default) is lowered to this while a speech
thread exists: a cue's start waits on the UI thread for the GIL two or three times, each up to
one interval (with 5 ms, players started 13-40 ms after their cue while the screen repainted)."""


class SpeechThread(SpeechLoop):
    """The real voice (see the module docstring). Implements `tui.voice.Voice`."""

    def __init__(
        self,
        *,
        rate: int = 170,
        volume: float = 1.0,
        voice_id: str | None = None,
        player: Sequence[str] | None = None,
        on_status: Callable[[VoiceStatus], None] | None = None,
        engine_factory: EngineFactory | None = None,
        clock: Callable[[], float] = time.monotonic,
        keep_timings: int = 10_000,
        keep_awake: KeepAwakeMode = "off",
        workdir: Path | None = None,
    ) -> None:
        """`player` None: $ACHILLES_AUDIO_PLAYER or paplay / pw-play / aplay -q, whichever exists.
        `engine_factory` None: pyttsx3.init. `keep_awake`: keep the output awake between cues
        ("auto": while the default output is Bluetooth). `workdir`: render the WAVs there and
        leave them (tests and benchmarks read them); None: a temporary folder, removed."""
        self._clock, self._on_status, self._factory = clock, on_status, engine_factory
        self._player = tuple(player) if player is not None else None
        self._workdir = workdir
        self._queue = CueQueue()
        self._lock = threading.Lock()
        self._settings: dict[str, object] = {"rate": rate, "volume": volume, "voice_id": voice_id}
        self._settings_changed = True
        self._note: str | None = None
        """What configuring the engine had to say (e.g. the chosen voice is not installed)."""
        self._keep_awake: KeepAwakeMode = keep_awake
        self._output: AudioOutput | None = None
        self._status = VoiceStatus("starting")
        self.voices: list[tuple[str, str]] = []
        """Installed voices (id, name), read by the speech thread from its own engine at start."""
        self._ready, self._closing = threading.Event(), threading.Event()
        self._muted = False
        names = ("spoken", "dropped", "superseded", "muted", "interrupted", "tails_cut", "unspoken")
        self._counts = dict.fromkeys((*names, "outages"), 0)
        self._timings: deque[CueTiming] = deque(maxlen=keep_timings)
        self._spawns: deque[float] = deque([SPAWN_GUESS_S], maxlen=20)
        self._ahead: deque[str] = deque()  # texts to render in idle time (`prepare`)
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._thread = threading.Thread(target=self._run, name="achilles-voice", daemon=True)
        self._thread.start()

    # ---- the Voice protocol (any thread) ----

    def say(
        self,
        text: str,
        *,
        priority: Priority = Priority.NORMAL,
        stale_at: float | None = None,
        kind: CueKind | None = None,
        on_end: CueEndCallback | None = None,
    ) -> None:
        """Enqueue a cue; it is dropped if it cannot start before `stale_at` (voice clock)."""
        unsaid = None
        if not text.strip():
            unsaid = "empty"
        elif not self._status.can_speak or self._closing.is_set():
            unsaid = "unspoken"
        elif self._muted:
            unsaid = "muted"
        if unsaid is not None:
            if unsaid != "empty":
                self._count(unsaid)
            if on_end is not None:
                on_end(False)
            return
        superseded = self._queue.put(text, priority, stale_at, kind, self._clock(), on_end)
        if superseded:
            self._count("superseded", len(superseded))
            self._count("dropped", len(superseded))
            for old in superseded:
                old.end(False)

    def prepare(self, texts: Iterable[str]) -> None:
        """Render these in idle time and keep them, so that saying them later starts at once.
        The latest request goes first (it is about what comes next)."""
        with self._lock:
            self._ahead.extendleft(reversed([t for t in texts if t.strip()]))
        self._queue.wake()

    @property
    def muted(self) -> bool:
        return self._muted

    @muted.setter
    def muted(self, value: bool) -> None:
        """Muting forgets pending cues and cuts off the one playing."""
        self._muted = bool(value)
        if self._muted:
            self._count("muted", self._queue.clear())
        self._queue.wake()

    @property
    def status(self) -> VoiceStatus:
        return self._status

    def configure(
        self,
        *,
        rate: int | None = None,
        volume: float | None = None,
        voice_id: str | None = None,
        keep_awake: KeepAwakeMode | None = None,
    ) -> None:
        """Applied by the speech thread before the next cue is rendered."""
        with self._lock:
            for key, value in (("rate", rate), ("volume", volume), ("voice_id", voice_id)):
                if value is not None:
                    self._settings[key] = value
            self._settings_changed = True
            if keep_awake is not None:
                self._keep_awake = keep_awake
        self._queue.wake()

    def close(self, timeout: float = 2.0) -> None:
        """Stop speaking and end the thread (joins for at most `timeout`). Idempotent."""
        self._closing.set()
        self._queue.clear()
        self._queue.wake()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # ---- extras for the `achilles voice` command, tests and the benchmark ----

    def wait_ready(self, timeout: float = 10.0) -> VoiceStatus:
        """Block until the thread knows whether it can speak; returns the status."""
        self._ready.wait(timeout)
        return self._status

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every enqueued cue has been said or dropped (or the thread has ended)."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if self._queue.wait_idle(min(left, 0.1)) or not self._thread.is_alive():
                return True
        return False

    def wait_prepared(self, timeout: float = 30.0) -> bool:
        """Block until everything asked for with `prepare` is rendered (and nothing is queued)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._thread.is_alive():
            with self._lock:
                left = bool(self._ahead)
            if not left and self._queue.wait_idle(0.05) and self._status.state != "starting":
                return True
            time.sleep(0.02)
        return not self._ahead

    @property
    def spoken(self) -> int:
        return self._counts["spoken"]

    @property
    def dropped(self) -> int:
        return self._counts["dropped"]

    def stats(self) -> VoiceStats:
        with self._lock:
            return VoiceStats(**self._counts, timings=tuple(self._timings))

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def keeping_awake(self) -> bool:
        """The quiet keep-awake clip is playing now."""
        output = self._output
        return output is not None and output.keeping_awake

    @property
    def default_sink(self) -> str | None:
        """The sound server's default output, as `pactl` last named it (only with "auto")."""
        return self._output.sink if self._output is not None else None
