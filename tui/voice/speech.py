"""The speech thread: one long-lived daemon thread that owns the engine and says queued cues.

Callers only enqueue (`say` takes microseconds). The thread creates the pyttsx3 engine itself,
checks that the audio player works (by playing 50 ms of silence), then for each cue: renders it to
a WAV (~15 ms; a text said before with the same settings reuses its WAV), drops it if it went
stale meanwhile, and plays it with the player subprocess, waiting until it ends before the next.
Mute, close and urgent cues interrupt the playing cue.

Status changes are reported through `on_status`, called from this thread (never for closing: the
UI may be waiting in `close()`).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from session.effects import CueKind, Priority
from tui.voice import player as players
from tui.voice.cues import Cue, CueQueue
from tui.voice.protocol import CueEndCallback
from tui.voice.render import (
    EngineFactory,
    Renderer,
    RenderError,
    VoiceUnavailable,
    start_engine,
    write_silence,
)
from tui.voice.status import (
    CHECK_AUDIO,
    INSTALL_ESPEAK,
    NO_AUDIO,
    REINSTALL_ESPEAK,
    VoiceStatus,
)

POLL_S = 0.005
"""How often a playing cue checks for its player's exit, mute, close and urgent cues."""
PROBE_TIMEOUT_S = 5.0
PLAY_TIMEOUT_MARGIN_S = 5.0
MAX_RENDER_FAILURES = 3
CACHE_SIZE = 200
"""Rendered WAVs kept for reuse: rep numbers, countdown words and callouts repeat every set."""
TAIL_YIELD_S = 0.1
"""The end of a stale cue that may be cut for a waiting one: the 60 ms of padding kept after the
sound, and the last of its decay."""
SPAWN_GUESS_S = 0.01
"""Until measured: how long starting the player process takes (a cue must start before stale)."""


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
    cue's last 100 ms cut for the next one. `unspoken`: the voice was unavailable or closed."""

    spoken: int
    dropped: int
    superseded: int
    muted: int
    interrupted: int
    tails_cut: int
    unspoken: int
    timings: tuple[CueTiming, ...]


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
    ) -> None:
        """`player` None: $ACHILLES_AUDIO_PLAYER or paplay / pw-play / aplay -q, whichever exists.
        `engine_factory` None: pyttsx3.init."""
        self._clock = clock
        self._player = tuple(player) if player is not None else None
        self._on_status = on_status
        self._factory = engine_factory
        self._queue = CueQueue()
        self._lock = threading.Lock()
        self._settings: dict[str, object] = {"rate": rate, "volume": volume, "voice_id": voice_id}
        self._settings_changed = True
        self._status = VoiceStatus("starting")
        self.voices: list[tuple[str, str]] = []
        """Installed voices (id, name), read by the speech thread from its own engine at start."""
        self._ready = threading.Event()
        self._closing = threading.Event()
        self._muted = False
        names = ("spoken", "dropped", "superseded", "muted", "interrupted", "tails_cut", "unspoken")
        self._counts = dict.fromkeys(names, 0)
        self._timings: deque[CueTiming] = deque(maxlen=keep_timings)
        self._spawns: deque[float] = deque([SPAWN_GUESS_S], maxlen=20)
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
        self, *, rate: int | None = None, volume: float | None = None, voice_id: str | None = None
    ) -> None:
        """Applied by the speech thread before the next cue is rendered."""
        with self._lock:
            for key, value in (("rate", rate), ("volume", volume), ("voice_id", voice_id)):
                if value is not None:
                    self._settings[key] = value
            self._settings_changed = True

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

    def _unavailable(self, reason: str, hint: str | None) -> None:
        self._set_status(VoiceStatus("unavailable", reason, hint))
        self._count("unspoken", self._queue.clear())

    def _run(self) -> None:
        workdir = Path(tempfile.mkdtemp(prefix="achilles-voice-"))
        renderer: Renderer | None = None
        try:
            renderer = Renderer(start_engine(self._factory))
            self.voices = renderer.voices()
            renderer.warm_up(workdir / "warm-up.wav")
            command = self._player if self._player is not None else players.find_player()
            players.play(command, _silence(workdir), PROBE_TIMEOUT_S)
            if self._closing.is_set():
                return
            note = self._apply_settings(renderer)
            self._set_status(VoiceStatus("ok", note))
            self._speak_until_closed(renderer, command, workdir)
        except (VoiceUnavailable, players.AudioUnavailable) as exc:
            self._unavailable(exc.reason, exc.hint)
        except RenderError as exc:
            self._unavailable(str(exc), REINSTALL_ESPEAK)
        except Exception as exc:  # anything else: say so plainly instead of dying silently
            self._unavailable(f"the voice stopped: {type(exc).__name__}: {exc}", INSTALL_ESPEAK)
        finally:
            if renderer is not None:
                renderer.close()
            if self._closing.is_set():
                self._set_status(VoiceStatus("off", "the voice was closed"), notify=False)
            self._ready.set()
            self._queue.clear()
            shutil.rmtree(workdir, ignore_errors=True)

    def _apply_settings(self, renderer: Renderer) -> str | None:
        with self._lock:
            if not self._settings_changed:
                return self._status.reason
            settings = dict(self._settings)
            self._settings_changed = False
        rate, volume, voice_id = settings["rate"], settings["volume"], settings["voice_id"]
        assert isinstance(rate, int) and isinstance(volume, (int, float))
        assert voice_id is None or isinstance(voice_id, str)
        return renderer.configure(rate=rate, volume=float(volume), voice_id=voice_id)

    def _speak_until_closed(
        self, renderer: Renderer, command: tuple[str, ...], workdir: Path
    ) -> None:
        failures = 0
        serial = 0
        cache: OrderedDict[tuple[str, object], tuple[Path, float]] = OrderedDict()
        while not self._closing.is_set():
            note = self._apply_settings(renderer)
            if note != self._status.reason:
                self._set_status(VoiceStatus("ok", note))
            taken = self._queue.take(self._clock())
            if taken.stale:
                self._count("dropped", len(taken.stale))
                for stale in taken.stale:
                    stale.end(False)
            cue = taken.cue
            if cue is None:
                self._queue.wait_for_work(0.5, self._closing.is_set)
                continue
            spoken = False
            try:
                taken_at = self._clock()
                key = (cue.text, renderer.settings_key)
                cached = key in cache
                if cached:
                    cache.move_to_end(key)
                    wav, audio_s = cache[key]
                else:
                    serial += 1
                    wav = workdir / f"cue-{serial}.wav"
                    try:
                        audio_s = renderer.render(cue.text, wav)
                    except RenderError:
                        failures += 1
                        if failures >= MAX_RENDER_FAILURES:
                            raise
                        continue
                    failures = 0
                    if CACHE_SIZE > 0:
                        cache[key] = (wav, audio_s)
                        while len(cache) > CACHE_SIZE:
                            cache.popitem(last=False)[1][0].unlink(missing_ok=True)
                rendered_at = self._clock()
                if self._closing.is_set():
                    return
                if self._muted:
                    self._count("muted")
                    continue
                if cue.is_stale(rendered_at + self._spawn_estimate()):
                    self._count("dropped")  # it could not start in time
                    continue
                spoken = self._play(cue, command, wav, audio_s, (taken_at, rendered_at), cached)
            finally:
                self._queue.done()
                cue.end(spoken)

    def _play(
        self,
        cue: Cue,
        command: tuple[str, ...],
        wav: Path,
        audio_s: float,
        render_span: tuple[float, float],
        cached: bool,
    ) -> bool:
        """Play one cue; True if it was heard to its end (a cut fading tail counts as heard)."""
        spawning = self._clock()
        playback = players.start(command, wav)
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


def _silence(workdir: Path) -> Path:
    path = workdir / "probe.wav"
    write_silence(path)
    return path
