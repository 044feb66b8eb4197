"""The morning check-in: reading the answers, which morning it is about, judging it, its effect.

Pure: the caller loads the history (session summaries are enough: `SessionFacts`), asks
`which_morning` (refused for a future day; when the time leaves it open, the runner picks one of
its choices), reads the answers, calls `check_in`, shows the result and only then saves the
check-in (one write, so nothing is ever half-stored). The morning is read by session.morning, as
the progression rules read it; the words are the program's (`Program.morning_words`), and the
sentence about the next session is composed from the two prescriptions, so it is always true.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import Morning, MorningBook, SetAside, entry_doubt, read_mornings
from session.program import Program, Rules
from session.progression import counts_for_rules, prescribe, prescribe_from
from session.records import CheckIn, Prescription, SessionFacts

NOTE_MAX = 500
STIFFNESS_MAX = 24 * 60

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


def make_checkin(
    pain: int,
    stiffness: int | None,
    note: str,
    now: dt.datetime,
    day: dt.date | None = None,
    *,
    confirmed: bool = False,
) -> CheckIn:
    """A check-in for the morning of `day` (default: the local day of `now`, aware), recorded
    at `now` in UTC. `confirmed`: the runner said which morning it is about."""
    morning = now.date() if day is None else day
    if morning > now.date():
        raise AnswerError(future_message(morning))
    return CheckIn(
        day=morning,
        pain=pain,
        stiffness_minutes=stiffness,
        note=note,
        recorded_at=now.astimezone(dt.UTC),
        confirmed=confirmed,
    )


def replacing(checkins: Sequence[CheckIn], new: CheckIn) -> list[CheckIn]:
    """The check-ins once `new` is saved: one per day, so it replaces one of the same day."""
    return sorted((*(c for c in checkins if c.day != new.day), new), key=lambda c: c.recorded_at)


def _fmt(value: float) -> str:
    return f"{value:g}"


def _date(day: dt.date) -> str:
    return f"{day:%a %d %b %Y}"


# --------------------------------------------------------------------------- which morning


def future_message(day: dt.date) -> str:
    return (
        f"{_date(day)} has not come yet: a check-in is about a morning that has happened. "
        "Check in on that morning, when you wake up."
    )


@dataclass(frozen=True, slots=True)
class MorningChoice:
    """One answer to "which morning is this about?"."""

    key: str
    """What the runner presses or types: "1", "2", or "n" for not a morning."""
    day: dt.date | None
    """The morning chosen; None: not about a morning, so nothing is saved."""
    label: str
    replaces: CheckIn | None = None
    """The check-in already saved for that morning, which this one would replace."""


@dataclass(frozen=True, slots=True)
class WhichMorning:
    """Which morning an entry made now is about: decided, or a question with its choices."""

    entered: dt.datetime
    """The moment the check-in is recorded at (local)."""
    day: dt.date | None
    """The morning, when the time decides it; None when the runner must choose."""
    question: str = ""
    choices: tuple[MorningChoice, ...] = ()
    notice: str = ""
    """Plain words to show with the form, e.g. for a morning days ago; "" when none."""
    named: bool = False
    """The runner named the day (`on` a date): no doubt is left."""

    @property
    def ambiguous(self) -> bool:
        return self.day is None

    def choose(self, key: str) -> MorningChoice:
        for c in self.choices:
            if c.key == key.strip().lower():
                return c
        keys = ", ".join(c.key for c in self.choices)
        raise AnswerError(f"{key.strip()!r} is not one of the choices: answer {keys}.")

    def checkin(
        self, pain: int, stiffness: int | None, note: str, choice: MorningChoice | None = None
    ) -> CheckIn | None:
        """The check-in to judge and save, or None for a "not a morning" choice."""
        if self.day is not None:
            return make_checkin(pain, stiffness, note, self.entered, self.day, confirmed=self.named)
        if choice is None:
            raise AnswerError(f"{self.question} Choose one first.")
        if choice.day is None:
            return None
        return make_checkin(pain, stiffness, note, self.entered, choice.day, confirmed=True)


def _ago(day: dt.date, today: dt.date) -> str:
    n = (today - day).days
    if n <= 0:
        return ""
    when = "yesterday" if n == 1 else f"{n} days ago"
    return f"This check-in is for the morning of {_date(day)}, {when}, not this morning."


def which_morning(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    on: dt.date | dt.datetime | None = None,
) -> WhichMorning:
    """Which morning a check-in made `now` (aware), or named `on`, is about.

    A date names the morning: no doubt. A moment (`on` a datetime, or `now`) is read as
    session.morning.entry_doubt reads it: at night, or after a session done earlier that day,
    the runner is asked. A day or moment still to come raises AnswerError.
    """
    tz = now.tzinfo
    today = now.date()
    by_day = {c.day: c for c in checkins}
    if on is not None and not isinstance(on, dt.datetime):
        if on > today:
            raise AnswerError(future_message(on))
        return WhichMorning(now, on, notice=_ago(on, today), named=True)
    entered = now if on is None else on.astimezone(tz)
    day = entered.date()
    if day > today:
        raise AnswerError(future_message(day))
    if entered > now:
        raise AnswerError(
            f"{entered:%H:%M} today is still to come (it is {now:%H:%M}): a check-in is about "
            "a morning that has happened."
        )
    starts = [
        s.started_at.astimezone(tz)
        for s in sessions
        if s.sets_done and s.started_at.astimezone(tz).date() == day
    ]
    doubt = entry_doubt(day, entered, starts, program.rules.night_ends_hour)
    if doubt is None:
        return WhichMorning(entered, day, notice=_ago(day, today))
    if entered.hour < program.rules.night_ends_hour:
        return _night(entered, by_day)
    return _after_session(entered, max(s for s in starts if s < entered), by_day)


def _choice(key: str, day: dt.date, label: str, by_day: dict[dt.date, CheckIn]) -> MorningChoice:
    old = by_day.get(day)
    if old is not None:
        label += f" (it replaces the {old.pain}/10 already saved for that morning)"
    return MorningChoice(key, day, label, old)


def _night(entered: dt.datetime, by_day: dict[dt.date, CheckIn]) -> WhichMorning:
    day = entered.date()
    yesterday = day - dt.timedelta(days=1)
    return WhichMorning(
        entered,
        None,
        question=f"It is {entered:%H:%M}, at night. Which morning is this check-in about?",
        choices=(
            _choice("1", day, f"This morning, {day:%a %d %b}: I am up for the day", by_day),
            _choice("2", yesterday, f"Yesterday morning, {yesterday:%a %d %b}, on waking", by_day),
            MorningChoice(
                "n",
                None,
                "Not a morning: how it feels tonight. Nothing is saved; check in when you wake up.",
            ),
        ),
    )


def _after_session(
    entered: dt.datetime, session: dt.datetime, by_day: dict[dt.date, CheckIn]
) -> WhichMorning:
    day = entered.date()
    return WhichMorning(
        entered,
        None,
        question=(
            f"You trained today at {session:%H:%M}. Is this about this morning, before the "
            "session, or about how it feels now?"
        ),
        choices=(
            _choice(
                "1", day, f"This morning, {day:%a %d %b}, on waking, before the session", by_day
            ),
            MorningChoice(
                "n",
                None,
                "How it feels now, after the session: that is not a morning answer. "
                "Nothing is saved; check in tomorrow morning, on waking.",
            ),
        ),
    )


def form_intro(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    day: dt.date,
) -> str:
    """The words above the form, for the morning of `day`: what is asked, and the usual it will
    be compared with (the one reading of session.morning: entries that are not mornings are
    left out)."""
    book = read_mornings(sessions, checkins, program.rules, now.tzinfo, now.date())
    usual, n = book.usual_before(day)
    when = "this morning" if day == now.date() else f"on the morning of {day:%a %d %b}"
    text = f"How did the Achilles feel {when}, on waking?"
    if usual is None:
        return f"{text} Your first check-in sets your usual."
    mornings = "morning" if n == 1 else f"{n} mornings"
    return f"{text} Your usual is {_fmt(usual)}/10 (the median of your last {mornings})."


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class CheckInResult:
    """What a check-in means: against the runner's usual, and for the next session."""

    program: Program
    checkin: CheckIn
    morning: Morning | None
    """This morning as read with the others; None when it is set aside (not a morning)."""
    set_aside: SetAside | None
    replaces: CheckIn | None
    """This morning's earlier check-in, which this one replaces."""
    before: Prescription
    """The next session as planned before this check-in."""
    after: Prescription
    """The next session once this check-in is saved."""
    session: SessionFacts | None
    """The session this morning comes after (None: before any session)."""
    last: SessionFacts | None
    """The last session the rules count (the one the next dose follows)."""

    @property
    def usual(self) -> float | None:
        """The runner's usual before this morning; None when this is the first morning."""
        return None if self.morning is None else self.morning.usual

    @property
    def normal(self) -> float | None:
        """The old name of `usual`."""
        return self.usual

    @property
    def first(self) -> bool:
        return self.morning is not None and self.morning.usual is None

    @property
    def flare(self) -> bool:
        return self.morning is not None and self.morning.flare

    @property
    def calming(self) -> tuple[str, ...]:
        """The program's temporary calming measures (shown on a flare), the most protective
        first: the program lists them in the order they are weaned off, so the last one to go
        is the first to take up."""
        return tuple(m.text for m in reversed(self.program.calming_measures))

    @property
    def see_clinician(self) -> bool:
        """Far above the usual, or in a zone that says so: also show the red flags."""
        m = self.morning
        if m is None:
            return False
        return m.far_above or self.program.zone_for(m.pain).see_clinician

    @property
    def red_flags(self) -> tuple[str, ...]:
        return self.program.red_flags.signs

    def verdict(self) -> str:
        """One calm paragraph: how this morning compares with the usual, and what to do."""
        m = self.morning
        if m is None:
            why = "" if self.set_aside is None else f" ({self.set_aside.reason})"
            return f"This is not counted as a morning check-in{why}. Check in on waking."
        w = self.program.morning_words
        zone = self.program.zone_for(m.pain)
        parts: list[str] = []
        if m.usual is None:
            parts.append(w.first)
        elif m.pain_flare:
            parts.append(w.far_above if m.far_above else w.above)
        else:
            parts.append(w.calm)
        if m.stiffness_flare:
            parts.append(w.stiffer)
        if zone.stops:
            parts.append(w.stop_zone)
        if self.see_clinician:
            parts.append(w.see_clinician)
        if self.flare:
            parts.append(self._dose_words())
        elif not zone.stops and m.usual is not None:
            parts.append("Carry on.")
        return " ".join(fill(p, m) for p in parts if p)

    def _dose_words(self) -> str:
        """A flare's sentence about the next session, claimed only when true of `after`."""
        before, after, last = self.before, self.after, self.last
        if self.session is None:
            if after.step == before.step:
                return (
                    "No session came before this morning, so the next session is unchanged: "
                    "go gently, and use the temporary help."
                )
            return ""
        if last is None or self.session is not last:
            return "This morning is not after your last session."
        last_step = min(last.step, len(self.program.ladder) - 1)
        below = last_step - after.step
        if below >= 1:
            if before.flare and before.step == after.step:
                return (
                    "An earlier morning since your last session had already dialled it back: "
                    f"the next session stays at {after.label}."
                )
            steps = "one step" if below == 1 else f"{below} steps"
            return f"The next session goes {steps} below your last one, to {after.label}."
        if after.step == 0 and last_step == 0:
            return (
                f"You are on the first step already, so the next session stays there: "
                f"{after.label}."
            )
        return ""

    def effect(self) -> str:
        """The change this check-in makes to the next session, in plain words."""
        before, after = self.before, self.after
        if after.step < before.step:
            return f"Next session dialled back to {after.label} (it was {before.label})."
        if after.step > before.step:
            return f"Next session moves up to {after.label} (it was {before.label})."
        return f"Next session stays at {after.label}."


