"""The dose by week: which week of part 1 a day falls in, and so its sets and RM.

Weeks count from the first calf-raise session (week 1 is that day and the six after it). A break
longer than the program's `long_break_days` (calendar days, counted as a person does) puts the
runner back to the first week of the dose block before the one they were in: more reps at a
lighter load, because a rested tendon has lost some of its tolerance and the heavier blocks are
the ones most likely to flare it. A break longer than `restart_after_days` starts part 1 again
at week 1. Weeks then count on from the day of the return. These are our conservative choices;
the study (Beyer 2015) trained without breaks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from session.strength.program import StrengthProgram


@dataclass(frozen=True, slots=True)
class Return:
    """A return after a long break: on `day`, after `gap_days`, back to week `week`."""

    day: dt.date
    gap_days: int
    week: int
    restart: bool


@dataclass(frozen=True, slots=True)
class PartOneWeek:
    """Where a day falls in part 1, and why, in plain words."""

    week: int
    block: int
    reasons: tuple[str, ...]
    first_day: dt.date | None
    """The first calf-raise session; None before it."""
    last_return: Return | None
    """The latest return after a long break, today's included; None without one."""
    today_is_return: bool = False
    """Today ends a long break (the load rules step down for it)."""


def _day(day: dt.date) -> str:
    return day.strftime("%a %d %b")


def _week_on(anchor: dt.date, day: dt.date) -> int:
    return (day - anchor).days // 7 + 1


def week_of(
    program: StrengthProgram, session_days: Iterable[dt.date], today: dt.date
) -> PartOneWeek:
    """The part-1 week of `today`, from the local days on which calf raises were done (at least
    one set); days after `today` are ignored."""
    days = sorted({d for d in session_days if d <= today})
    if not days:
        first = program.doses[0]
        return PartOneWeek(
            week=1,
            block=0,
            reasons=(
                f"Your first calf raises: week 1 of part 1, {first.dose}.",
                program.words.rm_explained,
            ),
            first_day=None,
            last_return=None,
        )
    anchor = days[0]
    last_return: Return | None = None
    for prev, day in pairwise([*days, today]):
        back = _return(program, anchor, prev, day)
        if back is not None:
            last_return = back
            anchor = day - dt.timedelta(weeks=back.week - 1)
    week = _week_on(anchor, today)
    block = program.block_index(week)
    today_is_return = last_return is not None and last_return.day == today and today != days[-1]
    if today_is_return and last_return is not None:
        reasons: tuple[str, ...] = (_return_words(program, last_return, days[-1]),)
    else:
        reasons = _week_words(program, week, days[0], last_return)
    return PartOneWeek(week, block, reasons, days[0], last_return, today_is_return)


def _week_words(
    program: StrengthProgram, week: int, first: dt.date, last_return: Return | None
) -> tuple[str, ...]:
    dose = program.doses[program.block_index(week)].dose
    if last_return is not None:
        return (
            f"Week {week} of part 1: {dose}.",
            f"The weeks count on from week {last_return.week} on {_day(last_return.day)}, when "
            f"you came back after {last_return.gap_days} days without calf raises.",
        )
    return (
        f"Week {week} of part 1: {dose}.",
        f"The weeks count from your first calf raises, on {_day(first)}.",
    )


def _return(
    program: StrengthProgram, anchor: dt.date, prev: dt.date, day: dt.date
) -> Return | None:
    """The return on `day` if the gap since `prev` is a long break, else None."""
    gap = (day - prev).days
    rules = program.rules
    if gap > rules.restart_after_days:
        return Return(day, gap, 1, restart=True)
    if gap > rules.long_break_days:
        was = program.block_index(_week_on(anchor, prev))
        return Return(day, gap, program.doses[max(was - 1, 0)].from_week, restart=False)
    return None


def _return_words(program: StrengthProgram, back: Return, last: dt.date) -> str:
    dose = program.doses[program.block_index(back.week)].dose
    since = f"It has been {back.gap_days} days since your last calf raises ({_day(last)})"
    if back.restart:
        return (
            f"{since}, more than {program.rules.restart_after_days}: part 1 starts again at "
            f"week 1 ({dose}), to rebuild the tendon's tolerance."
        )
    return (
        f"{since}, more than {program.rules.long_break_days}: back to week {back.week} of "
        f"part 1 ({dose}), to ease in again."
    )
