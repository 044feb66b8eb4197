"""Part 1's chart: the working load of each calf raise, week by week, beside the pain lines.

The load of a week is the heaviest working load of that exercise and stance in it (the lightest
load of each session's sets: the one the rules step from; `session.strength.summary`). The pain
lines are the same weeks' highest pain during sessions and next-morning pain, on their own 0-10
axis on the right, so a rise in load can be read against what the tendon said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.widgets.trend_plots import TrendPlot, _dates, _frame, _nice_ticks

if TYPE_CHECKING:
    from session.strength.program import StrengthProgram
    from session.strength.summary import WeekLoads
    from session.trends import Week

LINE_COLORS = ("green+", "cyan+", "yellow+", "white")


def draw_loads(
    plot: TrendPlot,
    strength: StrengthProgram,
    loads: Sequence[WeekLoads],
    weeks: Sequence[Week],
    start: dt.date,
    end: dt.date,
) -> None:
    """One line per calf raise (and stance): its load by week; pain by week on the right."""
    unit = strength.load.unit
    _frame(plot, f"Calf raises: load added by week ({unit}), with pain 0-10 (right)")
    plt = plot.plt
    shown = [w for w in loads if start - dt.timedelta(days=6) <= w.start <= end]
    top = _load_lines(plot, strength, shown)
    _pain_lines(plot, weeks)
    ticks = _nice_ticks(max(int(top + 0.999), 5))
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks)
    # plotext annotates yside as a number; it takes "left" or "right".
    plt.ylim(0, 10, yside="right")  # type: ignore[arg-type]
    plt.yticks([0.0, 2.0, 4.0, 6.0, 8.0, 10.0], yside="right")  # type: ignore[arg-type]
    _dates(plot, start, end)
    if top == 0 and not any(w.loads for w in shown):
        plt.text("No calf raises yet", (start.toordinal() + end.toordinal()) / 2, ticks[-1] / 2)


def _load_lines(plot: TrendPlot, strength: StrengthProgram, shown: Sequence[WeekLoads]) -> float:
    """A line per exercise and stance; the heaviest load drawn."""
    from session.strength.summary import series_name

    top = 0.0
    for i, key in enumerate(sorted({key for w in shown for key in w.loads})):
        points = [(w.start.toordinal() + 3, w.loads[key]) for w in shown if key in w.loads]
        top = max(top, *(y for _, y in points))
        plot.plt.plot(
            [x for x, _ in points],
            [y for _, y in points],
            label=series_name(strength, key),
            marker="braille",
            color=LINE_COLORS[i % len(LINE_COLORS)],
        )
    return top


def _pain_lines(plot: TrendPlot, weeks: Sequence[Week]) -> None:
    """The weeks' highest pain during sessions and on the mornings after, on the right axis."""
    for values, label, color in (
        ([(w.start.toordinal() + 3, w.peak_pain) for w in weeks], "pain during", "blue+"),
        ([(w.start.toordinal() + 3, w.morning_pain) for w in weeks], "next morning", "magenta+"),
    ):
        points = [(x, y) for x, y in values if y is not None]
        if points:
            plot.plt.plot(
                [x for x, _ in points],
                [y for _, y in points],
                label=label,
                marker="dot",
                color=color,
                yside="right",
            )
