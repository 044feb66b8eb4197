"""The History screen's running charts (textual-plotext): running minutes per week beside the
pain, the limb symmetry over time, and the VISA-A-based score with its marks.

Dated axes as in tui.widgets.trend_plots (x is the day's ordinal, labelled by us). The data is
session.running.review's, already cut to the chosen range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual_plotext import PlotextPlot

from tui.widgets.trend_plots import _dates, _frame, _nice_ticks

if TYPE_CHECKING:
    from session.running.outcome import OutcomeTrend
    from session.running.review import RunWeek, SymmetryPoint
    from session.running.speed_program import Outcome, SpeedProgram

LINE_COLORS = {"heel_raise": "cyan+", "side_hop": "magenta+", "hop_count": "yellow+"}


def draw_run_minutes(
    plot: PlotextPlot, weeks: Sequence[RunWeek], start: dt.date, end: dt.date
) -> None:
    """Minutes run per week (bars), beside the week's highest pain during runs and in the morning
    (lines, 0-10 on the right)."""
    _frame(plot, "Running minutes per week, and pain 0-10 (right)")
    plt = plot.plt
    if weeks:
        xs = [w.start.toordinal() + 3 for w in weeks]
        plt.bar(xs, [w.minutes for w in weeks], width=0.6, color="green", label="minutes")
        for values, label, color in (
            ([w.peak_pain for w in weeks], "pain during runs", "blue+"),
            ([w.morning_pain for w in weeks], "morning pain", "red+"),
        ):
            points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            if points:
                plt.plot(
                    [x for x, _ in points],
                    [v for _, v in points],
                    yside="right",
                    marker="braille",
                    color=color,
                    label=label,
                )
        plt.ylim(0, 10, yside="right")  # type: ignore[arg-type]  # (plotext takes a side)
    ticks = _nice_ticks(round(max((w.minutes for w in weeks), default=0)))
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks)
    _dates(plot, start, end)


def draw_symmetry(
    plot: PlotextPlot,
    points: Sequence[SymmetryPoint],
    speed: SpeedProgram,
    start: dt.date,
    end: dt.date,
) -> None:
    """The sore side as a share of the other, per test, with the gate's line (90%)."""
    _frame(plot, "Limb symmetry: sore side as % of the other side")
    plt = plot.plt
    for kind in ("heel_raise", "side_hop", "hop_count"):
        mine = [p for p in points if p.kind == kind]
        if mine:
            plt.plot(
                [p.day.toordinal() for p in mine],
                [p.lsi for p in mine],
                marker="braille",
                color=LINE_COLORS[kind],
                label=speed.tests.name(kind),
            )
    for c in speed.gate.symmetry:
        plt.hline(c.min_lsi, "green")
    top = max([110.0, *(p.lsi for p in points)])
    plt.ylim(0, top)
    plt.yticks([0.0, 25.0, 50.0, 75.0, 90.0, 100.0])
    _dates(plot, start, end)


def draw_score(
    plot: PlotextPlot, trend: OutcomeTrend, outcome: Outcome, start: dt.date, end: dt.date
) -> None:
    """The score over time, with 90 (recovered) and the baseline plus the important change."""
    _frame(
        plot,
        f"{outcome.label} (0-100): {trend.recovered} recovered; "
        f"first score + {outcome.important_change} = an important change",
    )
    plt = plot.plt
    shown = [p for p in trend.points if p.day >= start]
    if shown:
        plt.plot(
            [p.day.toordinal() for p in shown],
            [p.score for p in shown],
            marker="braille",
            color="red+",
            label="score",
        )
    plt.hline(trend.recovered, "green")
    if trend.target is not None:
        plt.hline(trend.target, "blue+")
    plt.ylim(0, 100)
    plt.yticks([0.0, 20.0, 40.0, 60.0, 80.0, float(trend.recovered), 100.0])
    _dates(plot, start, end)
