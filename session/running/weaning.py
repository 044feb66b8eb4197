"""Weaning the temporary calming measures: one at a time, once the mornings have settled.

The measures in use are the ones ticked on the latest run; a measure is dropped when a run no
longer has it. The clock for the next suggestion starts at the latest of: the morning after the
last flare, the last measure taken up again, and the last drop. It needs `settled_days` of
mornings with no flare (only `between_days` after a drop) and enough check-ins to see it.
A flare pauses weaning; one that follows a drop closely suggests taking that measure up again.
Measures lifted by the gate ("no hills or speed work") are never suggested here.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from session.program import CalmingMeasure
from session.running.mornings import Morning, MorningModel
from session.running.runs import RunRecord
from session.running.speed_program import SpeedProgram

NONE_IN_USE = "No calming measures are in use on your runs."


@dataclass(frozen=True, slots=True)
class Change:
    """The measures dropped or taken up between two runs, on the local day of the later run."""

    day: dt.date
    dropped: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WeaningAdvice:
    in_use: tuple[CalmingMeasure, ...]
    suggest: CalmingMeasure | None
    """The one measure to drop now, if any."""
    paused_by: Morning | None
    """The flare that pauses weaning."""
    restore: CalmingMeasure | None
    """A measure dropped just before a flare: worth taking up again."""
    reasons: tuple[str, ...]


def changes(
    runs: Sequence[RunRecord], known: Collection[str], tz: dt.tzinfo | None
) -> list[Change]:
    """Every change in the `known` measures from one run to the next, oldest first.

    Ids no longer in the program data (a physio removed a measure) are left out."""
    ordered = sorted(runs, key=lambda r: r.started_at)
    found: list[Change] = []
    for before, run in itertools.pairwise(ordered):
        dropped = tuple(m for m in before.calming if m not in run.calming and m in known)
        added = tuple(m for m in run.calming if m not in before.calming and m in known)
        if dropped or added:
            found.append(Change(run.started_at.astimezone(tz).date(), dropped, added))
    return found


def _names(program: SpeedProgram, ids: Sequence[str]) -> str:
    names = [program.measure(i).short for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _caution(program: SpeedProgram, drops: Sequence[Change]) -> list[str]:
    """A word when the latest drop took away more than one measure at once."""
    if not drops or len(drops[-1].dropped) < 2:
        return []
    c = drops[-1]
    return [
        f"On {c.day:%a %d %b} you stopped {_names(program, c.dropped)} at once. One at a time "
        "is safer: if a morning turns worse, take the last one up again."
    ]


def _paused(
    program: SpeedProgram, in_use: tuple[CalmingMeasure, ...], flare: Morning, drops: list[Change]
) -> WeaningAdvice:
    w = program.weaning
    reasons = [
        f"Weaning is paused: the morning of {flare.day:%a %d %b} was worse than usual "
        f"({flare.pain}/10). Keep the measures you use now until the mornings have been settled "
        f"for {w.settled_days} days."
    ]
    restore = None
    if drops and 0 <= (days := (flare.day - drops[-1].day).days) <= w.between_days:
        restore = program.measure(drops[-1].dropped[-1])
        reasons.append(
            f"That came {_days(days)} after you stopped {restore.short}: use it again for now."
        )
    return WeaningAdvice(in_use, None, flare, restore, tuple(reasons))


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _still_waiting(
    program: SpeedProgram, drops: list[Change], adds: list[Change], today: dt.date
) -> tuple[int, str | None]:
    """The settled days needed now, and the words if the last change is too recent for them."""
    w = program.weaning
    last_drop = drops[-1] if drops else None
    last_add = adds[-1] if adds else None
    if last_drop is None and last_add is None:
        return w.settled_days, None
    if last_add is None or (last_drop is not None and last_drop.day > last_add.day):
        assert last_drop is not None
        needed, change, verb = w.between_days, last_drop, "stopped"
        names = _names(program, last_drop.dropped)
    else:
        needed, change, verb = w.settled_days, last_add, "took up"
        names = _names(program, last_add.added)
    elapsed = (today - change.day).days
    if elapsed >= needed:
        return needed, None
    return needed, (
        f"It is {_days(elapsed)} since you {verb} {names}: the next measure can go after "
        f"{_days(needed - elapsed)} more settled."
    )


def _not_yet(
    program: SpeedProgram,
    in_use: tuple[CalmingMeasure, ...],
    mornings: MorningModel,
    drops: list[Change],
    adds: list[Change],
    today: dt.date,
) -> str | None:
    """Why no measure can go today (none lifted by time, too soon, too few check-ins), or None."""
    if not any(m.lifted_by == "weaning" for m in in_use):
        still = ", ".join(m.short for m in in_use)
        return f"Still in use: {still}. That is lifted by the readiness gate, not time."
    needed, waiting = _still_waiting(program, drops, adds, today)
    if waiting is not None:
        return waiting
    window = mornings.between(today - dt.timedelta(days=needed - 1), today)
    wanted = math.ceil(needed / 7 * program.weaning.checkins_per_week)
    if len(window) < wanted:
        return (
            f"Only {len(window)} of the {wanted} morning check-ins needed in the last "
            f"{_days(needed)} to see that the mornings are settled: check in each morning, "
            "then the next measure can go."
        )
    return None


def _suggest(
    program: SpeedProgram, in_use: tuple[CalmingMeasure, ...], needed: int
) -> tuple[CalmingMeasure, str]:
    first = next(m for m in in_use if m.lifted_by == "weaning")
    others = [m.short for m in in_use if m is not first]
    keep = f" Keep {', '.join(others)} for now:" if others else " It is the last one:"
    return first, (
        f"Mornings have been settled for {_days(needed)}: time to drop one calming measure. "
        f"{first.wean}{keep} one change at a time, the next after "
        f"{_days(program.weaning.between_days)} more settled."
    )


def weaning_advice(
    program: SpeedProgram,
    runs: Sequence[RunRecord],
    mornings: MorningModel,
    now: dt.datetime,
) -> WeaningAdvice:
    """What to do about the calming measures today (the local day of `now`)."""
    today = now.date()
    done = sorted((r for r in runs if r.started_at <= now), key=lambda r: r.started_at)
    if not done or not done[-1].calming:
        return WeaningAdvice((), None, None, None, (NONE_IN_USE,))
    in_use = tuple(m for m in program.calming_measures if m.id in done[-1].calming)
    history = changes(done, program.measure_ids(), now.tzinfo)
    drops = [c for c in history if c.dropped]
    adds = [c for c in history if c.added]
    settled_days = program.weaning.settled_days
    recent = mornings.between(today - dt.timedelta(days=settled_days - 1), today)
    flares = [m for m in recent if m.flare]
    if flares:
        return _paused(program, in_use, flares[-1], drops)
    caution = _caution(program, drops)
    why_not = _not_yet(program, in_use, mornings, drops, adds, today)
    if why_not is not None:
        return WeaningAdvice(in_use, None, None, None, (*caution, why_not))
    needed, _ = _still_waiting(program, drops, adds, today)
    first, words = _suggest(program, in_use, needed)
    return WeaningAdvice(in_use, first, None, None, (*caution, words))
