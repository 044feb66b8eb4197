"""The next-morning check-in: reading the answers, judging the morning, and its effect on the plan.

Pure: the caller loads the history (session summaries are enough: `SessionFacts`), calls
`check_in`, shows the result and only then saves the check-in (one write, so nothing is ever
half-stored). The first check-in sets the runner's normal; after that a morning above the median
of the recent ones is a flare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import morning_normal
from session.program import Program
from session.progression import prescribe
from session.records import CheckIn, Prescription, SessionFacts

NOTE_MAX = 500
STIFFNESS_MAX = 24 * 60

FLARE_ADVICE = "Dial the next session back one step; this is normal during rehab."
TEMPORARY_HEADING = "Temporary help while the tendon calms down (wean off again as it settles):"
TEMPORARY_FOOTNOTE = (
    "They calm the tendon so the rehab can be tolerated; they do not fix it. The goal is "
    "always back to your regular shoes, workouts and cadence."
)


class AnswerError(ValueError):
    """An answer that cannot be used; the message says what is expected, fit to show as is."""


def parse_pain(text: str) -> int:
    """Morning Achilles pain, a whole number from 0 to 10."""
    value = text.strip()
    if not value:
        raise AnswerError("Please enter your morning pain, a whole number from 0 to 10.")
    try:
        pain = int(value)
    except ValueError:
        raise AnswerError(
            f"{value!r} is not a whole number: enter your morning pain from 0 to 10."
        ) from None
    if not 0 <= pain <= 10:
        raise AnswerError(f"{pain} is outside the scale: enter a number from 0 to 10.")
    return pain


def parse_stiffness(text: str) -> int | None:
    """Minutes of morning stiffness; blank means not given."""
    value = text.strip()
    if not value:
        return None
    try:
        minutes = int(value)
    except ValueError:
        raise AnswerError(
            f"{value!r} is not a whole number of minutes: enter minutes of morning stiffness "
            "(e.g. 10), or leave it blank."
        ) from None
    if not 0 <= minutes <= STIFFNESS_MAX:
        raise AnswerError(
            f"{minutes} minutes is out of range: enter 0 to {STIFFNESS_MAX}, or leave it blank."
        )
    return minutes


def parse_note(text: str) -> str:
    """An optional free-text note, trimmed."""
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise AnswerError(f"The note is {len(note)} characters long: keep it to {NOTE_MAX}.")
    return note


def make_checkin(pain: int, stiffness: int | None, note: str, now: dt.datetime) -> CheckIn:
    """A check-in for the local day of `now` (aware), recorded at `now` in UTC."""
    return CheckIn(
        day=now.date(),
        pain=pain,
        stiffness_minutes=stiffness,
        note=note,
        recorded_at=now.astimezone(dt.UTC),
    )


def replacing(checkins: Sequence[CheckIn], new: CheckIn) -> list[CheckIn]:
    """The check-ins once `new` is saved: one per day, so it replaces one of the same day."""
    return sorted((*(c for c in checkins if c.day != new.day), new), key=lambda c: c.recorded_at)


def _fmt(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class CheckInResult:
    """What a check-in means: against the runner's normal, and for the next session."""

    checkin: CheckIn
    normal: float | None
    """The runner's normal before this morning; None when this is the first check-in."""
    replaces: CheckIn | None
    """This morning's earlier check-in, which this one replaces."""
    before: Prescription
    """The next session as planned before this check-in."""
    after: Prescription
    """The next session once this check-in is saved."""
    calming: tuple[str, ...]
    """The program's temporary calming measures (shown on a flare)."""

    @property
    def first(self) -> bool:
        return self.normal is None

    @property
    def flare(self) -> bool:
        return self.normal is not None and self.checkin.pain > self.normal

    def verdict(self) -> str:
        """One calm paragraph: how this morning compares with normal, and what to do."""
        pain = self.checkin.pain
        if self.normal is None:
            return (
                f"Morning pain {pain}/10. This first check-in sets your normal; later mornings "
                "are compared with the median of your recent ones."
            )
        normal = _fmt(self.normal)
        if not self.flare:
            return f"Morning pain {pain}/10: no worse than your normal ({normal}/10). Carry on."
        flared = (
            f"Morning pain {pain}/10 is above your normal ({normal}/10): the tendon is a little "
            "flared."
        )
        if self.after.step < self.before.step:
            return f"{flared} {FLARE_ADVICE}"
        if self.after.flare:
            return (
                f"{flared} This is normal during rehab. You are on the first step already, so "
                "the next session stays there."
            )
        return (
            f"{flared} This is normal during rehab. No session came before this morning, so "
            "the next session is unchanged: go gently, and use the temporary help."
        )

    def effect(self) -> str:
        """The change this check-in makes to the next session, in plain words."""
        before, after = self.before, self.after
        if after.step < before.step:
            return f"Next session dialled back to {after.label} (it was {before.label})."
        if after.step > before.step:
            return f"Next session moves up to {after.label} (it was {before.label})."
        return f"Next session stays at {after.label}."


def check_in(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    new: CheckIn,
    now: dt.datetime,
) -> CheckInResult:
    """Judge `new` against the stored check-ins; the next session with and without it."""
    earlier = [c for c in checkins if c.day != new.day and c.recorded_at < new.recorded_at]
    replaces = next((c for c in checkins if c.day == new.day), None)
    finished = [s for s in sessions if s.finished]
    return CheckInResult(
        checkin=new,
        normal=morning_normal(earlier, program.rules.morning_normal_window),
        replaces=replaces,
        before=prescribe(program, finished, checkins, now),
        after=prescribe(program, finished, replacing(checkins, new), now),
        calming=tuple(m.text for m in program.calming_measures),
    )


def checkin_due(
    sessions: Sequence[SessionFacts], checkins: Sequence[CheckIn], now: dt.datetime
) -> bool:
    """Whether to offer the check-in now: a later day than the last session with a set done,
    and no check-in for a later day than that session yet (so it is asked once, next morning,
    or on the first launch after that if the morning was missed)."""
    trained = [s for s in sessions if s.finished and s.sets_done]
    if not trained:
        return False
    last = max(trained, key=lambda s: s.started_at)
    session_day = last.started_at.astimezone(now.tzinfo).date()
    if now.date() <= session_day:
        return False
    return not any(c.day > session_day for c in checkins)
