"""Progression: from program, past sessions, morning check-ins and a moment, today's dose and why.

The ladder is walked one step at a time. After each finished session:
- stopped for pain (or any rating in the stop zone), or a next-morning flare: one step back;
- completed with pain below the stop zone and no flare: one step up (the last step repeats);
- ended early for other reasons: the same step again.
Moving to a new circuit also needs a morning check-in showing no flare. A long break steps back
one more, and before the rest interval has passed the prescription says when it may start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.morning import Mornings
from session.program import Program
from session.records import CheckIn, Prescription, SessionFacts, SessionStatus


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where one finished session leaves the ladder, and the plain-words reason."""

    step: int
    reason: str
    flare: bool


def _day(when: dt.datetime, tz: dt.tzinfo | None) -> str:
    return when.astimezone(tz).strftime("%a %d %b")


def _clock(when: dt.datetime, tz: dt.tzinfo | None) -> str:
    return when.astimezone(tz).strftime("%a %d %b at %H:%M")


def _fmt(value: float) -> str:
    return f"{value:g}"


def assess(
    program: Program,
    session: SessionFacts,
    mornings: Mornings,
    next_start: dt.datetime | None,
    tz: dt.tzinfo | None,
) -> Outcome:
    """Apply the rules to one finished session and the morning after it."""
    last = len(program.ladder) - 1
    base = min(session.step, last)
    when = _day(session.started_at, tz)
    ended = session.ended_at or session.started_at
    pain = session.max_pain
    session_day = session.started_at.astimezone(tz).date()
    # Any morning before the next session that is worse than normal means the load was too much;
    # the worst of them is the one named.
    after = mornings.after_session(ended, next_start, session_day)
    flares = [i for i in after if mornings.is_flare(i)]
    k = (
        max(flares, key=lambda i: mornings.items[i].pain)
        if flares
        else (after[0] if after else None)
    )
    morning = None if k is None else mornings.items[k]
    flare = bool(flares)

    if session.status is SessionStatus.STOPPED_FOR_PAIN or (
        pain is not None and pain >= program.stop_threshold
    ):
        step = max(base - 1, 0)
        return Outcome(
            step,
            f"Last session ({when}) stopped for pain at {pain}/10: {_back(program, base, step)}",
            flare,
        )
    if flare and morning is not None and k is not None:
        normal = mornings.normal_before(k) or 0.0
        step = max(base - 1, 0)
        which = (
            f"The morning after your last session ({when})"
            if k == after[0]
            else f"On {morning.day:%a %d %b}, after your last session ({when}),"
        )
        return Outcome(
            step,
            f"{which} the Achilles was worse than usual "
            f"({morning.pain}/10; your normal is {_fmt(normal)}/10). That means the load was a bit "
            f"too much, which is normal during rehab: {_back(program, base, step)}",
            True,
        )
    if session.status is SessionStatus.ENDED_EARLY:
        return Outcome(
            base,
            f"Last session ({when}) was ended early: repeating {program.ladder[base].label}.",
            False,
        )
    pain_text = "with no pain rated" if pain is None else f"with pain at most {pain}/10"
    if morning is None:
        morning_text = "no morning check-in since"
    else:
        morning_text = f"the next morning was no worse than usual ({morning.pain}/10)"
    done = f"Last session ({when}) was completed {pain_text}, and {morning_text}"
    if base == last:
        return Outcome(
            base, f"{done}: staying at the regular dose, {program.ladder[base].label}.", False
        )
    up = base + 1
    if program.ladder[up].circuit != program.ladder[base].circuit and morning is None:
        return Outcome(
            base,
            f"{done}. Circuit {program.ladder[up].circuit} is harder on the tendon, so moving on "
            "needs a morning check-in with no flare first: repeating "
            f"{program.ladder[base].label}.",
            False,
        )
    return Outcome(up, f"{done}: moving up to {program.ladder[up].label}.", False)


def _back(program: Program, base: int, step: int) -> str:
    if step == base:
        return f"staying at {program.ladder[step].label} (the first step)."
    return f"back one step to {program.ladder[step].label}."


def prescribe(
    program: Program,
    sessions: Sequence[SessionFacts],
    checkins: Sequence[CheckIn],
    now: dt.datetime,
) -> Prescription:
    """Today's prescription. `now` must be timezone-aware; dates in reasons use its timezone.

    `sessions` may be full records or summaries; unfinished ones are ignored. Linear in the
    number of sessions (check-ins are indexed once), so ten years of history cost milliseconds.
    """
    tz = now.tzinfo
    finished = sorted((s for s in sessions if s.finished), key=lambda s: s.started_at)
    reasons: list[str] = []
    earliest: dt.datetime | None = None
    flare = False
    if not finished:
        step = 0
        reasons.append(
            f"No sessions yet: starting at the bottom of the ladder, {program.ladder[0].label}."
        )
    else:
        # Each session carries the step it was done at, so only the last one decides today.
        mornings = Mornings(checkins, program.rules.morning_normal_window)
        outcome = assess(program, finished[-1], mornings, None, tz)
        step, flare = outcome.step, outcome.flare
        reasons.append(outcome.reason)
        # A session ended before any set was done put no load on the tendon: it neither starts
        # the rest interval nor ends a break.
        trained = [s for s in finished if s.sets_done] or finished
        last = trained[-1]
        ended = last.ended_at or last.started_at
        gap_days = (now - ended).total_seconds() / 86400
        if gap_days > program.rules.long_break_days:
            back = max(step - 1, 0)
            reasons.append(
                f"It has been {int(gap_days)} days since your last session (more than "
                f"{_fmt(program.rules.long_break_days)}): "
                + (
                    f"one step back to {program.ladder[back].label}, to ease in again."
                    if back != step
                    else "easing in again at the first step."
                )
            )
            step = back
        ready = ended + dt.timedelta(hours=program.rules.min_rest_hours)
        if now < ready and last.sets_done:
            earliest = ready
            reasons.append(
                f"The tendon needs {_fmt(program.rules.min_rest_hours)} hours between sessions: "
                f"the next one can start {_clock(ready, tz)}."
            )
    if flare and program.calming_measures:
        reasons.append("Meanwhile, temporary help for a flared tendon is listed with the check-in.")
    return prescription_at(
        program, step, reasons=reasons, decided_at=now, earliest_start=earliest, flare=flare
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
