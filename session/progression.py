"""Progression: from program, past sessions, morning check-ins and a moment, today's dose and why.

The ladder is walked one step at a time. After the last session:
- stopped for pain (or any rating in the stop zone), or a flare on any morning after it (as
  session.morning reads them): one step back;
- completed with pain below the stop zone and no flare: one step up (the last step repeats);
- ended early, or never finished (left unfinished on an earlier day): the same step again.
Moving to a new circuit also needs a morning check-in showing no flare. A break of more than
`long_break_days` calendar days steps back one more, and before the rest interval has passed the
prescription says when it may start.

The reasons are composed once the dose is known, so every sentence is true of the dose it comes
with; days are counted as a person counts them, in calendar days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import AfterSession, Morning, MorningBook, read_mornings, session_end
from session.program import Program
from session.records import CheckIn, Prescription, SessionFacts, SessionStatus


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where the last session leaves the ladder, and what happened, in plain words."""

    step: int
    facts: str
    """What happened, as a clause: the action is added once the dose is known."""
    flare: bool
    why: str = ""
    """A sentence between the facts and the action, when the rules need explaining."""
    backward: bool = False
    """The rules stepped back (or would have, at the first step)."""


def _day(when: dt.datetime, tz: dt.tzinfo | None) -> str:
    return when.astimezone(tz).strftime("%a %d %b")


def _clock(when: dt.datetime, tz: dt.tzinfo | None) -> str:
    return when.astimezone(tz).strftime("%a %d %b at %H:%M")


def _fmt(value: float) -> str:
    return f"{value:g}"


def counts_for_rules(session: SessionFacts, today: dt.date, tz: dt.tzinfo | None) -> bool:
    """Finished sessions count; so does one left unfinished on an earlier day (it is closed as
    ended early: session.recovery). One unfinished today is the session in progress."""
    return session.finished or session.started_at.astimezone(tz).date() < today


def morning_detail(m: Morning) -> str:
    """The figures of a morning: "3/10; your usual is 1/10", with the stiffness if it flared."""
    parts = []
    if m.pain_flare or not m.stiffness_flare:
        usual = "" if m.usual is None else f"; your usual is {_fmt(m.usual)}/10"
        parts.append(f"{m.pain}/10{usual}")
    if m.stiffness_flare and m.usual_stiffness is not None:
        parts.append(
            f"{m.stiffness} minutes of stiffness; your usual is {_fmt(m.usual_stiffness)} minutes"
        )
    return ", and ".join(parts)


def _flare_facts(after: AfterSession, m: Morning, when: str) -> str:
    which = (
        f"The morning after your last session ({when})"
        if after.ordinal(m) == 1
        else f"On {m.day:%a %d %b}, after your last session ({when}),"
    )
    if m.pain_flare:
        worse = "far worse than usual" if m.far_above else "worse than usual"
    else:
        worse = "stiffer than usual"
    much = "too much" if m.far_above else "a bit too much, which happens during rehab"
    return f"{which} the Achilles was {worse} ({morning_detail(m)}). That means the load was {much}"


def assess(program: Program, after: AfterSession, tz: dt.tzinfo | None) -> Outcome:
    """Apply the rules to the last session and the mornings after it."""
    session = after.session
    last = len(program.ladder) - 1
    base = min(session.step, last)
    when = _day(session.started_at, tz)
    pain = session.max_pain
    morning = after.named
    if session.status is SessionStatus.STOPPED_FOR_PAIN or (
        pain is not None and pain >= program.stop_threshold
    ):
        rated = "" if pain is None else f" at {pain}/10"
        facts = f"Last session ({when}) stopped for pain{rated}"
        return Outcome(max(base - 1, 0), facts, after.flare, backward=True)
    if after.flare and morning is not None:
        return Outcome(max(base - 1, 0), _flare_facts(after, morning, when), True, backward=True)
    if not session.finished or session.interrupted:
        return Outcome(base, f"Last session ({when}) was not finished", False)
    if session.status is SessionStatus.ENDED_EARLY:
        return Outcome(base, f"Last session ({when}) was ended early", False)
    pain_text = "with no pain rated" if pain is None else f"with pain at most {pain}/10"
    if morning is None:
        morning_text = "no morning check-in since"
    else:
        morning_text = f"the next morning was no worse than usual ({morning.pain}/10)"
    facts = f"Last session ({when}) was completed {pain_text}, and {morning_text}"
    if base == last:
        return Outcome(base, facts, False)
    up = base + 1
    if program.ladder[up].circuit != program.ladder[base].circuit and morning is None:
        why = (
            f". Circuit {program.ladder[up].circuit} is harder on the tendon, so moving on "
            "needs a morning check-in with no flare first"
        )
        return Outcome(base, facts, False, why)
    return Outcome(up, facts, False)


