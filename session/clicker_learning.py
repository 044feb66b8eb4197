"""Settings' "press your remote's buttons" step: a pure state machine that learns a mapping.

Spoken step by step (the runner may be across the room with the clicker already in hand):
the NEXT button, the BACK button (or none: wait), a CONFIRM button (or none: wait), then "hold
NEXT for two seconds", which measures the system's key repeat delay (the tracker's tap-or-hold
threshold) or finds that the keys never repeat. Keys the keyboard already uses are refused, so
the keyboard keeps working exactly as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from session.clicker import Button, ClickerMapping
from session.effects import CueKind, Priority, Say

WAIT = 10.0
"""Seconds to wait for an optional button before going on without it."""
HOLD_WAIT = 3.0
"""Seconds after the first event of the hold to wait for the key to repeat."""

ASK = {
    Button.NEXT: "Press the button to use for next: pause and resume, and up at the pain question.",
    Button.BACK: "Now the other button: stop for pain, and down at the pain question. "
    "No other button? Just wait.",
    Button.CONFIRM: "A third button to confirm a pain rating? Press it, or just wait.",
}
ASK_HOLD = "Now hold the next button down for two seconds."


class Step(StrEnum):
    NEXT = "next"
    BACK = "back"
    CONFIRM = "confirm"
    HOLD = "hold"
    DONE = "done"


ORDER = (Step.NEXT, Step.BACK, Step.CONFIRM, Step.HOLD, Step.DONE)


def spoken(key: str) -> str:
    """A key name as the voice says it: 'pagedown' -> 'page down', 'media_play_pause' -> ..."""
    words = {"pagedown": "page down", "pageup": "page up", "full_stop": "full stop"}
    return words.get(key, key.replace("_", " ").replace("+", " plus "))


@dataclass(frozen=True, slots=True)
class Learning:
    step: Step
    since: float
    reserved: frozenset[str]
    keys: dict[str, Button] = field(default_factory=dict)
    hold_first: float | None = None
    repeat_delay: float | None = None
    device: str = ""

    @classmethod
    def start(
        cls, now: float, *, reserved: frozenset[str], device: str = ""
    ) -> tuple[Learning, list[Say]]:
        """`reserved`: the keys the app's keyboard bindings use (never taken by the remote)."""
        return cls(Step.NEXT, now, reserved, device=device), [_say(ASK[Button.NEXT], now)]

    def key(self, key: str, now: float) -> tuple[Learning, list[Say]]:
        if self.step is Step.DONE:
            return self, []
        if self.step is Step.HOLD:
            return self._hold(key, now)
        if key in self.keys:
            if now - self.since < HOLD_WAIT:  # the last button still held down: ignore
                return self, []
            return self, [_say("That button is taken already. Press another one.", now)]
        if key in self.reserved:
            text = f"{spoken(key).capitalize()} is a keyboard key here already. Press another."
            return self, [_say(text, now)]
        button = Button(self.step.value)
        learning = replace(self, keys={**self.keys, key: button}, since=now)
        return learning._next(now, f"{spoken(key).capitalize()}.")

    def tick(self, now: float) -> tuple[Learning, list[Say]]:
        due = self.due()
        if due is None or now < due:
            return self, []
        if self.step is Step.HOLD:
            return replace(self, repeat_delay=None)._finish(now)
        return replace(self, since=now)._next(now, "None.")  # an optional button: skipped

    def due(self) -> float | None:
        if self.step in (Step.BACK, Step.CONFIRM):
            return self.since + WAIT
        if self.step is Step.HOLD:
            return (
                (self.hold_first + HOLD_WAIT) if self.hold_first is not None else self.since + WAIT
            )
        return None

    def result(self) -> ClickerMapping | None:
        """The learned mapping, once done."""
        if self.step is not Step.DONE:
            return None
        return ClickerMapping(keys=self.keys, device=self.device, repeat_delay=self.repeat_delay)

    def _next(self, now: float, said: str) -> tuple[Learning, list[Say]]:
        step = ORDER[ORDER.index(self.step) + 1]
        learning = replace(self, step=step)
        question = ASK_HOLD if step is Step.HOLD else ASK[Button(step.value)]
        return learning, [_say(f"{said} {question}", now)]

    def _hold(self, key: str, now: float) -> tuple[Learning, list[Say]]:
        if self.keys.get(key) is not Button.NEXT:
            return self, []
        if self.hold_first is None:
            return replace(self, hold_first=now), []
        delay = round(min(2.0, max(0.05, now - self.hold_first)), 3)
        return replace(self, repeat_delay=delay)._finish(now)

    def _finish(self, now: float) -> tuple[Learning, list[Say]]:
        learning = replace(self, step=Step.DONE)
        names = {button: spoken(key) for key, button in self.keys.items()}
        parts = [f"Next is {names[Button.NEXT]}"]
        if Button.BACK in names:
            parts.append(f"back is {names[Button.BACK]}")
        if Button.CONFIRM in names:
            parts.append(f"confirm is {names[Button.CONFIRM]}")
        text = "Done. " + ", ".join(parts) + "."
        mapping = learning.result()
        assert mapping is not None
        if not mapping.can_confirm:
            text += (
                " Its keys do not repeat when held, so it cannot confirm a pain rating: it will "
                "pause and resume. Rate pain on the keyboard or the phone."
            )
        return learning, [_say(text, now)]


def _say(text: str, now: float) -> Say:
    return Say(text, CueKind.INFO, now, Priority.HIGH)
