"""Rating pain with a remote's buttons, by ear: a pure state machine (time is passed in).

    "Pain? Three. Next for up, back for down, hold to confirm."   (the starting value)
    tap NEXT -> "Four."        tap BACK -> "Three."               (each step said)
    hold (or the CONFIRM button) -> "Four. Saved."                 (said back)
    ... then `grace` seconds in which a tap changes it again ("Five."), after which the
    rating is committed (`Commit`), for the shell to dispatch as the engine's PainRating.

Nothing is saved that the runner did not confirm and hear back: left alone, the dial reminds
("Pain is four. Hold to confirm.") but never decides. The keyboard's digits still answer at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from session.clicker import Button, Down, Hold, Press, Tap
from session.effects import CueKind, Priority, Say

NUMBER_WORDS = (
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
)
TOP = 10


@dataclass(frozen=True, slots=True)
class DialWords:
    """What the voice says; `{n}` is the rating as a word ("Four"), `{low}` in lower case."""

    question: str = "Pain? {n}."
    hint: str = "Next for up, back for down, hold to confirm."
    hint_one_button: str = "Press to go up, hold to confirm."
    step: str = "{n}."
    saved: str = "{n}. Saved."
    reminder: str = "Pain is {low}. Hold to confirm."


@dataclass(frozen=True, slots=True)
class Commit:
    """The confirmed rating, after its grace period: dispatch it as the engine's PainRating."""

    rating: int


class DialPhase(StrEnum):
    ASKING = "asking"
    SAVED = "saved"
    """Said back; a tap still changes it until `until`."""
    DONE = "done"


DialEffect = Say | Commit


@dataclass(frozen=True, slots=True)
class PainDial:
    value: int
    phase: DialPhase
    last_input: float
    """When the runner last pressed (or the question was asked): reminders count from here."""
    until: float | None = None
    one_button: bool = False
    """Only NEXT is mapped: up wraps from ten to zero."""
    grace: float = 4.0
    remind_every: float = 20.0
    words: DialWords = DialWords()

    # --- the machine --------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        start_value: int,
        now: float,
        *,
        one_button: bool = False,
        grace: float = 4.0,
        remind_every: float = 20.0,
        words: DialWords | None = None,
    ) -> tuple[PainDial, list[DialEffect]]:
        """Ask, starting from `start_value` (see `starting_value`)."""
        if not 0 <= start_value <= TOP:
            raise ValueError(f"a pain rating is 0-{TOP}, not {start_value}")
        if grace <= 0 or remind_every <= 0:
            raise ValueError("grace and remind_every must be above 0 seconds")
        dial = cls(
            start_value,
            DialPhase.ASKING,
            now,
            None,
            one_button,
            grace,
            remind_every,
            words or DialWords(),
        )
        hint = dial.words.hint_one_button if one_button else dial.words.hint
        return dial, [dial._say(f"{dial._text(dial.words.question)} {hint}", now, urgent=True)]

    def press(self, press: Press, now: float) -> tuple[PainDial, list[DialEffect]]:
        if self.phase is DialPhase.DONE:
            raise ValueError("the pain rating is already committed")
        if self._confirms(press):
            return self._confirm(now)
        if isinstance(press, Tap) and press.button in (Button.NEXT, Button.BACK):
            return self._step(1 if press.button is Button.NEXT else -1, now)
        return self, []

    def tick(self, now: float) -> tuple[PainDial, list[DialEffect]]:
        if self.phase is DialPhase.SAVED and self.until is not None and now >= self.until:
            return replace(self, phase=DialPhase.DONE, until=None), [Commit(self.value)]
        if self.phase is DialPhase.ASKING and now >= self.last_input + self.remind_every:
            dial = replace(self, last_input=now)
            return dial, [dial._say(dial._text(dial.words.reminder), now)]
        return self, []

    def due(self) -> float | None:
        """When `tick` has something to do."""
        if self.phase is DialPhase.SAVED:
            return self.until
        if self.phase is DialPhase.ASKING:
            return self.last_input + self.remind_every
        return None

    # --- the steps -----------------------------------------------------------------------------

    @staticmethod
    def _confirms(press: Press) -> bool:
        if isinstance(press, Hold):
            return press.button in (Button.NEXT, Button.BACK)
        return isinstance(press, Down) and press.button is Button.CONFIRM

    def _confirm(self, now: float) -> tuple[PainDial, list[DialEffect]]:
        if self.phase is DialPhase.SAVED:  # confirmed twice: no need to wait
            return replace(self, phase=DialPhase.DONE, until=None), [Commit(self.value)]
        dial = replace(self, phase=DialPhase.SAVED, until=now + self.grace, last_input=now)
        return dial, [dial._say(dial._text(dial.words.saved), now, urgent=True)]

    def _step(self, delta: int, now: float) -> tuple[PainDial, list[DialEffect]]:
        value = self.value + delta
        value = value % (TOP + 1) if self.one_button else max(0, min(TOP, value))
        dial = replace(self, value=value, phase=DialPhase.ASKING, until=None, last_input=now)
        # A step is stale once the next one comes: said late, it would be the wrong number.
        return dial, [dial._say(dial._text(dial.words.step), now, stale_after=now + 1.5)]

    def _text(self, template: str) -> str:
        word = NUMBER_WORDS[self.value]
        return template.format(n=word, low=word.lower())

    @staticmethod
    def _say(
        text: str, now: float, *, urgent: bool = False, stale_after: float | None = None
    ) -> Say:
        priority = Priority.HIGH if urgent else Priority.NORMAL
        return Say(text, CueKind.PAIN_QUESTION, now, priority, stale_after)


def starting_value(previous: int | None) -> int:
    """Where the dial starts: the last rating of this session (most sets feel like the one
    before), else zero. The runner always hears the number and confirms it, so the start can
    only save a press, never a rating."""
    return previous if previous is not None else 0
