"""What was heard against what the engine scheduled: each cue heard once, in order, on time.

The engine's cues (text, kind, due time, staleness) come from the workout runner; the heard
matches from `listen.Listener`. Each expected cue takes the first unclaimed match of its sound
no earlier than it was due and before it went stale (a rep number once the next rep is due), or
before the same text is due again for a cue that never goes stale. What is left over is a cue
heard twice, or heard too late to be true, or something nobody scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from session.effects import CueKind
from tests.audio.listen import Listener, Match

EARLY_S = 0.05
"""A match may start this much before its cue's due time (the recording's clock is this good)."""


@dataclass(frozen=True, slots=True)
class Expected:
    """One cue the engine emitted, in emission order; times are time.monotonic()."""

    text: str
    kind: CueKind
    due: float
    stale_at: float | None
    order: int


@dataclass
class Heard:
    cue: Expected
    match: Match | None

    @property
    def late_s(self) -> float | None:
        return None if self.match is None else self.match.onset - self.cue.due


@dataclass
class Verdict:
    heard: list[Heard]
    extra: list[Match] = field(default_factory=list)
    """Matches no cue claimed: heard twice, heard after going stale, or never scheduled."""
    unexplained: list[tuple[float, float]] = field(default_factory=list)
    sound_of: dict[str, str] = field(default_factory=dict)
    """Each text played, to its sound class (texts that sound the same share one)."""

    def of(self, *kinds: CueKind) -> list[Heard]:
        return [h for h in self.heard if h.cue.kind in kinds]

    @property
    def missing(self) -> list[Expected]:
        return [h.cue for h in self.heard if h.match is None]

    def out_of_order(self, *kinds: CueKind) -> list[Heard]:
        """Heard cues (of these kinds, or all) heard before a cue emitted earlier."""
        chosen = [h for h in self.heard if h.match and (not kinds or h.cue.kind in kinds)]
        wrong: list[Heard] = []
        latest = float("-inf")
        for h in sorted(chosen, key=lambda h: h.cue.order):
            assert h.match is not None
            if h.match.onset < latest:
                wrong.append(h)
            latest = max(latest, h.match.onset)
        return wrong

    def sequence(self, *kinds: CueKind) -> list[str]:
        """What was heard of these kinds, in the order heard: a claimed match as its cue's text,
        a left-over one of the same sound as "extra:<text>"."""
        claimed = [(h.match.onset, h.cue.text) for h in self.of(*kinds) if h.match is not None]
        sounds = {self.sound_of.get(h.cue.text) for h in self.of(*kinds)}
        claimed += [(m.onset, f"extra:{m.sound}") for m in self.extra if m.sound in sounds]
        return [text for _, text in sorted(claimed)]


def judge(expected: list[Expected], listener: Listener) -> Verdict:
    matches = listener.matches()
    sound_of: dict[str, str | None] = {}
    for cue in expected:
        try:
            sound_of[cue.text] = listener.sound_of(cue.text)
        except KeyError:
            sound_of[cue.text] = None  # never played at all: nothing of it can be heard
    claimed: set[int] = set()
    heard: list[Heard] = []
    for cue in sorted(expected, key=lambda c: (c.due, c.order)):
        limit = cue.stale_at if cue.stale_at is not None else _next_due(expected, cue)
        found = None
        for n, match in enumerate(matches):
            if n in claimed or match.sound != sound_of[cue.text]:
                continue
            if cue.due - EARLY_S <= match.onset < limit:
                found = n
                break
        if found is not None:
            claimed.add(found)
        heard.append(Heard(cue, matches[found] if found is not None else None))
    heard.sort(key=lambda h: h.cue.order)
    extra = [m for n, m in enumerate(matches) if n not in claimed]
    classes = {text: name for name, texts in listener.classes.items() for text in texts}
    return Verdict(heard, extra, listener.unexplained(matches), classes)


def _next_due(expected: list[Expected], cue: Expected) -> float:
    later = [c.due for c in expected if c.text == cue.text and c.order > cue.order]
    return min(later, default=float("inf"))
