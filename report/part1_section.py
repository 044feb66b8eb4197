"""Part 1 in the physio's report: the calf raises' week, dose and loads, the load of each exercise
week by week (a table; in HTML also a chart), and what the next session lifts and why.

Built from session summaries (part 1's summaries in them) with `session.strength`'s pure review
functions; no set is read. `markdown_lines` and `html_part` only lay out the `PartOneSection`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from session.records import SessionSummary
from session.strength.load import kg, stance_words
from session.strength.prescribe import trained_history
from session.strength.program import StrengthProgram
from session.strength.records import StrengthPrescription
from session.strength.summary import Series, WeekLoads, series_name, weekly_loads

TABLE_WEEKS = 12
CHART_WEEKS = 52
WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 52, 20, 12, 40
COLORS = ("#2e7d32", "#00838f", "#ef6c00", "#6a1b9a")


@dataclass(frozen=True, slots=True)
class PartOneSection:
    """Part 1 as the report shows it."""

    program: StrengthProgram
    enabled: bool
    upcoming: StrengthPrescription | None
    """Part 1 of the next session; None when it holds none (off, or a circuit day)."""
    weeks: Sequence[WeekLoads]
    sessions: int
    """Sessions with at least one calf-raise set."""
    first: dt.date | None

    @property
    def series(self) -> list[Series]:
        return sorted({key for w in self.weeks for key in w.loads})


def part1_section(
    program: StrengthProgram,
    enabled: bool,
    upcoming: StrengthPrescription | None,
    sessions: Sequence[SessionSummary],
    now: dt.datetime,
) -> PartOneSection:
    history = trained_history([s.strength for s in sessions if s.strength is not None])
    return PartOneSection(
        program=program,
        enabled=enabled,
        upcoming=upcoming,
        weeks=weekly_loads(history, now.tzinfo, now.date()),
        sessions=len(history),
        first=history[0].day(now.tzinfo) if history else None,
    )


def facts(p: PartOneSection) -> list[tuple[str, str]]:
    """Part 1's key facts, as (label, value) pairs."""
    if not p.enabled and not p.sessions:
        return [("Part 1 (calf raises)", "off in the runner's settings (done elsewhere)")]
    state = "on" if p.enabled else "off in the runner's settings now"
    since = f", since {p.first:%d %b %Y}" if p.first else ""
    found = [("Part 1 (calf raises)", f"{state}; {p.sessions} session(s) with calf raises{since}")]
    rx = p.upcoming
    if rx is not None:
        found.append(("Part 1 next", f"week {rx.week}, {rx.dose} ({rx.label})"))
        for proposal in rx.loads:
            name = series_name(p.program, (proposal.exercise, proposal.stance))
            found.append((name, f"{kg(p.program, proposal.load_kg)} next ({proposal.change})"))
    return found


def reasons(p: PartOneSection) -> list[str]:
    rx = p.upcoming
    if rx is None:
        return []
    found = list(rx.reasons)
    for proposal in rx.loads:
        name = p.program.exercise(proposal.exercise).name
        found.append(f"{name}, {stance_words(proposal.stance)}: " + " ".join(proposal.reasons))
    return found


def _headers(p: PartOneSection) -> list[str]:
    return ["Week of", *(series_name(p.program, s) for s in p.series)]


def _rows(p: PartOneSection) -> list[list[str]]:
    weeks = list(p.weeks[-TABLE_WEEKS:])[::-1]
    return [
        [
            f"{w.start:%d %b %Y}",
            *(kg(p.program, w.loads[s]) if s in w.loads else "–" for s in p.series),
        ]
        for w in weeks
    ]


def markdown_lines(p: PartOneSection) -> list[str]:
    out = [f"## Part 1: calf raises, load by week (the last {TABLE_WEEKS} weeks)", ""]
    out.append(
        f"The working load (the lightest of a session's sets, added to body weight) of each "
        f"exercise, the heaviest of the week. {p.program.words.rm_explained}"
    )
    out.append("")
    rows = _rows(p)
    if not rows:
        return [*out, "No calf raises yet."]
    headers = _headers(p)
    out.append("| " + " | ".join(headers) + " |")
    out.append("|" + "|".join(" --- " for _ in headers) + "|")
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    why = reasons(p)
    if why:
        out += ["", "**Part 1 of the next session, and why:** " + " ".join(why)]
    return out


