"""Text to WAV with pyttsx3 (espeak-ng): the only module that touches the speech engine.

pyttsx3 2.99 is used only through its public engine API, `save_to_file` + `runAndWait`, one cue
per run (its `say()` plays through `os.system("aplay ...")` and prints to the terminal). Its
espeak driver runs espeak-ng asynchronously and needs care; each of these was seen here:
- `runAndWait()` returns only when a synthesis ends; with no text queued it never returns.
- Until the engine has run once, property changes are only queued; the run then starts with a
  `stop()` that cancels them inside espeak and leaves the driver "stopping", so the next cue is
  cut off (an empty WAV). `stop()` does this whenever espeak is still busy.
- `runAndWait()` may return before the WAV is written (it is written on espeak's thread).
So a renderer first renders one throwaway cue, waits until espeak is idle before every run and
after every property change, waits for the "finished-utterance" notification and checks it
completed (retrying once), and ends a run that hangs with the public `endLoop()`.

espeak's state is process-wide, so every use of an engine is serialised by `ENGINE_LOCK`. The
driver's `print("Audio saved to ...")` is silenced by shadowing `print` in the driver module only
(a global redirect of stdout would also swallow the TUI's own output).
"""

from __future__ import annotations

import array
import contextlib
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tui.voice.status import INSTALL_ESPEAK

ENGINE_LOCK = threading.Lock()
"""Held while any thread drives the (process-wide) espeak engine."""

EngineFactory = Callable[[], Any]

_DRIVER_MODULES = ("pyttsx3.drivers.espeak", "pyttsx3.drivers.nsss", "pyttsx3.drivers.sapi5")
_default_voice: str | None = None

SILENCE_FLOOR = 0.02
"""Samples below this fraction of the loudest one count as silence when trimming."""
KEEP_BEFORE_S = 0.01
KEEP_AFTER_S = 0.06


