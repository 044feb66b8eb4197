"""The start-up's preview: today's plan worked out in a second process while the app loads.

The app's first frame needs Textual; its plan needs the program, the history and their models,
about as much work again (bench/startup.py). On a machine with two cores or more,
`PlanPreview.start` forks before either is imported: the child reads the history read-only
(`preview_words`) and sends the words of the plan back as JSON through a pipe, while the parent
loads Textual. Today's first frame waits for them (up to `FIRST_FRAME_WAIT`) and shows them; the
app's own history, opened for writing once they are painted, then shows the same words and
enables what needs it (Enter pressed on the preview's plan is acted on then).

`preview_words` returns None wherever the app has something to do or to say before the plan:
the first launch's questions, a morning check-in to offer, a notice about the files (a damaged
one, an upgrade), an unfinished session from an earlier day to close, the news that part 1 is
on (said once).

The child never touches the terminal (its standard streams go to /dev/null; Ctrl+C is for the
parent), never writes the history, and ends with `os._exit` whatever happens. Anything short of
a complete, valid answer by `DEADLINE` is no preview: the app then loads the plan as before.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import select
import signal
import time
from pathlib import Path

from tui.coach.today_words import TodayWords, today_words

DEADLINE = 1.0
"""Seconds from the fork after which the preview is given up (the app's own plan comes next)."""
FIRST_FRAME_WAIT = 0.3
"""Seconds Today's first frame may wait for the words, so that it shows the plan at once."""


class PlanPreview:
    """The parent's end of a preview process: its words, once."""

    def __init__(self, pid: int, fd: int, started: float) -> None:
        self._pid: int | None = pid
        self._fd: int | None = fd
        self._deadline = started + DEADLINE
        self._chunks: list[bytes] = []
        self._words: TodayWords | None = None

    @classmethod
    def start(cls, args: argparse.Namespace) -> PlanPreview | None:
        """Fork the preview for the app about to start with `args`; None where it cannot help
        (a demo, one core, no fork)."""
        if getattr(args, "time_scale", 1.0) != 1.0 or not hasattr(os, "fork"):
            return None  # a demo plays in its own folder, seeded by the app
        if len(os.sched_getaffinity(0)) < 2:
            return None  # one core: the child would only slow the first frame down
        read, write = os.pipe()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read)
            _child(write, args)  # never returns
        os.close(write)
        return cls(pid, read, started)

    @property
    def pending(self) -> bool:
        """Whether the child may still answer (before its end and before `DEADLINE`)."""
        return self._fd is not None

    async def words(self, within: float | None = None) -> TodayWords | None:
        """The child's words, waiting for them at most `within` seconds (None: until the
        deadline), off the event loop. None: no words (yet, while `pending`)."""
        import asyncio

        if self.pending:
            until = self._deadline if within is None else time.monotonic() + within
            await asyncio.to_thread(self._read, min(until, self._deadline))
        return self._words

    def _read(self, until: float) -> None:
        """Read what the child sends until its end (then parse it) or until `until`."""
        fd = self._fd
        if fd is None:
            return
        try:
            while (left := until - time.monotonic()) > 0 and select.select([fd], [], [], left)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:  # the end: the child has said all it will
                    if self._chunks:
                        self._words = TodayWords.from_json(b"".join(self._chunks))
                    break
                self._chunks.append(chunk)
            else:
                if time.monotonic() < self._deadline:
                    return  # not yet: ask again
        except (OSError, ValueError, TypeError, KeyError):
            self._words = None  # no preview: the app's own plan will do
        self.close()

    def close(self) -> None:
        """Stop listening, end the child if it still runs, and reap it."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
        pid, self._pid = self._pid, None
        if pid is None:
            return
        with contextlib.suppress(OSError):
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


def _child(fd: int, args: argparse.Namespace) -> None:
    """Work out the words and send them; always ends the process, never raises."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C at the terminal is the app's
        gc.disable()  # a short life, ended by os._exit: collecting would only slow it down
        quiet = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(quiet, stream)
        words = preview_words(args.data_dir, args.program, getattr(args, "strength", None))
        if words is not None:
            data = memoryview(words.to_json().encode())
            while data:
                data = data[os.write(fd, data) :]
        code = 0
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def preview_words(
    data_dir: str | Path | None,
    program: str | Path | None = None,
    strength: str | Path | None = None,
) -> TodayWords | None:
    """The words of today's plan from the history in `data_dir` (None: the app's default, as
    `store.paths.resolve_data_dir` says), or None where the app must first ask or tell."""
    from store.errors import StoreReadOnly
    from store.paths import resolve_data_dir
    from tui.coach.coach import Coach
    from tui.coach.today import untold

    folder = resolve_data_dir(data_dir)
    if not folder.is_dir():
        return None  # a first launch
    coach = Coach.open(
        folder,
        program_path=Path(program) if program else None,
        strength_path=Path(strength) if strength else None,
        write=False,
    )
    with coach:
        startup = coach.startup()
        settings = startup.settings
        if startup.notices or settings.sore_side is None or untold(settings):
            return None
        if coach.checkin_due():
            return None
        try:
            today = coach.today()
        except StoreReadOnly:
            # An unfinished session from an earlier day, to be saved as ended early: the app
            # does it, and says so.
            return None
        return today_words(today)