@dataclass(frozen=True, slots=True)
class _Scale:
    """Where a week's load falls on the chart."""

    weeks: int
    top: float

    def x(self, i: int) -> float:
        span = WIDTH - LEFT - RIGHT
        return LEFT + (span * i / (self.weeks - 1) if self.weeks > 1 else span / 2)

    def y(self, v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (self.top - v) / self.top


def _axes(scale: _Scale, weeks: Sequence[WeekLoads]) -> list[str]:
    x, y, top = scale.x, scale.y, scale.top
    parts = [
        f'<line x1="{LEFT}" y1="{y(0)}" x2="{WIDTH - RIGHT}" y2="{y(0)}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{y(0)}" x2="{LEFT}" y2="{y(top)}" stroke="#333"/>',
    ]
    for k in range(6):
        v = top * k / 5
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" font-size="11" text-anchor="end">{v:g}</text>'
        )
    every = max(1, (len(weeks) + 6) // 7)
    for i in range(0, len(weeks), every):
        parts.append(
            f'<text x="{x(i):.1f}" y="{y(0) + 16}" font-size="11" text-anchor="middle">'
            f"{weeks[i].start:%d %b %y}</text>"
        )
    return parts


def _series(scale: _Scale, weeks: Sequence[WeekLoads], series: Series, color: str) -> list[str]:
    """One exercise's line (a gap, a week without it, breaks it) and its dots."""
    runs: list[list[str]] = [[]]
    for i, w in enumerate(weeks):
        if series in w.loads:
            runs[-1].append(f"{scale.x(i):.1f},{scale.y(w.loads[series]):.1f}")
        elif runs[-1]:
            runs.append([])
    parts = []
    for run in runs:
        if len(run) > 1:
            parts.append(
                f'<polyline fill="none" stroke="{color}" stroke-width="2" '
                f'points="{" ".join(run)}"/>'
            )
        for point in run:
            cx, cy = point.split(",")
            parts.append(f'<circle cx="{cx}" cy="{cy}" r="2.5" fill="{color}"/>')
    return parts


def load_chart(p: PartOneSection) -> str:
    """An SVG line chart: each exercise's load by week, with its legend."""
    weeks = list(p.weeks[-CHART_WEEKS:])
    if not weeks or not p.series:
        return '<p class="muted">No calf raises yet: nothing to chart.</p>'
    heaviest = max(max(w.loads.values(), default=0.0) for w in weeks)
    scale = _Scale(len(weeks), max(5.0, float(int(heaviest / 5 + 1) * 5)))
    parts = _axes(scale, weeks)
    for k, series in enumerate(p.series):
        color = COLORS[k % len(COLORS)]
        parts += _series(scale, weeks, series, color)
        label = escape(series_name(p.program, series))
        parts.append(
            f'<text x="{LEFT + 8 + 330 * (k % 2)}" y="{HEIGHT - 4 - 14 * (k // 2)}" '
            f'font-size="11" fill="{color}">— {label}</text>'
        )
    title = f"Calf raises: load added by week ({p.program.load.unit})"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif"><title>{escape(title)}</title>' + "".join(parts) + "</svg>"
    )


def html_part(p: PartOneSection) -> str:
    rows = _rows(p)
    if rows:
        head = "".join(f"<th>{escape(h)}</th>" for h in _headers(p))
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows
        )
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    else:
        table = '<p class="muted">No calf raises yet.</p>'
    why = reasons(p)
    next_html = (
        f"<p><b>Part 1 of the next session, and why:</b> {escape(' '.join(why))}</p>" if why else ""
    )
    return (
        "<h2>Part 1: calf raises, load by week</h2>"
        '<p class="muted">The working load (the lightest of a session\'s sets, added to body '
        "weight) of each exercise, the heaviest of the week, beside the weekly pain above. "
        f"{escape(p.program.words.rm_explained)}</p>"
        f"{load_chart(p)}{table}{next_html}"
    )
