"""The two clocks the shell hands to the pure core: monotonic engine time and wall time."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

WallClock = Callable[[], dt.datetime]
"""Now, timezone-aware: `local_now`, or a fixed moment in tests."""


def local_now() -> dt.datetime:
    """Now, timezone-aware in the machine's local zone (dates in reasons read as the runner's)."""
    return dt.datetime.now().astimezone()


class Clock(Protocol):
    """Engine time for the workout: `now()` in seconds, and its mapping back to real time."""

    @property
    def scale(self) -> float: ...

    def now(self) -> float: ...

    def to_monotonic(self, engine_time: float) -> float: ...


@dataclass(frozen=True, slots=True)
class EngineClock:
    """Monotonic seconds, optionally running `scale` times faster (for demos and tests).

    Engine time = origin + (monotonic - origin) * scale: deadlines stay absolute, so ticks never
    add drift at any scale.
    """

    scale: float = 1.0
    origin: float = 0.0

    @classmethod
    def started(cls, scale: float = 1.0) -> EngineClock:
        return cls(scale=scale, origin=time.monotonic())

    def now(self) -> float:
        return self.origin + (time.monotonic() - self.origin) * self.scale

    def to_monotonic(self, engine_time: float) -> float:
        """The real monotonic moment an engine time falls on (for the voice's staleness check)."""
        return self.origin + (engine_time - self.origin) / self.scale