class VoiceUnavailable(Exception):
    """The speech engine cannot start; `reason` and `hint` are plain English."""

    def __init__(self, reason: str, hint: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


class RenderError(Exception):
    """The engine ran but produced no usable audio for a cue."""


def default_engine() -> Any:
    import pyttsx3

    return pyttsx3.init()


def start_engine(factory: EngineFactory | None = None) -> Any:
    """Create the engine (in the calling thread) and silence its driver; VoiceUnavailable if not."""
    try:
        with ENGINE_LOCK:
            engine = (factory or default_engine)()
    except ModuleNotFoundError as exc:
        raise VoiceUnavailable(
            f"the {exc.name or 'pyttsx3'} package is missing",
            "reinstall achilles-coach: python3 tasks.py start",
        ) from exc
    except Exception as exc:
        raise VoiceUnavailable(
            f"the speech engine could not start: espeak-ng was not found ({_one_line(exc)})",
            INSTALL_ESPEAK,
        ) from exc
    silence_driver_output()
    return engine


def silence_driver_output() -> None:
    """Make pyttsx3's driver modules' `print` a no-op (they print on every saved file)."""
    for name in _DRIVER_MODULES:
        module = sys.modules.get(name)
        if module is not None and getattr(module, "print", None) is not _discard:
            module.print = _discard  # type: ignore[attr-defined]


def _discard(*_args: object, **_kwargs: object) -> None:
    """Stands in for print() inside pyttsx3's driver."""


class Renderer:
    """Renders cues with one engine, one at a time (see the module docstring)."""

    def __init__(self, engine: Any) -> None:
        global _default_voice
        self._engine = engine
        self._error: BaseException | None = None
        self._finished = threading.Event()
        self._completed = False
        self._rate = 170
        self._volume = 1.0
        self._voice: str | None = None
        self._voice_ids: dict[str, str] | None = None
        self._tokens = [
            engine.connect("error", self._on_error),
            engine.connect("finished-utterance", self._on_finished),
        ]
        self._warmed_up = False
        with ENGINE_LOCK:
            if _default_voice is None:
                current = engine.getProperty("voice")
                _default_voice = str(current) if current else None

    def close(self) -> None:
        """Stop listening to the engine (pyttsx3 shares one engine per process)."""
        while self._tokens:
            self._engine.disconnect(self._tokens.pop())

    def _on_error(self, exception: BaseException | None = None, **_: object) -> None:
        self._error = exception or RuntimeError("the speech engine reported an error")
        self._finished.set()

    def _on_finished(self, completed: bool = True, **_: object) -> None:
        self._completed = bool(completed)
        self._finished.set()

    def voices(self) -> list[tuple[str, str]]:
        """Installed voices as (id, name), in the engine's order."""
        with ENGINE_LOCK:
            found = self._engine.getProperty("voices") or []
        return [(str(v.id), str(v.name)) for v in found]

    @property
    def settings_key(self) -> tuple[str | None, int, float]:
        """What a rendered WAV depends on besides its text (voice, rate, volume)."""
        return (self._voice, self._rate, self._volume)

    def configure(
        self, *, rate: int | None = None, volume: float | None = None, voice_id: str | None = None
    ) -> str | None:
        """Set what later renders use. Returns a plain note if `voice_id` is not installed."""
        if rate is not None:
            self._rate = int(rate)
        if volume is not None:
            self._volume = min(1.0, max(0.0, float(volume)))
        if voice_id is None:
            return None
        if self._voice_ids is None:
            self._voice_ids = {}
            for vid, name in self.voices():
                self._voice_ids.setdefault(vid.lower(), vid)
                self._voice_ids.setdefault(name.lower(), vid)
        found = self._voice_ids.get(voice_id.lower())
        if found is None:
            self._voice = None
            return f"voice {voice_id!r} is not installed, using the default voice"
        self._voice = found
        return None

    def render(self, text: str, path: Path, *, trim: bool = True) -> float:
        """Write `text` as speech to `path` (WAV); returns its length in seconds."""
        if not text.strip():
            raise RenderError("there is nothing to say")
        path = Path(path)
        with ENGINE_LOCK:
            self._warm_up(path)
            self._apply_properties()
            completed = self._run_once(text, path)
            if not completed and self._error is None:
                completed = self._run_once(text, path)  # espeak cancelled it: once more
            error = self._error
        if error is not None:
            raise RenderError(f"the speech engine failed: {_one_line(error)}")
        if not completed:
            raise RenderError("the speech engine stopped before the end of the text")
        try:
            return trim_silence(path) if trim else wav_seconds(path)
        except (OSError, EOFError, wave.Error) as exc:
            raise RenderError(f"the speech engine wrote no usable audio: {_one_line(exc)}") from exc

    def warm_up(self, path: Path) -> None:
        """Render a throwaway cue to `path`, so the engine has run once (done by the first render
        otherwise). Cancelled is fine; RenderError if the engine fails or hangs."""
        with ENGINE_LOCK:
            self._warm_up(path)
            error = self._error
        if error is not None:
            raise RenderError(f"the speech engine failed: {_one_line(error)}")

    def _warm_up(self, path: Path) -> None:
        if not self._warmed_up:
            self._run_once("ready", Path(path))
            self._warmed_up = True

    def _run_once(self, text: str, path: Path) -> bool:
        """One save_to_file + runAndWait (ENGINE_LOCK held); True if it ran to the end."""
        _wait_until_espeak_idle()
        self._error = None
        self._completed = False
        self._finished.clear()
        path.unlink(missing_ok=True)
        watchdog = threading.Timer(RENDER_TIMEOUT_S, self._end_loop)
        watchdog.daemon = True
        self._engine.save_to_file(text, str(path))
        watchdog.start()
        try:
            self._engine.runAndWait()
            finished = self._finished.wait(RENDER_TIMEOUT_S)
        finally:
            watchdog.cancel()
        if not finished and self._error is None:
            self._error = TimeoutError(f"no result within {RENDER_TIMEOUT_S:g} s")
        return finished and self._completed

    def _end_loop(self) -> None:
        """The watchdog: end a run that hangs (pyttsx3 raises if it has just ended)."""
        with contextlib.suppress(Exception):
            self._engine.endLoop()

    def _apply_properties(self) -> None:
        """Set voice, rate and volume if the engine has others, and let espeak take them in.

        Called with ENGINE_LOCK held. The applied values are kept on the engine object, since a
        new pyttsx3 engine resets them.
        """
        wanted = (self._voice or _default_voice, self._rate, self._volume)
        if getattr(self._engine, _APPLIED, None) == wanted:
            return
        voice, rate, volume = wanted
        if voice:
            self._engine.setProperty("voice", voice)
        self._engine.setProperty("rate", rate)
        self._engine.setProperty("volume", volume)
        _wait_until_espeak_idle()
        setattr(self._engine, _APPLIED, wanted)


_APPLIED = "_achilles_applied"
RENDER_TIMEOUT_S = 5.0
ESPEAK_IDLE_TIMEOUT_S = 1.0


def _wait_until_espeak_idle() -> None:
    """Wait until espeak-ng has processed the commands queued in it (a few ms at most).

    Uses pyttsx3's ctypes binding `_espeak.IsPlaying` (true while espeak's command thread is
    busy); other drivers have no such queue, and then this returns at once.
    """
    espeak = sys.modules.get("pyttsx3.drivers._espeak")
    is_playing = getattr(espeak, "IsPlaying", None)
    if is_playing is None:
        return
    deadline = time.monotonic() + ESPEAK_IDLE_TIMEOUT_S
    while is_playing() and time.monotonic() < deadline:
        time.sleep(0.001)


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / float(w.getframerate())


def trim_silence(path: Path) -> float:
    """Cut leading and trailing silence (espeak pads ~0.3 s) from a 16-bit WAV; returns seconds.

    Keeps 10 ms before and 60 ms after the sound so words are not clipped. A silent file is left
    as it is.
    """
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    if params.sampwidth != 2 or params.nchannels != 1 or params.nframes == 0:
        return params.nframes / float(params.framerate)
    samples = array.array("h")
    samples.frombytes(frames)
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max(abs(min(samples)), abs(max(samples)))
    if peak == 0:
        return len(samples) / float(params.framerate)
    floor = max(1, int(peak * SILENCE_FLOOR))
    n = len(samples)
    first = next(i for i in range(n) if abs(samples[i]) >= floor)
    last = next(i for i in range(n - 1, -1, -1) if abs(samples[i]) >= floor)
    start = max(0, first - int(KEEP_BEFORE_S * params.framerate))
    end = min(n, last + 1 + int(KEEP_AFTER_S * params.framerate))
    if start == 0 and end == len(samples):
        return len(samples) / float(params.framerate)
    kept = samples[start:end]
    if sys.byteorder == "big":
        kept.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(params.framerate)
        w.writeframes(kept.tobytes())
    return len(kept) / float(params.framerate)


def write_silence(path: Path, seconds: float = 0.05, rate: int = 22050) -> None:
    """A short silent WAV, used to check that the audio player works without a sound."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(seconds * rate))


def render_to_wav(
    text: str,
    path: Path,
    *,
    rate: int = 170,
    voice_id: str | None = None,
    volume: float = 1.0,
    engine_factory: EngineFactory | None = None,
) -> None:
    """Speak `text` into a WAV file with the real engine (no playback). Raises VoiceUnavailable."""
    renderer = Renderer(start_engine(engine_factory))
    try:
        renderer.configure(rate=rate, volume=volume, voice_id=voice_id)
        renderer.render(text, Path(path))
    except RenderError as exc:
        raise VoiceUnavailable(str(exc), INSTALL_ESPEAK) from exc
    finally:
        renderer.close()


def list_voices(engine_factory: EngineFactory | None = None) -> list[tuple[str, str]]:
    """The installed voices as (id, name). Raises VoiceUnavailable without an engine."""
    renderer = Renderer(start_engine(engine_factory))
    try:
        return renderer.voices()
    finally:
        renderer.close()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."
