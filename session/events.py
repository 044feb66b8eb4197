"""What can happen to a running workout: time passing and the runner's keys."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tick:
    """Time has passed: fire every scheduled cue and transition due by now."""


@dataclass(frozen=True, slots=True)
class Pause:
    pass


@dataclass(frozen=True, slots=True)
class Resume:
    pass


@dataclass(frozen=True, slots=True)
class Skip:
    """Skip what is running now: a rest, the get-ready, or the rest of this leg's reps."""


@dataclass(frozen=True, slots=True)
class PainRating:
    """The runner's 0-10 Achilles pain after the set just done (or a new one for it)."""

    rating: int


@dataclass(frozen=True, slots=True)
class ChangeRating:
    """The runner wants to change the last rating (key u): during the few seconds before a
    stopping rating ends the session, or later in the rest. The rating is asked again."""


@dataclass(frozen=True, slots=True)
class StopForPain:
    """Stop for pain, now, in any phase (key x): where it happened is kept on the set, the rating
    is asked, and the session stops as a rating in a stopping zone does."""


@dataclass(frozen=True, slots=True)
class EndEarly:
    """Stop now; every finished set is kept."""


@dataclass(frozen=True, slots=True)
class AdjustCadence:
    """Change this exercise's seconds per rep by `delta` for the rest of the session."""

    delta: float


@dataclass(frozen=True, slots=True)
class CueEnded:
    """A cue the engine asked to hear back about (`Say.key`) has ended: said to its end when
    `spoken`, else dropped, muted or unsayable (no voice)."""

    key: str
    spoken: bool


Event = (
    Tick
    | Pause
    | Resume
    | Skip
    | PainRating
    | ChangeRating
    | StopForPain
    | EndEarly
    | AdjustCadence
    | CueEnded
)
