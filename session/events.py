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
    """The runner's 0-10 Achilles pain after the set just done."""

    rating: int


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


Event = Tick | Pause | Resume | Skip | PainRating | EndEarly | AdjustCadence | CueEnded
