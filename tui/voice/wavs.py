"""Cue WAVs: rendered once per text and settings, reused while they last (rep numbers, countdown
words and callouts repeat every set, so after the first set nothing is rendered again)."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import NamedTuple

from tui.voice.render import Renderer, RenderError

CACHE_SIZE = 200
MAX_RENDER_FAILURES = 3


class Wav(NamedTuple):
    path: Path
    seconds: float
    cached: bool
    """Reused from an earlier cue (no render)."""


class WavCache:
    """The speech thread's WAVs in `workdir`; `keep_files`: evicted WAVs stay on disk."""

    def __init__(self, workdir: Path, *, keep_files: bool = False, size: int | None = None) -> None:
        self._workdir = workdir
        self._keep_files = keep_files
        self._size = CACHE_SIZE if size is None else size
        self._wavs: OrderedDict[tuple[str, object], tuple[Path, float]] = OrderedDict()
        self._rendered = 0
        self._failures = 0

    def get(self, text: str, renderer: Renderer) -> Wav | None:
        """The WAV of `text` with the renderer's current settings; None if this render failed.
        The third failure in a row is raised: the engine is broken."""
        key = (text, renderer.settings_key)
        if key in self._wavs:
            self._wavs.move_to_end(key)
            return Wav(*self._wavs[key], True)
        self._rendered += 1
        path = self._workdir / f"cue-{self._rendered}.wav"
        try:
            seconds = renderer.render(text, path)
        except RenderError:
            self._failures += 1
            if self._failures >= MAX_RENDER_FAILURES:
                raise
            return None
        self._failures = 0
        if self._size > 0:
            self._wavs[key] = (path, seconds)
            while len(self._wavs) > self._size:
                old, _ = self._wavs.popitem(last=False)[1]
                if not self._keep_files:
                    old.unlink(missing_ok=True)
        return Wav(path, seconds, False)
