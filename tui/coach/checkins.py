"""The morning check-in form: what the runner is told before answering.

Their normal (the median of the last mornings, before today), how many mornings it is taken
from, and this morning's check-in if there is one already (saving again replaces it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from session.morning import morning_normal

if TYPE_CHECKING:
    from session.program import PainZone, Program
    from session.records import CheckIn


@dataclass(frozen=True, slots=True)
class CheckInForm:
    """What the check-in screen shows above the questions."""

    now: dt.datetime
    normal: float | None
    """The runner's normal morning pain; None before the first check-in."""
    mornings: int
    """How many earlier mornings the normal is the median of."""
    earlier_today: CheckIn | None
    zones: tuple[PainZone, ...]


def checkin_form(program: Program, checkins: Sequence[CheckIn], now: dt.datetime) -> CheckInForm:
    today = next((c for c in checkins if c.day == now.date()), None)
    earlier = [c for c in checkins if c.day != now.date()]
    window = program.rules.morning_normal_window
    return CheckInForm(
        now=now,
        normal=morning_normal(earlier, window),
        mornings=min(window, len(earlier)),
        earlier_today=today,
        zones=tuple(sorted(program.pain_zones, key=lambda z: z.low)),
    )