def action(program: Program, base: int, step: int, *, backward: bool = False) -> str:
    """What the dose does from `base` (the last session's step) to `step`, ending in its label."""
    label = program.ladder[step].label
    if step < base:
        steps = "one step" if base - step == 1 else f"{base - step} steps"
        return f"back {steps} to {label}"
    if step > base:
        return f"moving up to {label}"
    if backward and step == 0:
        return f"staying at {label} (the first step)"
    if step == len(program.ladder) - 1:
        return f"staying at the regular dose, {label}"
    return f"repeating {label}"


def days_between(earlier: dt.datetime, later: dt.datetime, tz: dt.tzinfo | None) -> int:
    """Calendar days from one moment to another, as a person counts them (Mon to Thu: 3)."""
    return (later.astimezone(tz).date() - earlier.astimezone(tz).date()).days


def prescribe(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
) -> Prescription:
    """Today's prescription. `now` must be timezone-aware; dates in reasons use its timezone.

    `sessions` may be full records or summaries, finished or not (see `counts_for_rules`).
    Linear in the history after sorting, so ten years of it cost milliseconds.
    """
    book = read_mornings(sessions, checkins, program.rules, now.tzinfo, now.date())
    return prescribe_from(program, book, now)


def prescribe_from(program: Program, book: MorningBook, now: dt.datetime) -> Prescription:
    """`prescribe` on a morning book already read (with `now`'s zone and day)."""
    tz = now.tzinfo
    today = now.date()
    done = [s for s in book.sessions if counts_for_rules(s, today, tz)]
    if not done:
        first = program.ladder[0].label
        start = f"No sessions yet: starting at the bottom of the ladder, {first}."
        return prescription_at(program, 0, reasons=[start], decided_at=now)
    outcome = assess(program, book.after(done[-1]), tz)
    base = min(done[-1].step, len(program.ladder) - 1)
    # A session ended before any set was done put no load on the tendon: it neither starts
    # the rest interval nor ends a break.
    trained = [s for s in done if s.sets_done] or done
    ended = session_end(trained[-1])
    days = days_between(ended, now, tz)
    step = outcome.step
    reasons: list[str] = []
    if days > program.rules.long_break_days:
        step = max(outcome.step - 1, 0)
        reasons.append(f"{outcome.facts}{outcome.why}.")
        limit = _fmt(program.rules.long_break_days)
        ease = (
            f"easing in again one step below {program.ladder[outcome.step].label}, at "
            f"{program.ladder[step].label}."
            if step != outcome.step
            else f"easing in again at the first step, {program.ladder[step].label}."
        )
        gap = f"It has been {days} days since your last session (more than {limit})"
        reasons.append(f"{gap}: {ease}")
    else:
        act = action(program, base, step, backward=outcome.backward)
        reasons.append(f"{outcome.facts}{outcome.why}: {act}.")
    earliest: dt.datetime | None = None
    ready = ended + dt.timedelta(hours=program.rules.min_rest_hours)
    if now < ready and trained[-1].sets_done:
        earliest = ready
        reasons.append(
            f"The tendon needs {_fmt(program.rules.min_rest_hours)} hours between sessions: "
            f"the next one can start {_clock(ready, tz)}."
        )
    if outcome.flare and program.calming_measures:
        reasons.append("Meanwhile, temporary help for a flared tendon is listed with the check-in.")
    return prescription_at(
        program, step, reasons=reasons, decided_at=now, earliest_start=earliest, flare=outcome.flare
    )


def prescription_at(
    program: Program,
    step: int,
    *,
    reasons: Sequence[str],
    decided_at: dt.datetime,
    earliest_start: dt.datetime | None = None,
    flare: bool = False,
) -> Prescription:
    """The prescription for ladder `step`: its circuit's exercises at that step's dose."""
    ladder_step = program.ladder[step]
    return Prescription(
        step=step,
        circuit=ladder_step.circuit,
        sets=ladder_step.sets,
        reps=ladder_step.reps,
        label=ladder_step.label,
        exercises=program.circuit(ladder_step.circuit).exercises,
        reasons=tuple(reasons),
        earliest_start=earliest_start,
        decided_at=decided_at,
        flare=flare,
    )
