"""For benchmarks that play through a real player: a private PulseAudio server for the run.

A real player needs a sound server; the private one (tests/audio/server.py) has a null sink, so
nothing is heard and a developer's own desktop server is never touched. With `private=False` the
player uses whatever sound server this session normally uses (to listen along).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tests.audio.server import SKIP_REASON, SoundServer, missing_tools


@contextlib.contextmanager
def private_sound_server(folder: Path, private: bool = True) -> Iterator[SoundServer | None]:
    """Start the private server and point this process (and the players it starts) at it."""
    if not private:
        yield None
        return
    missing = missing_tools()
    if missing:
        raise SystemExit(SKIP_REASON.format(missing=", ".join(missing)))
    server = SoundServer(folder / "sound")
    server.start()
    try:
        # A reader of the monitor at 10 ms latency makes the null sink play in small blocks, as a
        # sound card does; without one it works in 2 s blocks and players exit seconds late.
        with server.exported(), server.recording() as recorder:
            recorder.wait_started()
            yield server
    finally:
        server.stop()
