"""What the workout engine asks the shell to do: cues to speak and show, and records to persist.

Times are engine seconds on the monotonic clock the shell passes in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from session.records import SessionRecord


class CueKind(StrEnum):
    ANNOUNCE = "announce"
    COUNTDOWN = "countdown"
    REP = "rep"
    SWITCH_LEGS = "switch_legs"
    REST = "rest"
    NEXT_UP = "next_up"
    PAIN_QUESTION = "pain_question"
    PAIN_ADVICE = "pain_advice"
    STOP_GRACE = "stop_grace"
    REMINDER = "reminder"
    STOP = "stop"
    RED_FLAG = "red_flag"
    """The red flags' spoken line, after a stop for pain (x): urgent, never dropped."""
    DONE = "done"
    INFO = "info"


class Priority(IntEnum):
    """Lower is more urgent: the voice says urgent cues first."""

    URGENT = 0
    HIGH = 1
    NORMAL = 2
    LOW = 3


@dataclass(frozen=True, slots=True)
class Say:
    """A cue to speak and show as a caption, at engine time `at`.

    `[at, stale_after)` is the window in which what it says is true on screen (a rep number until
    the next rep is due); the voice drops it if it cannot start inside it. None: the runner must
    hear it (the pain question and advice, the stop), however late; `priority` puts it first.

    `key`, when set, asks the shell to report back: once the cue has been said to its end, or
    will not be said (dropped, muted, no voice), the shell dispatches `CueEnded(key, spoken)`,
    so the engine can start what follows when the runner has heard it.
    """

    text: str
    kind: CueKind
    at: float
    priority: Priority = Priority.NORMAL
    stale_after: float | None = None
    key: str | None = None


@dataclass(frozen=True, slots=True)
class Persist:
    """The session record changed (a set ended, a pain rating came in, it ended): save it."""

    record: SessionRecord


Effect = Say | Persist
