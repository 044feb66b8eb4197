"""The morning rule for runs: a morning above usual after a run dials the running back.

Silbernagel's pain-monitoring model governs running as it does the exercises: pain during and
an hour after a run up to 5/10 (program data), settled by the next morning. After the latest run:
- pain above those limits, or any morning after it (up to now) worse than usual: dial back. The
  next run is easy and shorter, no hills or speed, and the words say which run it follows;
- no morning check-in since: ask for one before the next run (nothing is assumed);
- otherwise: carry on as planned.
The plyometric ladder keeps its own rule (session.progression) over the same mornings.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from session.running.mornings import Morning, MorningModel
from session.running.runs import RunRecord
from session.running.speed_program import RunningRules


@dataclass(frozen=True, slots=True)
class RunAdvice:
    """What the runs so far mean for the next one, in plain words."""

    dial_back: bool
    """True: the next run easy and at most `max_minutes`, no hills or speed."""
    max_minutes: int | None
    follows: RunRecord | None
    """The run this advice is about (the latest one before now)."""
    morning: Morning | None
    """The morning the advice names: the worst flare after `follows`, else the first after it."""
    reasons: tuple[str, ...]

    @property
    def waiting_for_morning(self) -> bool:
        return self.follows is not None and self.morning is None and not self.dial_back


NO_MORNING = (
    "No morning check-in since your {run}: check in the next morning, before you run again, so "
    "we know how the tendon took it."
)


def _fmt(value: float) -> str:
    return f"{value:g}"


def latest_run(runs: Sequence[RunRecord], now: dt.datetime) -> RunRecord | None:
    done = [r for r in runs if r.started_at <= now]
    return max(done, key=lambda r: r.started_at) if done else None


def shortened(rules: RunningRules, minutes: float) -> int:
    """The next run's cap after a dial-back: the fraction off, never below the minimum."""
    return max(rules.dial_back_min_minutes, math.floor(minutes * (1 - rules.dial_back_fraction)))


def worst_flare(mornings: Sequence[Morning]) -> Morning | None:
    flares = [m for m in mornings if m.flare]
    return max(flares, key=lambda m: (m.pain, m.recorded_at)) if flares else None


def flare_words(morning: Morning, first: bool, load: str) -> str:
    """ "The morning after your easy run on Tue 04 Mar (40 min) the Achilles was worse than
    usual (4/10; your normal is 2/10)" — the one sentence both rules share for a flare."""
    which = (
        f"The morning after your {load}"
        if first
        else f"On {morning.day:%a %d %b}, after your {load},"
    )
    normal = "" if morning.normal is None else f"; your normal is {_fmt(morning.normal)}/10"
    return f"{which} the Achilles was worse than usual ({morning.pain}/10{normal})"


def _too_much(rules: RunningRules, last: RunRecord, words: str) -> list[str]:
    """The pain limits a run went over, in words (empty when within them)."""
    found: list[str] = []
    if last.pain_during > rules.pain_during_max:
        found.append(
            f"Your {words} hurt {last.pain_during}/10 during the run, above the "
            f"{rules.pain_during_max}/10 the pain-monitoring model allows."
        )
    if last.pain_after is not None and last.pain_after > rules.pain_after_max:
        found.append(
            f"An hour after your {words} the pain was {last.pain_after}/10, above the "
            f"{rules.pain_after_max}/10 the pain-monitoring model allows."
        )
    return found


def run_advice(
    rules: RunningRules,
    runs: Sequence[RunRecord],
    mornings: MorningModel,
    now: dt.datetime,
) -> RunAdvice:
    """The advice for the next run, from the latest run and the mornings after it."""
    tz = now.tzinfo
    last = latest_run(runs, now)
    if last is None:
        return RunAdvice(False, None, None, None, ("No runs logged yet.",))
    words = last.words(tz)
    after = mornings.after(last.ended_at, last.started_at.astimezone(tz).date(), None)
    flare = worst_flare(after)
    reasons = _too_much(rules, last, words)
    if flare is not None:
        reasons.append(
            flare_words(flare, flare is after[0], words)
            + ". That means the run was a bit too much, which is normal during rehab."
        )
    if reasons:
        cap = shortened(rules, last.minutes)
        reasons.append(
            f"Dial the running back: keep the next run easy and shorter, at most {cap} minutes, "
            "with no hills or speed work, until a morning after a run is back to usual."
        )
        return RunAdvice(True, cap, last, flare or (after[0] if after else None), tuple(reasons))
    if not after:
        return RunAdvice(False, None, last, None, (NO_MORNING.format(run=words),))
    settled = after[0]
    return RunAdvice(
        False,
        None,
        last,
        settled,
        (
            f"The morning after your {words} was no worse than usual ({settled.pain}/10): "
            "carry on as planned.",
        ),
    )


def morning_due_after_run(
    runs: Sequence[RunRecord], mornings: MorningModel, now: dt.datetime
) -> bool:
    """Whether to ask for the morning check-in: the latest run was on an earlier local day and no
    morning after it has been checked in yet (so it is asked once, the next morning, or on the
    first launch after it if that morning was missed)."""
    last = latest_run(runs, now)
    if last is None:
        return False
    day = last.started_at.astimezone(now.tzinfo).date()
    if now.date() <= day:
        return False
    return not mornings.after(last.ended_at, day, None)
