"""The speech thread's own work: its loop, from the engine's start to the last cue.

`SpeechThread` (speech.py) is the voice callers use; this is what runs on its thread: start the
engine and check the output; then take cues, render or reuse their WAVs, drop those gone stale,
play the rest and watch each player until it ends (cut short for mute, close, an urgent cue or a
stale cue's fading tail); render prepared texts when idle; keep the output awake when asked; and
when the output fails, say why and check it again every RETRY_EVERY_S until it plays.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from session.effects import Priority
from tui.voice import player as players
from tui.voice.cues import Cue, CueQueue
from tui.voice.output import AudioOutput, KeepAwakeMode, explain
from tui.voice.render import EngineFactory, Renderer, RenderError, VoiceUnavailable, start_engine
from tui.voice.stats import CueTiming
from tui.voice.status import CHECK_AUDIO, INSTALL_ESPEAK, NO_AUDIO, REINSTALL_ESPEAK, VoiceStatus
from tui.voice.wavs import Wav, WavCache

POLL_S = 0.005
"""How often a playing cue checks for its player's exit, mute, close and urgent cues."""
PLAY_TIMEOUT_MARGIN_S = 5.0
RETRY_EVERY_S = 2.0
"""While the audio output does not work: how often to check it again (50 ms of silence)."""
IDLE_WAKE_S = 0.5
TAIL_YIELD_S = 0.1
"""The end of a stale cue that may be cut for a waiting one: the 60 ms of padding kept after the
sound, and the last of its decay."""
SPAWN_GUESS_S = 0.01
"""Until measured: how long starting the player process takes (a cue must start before stale)."""


class SpeechLoop:
    """The state the voice shares with its thread, and the thread's work (see the docstring)."""

    # Set by SpeechThread.__init__; shared by the caller's side and this thread.
    _clock: Callable[[], float]
    _player: tuple[str, ...] | None
    _on_status: Callable[[VoiceStatus], None] | None
    _factory: EngineFactory | None
    _workdir: Path | None
    _queue: CueQueue
    _lock: threading.Lock
    _settings: dict[str, object]
    _settings_changed: bool
    _note: str | None
    _keep_awake: KeepAwakeMode
    _output: AudioOutput | None
    _status: VoiceStatus
    voices: list[tuple[str, str]]
    _ready: threading.Event
    _closing: threading.Event
    _muted: bool
    _counts: dict[str, int]
    _timings: deque[CueTiming]
    _spawns: deque[float]
    _ahead: deque[str]

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
        spawning = self._clock()
        playback = players.start(command, wav.path)
        started_at = self._clock()
        self._spawns.append(started_at - spawning)
        timing = CueTiming(
            cue.text, cue.priority, cue.stale_at, cue.enqueued_at, *render_span, started_at,
            wav.seconds, wav.cached, wav.path.name,
        )  # fmt: skip
        with self._lock:
            self._counts["spoken"] += 1
            self._timings.append(timing)
        try:
            return self._watch(playback, cue, started_at + wav.seconds)
        finally:
            playback.finish()

    def _watch(self, playback: players.Playback, cue: Cue, ends_at: float) -> bool:
        """Wait for the player to end, cutting it short for mute, close or an urgent cue."""
        deadline = time.monotonic() + (ends_at - self._clock()) + PLAY_TIMEOUT_MARGIN_S
        while (code := playback.poll()) is None:
            if self._closing.is_set() or self._muted or self._preempted_by_urgent(cue):
                playback.interrupt()
                self._count("interrupted")
                return False
            if self._yields_tail(cue, ends_at):
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
