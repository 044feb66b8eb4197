"""The speech thread: one long-lived daemon thread that owns the engine and says queued cues.

Callers only enqueue (`say` takes microseconds). The thread creates the pyttsx3 engine itself,
checks that the audio player works (by playing 50 ms of silence), then for each cue: renders it to
a WAV (~15 ms; a text said before with the same settings reuses its WAV), drops it if it went
stale meanwhile, and plays it with the player subprocess, waiting until it ends before the next.
Mute, close and urgent cues interrupt the playing cue.

When the audio output stops working (the sound server died, the speaker went away) the thread
says so, forgets what was queued, and checks the output again every RETRY_EVERY_S with the same
50 ms of silence, on this thread, off the timer's path; once it plays, the voice is back. A
missing engine or player is for good: then the thread ends.

Status changes are reported through `on_status`, called from this thread (never for closing: the
UI may be waiting in `close()`).
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from session.effects import CueKind, Priority
from tui.voice import player as players
from tui.voice.cues import Cue, CueQueue
from tui.voice.output import AudioOutput, KeepAwakeMode, explain
from tui.voice.protocol import CueEndCallback
from tui.voice.render import EngineFactory, Renderer, RenderError, VoiceUnavailable, start_engine
from tui.voice.stats import CueTiming, VoiceStats
from tui.voice.status import (
    CHECK_AUDIO,
    INSTALL_ESPEAK,
    NO_AUDIO,
    REINSTALL_ESPEAK,
    VoiceStatus,
)
from tui.voice.wavs import Wav, WavCache

__all__ = ["CueTiming", "SpeechThread", "VoiceStats"]

POLL_S = 0.005
"""How often a playing cue checks for its player's exit, mute, close and urgent cues."""
PLAY_TIMEOUT_MARGIN_S = 5.0
RETRY_EVERY_S = 2.0
"""While the audio output does not work: how often to check it again (50 ms of silence)."""
IDLE_WAKE_S = 0.5
TAIL_YIELD_S = 0.1
"""The end of a stale cue that may be cut for a waiting one: the 60 ms of padding kept after the
sound, and the last of its decay."""
SWITCH_INTERVAL_S = 0.001
"""The interpreter's thread switch interval (5 ms by default) is lowered to this while a speech
thread exists: a cue's start waits on the UI thread for the GIL two or three times, each up to
one interval (with 5 ms, players started 13-40 ms after their cue while the screen repainted)."""
SPAWN_GUESS_S = 0.01
"""Until measured: how long starting the player process takes (a cue must start before stale)."""


