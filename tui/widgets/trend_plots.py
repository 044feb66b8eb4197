"""The History screen's charts, drawn with textual-plotext: pain, volume, adherence and the ladder.

Each `draw_*` clears a PlotextPlot and draws one chart with dated axes (x is the day's ordinal,
labelled with dates by us, so the axes never depend on plotext's date parsing). The data comes
from session.history rows and session.trends weeks, already cut to the chosen range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual_plotext import PlotextPlot

if TYPE_CHECKING:
    from session.history import HistoryRow
    from session.program import Program
    from session.trends import Week

PER_SESSION_WEEKS = 13
"""Up to this many weeks the pain chart shows every session; beyond, each week's highest."""
ZONE_COLORS = ((80, 190, 80), (230, 160, 30), (220, 60, 60))
"""Safe, acceptable, too much: RGB, so the plot theme cannot remap them."""


class TrendPlot(PlotextPlot):
    """A plotext chart that fills the rest of its tab."""

    DEFAULT_CSS = "TrendPlot { height: 1fr; }"


def _ticks(start: dt.date, end: dt.date, count: int = 6) -> tuple[list[float], list[str]]:
    first, last = start.toordinal(), end.toordinal()
    span = max(last - first, 1)
    ticks = sorted({first + round(span * k / (count - 1)) for k in range(count)})
    fmt = "%d %b" if span <= 300 else "%b %y"
    return [float(t) for t in ticks], [dt.date.fromordinal(t).strftime(fmt) for t in ticks]


def _frame(plot: PlotextPlot, title: str) -> None:
    plot.plt.clear_figure()
    # The theme is applied at render time, but text labels take their background when drawn:
    # apply it now so the zone labels sit on the plot's own background.
    plot.plt.theme(plot._get_plotext_theme_name(plot.app.theme))
    plot.plt.title(title)


def _dates(plot: PlotextPlot, start: dt.date, end: dt.date) -> None:
    """The dated x axis; set after the data (bar charts reset the ticks)."""
    plot.plt.xlim(start.toordinal() - 1, end.toordinal() + 1)
    ticks, labels = _ticks(start, end)
    plot.plt.xticks(ticks, labels)


def _nice_ticks(top: int) -> list[float]:
    """About five round ticks from 0 to at least `top`."""
    top = max(top, 1)
    raw = top / 4
    magnitude = 10 ** (len(str(int(raw))) - 1)
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return [float(t) for t in range(0, top + step, step)]


def _zone_color(index: int, stops: bool) -> tuple[int, int, int]:
    return ZONE_COLORS[2] if stops else ZONE_COLORS[min(index, 1)]


def draw_pain(
    plot: PlotextPlot,
    rows: Sequence[HistoryRow],
    weeks: Sequence[Week],
    program: Program,
    start: dt.date,
    end: dt.date,
) -> None:
    """Highest pain during sessions and next-morning pain, with the pain zones marked."""
    per_session = (end - start).days <= PER_SESSION_WEEKS * 7
    how = "each session" if per_session else "each week's highest"
    _frame(plot, f"Pain 0-10: {how}")
    plt = plot.plt
    during, morning = _pain_points(rows, weeks, per_session)
    for points, label, line_color in (
        (during, "during sessions", "blue+"),
        (morning, "next morning", "magenta+"),
    ):
        xs = [x for x, y in points if y is not None]
        ys = [y for _, y in points if y is not None]
        if xs:
            plt.plot(xs, ys, label=label, marker="braille", color=line_color)
    zones = sorted(program.pain_zones, key=lambda z: z.low)
    right = end.toordinal()
    for i, zone in enumerate(zones):
        color = _zone_color(i, zone.stops)
        if zone.low > 0:
            plt.hline(zone.low - 0.5, color)
        middle = (zone.low + min(zone.high, 10)) / 2
        plt.text(zone.label, right, middle, alignment="right", color=color)
    plt.ylim(0, 10)
    plt.yticks([0.0, 2.0, 4.0, 6.0, 8.0, 10.0])
    _dates(plot, start, end)


Points = list[tuple[int, int | None]]


def _pain_points(
    rows: Sequence[HistoryRow], weeks: Sequence[Week], per_session: bool
) -> tuple[Points, Points]:
    """(day ordinal, pain) during sessions and the next morning: per session, or per week."""
    if not per_session:
        during = [(w.start.toordinal() + 3, w.peak_pain) for w in weeks]
        return during, [(w.start.toordinal() + 3, w.morning_pain) for w in weeks]
    ordered = sorted(rows, key=lambda r: r.started)
    during = [(r.day.toordinal(), r.max_pain) for r in ordered]
    morning: Points = [
        (r.morning.checkin.day.toordinal(), r.morning.pain)
        for r in ordered
        if r.morning is not None
    ]
    return during, morning


def draw_volume(plot: PlotextPlot, weeks: Sequence[Week], start: dt.date, end: dt.date) -> None:
    """Reps done per week (both legs, every exercise)."""
    _frame(plot, "Training volume: reps per week (both legs)")
    plt = plot.plt
    if weeks:
        plt.bar([w.start.toordinal() + 3 for w in weeks], [w.reps for w in weeks], width=0.6)
    ticks = _nice_ticks(max((w.reps for w in weeks), default=0))
    plt.ylim(0, ticks[-1])
    plt.yticks(ticks)
    _dates(plot, start, end)


def draw_adherence(plot: PlotextPlot, weeks: Sequence[Week], start: dt.date, end: dt.date) -> None:
    """Training days each week (days with a set done: two sessions in one evening are one day of
    load) against the planned three."""
    planned = weeks[0].planned if weeks else 3
    _frame(plot, f"Training days per week (planned: {planned})")
    plt = plot.plt
    if weeks:
        plt.bar(
            [w.start.toordinal() + 3 for w in weeks],
            [w.training_days for w in weeks],
            width=0.6,
            color="green",
        )
    plt.hline(planned, "blue+")
    top = max([planned, *(w.training_days for w in weeks)]) + 1
    plt.ylim(0, top)
    plt.yticks([float(t) for t in range(top + 1)])
    _dates(plot, start, end)


def draw_ladder(
    plot: PlotextPlot,
    rows: Sequence[HistoryRow],
    program: Program,
    start: dt.date,
    end: dt.date,
) -> None:
    """The ladder step of every session: climbing, holding, or stepping back."""
    _frame(plot, "Ladder position (step of each session)")
    plt = plot.plt
    ordered = sorted(rows, key=lambda r: r.started)
    if ordered:
        plt.plot(
            [r.day.toordinal() for r in ordered],
            [r.step + 1 for r in ordered],
            marker="braille",
            color="cyan+",
        )
    steps = [float(n) for n in range(1, len(program.ladder) + 1)]
    labels = [f"{n:g} C{s.circuit} {s.dose}" for n, s in zip(steps, program.ladder, strict=True)]
    plt.ylim(0.5, len(steps) + 0.5)
    plt.yticks(steps, labels)
    _dates(plot, start, end)
