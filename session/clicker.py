"""A clicker, page turner, foot pedal or headset as the runner's remote: keys in, presses out.

Pure: key names (as Textual reports them) and times (engine or monotonic seconds) are passed in.

Terminals send no key releases, only the key again and again while it is held (after the
system's repeat delay, then at its repeat rate). So `PressTracker` tells a tap from a hold by that
stream: the first event is a `Down` at once (for what is harmless to do at once, like pausing);
a key that goes quiet is a `Tap` (known once its repeat delay has passed without a repeat); a key
that keeps repeating for `hold_seconds` is a `Hold`. Keys that never repeat (media keys) are a
`Down` and a `Tap` at once, and cannot be held.

During a set (`during_set`): NEXT (or CONFIRM) pauses and resumes, BACK stops for pain, and
holding NEXT stops for pain too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Button(StrEnum):
    NEXT = "next"
    """Pause / resume during a set; one up at the pain question."""
    BACK = "back"
    """Stop for pain during a set; one down at the pain question."""
    CONFIRM = "confirm"
    """Optional third button: confirms a pain rating; pause / resume during a set."""


class ClickerMapping(BaseModel):
    """The runner's remote, learned in Settings (or taken from a device kind) and saved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    keys: dict[str, Button] = Field(description="Textual key name -> button.")
    device: str = Field(default="", description="What the runner called it, for Settings.")
    repeat_delay: float | None = Field(
        default=0.66,
        gt=0.0,
        le=2.0,
        description="Seconds before a held key repeats, measured while learning; None: its "
        "keys never repeat, so it cannot be held.",
    )
    hold_seconds: float = Field(default=1.0, ge=0.5, le=3.0)

    @field_validator("keys")
    @classmethod
    def _named_keys(cls, keys: dict[str, Button]) -> dict[str, Button]:
        for key in keys:
            if not key or key != key.strip() or " " in key:
                raise ValueError(f"not a key name: {key!r}")
        if Button.NEXT not in keys.values():
            raise ValueError("a remote needs a key for its 'next' button")
        return keys

    def button(self, key: str) -> Button | None:
        return self.keys.get(key)

    def has(self, button: Button) -> bool:
        return button in self.keys.values()

    @property
    def can_confirm(self) -> bool:
        """A pain rating can be confirmed from it: a CONFIRM button, or keys that can be held."""
        return self.has(Button.CONFIRM) or self.repeat_delay is not None


@dataclass(frozen=True, slots=True)
class Down:
    """A button went down (the first event of a press): act now only if it is harmless."""

    button: Button
    at: float


@dataclass(frozen=True, slots=True)
class Tap:
    """A short press, known once the key went quiet."""

    button: Button
    at: float


@dataclass(frozen=True, slots=True)
class Hold:
    """The button has been held for `hold_seconds` (its key kept repeating)."""

    button: Button
    at: float


Press = Down | Tap | Hold

REPEAT_SLACK = 0.15
"""Allowed lateness of the first repeat after the repeat delay (a busy event loop, a radio link)."""
DOUBLE_TAP_SHARE = 0.8
"""A second event sooner than this share of the repeat delay is a second press, not a repeat."""
REPEAT_GAP = 0.15
"""Longest gap between auto-repeats (systems repeat 20-40 times a second); a human is slower."""


@dataclass(frozen=True, slots=True)
class _Pressing:
    key: str
    button: Button
    first_at: float
    last_at: float
    events: int = 1
    held: bool = False


@dataclass(frozen=True, slots=True)
class PressTracker:
    """Turns key events into presses. Immutable: each call returns the next tracker."""

    mapping: ClickerMapping
    pressing: _Pressing | None = None

    def feed(self, key: str, now: float) -> tuple[PressTracker, list[Press]]:
        """A key event. Keys the remote does not use are left to the keyboard: no presses."""
        button = self.mapping.button(key)
        if button is None:
            return self, []
        if self.mapping.repeat_delay is None:  # no repeats, no holds: a tap at once
            return self, [Down(button, now), Tap(button, now)]
        out: list[Press] = []
        current = self.pressing
        if (
            current is not None
            and current.key == key
            and now - current.last_at <= self._gap(current)
        ):
            current = replace(current, last_at=now, events=current.events + 1)
            if self._holding(current) and now - current.first_at >= self.mapping.hold_seconds:
                current = replace(current, held=True)
                out.append(Hold(button, now))
            return replace(self, pressing=current), out
        tracker, out = self._resolve(now) if current is not None else (self, [])
        started = _Pressing(key, button, now, now)
        return replace(tracker, pressing=started), [*out, Down(button, now)]

    def tick(self, now: float) -> tuple[PressTracker, list[Press]]:
        """Time passed: a press whose key went quiet is resolved."""
        due = self.due()
        if due is None or now < due:
            return self, []
        return self._resolve(now)

    def due(self) -> float | None:
        """When `tick` may resolve the press in progress (None: nothing pending)."""
        current = self.pressing
        return None if current is None else current.last_at + self._gap(current)

    def _gap(self, current: _Pressing) -> float:
        """How long after its last event a key may still be repeating."""
        if current.events == 1:
            assert self.mapping.repeat_delay is not None
            return self.mapping.repeat_delay + REPEAT_SLACK
        return REPEAT_GAP

    @staticmethod
    def _holding(current: _Pressing) -> bool:
        """Three or more events: the key is auto-repeating (two could be a quick double tap)."""
        return current.events >= 3 and not current.held

    def _quick(self, current: _Pressing) -> bool:
        assert self.mapping.repeat_delay is not None
        return current.last_at - current.first_at < DOUBLE_TAP_SHARE * self.mapping.repeat_delay

    def _resolve(self, now: float) -> tuple[PressTracker, list[Press]]:
        current = self.pressing
        assert current is not None
        out: list[Press] = []
        if not current.held:
            # One event: a tap. Two, sooner than the repeat delay: a double tap (two about the
            # repeat delay apart: a key held just long enough to repeat once). More, released
            # before hold_seconds: one slow tap.
            taps = 2 if current.events == 2 and self._quick(current) else 1
            out = [Tap(current.button, current.last_at) for _ in range(taps)]
        return replace(self, pressing=None), out


class SetAction(StrEnum):
    TOGGLE_PAUSE = "toggle_pause"
    STOP_FOR_PAIN = "stop_for_pain"


def during_set(press: Press) -> SetAction | None:
    """What a press does while reps are counted (or a rest runs).

    Pausing happens on the button's first event (no waiting to know if it is held); holding
    NEXT then stops for pain, which is safe from a pause. BACK stops for pain at once: when the
    tendon hurts, stopping must be one press, and stopping is never the unsafe choice.
    """
    if isinstance(press, Down):
        if press.button is Button.BACK:
            return SetAction.STOP_FOR_PAIN
        return SetAction.TOGGLE_PAUSE
    if isinstance(press, Hold) and press.button is Button.NEXT:
        return SetAction.STOP_FOR_PAIN
    return None
