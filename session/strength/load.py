"""The load proposal: for each calf raise, the next session's load from the last one, and why.

The rules, per exercise and stance (both legs, or one leg at a time: a different load):
- never done: start at the program's starting load (body weight only in the seed);
- every rep of every set done, pain below the stop zone (at most 5/10), and a next-morning
  check-in with no flare (the program may waive the check-in): up one step;
- each of these takes one step down: pain in the stop zone in that exercise; a flare on the
  mornings after; reps short of the target two sessions running (the load is above the RM);
  the first session after a long break; more reps per set than last time (a lighter dose block);
- anything else (reps short once, sets missed, no check-in, pain in the stop zone in another
  exercise, not done last time) holds the load;
- part 1 starting again after a very long break goes back to the starting load.
Loads never go below nothing added. Each sentence of the reason is built from the same facts
as the number it explains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from session.records import SessionStatus
from session.strength.mornings import MorningVerdict
from session.strength.program import Stance, StrengthExercise, StrengthProgram
from session.strength.records import MAX_LOAD, ExerciseDone, LoadProposal, StrengthSummary
from session.strength.weeks import PartOneWeek


@dataclass(frozen=True, slots=True)
class LoadContext:
    """What every exercise's proposal reads: history, the last session's mornings, today's week."""

    program: StrengthProgram
    history: Sequence[StrengthSummary]
    """Finished sessions with at least one strength set, oldest first."""
    morning: MorningVerdict
    """The mornings after the last of `history`."""
    position: PartOneWeek
    stop_threshold: int
    tz: dt.tzinfo | None


@dataclass(frozen=True, slots=True)
class _Done:
    """An exercise as done in one session."""

    session: StrengthSummary
    done: ExerciseDone


def _day(ctx: LoadContext, s: StrengthSummary) -> str:
    return s.started_at.astimezone(ctx.tz).strftime("%a %d %b")


def kg(program: StrengthProgram, load: float) -> str:
    """A load as the screen writes it: "12.5 kg", or "no added load"."""
    return program.words.no_load if load == 0 else f"{load:g} {program.load.unit}"


def whole_steps(program: StrengthProgram, base: float, load: float) -> int | None:
    """How many of the program's steps lead from `base` to `load`; None if not a whole number
    (a drop cut short at nothing added)."""
    steps = (load - base) / program.load.step
    return round(steps) if abs(steps - round(steps)) < 1e-6 else None


def stance_words(stance: Stance) -> str:
    return "both legs" if stance == "both" else "one leg at a time"


def _history_of(ctx: LoadContext, exercise: str, stance: Stance) -> list[_Done]:
    found = []
    for s in ctx.history:
        done = s.done(exercise, stance)
        if done is not None:
            found.append(_Done(s, done))
    return found


def propose_load(ctx: LoadContext, exercise: StrengthExercise, stance: Stance) -> LoadProposal:
    """The next load for `exercise` done in `stance`, with its reasons."""
    program = ctx.program
    done = _history_of(ctx, exercise.id, stance)
    back = ctx.position.last_return
    restart = ctx.position.today_is_return and back is not None and back.restart
    if not done or restart:
        return _start(ctx, exercise, stance, done[-1].done.load_min_kg if done else None)
    latest = done[-1]
    last = ctx.history[-1]
    mine = latest.done if latest.session is last else None
    base = latest.done.load_min_kg
    downs = _downs(ctx, latest, done[-2] if len(done) > 1 else None, mine)
    load, decision = _decide(ctx, base, downs, [] if downs else _holds(ctx, last, mine))
    reasons = [_last_time(ctx, latest, mine is not None), decision]
    new_reps, old_reps = program.doses[ctx.position.block].reps, latest.session.reps
    if new_reps < old_reps:
        reasons.append(
            f"The dose now has fewer reps per set ({new_reps} instead of {old_reps}) at a "
            "heavier RM: the load climbs to it one step at a time, while the rules allow."
        )
    change = "up" if load > base else "down" if load < base else "hold"
    return LoadProposal(
        exercise=exercise.id,
        stance=stance,
        load_kg=load,
        previous_kg=base,
        change=change,
        steps=whole_steps(program, base, load),
        reasons=tuple(reasons),
    )


def _decide(ctx: LoadContext, base: float, downs: list[str], holds: list[str]) -> tuple[float, str]:
    """The load from `base`: a step down for each of `downs`, else held for any of `holds`,
    else one step up; with the sentence that says so."""
    program, rules = ctx.program, ctx.program.load
    if downs:
        load = rules.moved(base, -len(downs))
        return load, _down_words(program, base, load, downs)
    if holds:
        return base, f"Staying at {kg(program, base)}: {'; '.join(holds)}."
    if base + rules.step > MAX_LOAD:
        return base, f"Staying at {kg(program, base)}, the most this app records."
    load = rules.moved(base, 1)
    return load, _up_words(ctx, load)


