"""The functional tests as data: the heel-raise, hop and side-hop protocols and their words.

Part of assets/return_to_speed.toml (`[tests.*]`), read with the rest of it (session.running.
speed_program); each protocol keeps its `source`. The trial engine (session.workout.functional)
coaches them by voice; session.running.functional keeps and compares their results.
"""

from __future__ import annotations

import string
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

TestKind = Literal["heel_raise", "hop_count", "side_hop"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _placeholders(text: str, allowed: frozenset[str], where: str) -> None:
    """A spoken line may use only its own `{placeholders}`; any other is an error in the file."""
    try:
        used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        raise ValueError(f"{where}: {exc} in {text!r}") from None
    unknown = sorted(used - allowed)
    if unknown:
        known = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
        raise ValueError(
            f"{where}: unknown placeholder {{{unknown[0]}}} in {text!r} "
            f"(this line can use: {known})"
        )


class HeelRaiseProtocol(_Frozen):
    """Paced by a metronome: the count on the up beat, `cue_down` on the down beat, each leg in
    turn until the runner presses a key (they can no longer keep the pace or the height)."""

    name: str
    cue: str = Field(default="", description="What the coach says to announce it (the name).")
    beat_seconds: float = Field(gt=0.2, le=5.0, description="Up on one beat, down on the next.")
    cue_up: str = Field(default="{count}", description="Said on the up beat; {count} the raise.")
    cue_down: str = "down"
    max_count: int = Field(default=200, ge=10, le=1000)
    how: str
    source: str = ""

    @model_validator(mode="after")
    def _words(self) -> Self:
        _placeholders(self.cue_up, frozenset({"count"}), "cue_up")
        _placeholders(self.cue_down, frozenset(), "cue_down")
        return self


class HopCountProtocol(_Frozen):
    """Hops counted aloud at a cadence; afterwards the runner says how many were pain-free."""

    name: str
    cue: str = ""
    hops: int = Field(ge=1, le=50)
    cadence: float = Field(gt=0.3, le=10.0, description="Seconds per hop.")
    question: str = "How many of the {hops} hops were free of pain? Enter the number."
    how: str
    source: str = ""

    @model_validator(mode="after")
    def _words(self) -> Self:
        _placeholders(self.question, frozenset({"hops"}), "question")
        return self


class SideHopProtocol(_Frozen):
    """A timed window: "go", call-outs of the time left, "stop"; then the runner's count."""

    name: str
    cue: str = ""
    seconds: int = Field(ge=5, le=120)
    callouts: tuple[int, ...] = Field(default=(10,), description="Seconds left, said aloud.")
    max_count: int = Field(default=150, ge=10, le=1000)
    question: str = "How many side hops did you count? Enter the number."
    how: str
    source: str = ""

    @model_validator(mode="after")
    def _callouts(self) -> Self:
        wrong = [c for c in self.callouts if not 0 < c < self.seconds]
        if wrong:
            raise ValueError(
                f"callouts: {wrong[0]} seconds left is not inside the {self.seconds} seconds"
            )
        _placeholders(self.question, frozenset(), "question")
        return self


TEST_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "announce": frozenset({"test", "leg"}),
    "announce_leg": frozenset({"leg"}),
    "counted": frozenset({"count", "leg"}),
    "time_left": frozenset({"seconds"}),
    "symmetry": frozenset({"sore", "other", "lsi"}),
    "both_legs": frozenset({"left", "right"}),
}


class TrialWords(_Frozen):
    """What the coach says during a test (the countdown and "switch legs" are the program's)."""

    announce: str = "{test}. {leg} leg."
    announce_leg: str = "{leg} leg."
    any_key: str = "Press any key when you can no longer keep the pace or the height."
    counted: str = "{count}, {leg} leg."
    time_left: str = "{seconds} seconds."
    stop: str = "Stop."
    most: str = "That is as many as we count: well done."
    paused: str = "Paused. This leg starts again from the countdown."
    symmetry: str = "Sore side {sore}, other side {other}: {lsi} percent."
    both_legs: str = "Left {left}, right {right}."
    done: str = "Test done and saved."
    stopped: str = (
        "We stop the test here: pain comes first. What was finished is saved. Rest, and check in "
        "tomorrow morning."
    )
    ended: str = "Test ended. What was finished is saved."

    @model_validator(mode="after")
    def _known_placeholders(self) -> Self:
        for name in type(self).model_fields:
            _placeholders(getattr(self, name), TEST_PLACEHOLDERS.get(name, frozenset()), name)
        return self


class Tests(_Frozen):
    heel_raise: HeelRaiseProtocol
    hop_count: HopCountProtocol
    side_hop: SideHopProtocol
    words: TrialWords = TrialWords()

    def most(self, kind: TestKind) -> int:
        """The highest count a result of `kind` may hold, per leg."""
        if kind == "heel_raise":
            return self.heel_raise.max_count
        if kind == "hop_count":
            return self.hop_count.hops
        return self.side_hop.max_count

    def protocol(self, kind: TestKind) -> HeelRaiseProtocol | HopCountProtocol | SideHopProtocol:
        if kind == "heel_raise":
            return self.heel_raise
        if kind == "hop_count":
            return self.hop_count
        return self.side_hop

    def name(self, kind: TestKind) -> str:
        return self.protocol(kind).name

    def cue(self, kind: TestKind) -> str:
        """How the coach announces the test: its `cue`, else its name."""
        protocol = self.protocol(kind)
        return protocol.cue or protocol.name