def fill(template: str, m: Morning) -> str:
    """A program sentence with the morning's figures filled in."""
    return template.format(
        pain=m.pain,
        usual="" if m.usual is None else _fmt(m.usual),
        rise="" if m.rise is None else _fmt(m.rise),
        stiffness="" if m.stiffness is None else m.stiffness,
        usual_stiffness="" if m.usual_stiffness is None else _fmt(m.usual_stiffness),
    )


def check_in(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    new: CheckIn,
    now: dt.datetime,
) -> CheckInResult:
    """Judge `new` against the stored check-ins; the next session with and without it.

    A check-in for a day after `now`'s raises AnswerError: a morning still to come cannot be
    judged (ask `which_morning` first)."""
    tz, today = now.tzinfo, now.date()
    if new.day > today:
        raise AnswerError(future_message(new.day))
    replaces = next((c for c in checkins if c.day == new.day), None)
    saved = replacing(checkins, new)
    book = read_mornings(sessions, saved, program.rules, tz, today)
    morning = book.morning_of(new.day)
    if morning is not None and morning.checkin != new:
        morning = None
    aside = next((a for a in book.set_aside if a.checkin == new), None)
    done = [s for s in book.sessions if counts_for_rules(s, today, tz)]
    return CheckInResult(
        program=program,
        checkin=new,
        morning=morning,
        set_aside=aside,
        replaces=replaces,
        before=prescribe(program, sessions, checkins, now),
        after=prescribe_from(program, book, now),
        session=None if morning is None else book.session_before(morning),
        last=done[-1] if done else None,
    )


def checkin_due(
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
    rules: Rules | None = None,
) -> bool:
    """Whether to offer the check-in now: a later day than the last session with a set done,
    and no morning for a later day than that session yet (so it is asked once, next morning,
    or on the first launch after that if the morning was missed). Entries that are not
    mornings (session.morning) do not answer it."""
    trained = [s for s in sessions if s.sets_done and counts_for_rules(s, now.date(), now.tzinfo)]
    if not trained:
        return False
    last = max(trained, key=lambda s: s.started_at)
    session_day = last.started_at.astimezone(now.tzinfo).date()
    if now.date() <= session_day:
        return False
    book = MorningBook(sessions, checkins, rules or Rules(), now.tzinfo, now.date())
    return not book.answered_after(session_day)