def _start(
    ctx: LoadContext, exercise: StrengthExercise, stance: Stance, previous: float | None
) -> LoadProposal:
    program = ctx.program
    start = program.load.start
    if previous is None:
        first = (
            f"{exercise.name}, {stance_words(stance)}, for the first time: start with "
            f"{kg(program, start)}."
        )
    else:
        first = f"Part 1 starts again, so the load does too: {kg(program, start)}."
    return LoadProposal(
        exercise=exercise.id,
        stance=stance,
        load_kg=start,
        previous_kg=previous,
        change="start",
        steps=None,
        reasons=(
            first,
            f"It goes up {kg(program, program.load.step)} each time every rep is done with pain "
            f"at most {ctx.stop_threshold - 1}/10" + _morning_rule(ctx) + ".",
        ),
    )


def _morning_rule(ctx: LoadContext) -> str:
    if ctx.program.rules.rise_needs_morning:
        return " and a next-morning check-in shows no flare"
    return " and no flare the next morning"


def _last_time(ctx: LoadContext, latest: _Done, in_last: bool) -> str:
    d, program = latest.done, ctx.program
    if d.load_min_kg == d.load_max_kg:
        load = kg(program, d.load_min_kg)
    else:
        load = f"{kg(program, d.load_min_kg)} to {kg(program, d.load_max_kg)} (the lighter counts)"
    pain = "no pain rated" if d.max_pain is None else f"pain at most {d.max_pain}/10"
    when = "Last session" if in_last else "Last done"
    return (
        f"{when} ({_day(ctx, latest.session)}): {d.reps_done} of {d.reps_prescribed} reps "
        f"with {load}, {pain}."
    )


def _downs(
    ctx: LoadContext, latest: _Done, earlier: _Done | None, mine: ExerciseDone | None
) -> list[str]:
    """One reason for each step down."""
    found: list[str] = []
    m = ctx.morning
    if mine is not None and mine.max_pain is not None and mine.max_pain >= ctx.stop_threshold:
        found.append(f"pain reached {mine.max_pain}/10 in it, which is too much")
    if m.flare and m.day is not None:
        found.append(
            f"on the morning of {m.day:%a %d %b} the Achilles was worse than usual "
            f"({m.pain}/10; usual {m.usual:g}/10), which means the load was too much for now"
        )
    if mine is not None and mine.short_sets and earlier is not None and earlier.done.short_sets:
        found.append(
            f"reps fell short two sessions running: the load is above your {mine.reps_target}RM"
        )
    back = ctx.position.last_return
    if ctx.position.today_is_return and back is not None:
        found.append(f"after {back.gap_days} days without calf raises, start a step lighter")
    new_reps, old_reps = ctx.program.doses[ctx.position.block].reps, latest.session.reps
    if new_reps > old_reps:
        found.append(
            f"the dose now has more reps per set ({new_reps} instead of {old_reps}), which needs "
            "a lighter load"
        )
    return found


def _holds(ctx: LoadContext, last: StrengthSummary, mine: ExerciseDone | None) -> list[str]:
    """Reasons not to rise, when there is none to step down."""
    found: list[str] = []
    if mine is None:
        found.append(f"it was not done in the last session ({_day(ctx, last)})")
    worst = last.max_pain
    if worst is not None and worst >= ctx.stop_threshold:
        found.append(f"pain reached {worst}/10 in the last session, so no load is added yet")
    elif last.status is SessionStatus.STOPPED_FOR_PAIN:
        found.append("the last session stopped for pain, so no load is added yet")
    if mine is not None:
        if mine.sets_done < mine.sets_target:
            found.append(f"{mine.sets_done} of {mine.sets_target} sets were done")
        if mine.short_sets:
            found.append(
                f"{mine.short_sets} set{'s' if mine.short_sets > 1 else ''} fell short of "
                f"{mine.reps_target} reps, so this load is about your {mine.reps_target}RM"
            )
        if mine.max_pain is None:
            found.append("no pain rating was given")
    if not ctx.morning.checked and ctx.program.rules.rise_needs_morning:
        found.append(
            "no morning check-in since; the load goes up only after a morning with no flare"
        )
    return found


def _down_words(program: StrengthProgram, base: float, load: float, downs: list[str]) -> str:
    why = "; ".join(downs)
    if load == base:
        return f"Staying at {kg(program, load)}, the lightest there is: {why}."
    steps = whole_steps(program, base, load)
    if steps is None:
        return f"Down to {kg(program, load)}: {why}."
    return f"Down {-steps} step{'s' if steps < -1 else ''} to {kg(program, load)}: {why}."


def _up_words(ctx: LoadContext, load: float) -> str:
    m = ctx.morning
    if m.checked and m.day is not None:
        morning = f"no flare the next morning ({m.pain}/10 on {m.day:%a %d %b})"
    else:
        morning = "no morning check-in since (the program does not wait for one)"
    return (
        f"Every rep done, pain at most {ctx.stop_threshold - 1}/10, and {morning}: up one step to "
        f"{kg(ctx.program, load)}."
    )
