"""The pain question answered with the remote: `session.pain_dial.PainDial` in the app.

The pain screen hooks it up (`PainKeys.hook`): the workout's `Remote` hands its presses to the
dial, whose words go to the voice and are shown as said (`DialShown`), and whose confirmed
rating (after its grace) is committed through the pain screen's own answer, exactly as a digit
key answers. A remote that cannot confirm a rating (its keys never repeat and it has no confirm
button) does at the question what it does during a set: pause / resume and stop for pain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from session.clicker import Button, ClickerMapping, Press
from session.effects import Say
from session.pain_dial import Commit, DialEffect, DialPhase, DialWords, PainDial, starting_value
from session.records import SessionRecord
from tui.clicker.remote import Alarm, Remote, Schedule, set_controls

NO_HOLD_WORDS = DialWords(
    hint="Next for up, back for down, then press confirm.",
    hint_one_button="Press to go up, then press confirm.",
    reminder="Pain is {low}. Press confirm to save it.",
)
"""For a remote whose keys cannot be held (a headset): its confirm button saves."""


def words_for(mapping: ClickerMapping) -> DialWords:
    """What the dial says: "hold to confirm" only where a key can be held."""
    return DialWords() if mapping.repeat_delay is not None else NO_HOLD_WORDS


def start_of(record: SessionRecord) -> int:
    """Where the dial starts: the session's last rating (of either part), else zero."""
    rated = [done.pain for done in record.all_sets if done.pain is not None]
    return starting_value(rated[-1] if rated else None)


@dataclass(frozen=True, slots=True)
class DialShown:
    """What the pain screen shows of the dial: its value, and the words last said."""

    value: int
    saved: bool
    """Said back ("Four. Saved."): committed once its grace is over, unless changed."""
    words: str


class DialControl:
    """One pain question's dial: presses in; words to `say`, the value to `show`, the confirmed
    rating to `commit` (once). Times are real seconds (`now`), as the remote's."""

    def __init__(
        self,
        mapping: ClickerMapping,
        start: int,
        *,
        now: Callable[[], float],
        schedule: Schedule,
        say: Callable[[Say], None],
        show: Callable[[DialShown], None],
        commit: Callable[[int], None],
    ) -> None:
        self.mapping = mapping
        self._start = start
        self._now = now
        self._say = say
        self._show = show
        self._commit = commit
        self._alarm = Alarm(schedule, self.tick)
        self.dial: PainDial | None = None
        self.words = ""
        self.closed = False

    def begin(self) -> None:
        """Ask: the starting value, said."""
        one_button = not self.mapping.has(Button.BACK)
        dial, effects = PainDial.start(
            self._start, self._now(), one_button=one_button, words=words_for(self.mapping)
        )
        self._apply(dial, effects)

    def press(self, press: Press) -> None:
        dial = self.dial
        if self.closed or dial is None or dial.phase is DialPhase.DONE:
            return  # answered already (a digit key, or the commit): nothing more to change
        self._apply(*dial.press(press, self._now()))

    def tick(self) -> None:
        dial = self.dial
        if self.closed or dial is None:
            return
        self._apply(*dial.tick(self._now()))

    def close(self) -> None:
        self.closed = True
        self._alarm.cancel()

    def _apply(self, dial: PainDial, effects: list[DialEffect]) -> None:
        self.dial = dial
        committed: int | None = None
        for effect in effects:
            if isinstance(effect, Commit):
                committed = effect.rating
            else:
                self.words = effect.text
                self._say(effect)
        self._show(DialShown(dial.value, dial.phase is not DialPhase.ASKING, self.words))
        if committed is not None:
            self.close()
            self._commit(committed)
            return
        due = dial.due()
        self._alarm.set(None if due is None else due - self._now())


@dataclass(frozen=True, slots=True)
class PainHooks:
    """The pain screen's side: what it shows and does."""

    show: Callable[[DialShown], None]
    commit: Callable[[int], None]
    """Answer the question with this rating (the digit keys' path)."""
    pause: Callable[[], None]
    stop_for_pain: Callable[[], None]


@dataclass(frozen=True, slots=True)
class PainKeys:
    """What the pain question needs of the workout's remote, handed to the pain screen."""

    remote: Remote
    start: int
    """Where the dial starts (`session.pain_dial.starting_value` of the last rating)."""
    now: Callable[[], float]
    say: Callable[[Say], None]

    def key(self, key: str, age: float = 0.0) -> bool:
        """A key event on the pain screen: True when it was the remote's."""
        return self.remote.key(key, age)

    def hook(self, schedule: Schedule, hooks: PainHooks) -> Hooked:
        """Listen to the remote until `Hooked.close`: the dial (asking now) when the remote can
        confirm a rating, else the set's controls."""
        mapping = self.remote.mapping
        if not mapping.can_confirm:
            return Hooked(self.remote.listen(set_controls(hooks.pause, hooks.stop_for_pain)))
        dial = DialControl(
            mapping,
            self.start,
            now=self.now,
            schedule=schedule,
            say=self.say,
            show=hooks.show,
            commit=hooks.commit,
        )
        hooked = Hooked(self.remote.listen(dial.press), dial)
        dial.begin()
        return hooked


@dataclass(frozen=True, slots=True)
class Hooked:
    """The remote listened to at the pain question, until closed."""

    stop_listening: Callable[[], None]
    dial: DialControl | None = None

    def tick(self) -> None:
        """Let the dial act on the time now (its alarm does this by itself)."""
        if self.dial is not None:
            self.dial.tick()

    def close(self) -> None:
        if self.dial is not None:
            self.dial.close()
        self.stop_listening()