class SpeechThread:
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
        self._clock = clock
        self._player = tuple(player) if player is not None else None
        self._on_status = on_status
        self._factory = engine_factory
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
        self._ready = threading.Event()
        self._closing = threading.Event()
        self._muted = False
        names = ("spoken", "dropped", "superseded", "muted", "interrupted", "tails_cut", "unspoken")
        self._counts = dict.fromkeys((*names, "outages"), 0)
        self._timings: deque[CueTiming] = deque(maxlen=keep_timings)
        self._spawns: deque[float] = deque([SPAWN_GUESS_S], maxlen=20)
        self._ahead: deque[str] = deque()
        """Texts to render in idle time (`prepare`)."""
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

    # ---- the speech thread ----

    def _count(self, key: str, n: int = 1) -> None:
        with self._lock:
            self._counts[key] += n

    def _set_status(self, status: VoiceStatus, *, notify: bool = True) -> None:
        if status == self._status:
            return
        self._status = status
        if status.state != "starting":
            self._ready.set()
        if notify and self._on_status is not None and not self._closing.is_set():
            with contextlib.suppress(Exception):  # the UI's problem must not kill the voice
                self._on_status(status)

    def _unavailable(self, reason: str, hint: str | None, *, recovers: bool = False) -> None:
        self._set_status(VoiceStatus("unavailable", reason, hint, recovers))
        self._count("unspoken", self._queue.clear())

    def _run(self) -> None:
        workdir = self._workdir or Path(tempfile.mkdtemp(prefix="achilles-voice-"))
        workdir.mkdir(parents=True, exist_ok=True)
        renderer: Renderer | None = None
        try:
            renderer = Renderer(start_engine(self._factory))
            self.voices = renderer.voices()
            renderer.warm_up(workdir / "warm-up.wav")
            command = self._player if self._player is not None else players.find_player()
            self._output = AudioOutput(command, workdir, self._keep_awake)
            if self._await_output(self._output):
                self._set_status(VoiceStatus("ok", self._apply_settings(renderer)))
                wavs = WavCache(workdir, keep_files=self._workdir is not None)
                self._speak_until_closed(renderer, self._output, wavs)
        except (VoiceUnavailable, players.AudioUnavailable) as exc:
            self._unavailable(exc.reason, exc.hint)
        except RenderError as exc:
            self._unavailable(str(exc), REINSTALL_ESPEAK)
        except Exception as exc:  # anything else: say so plainly instead of dying silently
            self._unavailable(f"the voice stopped: {type(exc).__name__}: {exc}", INSTALL_ESPEAK)
        finally:
            if self._output is not None:
                self._output.close()
            if renderer is not None:
                renderer.close()
            if self._closing.is_set():
                self._set_status(VoiceStatus("off", "the voice was closed"), notify=False)
            self._ready.set()
            self._queue.clear()
            if self._workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)

    def _await_output(self, output: AudioOutput) -> bool:
        """Check the output until it works (True), again every RETRY_EVERY_S while it does not;
        False once closing. A lasting failure (no player) is raised."""
        while not self._closing.is_set():
            try:
                output.check()
            except players.AudioUnavailable as exc:
                if exc.lasting:
                    raise
                self._unavailable(exc.reason, exc.hint, recovers=True)
                self._closing.wait(RETRY_EVERY_S)
                continue
            return not self._closing.is_set()
        return False

    def _apply_settings(self, renderer: Renderer) -> str | None:
        """Hand changed settings to the engine; returns its note about them (None: all well)."""
        with self._lock:
            if not self._settings_changed:
                return self._note
            settings = dict(self._settings)
            self._settings_changed = False
        rate, volume, voice_id = settings["rate"], settings["volume"], settings["voice_id"]
        assert isinstance(rate, int) and isinstance(volume, (int, float))
        assert voice_id is None or isinstance(voice_id, str)
        self._note = renderer.configure(rate=rate, volume=float(volume), voice_id=voice_id)
        return self._note

    def _tend_output(self) -> None:
        """Keep the output awake when it should be (cheap; every few ms while a cue plays)."""
        output = self._output
        if output is not None:
            output.mode = self._keep_awake
            output.tend(not self._muted and self._status.state == "ok")

    def _speak_until_closed(self, renderer: Renderer, output: AudioOutput, wavs: WavCache) -> None:
        while not self._closing.is_set():
            note = self._apply_settings(renderer)
            if note != self._status.reason:
                self._set_status(VoiceStatus("ok", note))
            self._tend_output()
            taken = self._queue.take(self._clock())
            if taken.stale:
                self._count("dropped", len(taken.stale))
                for stale in taken.stale:
                    stale.end(False)
            cue = taken.cue
            if cue is None:
                if not self._render_ahead(renderer, wavs):
                    self._queue.wait_for_work(IDLE_WAKE_S, self._closing.is_set)
                continue
            try:
                self._say_one(cue, renderer, output.command, wavs)
            except players.AudioUnavailable as exc:
                if exc.lasting:
                    raise
                self._count("outages")
                output.quiet()
                failure = explain(exc)
                self._unavailable(failure.reason, failure.hint, recovers=True)
                self._closing.wait(RETRY_EVERY_S)
                if not self._await_output(output):
                    return
                self._set_status(VoiceStatus("ok", self._apply_settings(renderer)))

    def _render_ahead(self, renderer: Renderer, wavs: WavCache) -> bool:
        """Render one prepared text (nothing is waiting to be said); False when none is left."""
        with self._lock:
            text = self._ahead.popleft() if self._ahead else None
        if text is None:
            return False
        wavs.get(text, renderer)
        return True

    def _say_one(
        self, cue: Cue, renderer: Renderer, command: tuple[str, ...], wavs: WavCache
    ) -> None:
        """Render (or reuse) and play one taken cue; its `on_end` is told either way."""
        spoken = False
        try:
            taken_at = self._clock()
            wav = wavs.get(cue.text, renderer)
            if wav is None:
                return
            rendered_at = self._clock()
            if self._closing.is_set():
                return
            if self._muted:
                self._count("muted")
                return
            if cue.is_stale(rendered_at + self._spawn_estimate()):
                self._count("dropped")  # it could not start in time
                return
            spoken = self._play(cue, command, wav, (taken_at, rendered_at))
        finally:
            self._queue.done()
            cue.end(spoken)

    def _play(
        self, cue: Cue, command: tuple[str, ...], wav: Wav, render_span: tuple[float, float]
    ) -> bool:
        """Play one cue; True if it was heard to its end (a cut fading tail counts as heard)."""
        path, audio_s, cached = wav
        spawning = self._clock()
        playback = players.start(command, path)
        started_at = self._clock()
        self._spawns.append(started_at - spawning)
        with self._lock:
            self._counts["spoken"] += 1
            self._timings.append(
                CueTiming(
                    cue.text,
                    cue.priority,
                    cue.stale_at,
                    cue.enqueued_at,
                    *render_span,
                    started_at,
                    audio_s,
                    cached,
                    path.name,
                )
            )
        deadline = time.monotonic() + audio_s + PLAY_TIMEOUT_MARGIN_S
        try:
            while (code := playback.poll()) is None:
                if self._closing.is_set() or self._muted or self._preempted_by_urgent(cue):
                    playback.interrupt()
                    self._count("interrupted")
                    return False
                if self._yields_tail(cue, started_at + audio_s):
                    playback.interrupt()
                    self._count("tails_cut")
                    return True
                if time.monotonic() > deadline:
                    playback.interrupt()
                    raise players.AudioUnavailable(
                        f"{NO_AUDIO} ({playback.name} did not finish playing)", CHECK_AUDIO
                    )
                self._queue.wait(POLL_S)
                self._tend_output()
            if code != 0 and not playback.interrupted:
                raise playback.failure(code)
            return code == 0
        finally:
            playback.finish()

    def _spawn_estimate(self) -> float:
        """How long starting the player may take: 1.5 x the slowest of the last 20 starts."""
        return 1.5 * max(self._spawns)

    def _yields_tail(self, playing: Cue, ends_at: float) -> bool:
        """A cue past its time, with only its fading end left, makes way for a waiting cue.

        A rep number that runs a little longer than the cadence (at 0.6 s per rep, "fourteen" at
        170 words per minute lasts 0.6 s) would otherwise delay every later number a little.
        """
        now = self._clock()
        return (
            playing.is_stale(now)
            and ends_at - now <= TAIL_YIELD_S
            and self._queue.peek() is not None
        )

    def _preempted_by_urgent(self, playing: Cue) -> bool:
        if playing.priority <= Priority.URGENT:
            return False
        waiting = self._queue.peek()
        return waiting is not None and waiting.priority == Priority.URGENT
